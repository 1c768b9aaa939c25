"""The installer's Upgrade mode from a newer ISO onto an installed host,
unattended (an XCP-ng upgrade answer file), on BIOS and on UEFI: the
v2 ISO verifies its image, writes it into slot B and switches; the
disk alone then boots slot B running v2 with the host's settings and
its SSH host key unchanged.  (The installer disk boots both ways: it
holds GRUB for BIOS and the removable UEFI path.)"""
import subprocess

import pexpect

from keelinstall import answer_disk
from keelqemu import Qemu, check
from t_install_bios import PASSWORD, installed_disk
from t_update import V2, up

UPGRADE = """<?xml version="1.0"?>
<installation mode="upgrade">
  <existing-installation>vda</existing-installation>
</installation>
"""
KEY = "cat /etc/keel/ssh/ssh_host_ed25519_key.pub; hostname"


def v2_iso():
    cmd = ["make", "-s", "iso", "VERSION=" + V2]
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    check(r.returncode == 0, "%s failed:\n%s" % (" ".join(cmd),
                                                 r.stdout.decode()[-2000:]))
    return "build/v%s/keel-%s.iso" % (V2, V2)


def machine(firmware, iso):
    if firmware == "bios":
        return ["-cdrom", iso, "-boot", "d"], "boot:"
    return ["-drive", "file=%s,media=cdrom,if=none,id=cd,readonly=on" % iso,
            "-device", "ide-cd,drive=cd,bootindex=0"], "Install Keel"


def one(firmware, iso):
    name = "upgrade_" + firmware
    disk = installed_disk(name)
    q = Qemu(name + "_v1", firmware=firmware, args=[
        "-drive", "file=%s,if=virtio,format=qcow2" % disk,
        "-netdev", "user,id=n0", "-device", "e1000,netdev=n0"])
    try:
        up(q, "A", open("VERSION").read().strip())
        _, before = q.run(KEY)
        q.run("sync", timeout=120)  # a clean stop: the upgrade comes next
    finally:
        q.close()
    args, prompt = machine(firmware, iso)
    ans = answer_disk(name, UPGRADE)
    q = Qemu(name + "_iso", firmware=firmware, vars_from=q.vars
             if firmware == "uefi" else None, args=args + [
                 "-drive", "file=%s,if=virtio,format=qcow2" % disk,
                 "-drive", "file=%s,if=virtio,format=raw" % ans,
                 "-netdev", "user,id=n0", "-device", "e1000,netdev=n0"])
    try:
        q.expect(prompt, 180, "the v2 ISO's boot menu")
        q.send("\r")
        q.expect("keel-install: complete", 600, "the upgrade's end")
        i = q.p.expect([pexpect.EOF, pexpect.TIMEOUT], timeout=120)
        check(i == 0, "the installer did not reboot")
    finally:
        q.close()
    # Fresh UEFI variables, as for v1: the ISO run's point at the CD.
    q = Qemu(name + "_v2", firmware=firmware, args=[
                 "-drive", "file=%s,if=virtio,format=qcow2" % disk,
                 "-netdev", "user,id=n0", "-device", "e1000,netdev=n0"])
    try:
        up(q, "B", V2)
        _, after = q.run(KEY)
        check(after == before, "changed by the upgrade: %s" % after)
    finally:
        q.close()


def test():
    iso = v2_iso()
    one("bios", iso)
    one("uefi", iso)
