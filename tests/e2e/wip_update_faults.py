"""NOT IN make test YET (the runner takes t_*.py only): its one run
found a real bug (a power cut while the slot was written corrupted the
ESP; fixed since) and stopped there, so the later phases never ran.
Run by hand: python3 -c 'import sys; sys.path[:0]=["tests/e2e"];
import wip_update_faults as t; t.test()'

An update meets the worst: power cuts (QEMU killed) while the slot is
written, after writing before the switch, and during the trial boot;
each time the host comes up on a good slot and the apply repeated
works.  Then a v4 whose dom0 hangs before its health check
(KEEL_TEST_FAULT=hang): Xen's watchdog reboots it and the host is back
on the previous version by itself, the console saying so."""
import json
import time

import pexpect

from keelinstall import grubenv
from keelqemu import check
from t_install_bios import installed_disk
from t_update import V2, boot, build_bundle, up

NAME = "update_faults"
V4 = "9.2.0"


def start_apply(q, kub):
    q.send("keelctl update apply %s\r" % kub)


def cut_at(tag, disk, port, marker, version):
    """Boot slot A (version), apply v2 and cut the power at marker."""
    q = boot("%s_cut" % tag, disk, port)
    try:
        up(q, "A", version)
        start_apply(q, "/var/lib/keel/v2.kub")
        q.expect(marker, 300, "the apply reaching '%s'" % marker)
    finally:
        q.close()  # the power cut


def after_cut(tag, disk, port, repeat):
    """The next boot: slot A, v1, B not bootable; then (repeat) the
    apply again, to the end."""
    q = boot("%s_after" % tag, disk, port)
    try:
        up(q, "A", open("VERSION").read().strip())
        env = grubenv(q)
        check(env.get("B_OK") == "0" and env.get("A_OK") == "1",
              "after the cut grubenv is %s" % env)
        if repeat:
            rc, out = q.run("keelctl update apply /var/lib/keel/v2.kub "
                            "--reboot", check=False, timeout=300)
            i = q.p.expect([pexpect.EOF, pexpect.TIMEOUT], timeout=240)
            check(i == 0, "apply --reboot did not reboot")
    finally:
        q.close()


def test():
    from t_console import free_port, scp_to_host
    kub2 = build_bundle(V2)
    kub4 = build_bundle(V4, "hang")
    disk = installed_disk(NAME)
    port = free_port()
    v1 = open("VERSION").read().strip()
    q = boot("first", disk, port)
    try:
        up(q, "A", v1)
        scp_to_host(port, kub2, "/var/lib/keel/v2.kub")
        scp_to_host(port, kub4, "/var/lib/keel/v4.kub")
        q.run("sync", timeout=120)
    finally:
        q.close()

    cut_at("writing", disk, port, r"update: \[stage 3/6\] write", v1)
    after_cut("writing", disk, port, False)
    cut_at("written", disk, port, r"update: \[stage 5/6\] record", v1)
    after_cut("written", disk, port, True)

    # the repeated apply rebooted into slot B on trial: cut that boot
    q = boot("trial_cut", disk, port)
    try:
        q.expect(r"keel\.root=PARTLABEL=keel-b", 300, "slot B's trial boot")
        q.expect(r"keel: \[[0-9.]+\] mounts", 300, "slot B's start scripts")
    finally:
        q.close()
    q = boot("trial_after", disk, port)
    try:
        q.expect(r"slot B failed to boot and is marked bad; running slot A",
                 400, "the fallback after the cut trial")
        up(q, "A", v1, marked=False)
        rc, out = q.run("keelctl update apply /var/lib/keel/v2.kub",
                        check=False, timeout=300)
        check(rc == 0 and "in slot B" in out, "repeat: %d %s" % (rc, out))
        q.send("reboot\r")
        q.p.expect([pexpect.EOF, pexpect.TIMEOUT], timeout=240)
    finally:
        q.close()

    # v2 runs; a v4 that hangs falls back by the watchdog alone
    q = boot("v2", disk, port)
    try:
        up(q, "B", V2)
        rc, out = q.run("keelctl update apply /var/lib/keel/v4.kub",
                        check=False, timeout=300)
        check(rc == 0 and "in slot A" in out, "apply v4: %d %s" % (rc, out))
        q.send("reboot\r")
        q.p.expect([pexpect.EOF, pexpect.TIMEOUT], timeout=240)
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
        q.expect(r"slot A failed to boot and is marked bad; running slot B",
                 400, "the fallback after the hang")
        up(q, "B", V2, marked=False)
        back = time.time() - t1
        _, st = q.run("keelctl --json status")
        fb = json.loads(st[st.index("{"):]).get("fallback") or {}
        check(fb.get("failed_version") == V4, "fallback: %s" % fb)
        print("    hang -> watchdog reboot %.0f s, -> v2 ready %.0f s more"
              % (hung, back))
    finally:
        q.close()
