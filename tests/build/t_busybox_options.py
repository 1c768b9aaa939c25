"""Every option the dom0 scripts pass to a busybox applet is one that
applet, as built into the image, accepts.  Debian's static busybox
leaves features out: S30syslog once passed syslogd -s/-b (rotation,
not built in), syslogd refused to start on every boot, and the
console's Logs screen said "No system log yet"."""

import os
import re
import shlex
import subprocess

from buildtest import B, check, run

ROOT = os.path.join(B, "dom0", "root")
SCRIPT_DIRS = ("dom0/skel", "dom0/initramfs")
# These run another command: options after its name are not theirs.
WRAPPERS = {"xargs", "env", "nice", "nohup", "chroot", "timeout",
            "setsid", "chpst"}
# These take a signal as -NAME ("kill -HUP"), which is not options.
SIGNALLED = {"kill", "killall"}
SPLIT = re.compile(r"[;|&]+|\$\(|`|\b(?:then|do|else|if|while|until)\b|!")


def applet(name):
    """True if the image's name is a link to busybox."""
    for d in ("bin", "sbin", "usr/bin", "usr/sbin"):
        p = os.path.join(ROOT, d, name)
        if os.path.islink(p):
            return os.readlink(p).endswith("busybox")
        if os.path.exists(p):
            return False
    return False


HELP = {}
SIGNALS = set()


def signal_name(w):
    """True if w is -NAME of a signal the image's busybox kill knows."""
    if not SIGNALS:
        p = subprocess.run([os.path.join(ROOT, "bin", "busybox"), "kill",
                            "-l"], capture_output=True, text=True,
                           check=False)
        SIGNALS.update(re.findall(r"\b[A-Z][A-Z0-9+-]*\b", p.stdout))
    return w[1:] in SIGNALS


def accepted(name):
    """The option letters in the applet's --help."""
    cache = HELP
    if name not in cache:
        p = subprocess.run([os.path.join(ROOT, "bin", "busybox"), name,
                            "--help"], capture_output=True, text=True,
                           check=False)
        found = re.findall(r"(?:^|[\s\[|])-([A-Za-z0-9]+)",
                           p.stdout + p.stderr)
        cache[name] = set("".join(found))
    return cache[name]


def problems(path, text):
    """(line, applet, option) for each option an applet refuses."""
    for no, line in enumerate(text.splitlines(), 1):
        for part in SPLIT.split(line.split("#", 1)[0]):
            try:
                words = shlex.split(part)
            except ValueError:
                continue
            if not words or not re.fullmatch(r"[a-z0-9_.-]+", words[0]) \
                    or not applet(words[0]):
                continue
            for w in words[1:]:
                if words[0] in WRAPPERS and not w.startswith("-"):
                    break
                m = re.fullmatch(r"-([A-Za-z]+)[0-9]*", w)  # -f1: -f 1
                if not m or (words[0] in SIGNALLED and signal_name(w)):
                    continue
                for c in m.group(1):
                    if c not in accepted(words[0]):
                        yield "%s:%d: %s -%s" % (path, no, words[0], c)


def scripts():
    for top in SCRIPT_DIRS:
        for d, _, files in os.walk(top):
            for f in sorted(files):
                p = os.path.join(d, f)
                if not os.path.isfile(p):
                    continue  # a link into keel-state
                with open(p, "rb") as fh:
                    if fh.readline().startswith(b"#!/bin/sh") or \
                            p.endswith(".sh"):
                        yield p


def test():
    rc, out = run(["make", "-s", os.path.join(B, "dom0", "root.stamp")])
    check(rc == 0, "cannot build the dom0 root:\n" + out[-2000:])
    check(applet("syslogd"), "no busybox syslogd in the image")
    check("O" in accepted("syslogd"), "cannot read syslogd --help")
    check(signal_name("-HUP") and not signal_name("-HU"),
          "cannot read the signal names of busybox kill -l")
    found = []
    for p in scripts():
        with open(p) as f:
            found += problems(p, f.read())
    check(not found, "options the image's busybox does not have:\n" +
          "\n".join(found))
