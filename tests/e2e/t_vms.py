"""Virtual machines on an installed host (issue 4), for real: a PV Linux
guest (the host's own kernel and a busybox initramfs made on the host)
created from the pv-linux template with a disk in the storage
repository, started, its text console attached and left with Ctrl-],
paused and resumed, rebooted, shut down cleanly (the guest runs its
shutdown), started and forced off, deleted with its disk; virsh on the
QEMU host, over xen+ssh:// as virt-manager connects, lists the same VMs
in the same states as `keelctl vm-list --json`, with the storage
repository as its pool keel-sr; the guest's console output is kept
(keelctl vm-log); a guest boots the kernel on its own disk through
pvgrub2 (the pv-grub template); a qcow2 image made here is imported
into the SR (keelctl vdi-import), from a file and from a URL, and
exported back equal; two VMs set
to autostart come up after a host reboot in their order; then the host
shut down from a shell (`poweroff`) with both running, which the
shutdown scripts (K10guests) shut down first, in the reverse order.  All
through keelctl, as a script would; the console's VM screens drive the
same library calls and are tested against the fake backend (tests/tui).
HVM and PVH guests cannot run under QEMU's software emulation: the
device model runs (`qemu-system-i386 -version`) and both templates are
refused in one sentence, which is all this machine can show."""

import json
import os
import subprocess
import tempfile
import time

import pexpect

from keelinstall import boot_failures, console_shell, serve, vm_layer_up
from keelqemu import B, Qemu, check
from testlib import Failure
from t_console import free_port
from t_install_bios import PASSWORD, installed_disk

VM = "guest1"
VM2 = "guest2"

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


def vm_states(q):
    """[(name, state, domid)] of every VM, from keelctl vm-list --json."""
    while True:
        out = keelctl(q, "vm-list --json")
        for line in out.splitlines():
            line = line.strip()
            if line.startswith("[") and line.endswith("]"):
                try:
                    return [(v["name"], v["state"], v["domid"])
                            for v in json.loads(line)]
                except ValueError:
                    pass
        time.sleep(1)  # a kernel message cut the line: ask again


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
    # back in dom0's shell before anything is typed: what follows Ctrl-]
    # too closely still goes to the guest (xl console reads ahead)
    q.send("\x1d")
    q.expect("KEEL# ", 60, "dom0's shell after Ctrl-]")
    q.run("true", timeout=60)


class RemoteVirsh:
    """virsh on this machine, connected as virt-manager would:
    xen+ssh://root@HOST/system with a key the test puts on the host (ssh
    through a wrapper that keeps this machine's known_hosts untouched)."""

    def __init__(self, q, port):
        self.dir = tempfile.mkdtemp(prefix="keel-virsh-")
        key = os.path.join(self.dir, "id")
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f",
                        key], check=True)
        wrapper = os.path.join(self.dir, "ssh")
        with open(wrapper, "w") as f:
            f.write("#!/bin/sh\nexec ssh -o UserKnownHostsFile=/dev/null "
                    "-o LogLevel=ERROR \"$@\"\n")
        os.chmod(wrapper, 0o755)
        q.run("echo '%s' >/etc/keel/ssh/authorized_keys && chmod 600 "
              "/etc/keel/ssh/authorized_keys" % open(key + ".pub").read()
              .strip())
        self.uri = ("xen+ssh://root@127.0.0.1:%d/system?keyfile=%s&"
                    "no_verify=1&no_tty=1&command=%s" % (port, key, wrapper))
        self.port, self.key = port, key

    def scp(self, src, dst):
        """scp with the same key; 'host:' in src or dst is the host."""
        opts = ["-q", "-P", str(self.port), "-i", self.key, "-o",
                "StrictHostKeyChecking=no", "-o",
                "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR"]
        args = [a.replace("host:", "root@127.0.0.1:") for a in (src, dst)]
        r = subprocess.run(["scp"] + opts + args, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, timeout=300)
        check(r.returncode == 0, "scp %s %s: %s" % (src, dst, r.stdout))

    def run(self, *args):
        r = subprocess.run(["virsh", "-c", self.uri] + list(args),
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True, timeout=300)
        check(r.returncode == 0, "virsh -c %s %s: %s" % (self.uri,
                                                        " ".join(args),
                                                        r.stderr))
        return r.stdout

    def states(self):
        """{name: state} as virsh says, in keelctl's words."""
        words = {"shut off": "halted", "running": "running",
                 "paused": "paused", "idle": "running"}
        out = {}
        for name in self.run("list", "--all", "--name").split():
            if name == "Domain-0":  # dom0: the host, not a VM
                continue
            out[name] = words.get(self.run("domstate", name).strip(), "?")
        return out


