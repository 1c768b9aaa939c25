"""Every shell script of the build and of the dom0 passes shellcheck
(warnings and errors; style notes are advisory)."""

import os
import subprocess

from buildtest import check, run


def shell_scripts():
    out = subprocess.run(["git", "ls-files"], stdout=subprocess.PIPE,
                         text=True, check=True).stdout.split()
    for f in out:
        if not os.path.isfile(f) or f.endswith((".py", ".c", ".h", ".md")):
            continue
        with open(f, "rb") as fh:
            first = fh.readline()
        if first.startswith(b"#!/bin/sh") or first.startswith(b"#!/bin/bash") \
                or f.endswith(".sh"):
            yield f


def test():
    files = sorted(shell_scripts())
    check(len(files) > 10, "found only %d shell scripts" % len(files))
    rc, out = run(["shellcheck", "-S", "warning", "-s", "sh"] + files)
    check(rc == 0, "shellcheck:\n" + out)
