"""Updates by slot swap on an installed host, end to end: install the
checkout's version (v1) from the ISO; `make update` builds a v2 bundle
and a v3 whose dom0 fails its health check (KEEL_TEST_FAULT=health);
scp v2 to the host, refuse a truncated copy, `keelctl update apply` it,
reboot: slot B runs v2 and the hostname, root password hash, SSH host
key, a VM definition and a virtual disk's bytes are unchanged.  Manual
revert to v1 (slot A) and back to v2.  Then v3: its trial boot fails
the health check, reboots by itself, and the host is back on v2 with
the console and `keelctl status --json` saying why.

Quick boot (kexec, issue 13): v2 is applied with `--reboot` and comes
up healthy in slot B without the firmware or GRUB; back on v2 after the
reverts, `keelctl reboot --quick` comes up healthy in the same slot;
and v3 is applied with `--reboot` too, so its failing trial boot was
started by a quick boot and still ends back on v2 (GRUB's fallback,
because the jump marked the slot tried as GRUB would).

On the way, the boot path reads host.conf as the library does (one
network path, issue 10 item 3): the host is switched live to DHCP with
its own DNS servers, and every later boot (the update, the reverts, the
fallback) has the lease and those servers, not DHCP's; and `ssh = off`
written into host.conf by hand (spaces around '=', as the library
reads it) keeps sshd off on the next boots (the shell once read it as
on)."""
import json
import os
import subprocess

import pexpect

from keelinstall import boot_failures, console_shell, grubenv, vm_layer_up
from keelqemu import Qemu, check
from t_console import free_port, scp_to_host
from t_install_bios import PASSWORD, installed_disk

NAME = "update"
V1 = open("VERSION").read().strip()
V2, V3 = "9.0.0", "9.1.0"
SSH_UP = r"keel: \[[0-9.]+\] ssh: listening on port 22"
FACTS = ("hostname; cat /etc/keel/ssh/ssh_host_ed25519_key.pub; "
         "grep '^root:' /etc/shadow | cut -d: -f2; "
         "virsh dumpxml --inactive t-update | sha256sum; "
         "sha256sum /dev/keel-sr/t-update; keelctl get mgmt.mode; "
         "cat /run/resolv.conf")
# DNS servers of the host's own, under DHCP (QEMU's DHCP offers 10.0.2.3)
DNS = "192.0.2.53 10.0.2.3"


def build_bundle(version, fault=""):
    cmd = ["make", "-s", "update", "VERSION=" + version]
    if fault:
        cmd.append("KEEL_TEST_FAULT=" + fault)
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    check(r.returncode == 0, "%s failed:\n%s" % (" ".join(cmd),
                                                 r.stdout.decode()[-2000:]))
    path = "build/keel-%s.kub" % version
    check(os.path.exists(path), "make update made no " + path)
    return path


def boot(tag, disk, port):
    return Qemu("%s_%s" % (NAME, tag), args=[
        "-drive", "file=%s,if=virtio,format=qcow2" % disk,
        "-netdev", "user,id=n0,hostfwd=tcp:127.0.0.1:%d-10.0.2.15:22" % port,
        "-device", "e1000,netdev=n0"])


def up(q, slot, version, marked=True, vms=False):
    """Wait for a healthy boot of slot running version; a shell; with
    vms, libvirtd up too (it starts after "ready")."""
    if marked:
        q.expect(r"slot %s marked good" % slot, 400,
                 "slot %s marked good" % slot)
    q.wait_ready(120)
    check(not boot_failures(q), "failed boot steps: %s" % boot_failures(q))
    console_shell(q, PASSWORD)
    _, v = q.run("cat /usr/share/keel/version")
    check(v.strip() == version, "slot %s runs %r, not %s" % (slot, v, version))
    if vms:
        vm_layer_up(q)
    _, cmd = q.run("cat /proc/cmdline")
    check("keel.root=PARTLABEL=keel-%s" % slot.lower() in cmd,
          "booted from another slot: " + cmd)


def reboot(q):
    q.send("reboot\r")
    i = q.p.expect([pexpect.EOF, pexpect.TIMEOUT], timeout=240)
    check(i == 0, "the host did not reboot")
    q.close()