def agree(q, rv):
    """virsh over SSH and keelctl list the same VMs in the same states."""
    out = keelctl(q, "vm-list --json")
    mine = None
    for line in out.splitlines():
        if line.strip().startswith("[") and line.strip().endswith("]"):
            mine = {v["name"]: v["state"] for v in json.loads(line.strip())}
    check(mine is not None, "no JSON from keelctl vm-list: " + out)
    theirs = rv.states()
    check(theirs == mine, "virsh over xen+ssh:// says %s, keelctl says %s"
          % (theirs, mine))


def hvm_pvh_refused(q):
    """HVM and PVH cannot run under TCG (no hvm in virt_caps): what can
    be checked is.  The device model runs, its firmware is there, and
    both templates are refused in one sentence with nothing made."""
    _, ver = q.run("qemu-system-i386 -version && ls /usr/lib/xen/boot/"
                   "hvmloader /usr/share/seabios/bios-256k.bin /usr/share/"
                   "seabios/vgabios-stdvga.bin /usr/lib/ipxe/qemu/efi-e1000"
                   ".rom")
    check("QEMU emulator version" in ver, "qemu-system-i386: " + ver)
    for tmpl, kind in (("hvm", "HVM"), ("pvh", "PVH")):
        rc, out = q.run("keelctl vm-create t-%s %s 256 1 64M" % (tmpl, tmpl),
                        check=False)
        check(rc != 0 and "%s guests need hardware virtualization" % kind
              in out, "vm-create from %s on a host without hvm: %d %s"
              % (tmpl, rc, out))
    _, made = q.run("virsh list --all --name; lvs --noheadings keel-sr")
    check("t-hvm" not in made and "t-pvh" not in made, "a refused VM left "
          "something behind: " + made)


def iso_library(q, rv, web, size):
    """keelctl iso-fetch into the library (made on the SR on first use,
    with progress), a download that is no ISO refused and not kept, the
    list, and the ISO as a halted PV VM's CD: in libvirt's definition
    (virsh over xen+ssh://), offered to the guest by its start (the
    backend's vbd of type cdrom connected), refused while it runs,
    ejected when halted.  The ISO stays for the reboot below."""
    _, out = q.run("keelctl iso-fetch %scd.iso 2>&1 | tail -n 2" % web,
                   timeout=300)
    check("Downloading the ISO: 100%" in out, "iso-fetch: " + out)
    rc, out = q.run("keelctl iso-fetch %ssrc.qcow2 bad.iso" % web,
                    check=False)
    check(rc != 0 and "not an ISO 9660" in out, "a qcow2 fetched as an "
          "ISO: " + out)
    lib = json.loads(q.run("keelctl iso-list --json")[1])
    check([(i["name"], i["size_bytes"]) for i in lib["isos"]] ==
          [("cd.iso", size)] and lib["free_bytes"] > 0, "iso-list: %s" % lib)
    keelctl(q, "vm-create cdvm pv-linux 128 1 8M")
    keelctl(q, "vm-cd cdvm cd.iso")
    xml = rv.run("dumpxml", "cdvm")
    check("device='cdrom'" in xml and "/var/lib/keel/iso/cd.iso" in xml,
          "the VM's definition lacks the CD: " + xml)
    keelctl(q, "vm-start cdvm", timeout=300)
    _, out = q.run("d=$(xl domid cdvm); b=/local/domain/0/backend/vbd/$d; "
                   "for v in $(xenstore-list $b); do "
                   "echo $(xenstore-read $b/$v/device-type) "
                   "$(xenstore-read $b/$v/mode) "
                   "$(xenstore-read $b/$v/physical-device 2>/dev/null); done")
    check(any(l.split()[:2] == ["cdrom", "r"] and len(l.split()) == 3
              for l in out.splitlines()), "no read-only CD backend with "
          "its device for the guest: " + out)
    rc, out = q.run("keelctl vm-cd cdvm none", check=False)
    check(rc != 0 and "changes only while it is halted" in out, "a running "
          "PV guest's CD: " + out)
    keelctl(q, "vm-force-off cdvm")
    keelctl(q, "vm-cd cdvm none")
    check("cdrom" not in rv.run("dumpxml", "cdvm"), "eject left the CD")
    keelctl(q, "vm-delete cdvm")


