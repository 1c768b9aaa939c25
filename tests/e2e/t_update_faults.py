"""An update meets the worst, and every source of one.  Power cuts
(QEMU killed) while the slot is written, after writing before the
switch, and during the trial boot: each time the host comes up on a
good slot and the apply repeated works (once from an http:// URL, once
from a v2 ISO in the CD drive, /dev/sr0).  The URL's apply reboots by
a quick boot, so the trial cut is of a boot that kexec started, and
GRUB still falls back.  Then a v4 whose dom0 hangs before its health
check (KEEL_TEST_FAULT=hang): Xen's watchdog reboots it; and a v5 whose
dom0 kernel panics (KEEL_TEST_FAULT=panic): Xen reboots it.  Each time the host is back on v2 by itself, the console
and `keelctl status --json` saying which update failed."""
import json
import os
import time

import pexpect

from keelinstall import grubenv, serve
from keelqemu import Qemu, check
from t_console import free_port, scp_to_host
from t_install_bios import installed_disk
from t_update import V1, V2, build_bundle, reboot, up
from t_upgrade_iso import v2_iso

NAME = "update_faults"
V4, V5 = "9.2.0", "9.3.0"
KUB2 = "/var/lib/keel/v2.kub"


def boot(tag, disk, port, cdrom=None):
    args = ["-drive", "file=%s,if=virtio,format=qcow2" % disk,
            "-netdev", "user,id=n0,hostfwd=tcp:127.0.0.1:%d-10.0.2.15:22"
            % port, "-device", "e1000,netdev=n0"]
    if cdrom:
        args += ["-cdrom", cdrom]
    return Qemu("%s_%s" % (NAME, tag), args=args)


def env_is(q, want, when):
    env = grubenv(q)
    got = {k: env.get(k) for k in want}
    check(got == want, "%s grubenv is %s, want %s" % (when, got, want))


def apply_cut(q, what, marker):
    """Start an apply and cut the power when it prints marker."""
    q.send("keelctl update apply %s\r" % what)
    q.expect(marker, 300, "the apply reaching '%s'" % marker)
    q.close()  # the power cut


def apply_ok(q, what, slot):
    rc, out = q.run("keelctl update apply %s" % what, check=False,
                    timeout=400)
    check(rc == 0 and "in slot %s" % slot in out,
          "apply %s: %d %s" % (what, rc, out))


def fell_back(q, failed, version):
    """This boot is GRUB's fallback from a failed trial of version in
    slot failed: v2 runs and the console and status say why."""
    other = "B" if failed == "A" else "A"
    q.expect(r"slot %s failed to boot and is marked bad; running slot %s"
             % (failed, other), 400, "the fallback from %s" % version)
    up(q, other, V2, marked=False)
    q.log.flush()
    with open(q.log_path, "rb") as f:
        check(b"failed to boot" in f.read(),
              "the console did not show the failed update")
    _, st = q.run("keelctl --json status")
    fb = json.loads(st[st.index("{"):]).get("fallback") or {}
    check(fb.get("failed_version") == version, "fallback: %s" % fb)
    return fb


def power_cuts(disk, port, kub2, iso2, url):
    # v1 on slot A: the bundle copied, then a cut while slot B is written
    q = boot("writing", disk, port)
    try:
        up(q, "A", V1)
        scp_to_host(port, kub2, KUB2)
        q.run("sync", timeout=120)
        apply_cut(q, KUB2, r"update: [4-6][0-9]%")  # mid-write (21-76%)
    finally:
        q.close()
    # slot A again, B not bootable; a cut after writing, before the switch
    q = boot("written", disk, port)
    try:
        up(q, "A", V1)
        env_is(q, {"ORDER": "A B", "A_OK": "1", "B_OK": "0"}, "after a cut "
               "while writing")
        apply_cut(q, KUB2, r"update: \[stage 5/6\] record")
    finally:
        q.close()
    # slot A again; the apply repeated from a URL, rebooting on its own
    # by a quick boot (Xen jumps to slot B), cut in B's trial start scripts
    q = boot("repeat_url", disk, port)
    try:
        up(q, "A", V1)
        env_is(q, {"ORDER": "A B", "A_OK": "1", "B_OK": "0"}, "after a cut "
               "before the switch")
        q.send("keelctl update apply %s --reboot\r" % url)
        q.expect(r"Executing kexec image", 400, "the quick boot into B")
        q.expect(r"keel\.root=PARTLABEL=keel-b", 300, "slot B's trial boot")
        q.expect(r"keel: \[[0-9.]+\] mounts", 300, "slot B's start scripts")
    finally:
        q.close()
    # GRUB fell back to A; the apply repeated from the v2 ISO in the drive
    q = boot("repeat_cd", disk, port, cdrom=iso2)
    try:
        q.expect(r"slot B failed to boot and is marked bad; running slot A",
                 400, "the fallback after the cut trial")
        up(q, "A", V1, marked=False)
        apply_ok(q, "/dev/sr0", "B")
        reboot(q)
    finally:
        q.close()


def test():
    kub2 = build_bundle(V2)
    iso2 = v2_iso()
    kub4 = build_bundle(V4, "hang")
    kub5 = build_bundle(V5, "panic")
    disk = installed_disk(NAME)
    port = free_port()
    srv = serve(os.path.abspath("build"))
    url = "http://10.0.2.2:%d/%s" % (srv.server_address[1],
                                     os.path.basename(kub2))
    try:
        power_cuts(disk, port, kub2, iso2, url)
    finally:
        srv.shutdown()

    # v2 runs; a v4 that hangs falls back by the watchdog alone
    q = boot("v2", disk, port)
    try:
        up(q, "B", V2)
        scp_to_host(port, kub4, "/var/lib/keel/v4.kub")
        apply_ok(q, "/var/lib/keel/v4.kub", "A")
        reboot(q)
    finally:
        q.close()
    q = boot("v4", disk, port)
    try:
        q.expect(r"test fault: hanging", 400, "the hanging trial boot")
        t0 = time.time()
        i = q.p.expect([pexpect.EOF, pexpect.TIMEOUT], timeout=300)
        check(i == 0, "the watchdog did not reboot the hung host")
        hung = time.time() - t0
    finally:
        q.close()
    q = boot("v4_after", disk, port)
    t1 = time.time()
    try:
        fell_back(q, "A", V4)
        print("    hang -> watchdog reboot %.0f s, -> v2 ready %.0f s more"
              % (hung, time.time() - t1))
        # and a v5 whose kernel panics
        scp_to_host(port, kub5, "/var/lib/keel/v5.kub")
        apply_ok(q, "/var/lib/keel/v5.kub", "A")
        reboot(q)
    finally:
        q.close()
    q = boot("v5", disk, port)
    try:
        q.expect(r"test fault: panicking", 400, "the panicking trial boot")
        i = q.p.expect([pexpect.EOF, pexpect.TIMEOUT], timeout=120)
        check(i == 0, "Xen did not reboot after dom0's panic")
    finally:
        q.close()
    q = boot("v5_after", disk, port)
    try:
        fell_back(q, "A", V5)
        env_is(q, {"ORDER": "B A", "A_OK": "0", "B_OK": "1"}, "after the "
               "panic")
    finally:
        q.close()
