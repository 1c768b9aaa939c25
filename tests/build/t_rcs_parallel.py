"""rcS starts each start step as soon as the steps its "# after:" line
names have ended, not one after another: the real rcS and rc.sh run
with the image's busybox (chroot into the built root, in a mount
namespace of its own, with steps of the test's in /etc/init.d).  A step
without needs overlaps a slow one; a step waits for the ones it names
and "*" for all before it but those marked "# off the ready path"
(rcS still waits for them); a need that is not an earlier step is
reported and not waited for (a loop or a typo cannot hang the boot);
rcS returns when every step up to S90ready has ended, and not before;
a step sorting after S90ready runs on after rcS returned (init starts
the console then), its output kept off the console."""

import os
import time

from buildtest import B, check, run, scratch

ROOT = os.path.join(B, "dom0", "root")

# name: (after line or None, body).  Each step logs its start and end.
STEPS = {
    "S10slow": (None, "usleep 600000"),
    "S20needs_slow": ("S10slow", ""),
    "S30free": (None, ""),
    "S40fails": ("S30free",
                 "echo 'S40fails end' >>/run/keel/order\nexit 3"),
    "S50typo": ("S99nothere", ""),
    "S60later": ("S70last", ""),
    "S70last": ("*", ""),
    "S80offpath": ("S70last", "# off the ready path (the test's)\n"
                   "usleep 1200000"),
    "S90ready": ("*", "usleep 300000"),
    "S95late": ("S90ready", "echo 'S95late on the console'\nusleep 1500000"),
}


def step_script(name, after, body):
    head = "#!/bin/sh\n# %s - a step of the test\n" % name
    if after:
        head += "# after: %s\n" % after
    return (head + ". /lib/keel/rc.sh\n"
            "echo \"%s start\" >>/run/keel/order\n%s\n"
            "echo \"%s end\" >>/run/keel/order\n" % (name, body, name))


def test():
    rc, out = run(["make", "-s", os.path.join(B, "dom0", "root.stamp")])
    check(rc == 0, "cannot build the dom0 root:\n" + out[-2000:])
    d = scratch("rcs")
    steps = os.path.join(d, "init.d")
    os.makedirs(steps)
    os.makedirs(os.path.join(d, "run"))
    for name, (after, body) in STEPS.items():
        with open(os.path.join(steps, name), "w") as f:
            f.write(step_script(name, after, body))
        os.chmod(os.path.join(steps, name), 0o755)
    with open(os.path.join(steps, "rcS"), "w") as f:
        f.write(open("dom0/skel/etc/init.d/rcS").read())
    os.chmod(os.path.join(steps, "rcS"), 0o755)
    root = os.path.abspath(ROOT)
    inner = ("mount --bind {s} {r}/etc/init.d && mount --bind {run} {r}/run"
             " && mount -t proc proc {r}/proc && mount --bind /dev {r}/dev"
             " && mkdir -p {r}/run/keel"
             " && chroot {r} /bin/sh /etc/init.d/rcS"
             " && echo 'rcS returned' >>{r}/run/keel/order").format(
                 s=os.path.abspath(steps), run=os.path.abspath(
                     os.path.join(d, "run")), r=root)
    rc, out = run(["unshare", "--mount", "--propagation", "private", "sh",
                   "-c", inner])
    check(rc == 0, "rcS failed (%d):\n%s" % (rc, out))
    path = os.path.join(d, "run", "keel", "order")
    end = time.time() + 20
    while "S95late end" not in open(path).read() and time.time() < end:
        time.sleep(0.2)
    order = [x for x in open(path).read().split("\n") if x]
    print("    order: " + ", ".join(order))

    def at(what):
        check(what in order, "%r never happened: %s" % (what, order))
        return order.index(what)
    for name in STEPS:
        at(name + " end")
    check(at("S30free start") < at("S10slow end"),
          "a step with no needs waited for an earlier slow one (one after"
          " another, not at once): %s" % order)
    check(at("S20needs_slow start") > at("S10slow end"),
          "S20needs_slow started before S10slow, which it names, ended")
    check(at("S40fails start") > at("S30free end"),
          "S40fails started before S30free ended")
    check(at("rcS returned") > at("S90ready end"),
          "rcS returned before S90ready ended: %s" % order)
    check(at("S90ready start") < at("S80offpath end"),
          "'# after: *' waited for a step off the ready path: %s" % order)
    check(at("rcS returned") > at("S80offpath end"),
          "rcS returned before a step off the ready path ended: %s" % order)
    check(at("rcS returned") < at("S95late end"),
          "rcS waited for S95late, which sorts after S90ready: %s" % order)
    check("S95late on the console" not in out,
          "a step after S90ready wrote over the console:\n" + out)
    for name in ("S10slow", "S20needs_slow", "S30free", "S40fails",
                 "S50typo", "S60later"):
        check(at("S70last start") > at(name + " end"),
              "'# after: *' started before %s ended" % name)
    check("S40fails exited with status 3" in out,
          "a failing step is not reported:\n" + out)
    check("S50typo: needs S99nothere, which is not a start step before it"
          in out, "a need that does not exist is not reported:\n" + out)
    check("S60later: needs S70last, which is not a start step before it"
          in out, "a need of a later step is not reported:\n" + out)