def test():
    disk = installed_disk("vms")
    port = free_port()
    q = Qemu("vms_host", reboot=True, args=[
        "-drive", "file=%s,if=virtio,format=qcow2" % disk,
        "-netdev", "user,id=n0,hostfwd=tcp:127.0.0.1:%d-10.0.2.15:22" % port,
        "-device", "e1000,netdev=n0"])
    try:
        q.wait_ready(400)
        failed = boot_failures(q)
        check(not failed, "the boot had failed steps: %s" % failed)
        console_shell(q, PASSWORD)
        vm_layer_up(q)
        hvm_pvh_refused(q)
        for cmd in GUEST_KIT:
            q.run(cmd)
        keelctl(q, "vm-create %s pv-linux 128 1 1G" % VM)
        check(vm_state(q)[0] == "halted", "a new VM is %s" % (vm_state(q),))
        rv = RemoteVirsh(q, port)
        agree(q, rv)
        _, lvs = q.run("lvm lvs --noheadings -o lv_name keel-sr")
        check(VM + "-disk0" in lvs, "the VM's disk is not in the SR: " + lvs)

        t0 = time.time()
        first = vm_op(q, "start", "running", 60)
        end = time.time() + 300
        while "keel-guest: up" not in q.run("keelctl vm-log " + VM,
                                            check=False)[1]:
            check(time.time() < end, "the guest did not reach its init in "
                  "300 s")
            time.sleep(2)
        print("    PV guest (direct kernel): vm-start to init %.0f s"
              % (time.time() - t0))
        agree(q, rv)
        # the SR is libvirt's pool keel-sr: the VM's disk is one of its
        # volumes, as virt-manager shows it
        check("keel-sr" in rv.run("pool-list", "--name").split(),
              "no storage pool keel-sr over xen+ssh://")
        vols = rv.run("vol-list", "keel-sr")
        check(VM + "-disk0" in vols, "pool keel-sr lacks the VM's disk: "
              + vols)
        attach_console(q)
        # the guest's console output is kept on the host
        log = keelctl(q, "vm-log " + VM)
        check("keel-guest: up" in log, "keelctl vm-log lacks the guest's "
              "boot line: " + log[-500:])
        # ... and rotated while the host runs: a log grown past 1 MiB
        # becomes .1 within 30 s, and the guest's next boot goes to a new
        # one (xenconsoled opens it again on SIGHUP)
        glog = "/var/log/xen/console/guest-%s.log" % VM
        q.run("head -c 1100000 /dev/zero | tr '\\0' x >>%s; n=0; "
              "until [ -f %s.1 ] || [ $n -ge 45 ]; do sleep 1; "
              "n=$((n + 1)); done; stat -c %%s %s.1" % (glog, glog, glog),
              timeout=90)
        vm_op(q, "pause", "paused", 30)
        vm_op(q, "resume", "running", 30)
        vm_op(q, "reboot", "running", 300, not_domid=first)
        attach_console(q)
        _, size = q.run("stat -c %s " + glog)
        check(int(size) < 1048576 and "keel-guest: up" in
              keelctl(q, "vm-log " + VM), "the guest log after its "
              "rotation: %s bytes, without the guest's new boot" % size)
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

        # pvgrub2: a guest that boots the kernel on its own disk.  The
        # disk is made here: an ext2 file system with the host's kernel,
        # the guest's initramfs and a grub.cfg, as an installed Debian's
        # /boot would hold them.
        keelctl(q, "vm-create pvg pv-grub 128 1 48M")
        q.run("d=/dev/keel-sr/pvg-disk0; /sbin/mke2fs -q -t ext2 $d && "
              "mkdir -p /tmp/pvg && mount $d /tmp/pvg && "
              "mkdir -p /tmp/pvg/boot/grub && "
              "cp /var/lib/keel/kernels/vmlinuz "
              "/var/lib/keel/kernels/initrd.img /tmp/pvg/boot/ && "
              "printf 'set timeout=0\\nmenuentry guest {\\n"
              "  linux /boot/vmlinuz console=hvc0\\n"
              "  initrd /boot/initrd.img\\n}\\n' "
              ">/tmp/pvg/boot/grub/grub.cfg && umount /tmp/pvg", timeout=120)
        t0 = time.time()
        keelctl(q, "vm-start pvg")
        end = time.time() + 300
        while "keel-guest: up" not in q.run("keelctl vm-log pvg",
                                            check=False)[1]:
            check(time.time() < end, "pvgrub2: the guest did not reach its "
                  "init in 300 s: " + q.run("keelctl vm-log pvg",
                                           check=False)[1][-800:])
            time.sleep(3)
        print("    pvgrub2 guest: vm-start to init %.0f s" % (time.time() - t0))
        keelctl(q, "vm-force-off pvg")
        keelctl(q, "vm-delete pvg")

        # A qcow2 made here imported into the SR, exported back as qcow2,
        # equal in content (qemu-img compare reads both as disks).
        src = os.path.join(rv.dir, "src.qcow2")
        back = os.path.join(rv.dir, "back.qcow2")
        for cmd in (["qemu-img", "create", "-q", "-f", "qcow2", src, "24M"],
                    ["qemu-io", "-c", "write -P 0x5a 0 1M", "-c",
                     "write -P 0xa5 20M 512k", src]):
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        rv.scp(src, "host:/var/lib/keel/src.qcow2")
        rc, out = q.run("keelctl vdi-import /var/lib/keel/src.qcow2 imp "
                        "2>&1 | tail -n 2", timeout=300)
        check("100%" in out, "vdi-import showed no progress: " + out)
        q.run("keelctl vdi-export imp /var/lib/keel/back.qcow2", timeout=300)
        rc, out = q.run("keelctl vdi-export imp /var/lib/keel/back.qcow2",
                        check=False)
        check(rc != 0 and "exists already" in out, "export over a file: "
              + out)
        rv.scp("host:/var/lib/keel/back.qcow2", back)
        r = subprocess.run(["qemu-img", "compare", src, back],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True)
        check(r.returncode == 0, "the exported disk differs from the "
              "imported image: " + r.stdout)
        # the same image from a URL (served from here, 10.0.2.2 to the
        # guest network): downloaded into a scratch volume, imported,
        # the scratch volume gone; equal to the one imported from a file
        iso = os.path.join(rv.dir, "cd.iso")
        os.makedirs(os.path.join(rv.dir, "cd"), exist_ok=True)
        with open(os.path.join(rv.dir, "cd", "readme.txt"), "w") as f:
            f.write("keel\n")
        subprocess.run(["xorriso", "-as", "mkisofs", "-quiet", "-o", iso,
                        "-V", "KEELTEST", os.path.join(rv.dir, "cd")],
                       check=True)
        srv = serve(rv.dir)
        try:
            web = "http://10.0.2.2:%d/" % srv.server_address[1]
            q.run("keelctl vdi-import %ssrc.qcow2 impurl" % web, timeout=300)
            iso_library(q, rv, web, os.path.getsize(iso))
        finally:
            srv.shutdown()
        _, out = q.run("cmp /dev/keel-sr/imp /dev/keel-sr/impurl && echo "
                       "same; lvs --noheadings -o lv_name keel-sr")
        check("same" in out and "keel-download" not in out, "vdi-import "
              "from a URL: " + out)
        q.run("keelctl vdi-delete imp; keelctl vdi-delete impurl; "
              "rm /var/lib/keel/*.qcow2")

        # Autostart across a host reboot, in the set order (VM2 first),
        # after the network; then a plain `poweroff` typed in the shell
        # (not the console's power path) shuts both down first, VM then
        # VM2, and says so (K10guests).
        keelctl(q, "vm-create %s pv-linux 128 1 64M" % VM)
        keelctl(q, "vm-create %s pv-linux 128 1 64M" % VM2)
        keelctl(q, "vm-autostart %s on 2" % VM)
        keelctl(q, "vm-autostart %s on 1 5" % VM2)
        check(rv.run("list", "--all", "--autostart", "--name").split() ==
              sorted([VM, VM2]), "virsh does not see the autostart flags")
        q.send("reboot\r")
        q.wait_ready(400)
        console_shell(q, PASSWORD)
        vm_layer_up(q)
        end = time.time() + 300
        while True:
            states = dict((n, s) for n, s, _ in vm_states(q))
            if states.get(VM) == "running" and states.get(VM2) == "running":
                break
            if time.time() > end:
                _, why = q.run("grep 'autostart:' /var/log/messages; "
                               "tail -n 5 /var/log/xen/console/guest-*.log",
                               check=False)
                check(False, "autostart: %s after 300 s:\n%s" % (states, why))
            time.sleep(3)
        ids = dict((n, d) for n, _, d in vm_states(q))
        check(ids[VM2] < ids[VM], "autostart order: %s started before %s "
              "(domids %s)" % (VM, VM2, ids))
        # the ISO library is mounted again after the reboot
        check("cd.iso" in q.run("keelctl iso-list")[1], "the ISO library "
              "after a reboot")
        _, msgs = q.run("grep 'autostart:' /var/log/messages")
        check(msgs.index(VM2 + ": started (order 1)") <
              msgs.index(VM + ": started (order 2)"), "autostart log: "
              + msgs)
        # libvirtd ended (the OOM killer's SIGKILL): started again, the
        # running guests untouched, keelctl waiting while it comes back
        q.run("kill -9 $(cat /run/libvirtd.pid); sleep 1")
        rc, out = q.run("keelctl vm-list --json", timeout=120, check=False)
        check(rc == 0 and out.count('"state":"running"') == 2, "after "
              "libvirtd's SIGKILL: rc %d, %s" % (rc, out))
        check(dict((n, d) for n, _, d in vm_states(q)) == ids, "the VMs "
              "changed when libvirtd was started again: %s" % ids)
        _, out = q.run("grep -a 'libvirtd ended' /var/log/messages")
        check("status 137" in out, "the keeper's log line: " + out)
        attach_console(q)  # the guest is up to its shell
        q.send("poweroff\r")
        # reverse of the start order: VM (order 2) before VM2 (order 1)
        for name in (VM, VM2):
            q.expect(r"shutdown: %s: shut down cleanly" % name, 180, "the "
                     "shutdown's report on " + name)
        i = q.p.expect([rb"reboot: Power down|Dom0 halted", pexpect.EOF,
                        pexpect.TIMEOUT], timeout=180)
        check(i < 2, "the host did not power off after the VMs were down")
    finally:
        q.close()
