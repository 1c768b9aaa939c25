"""A management VLAN survives a reboot and the boot is judged healthy
on it: `keelctl set mgmt.vlan 42` on an installed host (static address)
moves the address onto xenbr0.42 live; after a reboot the start scripts
make xenbr0.42 again with the address, and the health check looks at
that interface (before, S60network ignored mgmt.vlan and such a host
came up "degraded: network", so an update's trial boot would roll
back).  QEMU's user network does not carry the tagged traffic: the
interface and its address are checked, not packets.

The boot after the reboot also has a leftover Keel disk in front of the
installed one (vda: GPT partitions esp, keel-a, keel-b, keel-state, all
empty): the boot takes only the installed disk's partitions (GRUB's
keel.partuuid=, the state and the ESP on the boot disk), and the
leftover disk is not written.  Before, the initramfs took vda's empty
keel-a and stopped in its rescue shell.

And grubenv is removed from the ESP before the reboot: GRUB boots slot
A after its 30 s wait (it used to wait at the menu for ever) and
mark-good writes grubenv anew, slot A good."""

import hashlib

from gptdisk import write as gpt_write
from keelinstall import boot_failures, console_shell, e2e_path
from keelqemu import Qemu, check
from t_install_bios import PASSWORD, installed_disk
from t_services import keelctl_set
from t_update import reboot

NAME = "vlan"


def boot(tag, disk, leftover=None, grub_enter=True):
    first = []
    if leftover:
        first = ["-drive", "file=%s,if=none,id=old,format=raw" % leftover,
                 "-device", "virtio-blk-pci,drive=old"]
    args = first + [
        "-drive", "file=%s,if=none,id=keel,format=qcow2" % disk,
        "-device", "virtio-blk-pci,drive=keel,bootindex=1",
        "-netdev", "user,id=n0", "-device", "e1000,netdev=n0"]
    return Qemu("%s_%s" % (NAME, tag), grub_enter=grub_enter, args=args)


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def leftover_disk():
    """A 64 MiB disk with another Keel's partition names, nothing in
    them."""
    path = e2e_path(NAME + "-leftover.img")
    gpt_write(path, 64 << 20, [("esp", 8), ("keel-a", 8), ("keel-b", 8),
                               ("keel-state", 8)])
    return path


def check_boot_disk(q):
    """The slot, the state and the ESP came from vdb, the installed
    disk."""
    _, cmd = q.run("cat /proc/cmdline")
    check("keel.partuuid=" in cmd and "keel.partuuid= " not in cmd,
          "GRUB passed no partition UUID: %r" % cmd)
    _, dev = q.run("cat /run/keel/boot-device")
    check(dev.strip() in ("/dev/vdb3", "/dev/vdb4"),
          "booted from %r, not the installed disk's slot" % dev)
    _, state = q.run("grep ' /run/keel/state ' /proc/mounts")
    check(state.startswith("/dev/vdb5 "), "keel-state is %r" % state)


def check_grubenv_repaired(q):
    """The boot's mark-good said it wrote grubenv anew, and did."""
    q.log.flush()
    with open(q.log_path, "rb") as f:
        text = f.read().decode(errors="replace")
    check("grubenv was missing or damaged and is written anew" in text,
          "mark-good did not say it repaired grubenv")
    q.run("mkdir -p /tmp/esp && mount -o ro /dev/vdb2 /tmp/esp")
    _, out = q.run("grub-editenv /tmp/esp/boot/grub/grubenv list")
    q.run("umount /tmp/esp")
    for want in ("ORDER=A B", "A_OK=1", "A_TRY=0", "B_OK=0"):
        check(want in out.splitlines(), "grubenv after the repair: %r" % out)


def test():
    disk = installed_disk(NAME)
    q = boot("set", disk)
    try:
        q.wait_ready(400)
        console_shell(q, PASSWORD)
        keelctl_set(q, "mgmt.vlan", "42")
        _, addr = q.run("ip -4 -o addr show dev xenbr0.42")
        check("inet 10.0.2.15/24" in addr, "live: xenbr0.42 has %r" % addr)
        q.run("mkdir -p /tmp/esp && mount /dev/vda2 /tmp/esp && "
              "rm /tmp/esp/boot/grub/grubenv && umount /tmp/esp")
        q.run("sync", timeout=120)
        reboot(q)
    finally:
        q.close()
    old = leftover_disk()
    old_sum = sha256(old)
    # GRUB's own wait this time (no Enter): without grubenv it boots
    # slot A after 30 s
    q = boot("after", disk, old, grub_enter=False)
    try:
        secs, _, degraded = q.wait_ready(400)
        q.log.flush()
        with open(q.log_path, "rb") as f:
            check(b"executed automatically in 30s" in f.read(),
                  "GRUB did not take its 30 s wait without grubenv")
        check(not degraded, "the boot with a VLAN is degraded:" + degraded)
        check(not boot_failures(q), "failed boot steps: %s" % boot_failures(q))
        console_shell(q, PASSWORD)
        _, addr = q.run("ip -4 -o addr show dev xenbr0.42")
        check("inet 10.0.2.15/24" in addr, "after the reboot xenbr0.42 has "
              "%r" % addr)
        _, v = q.run("keelctl get mgmt.vlan")
        check(v.strip() == "42", "mgmt.vlan is %r" % v)
        check_boot_disk(q)
        check_grubenv_repaired(q)
    finally:
        q.close()
    check(sha256(old) == old_sum, "the leftover Keel disk was written")
