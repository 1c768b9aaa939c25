"""Helpers for the build-pipeline tests: run a tool, keep its output."""

import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(
    __file__))))
from testlib import Failure, check  # noqa: E402,F401 (shared; re-exported)

B = os.environ.get("B", "build")


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
