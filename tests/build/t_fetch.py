"""rootfs/fetch: an unknown package or a download that does not match
apt's checksum fails the build, naming the package or file."""

import os
import shutil

from buildtest import check, run, scratch


def test():
    d = scratch('fetch')
    try:
        body(d)
    finally:
        shutil.rmtree(d, ignore_errors=True)


def body(d):
    cache, lock = os.path.join(d, "cache"), os.path.join(d, "lock")

    rc, out = run(["rootfs/fetch", cache, lock, "libmd0",
                   "keel-no-such-package"])
    check(rc != 0, "fetch of an unknown package succeeded")
    check("keel-no-such-package" in out, "message does not name it:\n" + out)
    check(not os.path.exists(lock), "a lock was written despite the error")

    rc, out = run(["rootfs/fetch", cache, lock, "libmd0"])
    check(rc == 0, "fetch libmd0 failed:\n" + out)
    with open(lock) as f:
        name, version, sha, deb = f.read().split()
    check(name == "libmd0" and len(sha) == 64, "bad lock line")

    # A corrupt download (here: truncated in the cache) is refused.
    with open(os.path.join(cache, deb), "r+b") as f:
        f.truncate(100)
    rc, out = run(["rootfs/fetch", cache, lock, "libmd0"])
    check(rc != 0, "fetch accepted a corrupt .deb")
    check(deb in out and "sha256" in out, "message does not say why:\n" + out)
    # ...and the next run downloads it again.
    rc, out = run(["rootfs/fetch", cache, lock, "libmd0"])
    check(rc == 0, "fetch did not recover from the corrupt file:\n" + out)
