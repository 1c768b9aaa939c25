"""testlib - what every Python test suite shares (tests/runner.py for
build and e2e, tests/tui/run): the failure type, check(), and the loop
that runs tests and prints "ok NAME (T s)" / "FAIL NAME: why" and the
closing "N passed, N failed"."""

import time
import traceback


class Failure(Exception):
    """A test expectation that did not hold; the message says which."""


def check(cond, message):
    if not cond:
        raise Failure(message)


def run_all(tests, after=None):
    """Run (name, fn) pairs, one line each; after(name), if given, runs
    after a test returns and may raise Failure to fail it.  Prints the
    closing line; returns the exit status (1 if any failed)."""
    passed = failed = 0
    for name, fn in tests:
        t0 = time.monotonic()
        try:
            fn()
            if after:
                after(name)
        except Exception as e:  # a failed test, whatever the cause
            failed += 1
            detail = str(e) if isinstance(e, Failure) \
                else traceback.format_exc()
            print("FAIL %s (%.1f s): %s" % (name, time.monotonic() - t0,
                                            detail), flush=True)
            continue
        passed += 1
        print("ok   %s (%.1f s)" % (name, time.monotonic() - t0), flush=True)
    print("%d passed, %d failed" % (passed, failed), flush=True)
    return 1 if failed else 0
