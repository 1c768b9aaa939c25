"""A dom0 file list naming something no package has stops `make iso`
with the culprit named, and leaves no dom0 image and no ISO behind."""

import os
import shutil

from buildtest import B, check, run, scratch


def test():
    d = scratch('make-no-hole')
    try:
        body(d)
    finally:
        shutil.rmtree(d, ignore_errors=True)


def body(d):
    lst = os.path.join(d, "files")
    with open("dom0/files") as f:
        good = f.read()
    with open(lst, "w") as f:
        f.write(good + "usr/sbin/keel-missing-tool\n")
    rc, out = run(["make", "-s", "B=" + d, "DEB_CACHE=" + B + "/cache/debs",
                   "DOM0_FILES=" + lst, "iso"])
    check(rc != 0, "make iso succeeded with a hole in the file list")
    check("usr/sbin/keel-missing-tool" in out, "culprit not named:\n" + out[-2000:])
    for f in ("dom0.img", "keel.iso", "keel-%s.iso" % open("VERSION").read().strip()):
        check(not os.path.exists(os.path.join(d, f)), "%s was produced" % f)