def quick_reboot(q, command, slot):
    """command reboots quickly into slot: keelctl loads it, the shutdown
    marks it tried in grubenv and Xen jumps to it by kexec; neither the
    firmware nor GRUB runs (GRUB would print its "Booting" line).
    Returns what command printed before its quick_boot line."""
    q.send(command + "\r")
    q.expect(r"quick_boot: slot %s loaded" % slot, 450, "the quick load")
    shown = q.p.before.decode(errors="replace")
    q.expect(r"quick boot: slot %s marked tried in grubenv" % slot, 300,
             "the shutdown's arm")
    q.expect(r"Executing kexec image", 120, "Xen's kexec")
    q.expect(r"\(XEN\) Xen version", 60, "the new Xen")
    check(b"Booting `" not in q.p.before, "GRUB ran: %r" % q.p.before[-300:])
    return shown


def quick_booted(q):
    """The running Xen was started by a quick boot (its argument)."""
    _, xen = q.run("xl info xen_commandline")
    check("no-real-mode" in xen, "not a quick boot: Xen's arguments %r"
          % xen)


def log_text(q):
    """What the serial line showed so far."""
    q.log.flush()
    with open(q.log_path, "rb") as f:
        return f.read().decode(errors="replace")


def env_is(q, want):
    env = grubenv(q)
    got = {k: env.get(k) for k in want}
    check(got == want, "grubenv %s, want %s" % (got, want))


def first_boot(disk, port, kub2):
    """v1's checks, then v2 applied with a quick reboot: the QEMU of v2."""
    q = boot("v1", disk, port)
    try:
        q.expect(SSH_UP, 400, "sshd")
        up(q, "A", V1, vms=True)
        q.run("keelctl net-dhcp && keelctl dns '%s'" % DNS, timeout=120)
        _, resolv = q.run("cat /run/resolv.conf")
        check(resolv.split() == ["nameserver", "192.0.2.53", "nameserver",
                                 "10.0.2.3"], "DNS under DHCP: %r" % resolv)
        # a VM defined in libvirt (on keel-state), and one of a Keel from
        # before libvirt (an xl.cfg file) that the next boot defines
        q.run("printf \"<domain type='xen'><name>t-update</name><memory "
              "unit='MiB'>128</memory><os><type>linux</type><kernel>"
              "/var/lib/keel/kernels/vmlinuz</kernel></os></domain>\" "
              ">/tmp/t.xml && virsh -q define /tmp/t.xml", timeout=120)
        q.run("printf 'name = \"t-old\"\\nmemory = 64\\nkernel = "
              "\"/var/lib/keel/kernels/vmlinuz\"\\n' "
              ">/var/lib/keel/vms/t-old.cfg")
        # Debian's LVM names, as an admin types them
        q.run("DM_DISABLE_UDEV=1 lvcreate -q -L 8m -n t-update keel-sr "
              ">/dev/null && dd if=/dev/urandom of=/dev/keel-sr/t-update "
              "bs=1M count=8 2>/dev/null && sync", timeout=120)
        _, lvs = q.run("lvs --noheadings -o lv_name keel-sr; vgs keel-sr")
        check("t-update" in lvs, "lvs does not list the new volume: " + lvs)
        _, facts = q.run(FACTS)
        scp_to_host(port, kub2, "/var/lib/keel/v2.kub")
        # a damaged copy is refused before anything is written
        q.run("head -c 1000000 /var/lib/keel/v2.kub >/tmp/cut.kub")
        rc, out = q.run("keelctl update apply /tmp/cut.kub", check=False,
                        timeout=120)
        check(rc == 2 and "truncated" in out, "cut bundle: %d %s" % (rc, out))
        env_is(q, {"ORDER": "A B", "A_OK": "1", "B_OK": "0"})
        out = quick_reboot(q, "keelctl update apply /var/lib/keel/v2.kub "
                           "--reboot", "B")
        print("    " + [l for l in out.splitlines() if "in slot B" in l][0]
              .strip())
    except BaseException:
        q.close()
        raise
    return q, facts


