"""tests/tui/guard.py - what keeps keel-console from being stopped or
reset by the keyboard (run by tests/tui/run, whose helpers come in as
m): Ctrl-C, Ctrl-\\ and Ctrl-Z do nothing, and quitting logs out but
keeps the delay after wrong passwords for the console init starts next.
"""
import os
import tempfile
import time


def tests(m):
    """The test functions, over run's helpers."""

    def t_keyboard_signals():
        """Ctrl-C, Ctrl-\\ and Ctrl-Z do not stop the console (init
        would start a fresh one, and an apply would be left half done):
        it still answers keys afterwards, and is still logged in."""
        c = m.Console()
        try:
            c.keys("l")
            m.login(c)
            c.wait("root logged in")
            c.keys("C-c", "C-\\", "C-z")
            c.keys("Down")
            c.wait("> Network and Management Interface")
            c.wait("root logged in")
        finally:
            c.close()

    def t_quit_keeps_backoff():
        """Quitting logs out, and does not reset the delay after wrong
        passwords: the console init starts next still makes the right
        password wait.  The delay's file lives on between the runs (the
        scenario's keep record)."""
        keep = os.path.join(m.run_tmp(), "login-failures")
        fd, scenario = tempfile.mkstemp(prefix="backoff-",
                                        suffix=".scenario", dir=m.run_tmp())
        with os.fdopen(fd, "w") as f, open(m.SCENARIO) as base:
            f.write(base.read() +
                    "keep /run/keel/login-failures %s\n" % keep)
        c = m.Console(scenario=scenario, respawn=True)
        try:
            c.keys("l")
            m.login(c)
            c.wait("root logged in")
            # six wrong passwords long ago (CLOCK_MONOTONIC, the
            # console's clock), which the next console finds; one more
            # then makes it 64 s to wait
            with open(keep, "w") as f:
                f.write("failures=6 last=%.3f\n"
                        % (time.monotonic() - 100))
            c.keys("q")
            c.wait("Logged in as root", gone=True)  # a new console
            c.wait("not logged in")
            c.keys("l")
            c.wait("Password for root")
            c.type("wrong-password")
            c.keys("Enter")
            c.wait("(7 in a row): wait")
            c.keys("Enter", "q")
            c.wait("Login refused", gone=True)  # a new console
            c.keys("l")
            m.login(c)
            c.wait("too many wrong passwords: try again in")
            c.keys("Enter")
            c.wait("not logged in")
        finally:
            c.close()
            os.remove(scenario)

    return [t_keyboard_signals, t_quit_keeps_backoff]
