"""Virtual machines on an installed host (issue 4), for real: a PV Linux
guest (the host's own kernel and a busybox initramfs made on the host)
created from the pv-linux template with a disk in the storage
repository, started, its text console attached and left with Ctrl-],
paused and resumed, rebooted, shut down cleanly (the guest runs its
shutdown), started and forced off, deleted with its disk; then the host
shut down from a shell (`poweroff`) with a guest running, which the
shutdown scripts (K10guests) shut down first.  All
through keelctl, as a script would; the console's VM screens drive the
same library calls and are tested against the fake backend (tests/tui).
HVM guests cannot run under QEMU's software emulation: not tested."""

import json
import time

import pexpect

from keelinstall import boot_failures, console_shell
from keelqemu import B, Qemu, check
from testlib import Failure
from t_install_bios import PASSWORD, installed_disk

VM = "guest1"

# The guest: busybox as init, a shell on its console (hvc0), a line on
# the way up and on the way down.  Made on the host from its own files.
GUEST_KIT = [
    "g=/tmp/guest; rm -rf $g; mkdir -p $g/bin $g/sbin $g/etc $g/proc "
    "$g/sys $g/dev $g/usr/bin $g/usr/sbin",
    "cp /bin/busybox $g/bin/ && mknod $g/dev/console c 5 1",
    "printf '#!/bin/busybox sh\\n/bin/busybox --install -s\\n"
    "mount -t proc proc /proc\\nmount -t devtmpfs dev /dev\\n"
    "exec /sbin/init\\n' >$g/init && chmod 755 $g/init",
    "printf '::sysinit:/bin/echo keel-guest: up\\n"
    "hvc0::respawn:-/bin/sh\\n"
    "::shutdown:/bin/echo keel-guest: going down\\n' >$g/etc/inittab",
    "mkdir -p /var/lib/keel/kernels",
    "cp /boot/vmlinuz /var/lib/keel/kernels/vmlinuz",
    "(cd $g && find . | cpio -o -H newc 2>/dev/null | gzip) "
    ">/var/lib/keel/kernels/initrd.img",
]


def keelctl(q, args, timeout=120):
    _, out = q.run("keelctl " + args, timeout=timeout)
    return out


def vm_state(q):
    """(state, domid) of the test VM, from keelctl vm-list --json."""
    out = keelctl(q, "vm-list --json")
    # dom0's kernel messages share the serial console ("[  81.2] xenbr0:
    # port 2(vif1.0) ..." as the guest reboots): take the JSON line, and
    # when a message cut it, say "?" (unknown: not "absent") and let the
    # caller ask again.
    for line in out.splitlines():
        line = line.strip()
        if not (line.startswith("[{") or line == "[]"):
            continue
        try:
            vms = json.loads(line)
        except ValueError:
            continue
        for v in vms:
            if v["name"] == VM:
                return v["state"], v["domid"]
        return None, None
    return "?", None


def wait_state(q, want, seconds, what, not_domid=None):
    """Poll until the VM is in state want (as a domain other than
    not_domid: a reboot makes a new one); return its domid."""
    end = time.time() + seconds
    while True:
        state, domid = vm_state(q)
        if state == want and domid != not_domid:
            return domid
        check(time.time() < end, "%s: %s is %s (domid %s) after %d s, not "
              "%s" % (what, VM, state, domid, seconds, want))
        time.sleep(3)


def vm_op(q, verb, state, seconds, not_domid=None):
    """keelctl vm-VERB, then wait for the state it leads to."""
    keelctl(q, "vm-%s %s" % (verb, VM))
    return wait_state(q, state, seconds, "after vm-" + verb, not_domid)


def attach_console(q):
    """keelctl vm-console: the guest's shell answers; Ctrl-] comes back."""
    q.send("keelctl vm-console %s\r" % VM)
    # The guest's shell prints its prompt for an Enter; one typed before
    # xl console has attached goes to dom0 (whose prompt is "[root@..."),
    # so Enter again until the guest's "/ # " answers.
    end = time.time() + 300
    while True:
        q.send("\r")
        try:
            q.expect(rb"/ # ", 5, "the guest's shell on its text console")
            break
        except Failure:
            check(time.time() < end, "no guest shell on vm-console after "
                  "300 s")
    q.send("echo guest-$((6*7))\r")
    q.expect("guest-42", 60, "the guest running a command")
    q.send("\x1d")
    q.run("true", timeout=60)


def test():
    disk = installed_disk("vms")
    q = Qemu("vms_host", args=[
        "-drive", "file=%s,if=virtio,format=qcow2" % disk,
        "-netdev", "user,id=n0", "-device", "e1000,netdev=n0"])
    try:
        q.wait_ready(400)
        failed = boot_failures(q)
        check(not failed, "the boot had failed steps: %s" % failed)
        console_shell(q, PASSWORD)
        for cmd in GUEST_KIT:
            q.run(cmd)
        keelctl(q, "vm-create %s pv-linux 128 1 1G" % VM)
        check(vm_state(q)[0] == "halted", "a new VM is %s" % (vm_state(q),))
        _, lvs = q.run("lvm lvs --noheadings -o lv_name keel-sr")
        check(VM + "-disk0" in lvs, "the VM's disk is not in the SR: " + lvs)

        first = vm_op(q, "start", "running", 60)
        attach_console(q)
        vm_op(q, "pause", "paused", 30)
        vm_op(q, "resume", "running", 30)
        vm_op(q, "reboot", "running", 300, not_domid=first)
        attach_console(q)
        # A PV guest halts on a shutdown request only by running its own
        # shutdown: reaching "halted" here is the clean path, not a force.
        vm_op(q, "shutdown", "halted", 300)
        vm_op(q, "start", "running", 60)
        vm_op(q, "force-off", "halted", 30)

        keelctl(q, "vm-delete " + VM)
        check(vm_state(q)[0] is None, "the VM is still listed after "
              "vm-delete")
        _, lvs = q.run("lvm lvs --noheadings -o lv_name keel-sr")
        check(VM not in lvs, "vm-delete left its disk: " + lvs)

        # A plain `poweroff` typed in the shell (not the console's power
        # path) shuts a running VM down first and says so (K10guests).
        keelctl(q, "vm-create %s pv-linux 128 1 64M" % VM)
        vm_op(q, "start", "running", 60)
        attach_console(q)  # the guest is up to its shell
        q.send("poweroff\r")
        q.expect(r"shutdown: %s: shut down cleanly" % VM, 180, "the "
                 "shutdown's report on the VM")
        i = q.p.expect([rb"reboot: Power down|Dom0 halted", pexpect.EOF,
                        pexpect.TIMEOUT], timeout=180)
        check(i < 2, "the host did not power off after the VMs were down")
    finally:
        q.close()
