"""An installed host whose keel-state partition is damaged beyond
`e2fsck -p` (its first MiB, with the superblock, zeroed) boots to a
console that says so and what to do, and opens no shell (issue 10
item 16): before, S20mounts put a RAM /etc/keel with `root:*` in its
place and keel-session took that for a host never installed, an open
root shell on tty1 and the serial line."""
import subprocess

import pexpect

from gptdisk import find
from keelinstall import e2e_path
from keelqemu import Qemu, check
from t_install_bios import installed_disk

NAME = "state_broken"


def damage_state(disk):
    """Zero the first MiB of the disk's keel-state partition."""
    head = e2e_path(NAME + "-head.raw")
    subprocess.run(["qemu-img", "dd", "-f", "qcow2", "-O", "raw",
                    "bs=512", "count=34", "if=" + disk, "of=" + head],
                   check=True)
    with open(head, "rb") as f:
        lba = find(f.read(), "keel-state")
    check(lba is not None, "no keel-state partition on the installed disk")
    subprocess.run(["qemu-io", "-f", "qcow2", "-c",
                    "write -z %d 1M" % (lba * 512), disk], check=True,
                   stdout=subprocess.DEVNULL)


def test():
    disk = installed_disk(NAME)
    damage_state(disk)
    q = Qemu(NAME, args=["-drive", "file=%s,if=virtio,format=qcow2" % disk,
                         "-netdev", "user,id=n0",
                         "-device", "e1000,netdev=n0"])
    try:
        q.expect(r"FAILED: e2fsck -p found errors on keel-state", 400,
                 "S20mounts' failure line")
        _, _, degraded = q.wait_ready(240)
        q.log.flush()
        with open(q.log_path, "rb") as f:
            check(b"no keel-state partition" not in f.read(),
                  "the boot also said there is no keel-state partition")
        check("keel-state" in degraded, "the health check missed it: %r"
              % degraded)
        q.expect(r"keel-state is not available", 120, "the console's notice")
        q.expect(r"e2fsck -f on the keel-state partition", 30, "what to do")
        # Enter shows the notice again; a command typed is never run
        q.send("echo $((6 * 7))x\r")
        q.expect(r"keel-state is not available", 60, "the notice again")
        i = q.p.expect([rb"42x", pexpect.TIMEOUT], timeout=10)
        check(i == 1, "a shell ran the command typed at the notice")
    finally:
        q.close()
