"""Unattended install on BIOS: a blank 20 GiB disk and an answer-file
disk labelled KEEL-AUTO -> keel-install from the ISO -> reboot from the
disk alone -> slot A up with the configured hostname, static IP and root
password (log in on the serial console), the storage repository's VG
with the expected free space, and grubenv as designed."""

import re

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


def install(firmware, machine_args, prompt):
    name = "install_" + firmware
    disk = blank_disk(name)
    answers = answer_disk(name, ANSWERS)
    args = machine_args + [
        "-drive", "file=%s,if=virtio,format=qcow2" % disk,
        "-drive", "file=%s,if=virtio,format=raw" % answers,
        "-netdev", "user,id=n0", "-device", "e1000,netdev=n0"]
    q = Qemu(name, firmware=firmware, args=args, reboot=True)
    try:
        q.expect(prompt, 120, "the ISO's boot menu")
        q.send("\r")
        q.expect(r"keel-install: \[stage 1/", 300, "the installer's first stage")
        t0 = q.elapsed()
        q.expect("keel-install: complete", 600, "the end of the install")
        q.install_seconds = q.elapsed() - t0
        # The installer reboots; the disk boots (the ISO stays attached
        # on BIOS, but QEMU boots it only once).
        secs, mode, degraded = q.wait_ready(400)
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
        check(SR_MIB - 16 <= size <= SR_MIB and free == size,
              "VG keel-sr: size %.0f MiB, free %.0f MiB, want ~%d MiB free"
              % (size, free, SR_MIB))
        env = grubenv(q)
        check(env.get("ORDER") == "A B" and env.get("A_OK") == "1"
              and env.get("B_OK") == "0", "grubenv: %r" % env)
        _, ssh = q.run("keelctl get ssh")
        check("on" in ssh, "ssh setting: " + ssh)
        return q
    finally:
        q.close()


def test():
    q = install("bios", ["-drive", "file=%s/keel.iso,media=cdrom,readonly=on" % B,
                         "-boot", "once=d,order=c"], "boot:")
    print("    install %.0f s" % q.install_seconds)
