"""tests/tui/screenline.py - the screen is ours while a TUI owns the
terminal (run by tests/tui/run, whose helpers come in as m): the
kernel keeps its lines off the consoles meanwhile (`dmesg -n 1`, the
level from before put back on leaving and around a shell), and text
something else wrote over the screen goes on r/F5 or Ctrl-L.
"""
import re
import time

QUIET = "run dmesg -n 1"
BACK = "run dmesg -n 7"  # the scenario's /proc/sys/kernel/printk


def dmesg_runs(c):
    return [l for l in c.calls().splitlines() if l.startswith("run dmesg")]


def tests(m):
    """The test functions, over run's helpers."""

    def t_console_quiets_kernel():
        """Quiet while the menus show, the level back for the local
        shell, quiet again after it, back when the console quits."""
        c = m.Console("--goto", "shell")
        try:
            m.login(c)
            c.wait("Local Shell")
            c.keys("q")
            # the BACK of the shell is there before the one of the quit:
            # wait for the whole sequence, not the first BACK
            end = time.monotonic() + 30
            while (len(dmesg_runs(c)) < 4 and time.monotonic() < end):
                time.sleep(0.05)
            runs = dmesg_runs(c)
            if runs != [QUIET, BACK, QUIET, BACK]:
                raise m.Failure("dmesg runs: %r" % runs)
        finally:
            c.close()

    def t_installer_quiets_kernel():
        """keel-install's screens keep the kernel quiet, and give the
        level back when they end (here: s, for a shell)."""
        c = m.Installer()
        try:
            c.keys("Enter")
            c.wait("Press s (or F2)")
            c.keys("s")
            c.wait("keel-install exited 3")
            runs = dmesg_runs(c)
            if runs != [QUIET, BACK]:
                raise m.Failure("dmesg runs: %r" % runs)
        finally:
            c.close()

    def t_refresh_repaints_foreign_text():
        """A line written to the console's terminal by another program
        stays until the screen is painted again: Ctrl-L (no key to the
        menus) and r each paint every cell."""
        c = m.Console()
        try:
            tty = c.tmux("display-message", "-p", "-t", "t",
                         "#{pane_tty}").strip()
            for key in ("C-l", "r"):
                with open(tty, "w") as f:
                    f.write("\033[12;40HXX-KERNEL-SCRIBBLE-XX")
                c.wait("XX-KERNEL-SCRIBBLE-XX")
                c.keys(key)
                c.wait("XX-KERNEL-SCRIBBLE-XX", gone=True)
            if not re.search(r"> Status Display", c.screen()):
                raise m.Failure("the menu moved:\n" + c.screen())
        finally:
            c.close()

    return [t_console_quiets_kernel, t_installer_quiets_kernel,
            t_refresh_repaints_foreign_text]
