"""Two clean builds of one commit give the same dom0 image, boot
initramfs, update bundle and ISO, byte for byte (SOURCE_DATE_EPOCH from
the last commit, the pinned packages of dom0/packages.lock)."""

import hashlib
import os
import shutil

from buildtest import B, check, run, scratch

OUTPUTS = ("dom0.img", "dom0/initrd.img", "keel.kub", "keel.iso")


def test():
    dirs = [scratch('repro-a'), scratch('repro-b')]
    try:
        sums = [build(d) for d in dirs]
        for name in OUTPUTS:
            a, b = sums[0][name], sums[1][name]
            print("    %-16s %s %s" % (name, a[:16], b[:16]))
            check(a == b, "%s differs between two builds of one commit"
                  % name)
    finally:
        for d in dirs:
            shutil.rmtree(d, ignore_errors=True)


def build(d):
    rc, out = run(["make", "-s", "B=" + d, "DEB_CACHE=" + B + "/cache/debs",
                   "UPDATE_KUB=" + os.path.join(d, "keel.kub"), "iso"])
    check(rc == 0, "make iso into %s failed:\n%s" % (d, out[-2000:]))
    sums = {}
    for name in OUTPUTS:
        h = hashlib.sha256()
        with open(os.path.join(d, name), "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
        sums[name] = h.hexdigest()
    return sums
