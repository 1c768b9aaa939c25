"""runner.py DIR [NAME...] - run the Python tests of one suite (DIR/t_*.py,
e.g. tests/e2e: one QEMU at a time) and print "N passed, N failed".
Each test module has a test() function that raises on failure."""

import importlib
import os
import sys
import time
import traceback



def main():
    here = os.path.abspath(sys.argv.pop(1))
    sys.path.insert(0, here)
    names = sorted(f[:-3] for f in os.listdir(here)
                   if f.startswith("t_") and f.endswith(".py"))
    if len(sys.argv) > 1:
        names = [n for n in names if any(a in n for a in sys.argv[1:])]
    passed = failed = 0
    for name in names:
        t0 = time.monotonic()
        print("  %s ..." % name, flush=True)
        try:
            importlib.import_module(name).test()
        except Exception as e:  # a failed test, whatever the cause
            failed += 1
            detail = str(e) if e.__class__.__name__ == "Failure" \
                else traceback.format_exc()
            print("FAIL %s (%.0f s): %s" % (name, time.monotonic() - t0,
                                            detail), flush=True)
            continue
        passed += 1
        print("ok   %s (%.0f s)" % (name, time.monotonic() - t0), flush=True)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
