"""Bad input never touches a disk: an unattended install onto a disk
below the minimum size, an answer file full of errors, and an
installation-start <script> (served by this test over HTTP) that
fails, all stop with messages naming every problem (the script's own
output on the serial console), and leave the disk byte-for-byte as it
was (checksums before and after).

The run with the bad answer file also has an installed Keel disk (vdc,
an overlay of the base install): once refused, a dry run of a good
answer file for vda names vdc, its Keel and its keel-sr group, left as
they are (the plan leaves disks it does not erase alone and says so:
two keel-sr groups would confuse LVM)."""

import hashlib
import http.server
import os
import threading

from keelinstall import answer_disk, e2e_path
from keelqemu import B, Qemu, check
from t_install_bios import ANSWERS, installed_disk


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


def refused(name, disk, answers, expected, end="nothing was written",
            then="installer environment: shell", extra=(), after=None):
    ans = answer_disk(name, answers)
    before = sha256(disk)
    q = Qemu(name, args=[
        "-cdrom", B + "/keel.iso", "-boot", "d",
        "-drive", "file=%s,if=virtio,format=raw" % disk,
        "-drive", "file=%s,if=virtio,format=raw" % ans] + list(extra) + [
        "-netdev", "user,id=n0", "-device", "e1000,netdev=n0"])
    try:
        q.expect("boot:", 60, "the isolinux prompt")
        q.send("\r")
        for text in expected:
            q.expect(text, 300, repr(text))
        q.expect(end, 60, "the refusal")
        q.expect(then, 60, "the shell after it")
        q.shell()
        if after:
            after(q)
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
    other = installed_disk("refuse_other")
    refused("refuse_answers", used_disk("refuse_answers", 16 << 30), bad,
            ["10.0.2.300", "-bad-", "script"],
            extra=["-drive", "file=%s,if=virtio,format=qcow2" % other],
            after=names_other_install)
    os.remove(other)
    script_fails()


def names_other_install(q):
    """A dry run for vda with vdc holding the base install."""
    q.run("printf 'disk=vda\\nroot-password=longenough\\nmgmt.nic=eth0\\n"
          "mgmt.mode=dhcp\\n' >/tmp/other.conf")
    _, out = q.run("keel-install --answerfile /tmp/other.conf --dry-run",
                   timeout=120)
    for want in ["also holding Keel, left as they are (the host boots only "
                 "from /dev/vda): /dev/vdc (Keel ",
                 "warning: volume group keel-sr of another install on "
                 "/dev/vdc: left as it is"]:
        check(want in out, "the dry run does not say %r:\n%s" % (want, out))


FAILING = b"#!/bin/sh\necho 'inventory: host not registered' >&2\nexit 4\n"


class Failing(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Length", str(len(FAILING)))
        self.end_headers()
        self.wfile.write(FAILING)

    def log_message(self, *args):
        pass


def script_fails():
    """The installation-start script exits 4: the install stops before a
    disk is written, with the script's stderr on the serial line."""
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Failing)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    url = "http://10.0.2.2:%d/register.sh" % srv.server_address[1]
    answers = ANSWERS.replace("</installation>", "<script stage=\"installation-"
                              "start\" type=\"url\">%s</script>\n"
                              "</installation>" % url)
    try:
        refused("refuse_script", used_disk("refuse_script", 16 << 30),
                answers, [r"stage 'scripts: installation-start' failed: "
                          r"<script stage=\"installation-start\"> " + url,
                          "exited with status 4",
                          "inventory: host not registered"],
                end="/dev/vda is untouched",
                # the serial console ran the install, or followed it
                then="installer environment: shell|the install is over: "
                     "failed in stage scripts")
    finally:
        srv.shutdown()
