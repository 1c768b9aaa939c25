"""Helpers for install tests: blank disks, KEEL-AUTO answer disks, and
driving keel-console over the serial line."""

import functools
import http.server
import os
import re
import subprocess
import threading

from keelqemu import B, check

MiB = 1024 * 1024


def e2e_path(name):
    """A path under build/e2e/, which a clean checkout does not have."""
    d = os.path.join(B, "e2e")
    os.makedirs(d, exist_ok=True)
    return os.path.join(d, name)


def blank_disk(name, size="20G"):
    """A fresh sparse qcow2 disk under build/e2e/."""
    path = e2e_path(name + ".qcow2")
    if os.path.exists(path):
        os.remove(path)
    subprocess.run(["qemu-img", "create", "-q", "-f", "qcow2", path, size],
                   check=True)
    return path


def answer_disk(name, text):
    """A small FAT disk labelled KEEL-AUTO holding /answerfile."""
    path = e2e_path(name + "-answers.img")
    src = path + ".answerfile"
    if os.path.exists(path):
        os.remove(path)
    with open(src, "w") as f:
        f.write(text)
    subprocess.run(["mkfs.vfat", "-C", "-n", "KEEL-AUTO", path, "8192"],
                   check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["mcopy", "-i", path, src, "::/answerfile"], check=True)
    os.remove(src)
    return path


def disk_sha256(path):
    """Checksum of a disk's guest-visible bytes (any image format)."""
    raw = path + ".raw"
    subprocess.run(["qemu-img", "convert", "-O", "raw", path, raw], check=True)
    out = subprocess.run(["sha256sum", raw], stdout=subprocess.PIPE,
                         text=True, check=True).stdout.split()[0]
    os.remove(raw)
    return out


def console_shell(q, password, timeout=120, logged_in=False, shown=False):
    """From keel-console on the serial line: log in with password (unless
    logged_in), open the Local Shell and make the prompt ours.  shown:
    the caller already saw the console's first screen."""
    if not logged_in:
        if not shown:
            q.expect("Status Display", timeout, "keel-console")
        q.send("l")
        q.expect("Password for root", 30, "the login dialog")
        q.send(password + "\r")
        q.expect("Logged in as root", 30, "a logged-in console")
    q.send("j" * 15)
    q.expect("Open a local shell", 30, "the Local Shell menu")
    q.send("\r")
    q.send("\r")
    q.expect(rb"[#$] ", 60, "a shell prompt")
    q.run("stty -echo; PS1='KEEL# '", timeout=30, check=False)


def lvm_vg_mib(q, vg):
    """(size, free) of a volume group in MiB, from lvm's JSON report."""
    _, out = q.run("DM_DISABLE_UDEV=1 lvm vgs --reportformat json --units m "
                   "--nosuffix -o vg_size,vg_free %s" % vg)
    import json
    rep = json.loads(out[out.index("{"):])["report"][0]["vg"][0]
    return float(rep["vg_size"]), float(rep["vg_free"])


def grubenv(q):
    """The ESP's grubenv as a dict (mounts the ESP read-only)."""
    q.run("mkdir -p /tmp/esp && mount -t vfat -o ro "
          "$(blkid -t PARTLABEL=esp -o device) /tmp/esp")
    _, out = q.run("grub-editenv /tmp/esp/boot/grub/grubenv list")
    q.run("umount /tmp/esp")
    env = dict(l.split("=", 1) for l in out.splitlines() if "=" in l)
    check(env, "grubenv is empty")
    return env


def vm_layer_up(q):
    """Wait for libvirtd, whose start step runs after "ready" (keelctl's
    VM commands wait for it, as here), and check that step and the
    autostart after it logged no FAILED line: they write to the log
    only, not over the console."""
    q.run("keelctl vm-list >/dev/null", timeout=120)
    _, out = q.run("grep -a 'keel: FAILED: \\(libvirt\\|autostart\\)' "
                   "/var/log/messages", check=False)
    check(not out.strip(), "the VM layer's start failed: " + out)


def boot_failures(q):
    """The start scripts' FAILED lines in q's serial log so far: a boot
    that goes on after a failed step still counts as broken here."""
    q.log.flush()
    with open(q.log_path, "rb") as f:
        text = f.read().decode(errors="replace")
    return re.findall(r"keel: \[[0-9.]+\] FAILED: [^\r\n]*", text)


def serve(folder):
    """An http server for folder on a free port; the guest reaches it
    as 10.0.2.2 (QEMU's user network)."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass
    handler = functools.partial(Quiet, directory=folder)
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv
