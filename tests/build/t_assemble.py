"""rootfs/assemble: a file-list entry that matches nothing, or a shared
library that no package provides, fails and names the culprit."""

import os
import shutil

from buildtest import B, check, run, scratch

ELFDEPS = os.path.join(B, "host", "keel-elfdeps")


def test():
    d = scratch('assemble')
    try:
        body(d)
    finally:
        shutil.rmtree(d, ignore_errors=True)


def body(d):
    rc, out = run(["make", "-s", ELFDEPS])
    check(rc == 0, "cannot build keel-elfdeps:\n" + out)
    stage = os.path.join(d, "stage")
    os.makedirs(os.path.join(stage, "bin"))
    shutil.copy("/usr/bin/true", os.path.join(stage, "bin", "true"))
    lst = os.path.join(d, "files")

    with open(lst, "w") as f:
        f.write("# a comment\nbin/true\nusr/sbin/keel-not-there*\n")
    rc, out = run(["rootfs/assemble", ELFDEPS, stage, d + "/root1", lst])
    check(rc != 0, "assemble accepted a glob that matches nothing")
    check("usr/sbin/keel-not-there*" in out, "glob not named:\n" + out)

    with open(lst, "w") as f:
        f.write("bin/true\n")
    rc, out = run(["rootfs/assemble", ELFDEPS, stage, d + "/root2", lst])
    check(rc != 0, "assemble accepted a program whose libc is missing")
    check("libc.so.6" in out and "bin/true" in out,
          "missing library or its user not named:\n" + out)
