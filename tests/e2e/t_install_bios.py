"""Unattended install on BIOS: a blank 20 GiB disk and an answer-file
disk labelled KEEL-AUTO -> keel-install from the ISO -> reboot from the
disk alone -> slot A up with the configured hostname, static IP and root
password (log in on the serial console), the storage repository's VG
with the expected free space, and grubenv as designed."""

import re

import pexpect

from keelinstall import (answer_disk, blank_disk, console_shell, grubenv,
                         lvm_vg_mib)
from keelqemu import B, Qemu, check

PASSWORD = "keel-e2e-pass"
ANSWERS = """<?xml version="1.0"?>
<installation>
  <primary-disk>vda</primary-disk>
  <keymap>us</keymap>
  <root-password type="plaintext">%s</root-password>
  <admin-interface name="eth0" proto="static">
    <ipaddr>10.0.2.15</ipaddr>
    <subnet>255.255.255.0</subnet>
    <gateway>10.0.2.2</gateway>
  </admin-interface>
  <name-server>10.0.2.3</name-server>
  <hostname>keel-e2e</hostname>
  <timezone>Europe/Berlin</timezone>
  <service name="sshd" state="enabled"/>
</installation>
""" % PASSWORD

# 20 GiB - 1 MiB - 9473 MiB of fixed partitions - 1 MiB of backup GPT,
# less LVM's metadata area and extent rounding.
SR_MIB = (20 * 1024 - 1 - 9473 - 1)


def run_install(name, firmware, machine_args, prompt, answers=ANSWERS,
                disk_size="20G", extra=()):
    """Boot the ISO with a blank disk and an answer disk (vda, vdb; extra
    QEMU arguments after them); return the disk, the seconds from the
    installer's first stage to 'complete', and the UEFI NVRAM file
    (None on BIOS).  QEMU exits when the installer reboots."""
    disk = blank_disk(name, disk_size)
    ans = answer_disk(name, answers)
    q = Qemu(name, firmware=firmware, args=machine_args + [
        "-drive", "file=%s,if=virtio,format=qcow2" % disk,
        "-drive", "file=%s,if=virtio,format=raw" % ans,
        "-netdev", "user,id=n0", "-device", "e1000,netdev=n0"] + list(extra))
    try:
        q.expect(prompt, 120, "the ISO's boot menu")
        q.send("\r")
        q.expect(r"keel-install: \[stage 1/", 300, "the installer's first stage")
        t0 = q.elapsed()
        q.expect("keel-install: complete", 600, "the end of the install")
        secs = q.elapsed() - t0
        i = q.p.expect([pexpect.EOF, pexpect.TIMEOUT], timeout=120)
        check(i == 0, "%s: QEMU did not end with the installer's reboot" % name)
        return disk, secs, getattr(q, "vars", None)
    finally:
        q.close()


def installed_disk(name):
    """A BIOS host installed from this ISO with ANSWERS, never booted,
    as a qcow2 overlay build/e2e/<name>.qcow2: one install per ISO build
    (build/e2e/base.qcow2) serves every test that only needs a host."""
    import os
    import subprocess
    from keelinstall import e2e_path
    iso = os.path.realpath(B + "/keel.iso")
    iso_id = "%s %d\n" % (iso, os.stat(iso).st_mtime_ns)
    base, stamp = e2e_path("base.qcow2"), e2e_path("base.iso-id")
    if not (os.path.exists(base) and os.path.exists(stamp) and
            open(stamp).read() == iso_id):
        if os.path.exists(stamp):
            os.remove(stamp)
        run_install("base", "bios", ["-cdrom", B + "/keel.iso", "-boot", "d"],
                    "boot:")
        with open(stamp, "w") as f:
            f.write(iso_id)
    disk = e2e_path(name + ".qcow2")
    if os.path.exists(disk):
        os.remove(disk)
    subprocess.run(["qemu-img", "create", "-q", "-f", "qcow2", "-b",
                    os.path.abspath(base), "-F", "qcow2", disk], check=True)
    return disk


def check_installed(name, firmware, disk, nvram=None, args=(), sr_mib=SR_MIB,
                    more=None):
    """Boot the installed disk (with args: its guest disks) and check the
    host it became: an SR of sr_mib, all free; more(q), if given, checks
    the rest on the same booted host."""
    q = Qemu(name + "_boot", firmware=firmware, vars_from=nvram, args=[
        "-drive", "file=%s,if=virtio,format=qcow2" % disk,
        "-netdev", "user,id=n0", "-device", "e1000,netdev=n0"] + list(args))
    try:
        q.expect(r"keel: \[[0-9.]+\] slot A marked good", 400,
                 "slot A marked good")
        secs, mode, degraded = q.wait_ready(60)
        check(mode == "host", "the disk booted in mode %s" % mode)
        check(not degraded, "the installed host is degraded:" + degraded)
        console_shell(q, PASSWORD)
        _, host = q.run("hostname")
        check(host.strip() == "keel-e2e", "hostname is %r" % host)
        _, addr = q.run("ip -4 -o addr show dev xenbr0")
        check("inet 10.0.2.15/24" in addr, "xenbr0: " + addr)
        _, route = q.run("ip route")
        check("default via 10.0.2.2" in route, "routes: " + route)
        _, cmdline = q.run("cat /proc/cmdline")
        check("keel.root=PARTLABEL=keel-a" in cmdline,
              "not booted from slot A: " + cmdline)
        _, mounts = q.run("cat /proc/mounts")
        check(re.search(r" / squashfs ro", mounts), "root not read-only")
        check("/etc/keel ext4" in mounts, "state partition not mounted:\n" + mounts)
        size, free = lvm_vg_mib(q, "keel-sr")
        check(sr_mib - 16 <= size <= sr_mib and free == size,
              "VG keel-sr: size %.0f MiB, free %.0f MiB, want ~%d MiB free"
              % (size, free, sr_mib))
        env = grubenv(q)
        # GRUB set A_TRY=1 to boot it; the healthy dom0 marked it good.
        check(env.get("ORDER") == "A B" and env.get("A_OK") == "1"
              and env.get("A_TRY") == "0" and env.get("B_OK") == "0",
              "grubenv: %r" % env)
        _, ssh = q.run("keelctl get ssh")
        check("on" in ssh, "ssh setting: " + ssh)
        if more:
            more(q)
        return secs
    finally:
        q.close()


def test():
    disk, secs, _ = run_install("install_bios", "bios", [
        "-cdrom", B + "/keel.iso", "-boot", "d"], "boot:")
    print("    install %.0f s" % secs)
    check_installed("install_bios", "bios", disk)
