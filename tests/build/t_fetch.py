"""rootfs/lock-resolve, rootfs/fetch and rootfs/host-check: the build
fetches exactly what the lock pins and refuses anything else, naming the
package: an unknown name, a list and a lock that disagree, a version the
archive no longer has, bytes that differ, a host tool at another
version."""

import os
import shutil
import subprocess

from buildtest import check, run, scratch


def test():
    d = scratch('fetch')
    try:
        body(d)
    finally:
        shutil.rmtree(d, ignore_errors=True)


def write(path, text):
    with open(path, "w") as f:
        f.write(text)


def body(d):
    cache, lock, out = (os.path.join(d, n) for n in ("cache", "lock", "out"))

    rc, txt = run(["rootfs/lock-resolve", lock, "libmd0",
                   "keel-no-such-package"])
    check(rc != 0, "lock-resolve of an unknown package succeeded")
    check("keel-no-such-package" in txt, "message does not name it:\n" + txt)
    check(not os.path.exists(lock), "a lock was written despite the error")

    rc, txt = run(["rootfs/lock-resolve", lock, "libmd0"])
    check(rc == 0, "lock-resolve libmd0 failed:\n" + txt)
    with open(lock) as f:
        pinned = f.read()
    name, version, sha, deb = pinned.split()
    check(name == "libmd0" and len(sha) == 64, "bad lock line " + pinned)

    rc, txt = run(["rootfs/fetch", cache, lock, out, "libmd0"])
    check(rc == 0, "fetch libmd0 failed:\n" + txt)
    with open(out) as f:
        check(f.read() == pinned, "OUT is not the lock's line")

    # The list and the lock must name the same packages.
    rc, txt = run(["rootfs/fetch", cache, lock, out, "libmd0", "libbsd0"])
    check(rc != 0 and "libbsd0" in txt and "lock-update" in txt,
          "a package missing from the lock was not refused by name:\n" + txt)
    rc, txt = run(["rootfs/fetch", cache, lock, out, "libbsd0"])
    check(rc != 0 and "libmd0" in txt and "no longer names" in txt,
          "a pin the list dropped was not refused by name:\n" + txt)

    # A corrupt download (here: truncated in the cache) is refused...
    with open(os.path.join(cache, deb), "r+b") as f:
        f.truncate(100)
    rc, txt = run(["rootfs/fetch", cache, lock, out, "libmd0"])
    check(rc != 0, "fetch accepted a corrupt .deb")
    check(deb in txt and "sha256" in txt, "message does not say why:\n" + txt)
    # ...and the next run downloads it again.
    rc, txt = run(["rootfs/fetch", cache, lock, out, "libmd0"])
    check(rc == 0, "fetch did not recover from the corrupt file:\n" + txt)

    # Pinned bytes that differ from the archive's: refused, not re-pinned.
    bad = os.path.join(d, "lock-badsha")
    write(bad, "%s %s %s %s\n" % (name, version, "0" * 64, deb))
    os.unlink(os.path.join(cache, deb))
    rc, txt = run(["rootfs/fetch", cache, bad, out, "libmd0"])
    check(rc != 0 and "libmd0" in txt and "differ" in txt,
          "bytes that differ from the pin were accepted:\n" + txt)

    # A version the archive no longer has.
    gone = os.path.join(d, "lock-gone")
    write(gone, "libmd0 0.0-keel-gone %s libmd0_0.0-keel-gone_amd64.deb\n"
          % sha)
    rc, txt = run(["rootfs/fetch", cache, gone, out, "libmd0"])
    check(rc != 0 and "libmd0 0.0-keel-gone" in txt,
          "a version the archive lacks was not named:\n" + txt)

    # Host tools: installed at the pinned version, or the build stops.
    have = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "make"],
                          stdout=subprocess.PIPE, text=True).stdout
    host = os.path.join(d, "lock-host")
    write(host, "make %s - make_x.deb host\n" % have)
    rc, txt = run(["rootfs/host-check", host])
    check(rc == 0, "host-check refused the installed make:\n" + txt)
    write(host, "make 0.0-keel - make_x.deb host\n")
    rc, txt = run(["rootfs/host-check", host])
    check(rc != 0 and "make is " + have in txt and "0.0-keel" in txt,
          "a host tool at another version was not named:\n" + txt)

    # A pin given twice is refused, not kept once in silence.
    twice = os.path.join(d, "lock-twice")
    write(twice, pinned + pinned)
    rc, txt = run(["rootfs/fetch", cache, twice, out, "libmd0"])
    check(rc != 0 and "libmd0" in txt and "more than once" in txt,
          "a package pinned twice was accepted:\n" + txt)

    # A host tool that is not installed fails lock-update: no lock that
    # leaves its pin out.
    nohost = os.path.join(d, "lock-nohost")
    rc, txt = run(["rootfs/lock-resolve", nohost, "libmd0", "--host",
                   "keel-no-such-tool"])
    check(rc != 0 and "keel-no-such-tool" in txt,
          "lock-resolve accepted a missing host tool:\n" + txt)
    check(not os.path.exists(nohost), "a lock was written without the tool")
