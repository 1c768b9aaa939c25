"""Helpers for the build-pipeline tests: run a tool, keep its output."""

import os
import subprocess
import tempfile

B = os.environ.get("B", "build")


class Failure(Exception):
    """A test expectation that did not hold; the message says which."""


def check(cond, message):
    if not cond:
        raise Failure(message)


def run(args, **kw):
    """Run args; return (status, stdout + stderr as text)."""
    p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True, **kw)
    return p.returncode, p.stdout


def scratch(name):
    """A fresh scratch directory under build/tests/."""
    base = os.path.join(B, "tests")
    os.makedirs(base, exist_ok=True)
    return tempfile.mkdtemp(prefix=name + "-", dir=base)
