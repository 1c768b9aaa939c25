"""The dom0 image carries what S25keymap and S70time apply: a compiled
layout for every keymap the installer offers (and they differ: a German
layout is not the US one), tzdata's zones with zone1970.tab for the
installer's list, /etc/localtime through the state partition, and
openntpd with its privilege-separation user."""

import os
import re

from buildtest import B, check, run


def installer_keymaps():
    with open("installer/scr-keymap.c") as f:
        names = re.findall(r'\{ "([^"]+)", "[^"]+" \}', f.read())
    check(len(names) >= 5, "cannot read the keymap list of "
          "installer/scr-keymap.c (found %r)" % names)
    return names


def test():
    rc, out = run(["make", "-s", os.path.join(B, "dom0.img")])
    check(rc == 0, "cannot build the dom0 image:\n" + out[-2000:])
    root = os.path.join(B, "dom0", "root")
    kdir = os.path.join(root, "usr/share/keel/keymaps")
    maps = {}
    for name in installer_keymaps():
        path = os.path.join(kdir, name + ".bmap")
        check(os.path.isfile(path), "the installer offers keymap %s but "
              "the image has no %s" % (name, path))
        with open(path, "rb") as f:
            maps[name] = f.read()
        check(maps[name].startswith(b"bkeymap"), "%s is not a busybox "
              "loadkmap file" % path)
    check(maps["us"] != maps["de"], "the us and de layouts are the same")
    # Every layout defines the same tables (dom0/keymaps-pad), so one
    # loads to the same state whatever was loaded before.
    flags = {n: m[7:7 + 256] for n, m in maps.items()}
    check(len(set(flags.values())) == 1, "the layouts define different "
          "tables: %s" % sorted(n for n in flags if flags[n] != flags["us"]))
    zi = os.path.join(root, "usr/share/zoneinfo")
    for z in ("zone1970.tab", "UTC", "Europe/Berlin", "America/New_York"):
        p = os.path.join(zi, z)
        check(os.path.isfile(p), "the image has no %s" % p)
    with open(os.path.join(zi, "Europe/Berlin"), "rb") as f:
        check(f.read(4) == b"TZif", "Europe/Berlin is not a TZif file")
    check(not os.path.exists(os.path.join(zi, "right")),
          "tzdata's right/ copy is in the image (1.9 MiB of no use)")
    link = os.readlink(os.path.join(root, "etc/localtime"))
    check(link == "keel/localtime", "/etc/localtime points at %r, not the "
          "state partition's keel/localtime" % link)
    check(os.access(os.path.join(root, "usr/sbin/ntpd"), os.X_OK),
          "no openntpd in the image")
    with open(os.path.join(root, "etc/passwd")) as f:
        check(re.search(r"^ntpd:x:\d+:", f.read(), re.M),
              "no ntpd user for openntpd's privilege separation")