def test():
    kub2 = build_bundle(V2)
    kub3 = build_bundle(V3, "health")
    r = subprocess.run(["make", "-s", "build/bin/keelctl"])
    check(r.returncode == 0, "the build machine's keelctl did not build")
    r = subprocess.run(["build/bin/keelctl", "update", "verify", kub2],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    check(r.returncode == 0 and ("version: " + V2).encode() in r.stdout,
          "build-machine verify: %r" % r.stdout)
    disk = installed_disk(NAME)
    port = free_port()
    q, facts = first_boot(disk, port, kub2)

    # v2 in slot B, by a quick boot; keel-state and the SR unchanged
    try:
        up(q, "B", V2, vms=True)
        quick_booted(q)
        _, now = q.run(FACTS)
        check(now == facts, "changed by the update:\n%s\nwas:\n%s"
              % (now, facts))
        _, vms = q.run("virsh list --all --name; ls /var/lib/keel/vms")
        check("t-old\n" in vms and "t-old.cfg.defined" in vms,
              "the xl.cfg VM of before was not defined in libvirt: " + vms)
        _, st = q.run("keelctl --json status")
        st = json.loads(st[st.index("{"):])
        check(st["version"] == V2 and st["signing"] == "development",
              "status: %s" % st)
        # the quick boot's TRY=1 was settled by mark-good, as after GRUB
        env_is(q, {"ORDER": "B A", "A_OK": "1", "B_OK": "1", "B_TRY": "0"})
        rc, out = q.run("keelctl slot revert", check=False)
        check(rc == 0 and "slot A boots next" in out, "revert: " + out)
        reboot(q)
    finally:
        q.close()

    # reverted to v1, then back to v2
    q = boot("revert", disk, port)
    try:
        up(q, "A", V1, vms=True)
        _, now = q.run(FACTS)
        check(now == facts, "changed by the revert:\n%s" % now)
        q.run("keelctl slot revert")
        reboot(q)
    finally:
        q.close()
    q = boot("back", disk, port)
    try:
        up(q, "B", V2)
        # a quick reboot into the same slot
        quick_reboot(q, "keelctl reboot --quick", "B")
        up(q, "B", V2, vms=True)
        quick_booted(q)
        env_is(q, {"ORDER": "B A", "A_OK": "1", "B_OK": "1", "B_TRY": "0"})
        scp_to_host(port, kub3, "/var/lib/keel/v3.kub")
        q.run("sed -i '/^ssh[ =]/d' /etc/keel/host.conf && "
              "echo 'ssh = off' >>/etc/keel/host.conf && sync")
        # v3, quickly: it fails its health check on trial and reboots by
        # itself, through the firmware ...
        quick_reboot(q, "keelctl update apply /var/lib/keel/v3.kub "
                     "--reboot", "A")
        q.expect(r"trial boot unhealthy: test-fault; rebooting", 400,
                 "the failed trial boot")
        i = q.p.expect([pexpect.EOF, pexpect.TIMEOUT], timeout=240)
        check(i == 0, "the failed trial did not reboot")
    finally:
        q.close()
    # ... and GRUB falls back to v2, which says so
    q = boot("fallback", disk, port)
    try:
        q.expect(r"slot A failed to boot and is marked bad; running slot B",
                 400, "the fallback noticed")
        up(q, "B", V2, marked=False, vms=True)
        check("failed to boot" in log_text(q),
              "the console did not show the failed update")
        _, st = q.run("keelctl --json status")
        st = json.loads(st[st.index("{"):])
        fb = st.get("fallback") or {}
        check(fb.get("failed_version") == V3 and
              "health check failed: test-fault" in fb.get("message", ""),
              "fallback: %s" % fb)
        q.run("test -s /var/log/failed-boot-a.log")
        check("ssh: off" in log_text(q), "S80ssh did not read 'ssh = off'")
        rc, _ = q.run("pidof sshd", check=False)
        check(rc != 0, "sshd runs with 'ssh = off' in host.conf")
        _, now = q.run(FACTS)
        check(now == facts, "changed by the failed update:\n%s" % now)
        env_is(q, {"ORDER": "B A", "A_OK": "0", "B_OK": "1"})
    finally:
        q.close()
