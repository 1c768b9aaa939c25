"""keelqemu - boot Keel in QEMU (TCG) and talk to it over the serial line.

Everything waits for a marker with a deadline; nothing sleeps a fixed
time.  The whole serial transcript goes to a log file next to the test's
name under build/e2e/, which is the first thing to read when a test fails.
"""

import os
import re
import shutil
import subprocess
import sys
import time

import pexpect

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(
    __file__))))
from testlib import Failure, check  # noqa: E402,F401 (shared; re-exported)

B = os.environ.get("B", "build")
OVMF_CODE = "/usr/share/OVMF/OVMF_CODE_4M.fd"
OVMF_VARS = "/usr/share/OVMF/OVMF_VARS_4M.fd"
# To the end of the line: pexpect may see it in pieces, and the optional
# degraded part must not be matched away by a line cut after "(mode X)".
READY = re.compile(rb"keel: \[[0-9.]+\] dom0 ready \(mode (\w+)\)"
                   rb"(, degraded:[^\r\n]*)?[\r\n]")


# TCG keeps its translations of code that ran in RAM before the OS
# (SeaBIOS's relocated POST code, OVMF's boot-services drivers, GRUB)
# until the translation cache is flushed; a page that still holds one
# makes every store to it take QEMU's self-modifying-code path, and
# Xen and dom0 reuse that RAM for data they write all the time.  Which
# pages depends on the firmware's drivers: with an AHCI disk behind
# GRUB the boot was 2.5 times slower than by -kernel (issue 13).  A
# 24 MiB cache (the default is 1 GiB, never full in a boot) is flushed
# early in the boot and the stale translations go with it (32 MiB: the
# first flush came as late as 27 s into dom0; 16 MiB: flushed so often
# that -kernel lost 40%).  Also in scripts/qemu-run;
# tests/e2e/t_boot_paths.py fails if the two paths drift apart again.
TCG = "tcg,tb-size=24"

# The installed host's GRUB menu waits 5 s for a person (grub.cfg's
# timeout, as XCP-ng's).  expect() presses Enter on it, as an admin in
# a hurry would: the same default entry boots, 5 s sooner, on each of
# the suite's few dozen boots of an installed disk (the bench's boot
# figures were always taken with Enter pressed: bootpaths.py).
PRESS_ENTER_AT_GRUB = True
GRUB_WAIT = re.compile(rb"Keel \(slot [AB]\)[^\r\n]*[\s\S]*?"
                       rb"executed automatically in")


def xen_elf():
    """QEMU's -kernel takes Xen as the gunzipped multiboot ELF."""
    out = os.path.join(B, "e2e", "xen")
    src = os.path.join(B, "dom0", "root", "boot", "xen.gz")
    if not os.path.exists(out) or os.path.getmtime(out) < os.path.getmtime(src):
        os.makedirs(os.path.dirname(out), exist_ok=True)
        with open(out + ".tmp", "wb") as f:
            subprocess.run(["zcat", src], stdout=f, check=True)
        os.replace(out + ".tmp", out)
    return out


def boot_conf():
    """hypervisor/boot.conf as a dict (NAME=value lines)."""
    conf = {}
    with open("hypervisor/boot.conf") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#") and "=" in line:
                k, v = line.split("=", 1)
                conf[k] = v
    return conf


class Qemu:
    """One QEMU: x86_64, TCG, -cpu kvm64,+rdrand, serial on a pty."""

    def __init__(self, name, firmware="bios", mem=2048, args=(),
                 reboot=False, vars_from=None, grub_enter=True):
        """grub_enter: press Enter at the installed host's GRUB menu
        (PRESS_ENTER_AT_GRUB); False for a test of the menu's own wait."""
        self.name = name
        self.grub_enter = grub_enter and PRESS_ENTER_AT_GRUB
        self.log_path = os.path.join(B, "e2e", name + ".log")
        os.makedirs(os.path.dirname(self.log_path), exist_ok=True)
        cmd = ["qemu-system-x86_64", "-accel", TCG, "-cpu", "kvm64,+rdrand",
               "-m", str(mem), "-smp", "2", "-display", "none",
               "-serial", "stdio", "-monitor", "none"]
        if not reboot:
            cmd.append("-no-reboot")
        if firmware == "uefi":
            # vars_from: the NVRAM of an earlier run (boot entries made
            # by the installer's efibootmgr), else a fresh one.
            vars_copy = os.path.join(B, "e2e", name + ".vars.fd")
            shutil.copy(vars_from or OVMF_VARS, vars_copy)
            self.vars = vars_copy
            cmd += ["-machine", "q35",
                    "-drive", "if=pflash,format=raw,readonly=on,file=" + OVMF_CODE,
                    "-drive", "if=pflash,format=raw,file=" + vars_copy]
        cmd += list(args)
        self.cmd = cmd
        self.log = open(self.log_path, "wb")
        self.log.write((" ".join(cmd) + "\n").encode())
        self.start = time.monotonic()
        self.p = pexpect.spawn(cmd[0], cmd[1:], timeout=None, maxread=65536,
                               logfile=self.log)

    def elapsed(self):
        return time.monotonic() - self.start

    def expect(self, pattern, timeout, what=None):
        """Wait for pattern (regex, bytes or str); return the match."""
        if isinstance(pattern, str):
            pattern = pattern.encode()
        end = time.monotonic() + timeout
        pats = [pattern, pexpect.EOF, pexpect.TIMEOUT]
        if self.grub_enter:
            pats.append(GRUB_WAIT)
        i = self.p.expect(pats, timeout=timeout)
        while i == 3:
            self.p.send("\r")
            i = self.p.expect(pats, timeout=max(0, end - time.monotonic()))
        if i == 0:
            return self.p.match
        why = "QEMU exited" if i == 1 else "no sign after %d s" % timeout
        raise Failure("%s: waiting for %s: %s (serial log: %s)"
                      % (self.name, what or pattern.decode(errors="replace"),
                         why, self.log_path))

    def send(self, text):
        """Type text.  Long text goes in short bursts: dom0's console
        (Xen's hvc behind an emulated UART) drops characters when a long
        line arrives at once on a busy TCG guest."""
        data = text.encode() if isinstance(text, str) else text
        for i in range(0, len(data), 48):
            self.p.send(data[i:i + 48])
            if len(data) > 48:
                time.sleep(0.05)

    def wait_ready(self, timeout=240):
        """Wait for dom0's ready line; return (seconds, mode, degraded)."""
        m = self.expect(READY, timeout, "dom0 ready")
        return (self.elapsed(), m.group(1).decode(),
                (m.group(2) or b"").decode())

    def shell(self, timeout=60):
        """Get a shell prompt on the serial console and make it ours."""
        self.send("\r")
        self.expect(rb"[#$] ", timeout, "a shell prompt")
        self.run("stty -echo; PS1='KEEL# '", timeout=30, check=False)

    def run(self, command, timeout=60, check=True):
        """Run a shell command; return (status, output)."""
        self.send("echo @@B; %s; echo @@E=$?\r" % command)
        m = self.expect(rb"@@B\r*\n(.*?)@@E=(\d+)", timeout,
                        "the end of '%s'" % command)
        out = m.group(1).decode(errors="replace").replace("\r", "")
        rc = int(m.group(2))
        if check and rc != 0:
            raise Failure("%s: '%s' exited %d:\n%s" % (self.name, command, rc, out))
        return rc, out

    def close(self):
        if self.p.isalive():
            self.p.terminate(force=True)
        self.log.close()
