"""The dom0 image's programs carry no test fake: keel-console, keelctl
and keel-install as built for the image contain none of the fake
backend's symbols or messages, refuse --fake-state with a sentence, and
are the programs the image holds in /usr/sbin; and keel-install, which
installs only the disk operations, does not link libxenlight.  (The build machine's
builds of the same programs do carry the fake: the check would see
it.)"""

import filecmp
import os

from buildtest import B, check, run

PROGRAMS = ("keel-console", "keelctl", "keel-install")
# Only the fake says these (tests/fake/).
MARKS = (b"keel_fake_", b"this fake host", b"scripted by the fake",
         b"(fake script)")


def marks(path):
    with open(path, "rb") as f:
        data = f.read()
    return [m.decode() for m in MARKS if m in data]


def test():
    dom0 = [os.path.join(B, "dom0-bin", p) for p in PROGRAMS]
    host = [os.path.join(B, "bin", p) for p in PROGRAMS]
    rc, out = run(["make", "-s", os.path.join(B, "dom0.img")] + host)
    check(rc == 0, "cannot build the image and programs:\n" + out[-2000:])
    for path in host:
        check(marks(path), "%s has no trace of the fake: the check "
              "cannot see one" % path)
    for path in dom0:
        found = marks(path)
        check(not found, "%s carries the fake: %s" % (path, found))
        img = os.path.join(B, "dom0", "root", "usr", "sbin",
                           os.path.basename(path))
        check(filecmp.cmp(path, img, shallow=False),
              "%s is not the image's %s" % (path, img))
    rc, out = run(["readelf", "-d", dom0[2]])
    check(rc == 0 and "libcrypt" in out, "readelf -d %s: %s" % (dom0[2], out))
    check("libxenlight" not in out and "libxentoollog" not in out,
          "%s links Xen's libraries:\n%s" % (dom0[2], out))
    scenario = "tests/tui/host.scenario"
    for path, args in ((dom0[1], ["--fake-state", scenario, "status"]),
                       (dom0[2], ["--fake-state", scenario, "--dry-run"])):
        rc, out = run([path] + args)
        check(rc != 0 and "this build has no fake backend" in out,
              "%s %s: %d %s" % (path, " ".join(args), rc, out))
