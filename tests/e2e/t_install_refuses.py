"""Bad input never touches a disk: an unattended install onto a disk
below the minimum size, and an answer file full of errors, both stop
with messages naming every problem, and leave the disk byte-for-byte as
it was (checksums before and after)."""

import hashlib
import os
import subprocess

from keelinstall import answer_disk, e2e_path
from keelqemu import B, Qemu, check
from t_install_bios import ANSWERS


def used_disk(name, size):
    """A raw disk with data at the start and the end, like a disk with a
    partition table and files on it."""
    path = e2e_path(name + ".raw")
    with open(path, "wb") as f:
        f.truncate(size)
        f.write(os.urandom(1 << 20))
        f.seek(size - (1 << 20))
        f.write(os.urandom(1 << 20))
    return path


def sha256(path):
    """Checksum, skipping the holes of a sparse file cheaply."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 22), b""):
            h.update(chunk)
    return h.hexdigest()


def refused(name, disk, answers, expected):
    ans = answer_disk(name, answers)
    before = sha256(disk)
    q = Qemu(name, args=[
        "-cdrom", B + "/keel.iso", "-boot", "d",
        "-drive", "file=%s,if=virtio,format=raw" % disk,
        "-drive", "file=%s,if=virtio,format=raw" % ans])
    try:
        q.expect("boot:", 60, "the isolinux prompt")
        q.send("\r")
        for text in expected:
            q.expect(text, 300, repr(text))
        q.expect("nothing was written", 60, "the refusal")
        q.expect("installer environment: shell", 60, "the shell after it")
        q.shell()
        q.run("sync")
    finally:
        q.close()
    check(sha256(disk) == before, "%s: the disk changed" % name)
    os.remove(disk)


def test():
    # 13 GiB: below the 13.25 GiB minimum.
    refused("refuse_small", used_disk("refuse_small", 13 << 30), ANSWERS,
            [r"primary disk vda: the disk is too small"])
    bad = (ANSWERS.replace("<ipaddr>10.0.2.15", "<ipaddr>10.0.2.300")
           .replace("<hostname>keel-e2e", "<hostname>-bad-")
           .replace("</installation>",
                    "<script stage=\"filesystem-populated\">x</script>\n"
                    "</installation>"))
    refused("refuse_answers", used_disk("refuse_answers", 16 << 30), bad,
            ["10.0.2.300", "-bad-", "script"])
