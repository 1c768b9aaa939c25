"""keelctl is the command layer and libkeel only: the image's keelctl
(and the build machine's) needs neither ncursesw nor tinfo, carries none
of the console's screens or widgets, and still runs every command;
keel-console, built from the same rows, does link curses (the check
can see it).  Neither links libvirt, which brings some forty
libraries to every keelctl run (a boot runs dozens): they load it on
first VM use, so the image must hold libvirt.so.0."""

import os
import subprocess

from buildtest import B, check, run

CURSES = ("libncursesw", "libtinfo", "libncurses.")
LIBVIRT = "libvirt.so.0"
# Symbols only the screens (console/) and the widgets (lib/tui/) define.
SCREEN_SYMS = ("tui_", "ui_run", "status_paint", "screen_of")


def needed(path):
    rc, out = run(["readelf", "-d", path])
    check(rc == 0, "readelf -d %s: %s" % (path, out))
    return [l.split("[")[1].rstrip("]") for l in out.splitlines()
            if "(NEEDED)" in l]


def symbols(path):
    p = subprocess.run(["nm", path], stdout=subprocess.PIPE,
                       stderr=subprocess.DEVNULL, text=True)
    return [l.split()[-1] for l in p.stdout.splitlines() if l.strip()]


def test():
    dom0 = os.path.join(B, "dom0-bin", "keelctl")
    host = os.path.join(B, "bin", "keelctl")
    console = os.path.join(B, "dom0-bin", "keel-console")
    rc, out = run(["make", "-s", dom0, host, console])
    check(rc == 0, "cannot build the programs:\n" + out[-2000:])
    check(any(c in n for n in needed(console) for c in CURSES),
          "keel-console links no curses: the check cannot see it")
    for path in (dom0, host):
        libs = needed(path)
        check(not any(c in n for n in libs for c in CURSES),
              "%s links curses: %s" % (path, libs))
    for path in (dom0, host, console):
        check(LIBVIRT not in needed(path), "%s links libvirt: it should "
              "load it on first VM use" % path)
    rc, out = run(["sh", "-c", "ls %s/dom0/root/usr/lib/*/%s" % (B, LIBVIRT)])
    check(rc == 0, "the image has no %s to load: %s" % (LIBVIRT, out))
    # The host build is not stripped: its symbols show what it linked.
    syms = symbols(host)
    check("status_run" in syms, "no symbols in %s: the check is blind" % host)
    bad = [s for s in syms if s.startswith(SCREEN_SYMS)]
    check(not bad, "%s carries the console's screens: %s" % (host, bad[:8]))
    rc, out = run([host, "--fake-state", "tests/tui/host.scenario", "--json",
                   "status"])
    check(rc == 0 and '"hostname"' in out, "keelctl status: %d %s" % (rc, out))
