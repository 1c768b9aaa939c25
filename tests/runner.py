"""runner.py DIR [NAME...] - run the Python tests of one suite (DIR/t_*.py,
e.g. tests/e2e: one QEMU at a time) and print "N passed, N failed".
Each test module has a test() function that raises on failure."""

import importlib
import os
import sys

from testlib import run_all


def one(name):
    """The test of module name, imported when it runs."""
    def run():
        print("  %s ..." % name, flush=True)
        importlib.import_module(name).test()
    return run


def main():
    here = os.path.abspath(sys.argv.pop(1))
    sys.path.insert(0, here)
    names = sorted(f[:-3] for f in os.listdir(here)
                   if f.startswith("t_") and f.endswith(".py"))
    if len(sys.argv) > 1:
        names = [n for n in names if any(a in n for a in sys.argv[1:])]
    return run_all([(n, one(n)) for n in names])


if __name__ == "__main__":
    sys.exit(main())
