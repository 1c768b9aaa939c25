"""tests/tui/installer.py - keel-install's screens in tmux (run by
tests/tui/run, whose helpers come in as m): a full install checked
against the engine's golden call log, going back, every validation
error, the summary and the Shell key.  The fake host is
tests/unit/data/install/host.scenario: sda 20 GiB, sdb 10 GiB (too
small for Keel, fine for the SR), sdc 8 GiB, sdd the medium; eth0 up.
"""
import os
import subprocess

PASSWORD = "longenough1"


def title(step):
    return "installer - step %d of 15: " % step


def first_steps(c):
    """Keyboard layout -> welcome -> action -> primary disk."""
    c.wait("Keyboard layout")
    c.keys("Enter")
    c.wait("Press s (or F2)")
    c.keys("Enter")
    c.wait("Install Keel 0.1.0")
    c.keys("Enter")
    c.wait("EVERYTHING ON IT WILL BE ERASED")


def to_network(c):
    """Primary disk sda, SR disk sdb, NIC eth0: the network form."""
    first_steps(c)
    c.keys("Enter")
    c.wait("Storage repository disks")
    c.keys("Down", "Space")
    c.wait("[x] sdb")
    c.keys("Enter")
    c.wait("Management interface")
    c.keys("Enter")
    c.wait("Address from")


def to_summary(c, hostname="xen1"):
    """From the network form with DHCP to the summary."""
    c.keys("Enter")
    c.wait("Host name and DNS")
    c.keys("C-u")
    c.type(hostname)
    c.keys("Enter")
    c.wait("Enable the SSH server")
    c.keys("Enter")
    c.wait("choose the region")
    c.keys("Enter")  # UTC
    c.wait("NTP servers")
    c.keys("Enter")
    c.wait("Root password")
    c.type(PASSWORD)
    c.keys("Tab")
    c.type(PASSWORD)
    c.keys("Enter")
    c.wait("Erase sda and install")


def exit_status(c, status):
    c.wait("keel-install exited %d" % status)


def make_tests(m):
    """The test functions, over run's helpers."""

    def t_install_full():
        """A full interactive install with DHCP: screens match their
        goldens and the call log holds the engine's golden apply log."""
        c = m.Installer()
        try:
            m.golden("install-keymap", c.wait("Japanese"))
            first_steps(c)
            m.golden("install-disk", c.wait("no partitions"))
            c.keys("Enter")
            c.wait("Storage repository disks")
            c.keys("Down", "Space")
            c.wait("[x] sdb")
            c.keys("Enter")
            c.wait("Management interface")
            m.golden("install-nic", c.wait("link up"))
            c.keys("Enter")
            c.wait("Address from")
            m.golden("install-network", c.screen())
            to_summary(c)
            m.golden("install-summary", c.screen())
            if " write " in c.calls() or "zero " in c.calls():
                raise m.Failure("written before the confirmation")
            c.keys("Tab", "Enter")
            m.golden("install-done", c.wait("Installation complete"))
            c.keys("Enter")
            exit_status(c, 0)
            c.wait("[stage 8/8] finish ... ok")
            # without the kernel's level held back around the screens
            # (t_installer_quiets_kernel's)
            calls = "".join(l for l in c.calls().splitlines(True)
                            if "/run/keel/console-" not in l and
                            "/kernel/printk" not in l and
                            not l.startswith("run dmesg -n "))
            m.golden("install-calls", calls)
            with open(os.path.join(m.INSTALL_DATA, "apply-install.log")) as f:
                apply_log = f.read()
            if apply_log not in calls:
                raise m.Failure("the engine's apply log is not in the "
                                "calls:\n" + calls)
            if not calls.endswith("write /run/keel/install.result\n"
                                  "run reboot\n"):
                raise m.Failure("no result and reboot at the end")
        finally:
            c.close()

    def t_install_back_and_change():
        """Going back keeps the answers; a changed one is what the plan
        uses."""
        c = m.Installer()
        try:
            to_network(c)
            c.keys("Enter")
            c.wait("Host name and DNS")
            c.keys("C-u")
            c.type("first-name")
            c.keys("Enter")
            c.wait("Enable the SSH server")
            c.keys("Escape")
            c.wait("[first-name")
            c.keys("Escape")
            c.wait("Address from")
            c.keys("Space")  # static, then back to DHCP
            c.wait("Gateway")
            c.keys("Space")
            c.wait("Gateway", gone=True)
            c.keys("Escape")
            c.wait("Management interface")
            c.keys("Escape")
            c.wait("[x] sdb")  # still ticked
            c.keys("Enter", "Enter", "Enter")
            c.wait("[first-name")
            c.keys("Escape")
            c.wait("Address from")
            to_summary(c, hostname="second-name")
            c.keys("NPage")
            s = c.wait("hostname=second-name")
            if "first-name" in s:
                raise m.Failure("old answer in the plan:\n" + s)
            c.keys("Escape")
            c.wait("Root password")
            c.keys("Escape", "Escape", "Escape", "Escape", "Escape",
                   "Escape", "Escape", "Escape")
            c.wait("EVERYTHING ON IT WILL BE ERASED")
        finally:
            c.close()

    def t_install_errors():
        """Each invalid input shows its message next to the field and
        keeps the user on the step."""
        c = m.Installer()
        try:
            first_steps(c)
            c.keys("Down", "Enter")  # sdb: too small
            m.golden("install-disk-too-small",
                     c.wait("sdb cannot be used: the disk is too small"))
            c.keys("Up", "Enter")
            c.wait("Storage repository disks")
            c.keys("Enter")
            c.wait("Management interface")
            c.keys("Enter")
            c.wait("Address from")
            c.keys("Space", "Tab")
            c.type("10.0.2.300")
            c.keys("Enter")
            c.wait("10.0.2.300: each of the four numbers must be 0-255")
            c.keys("C-u")
            c.type("10.0.2.15")
            c.keys("Tab")
            c.type("24")
            c.keys("Tab")
            c.type("10.0.3.1")
            c.keys("Enter")
            m.golden("install-network-gateway",
                     c.wait("gateway 10.0.3.1 is not in 10.0.2.0/24"))
            c.keys("C-u")
            c.type("10.0.2.2")
            c.keys("Tab")
            c.type("5000")
            c.keys("Enter")
            c.wait("5000")
            c.wait("4094")
            c.keys("C-u", "Enter")
            c.wait("Host name and DNS")
            c.keys("C-u")
            c.type("bad_name")
            c.keys("Enter")
            c.wait("'_' is not allowed in host names")
            c.keys("C-u")
            c.type("xen1")
            c.keys("Enter")
            c.wait("1 to 3 DNS")  # static: DNS needed
            c.wait(title(8))
            c.keys("Tab")
            c.type("10.0.2.3")
            c.keys("Enter")
            c.wait("Enable the SSH server")
            c.keys("Enter")
            c.wait("choose the region")
            c.keys("Up", "Up", "Enter")
            c.wait("choose the city in Europe")
            c.keys("Enter")
            c.wait("NTP servers")
            c.keys("C-u")
            c.type("bad_ntp!")
            c.keys("Enter")
            c.wait("bad_ntp!")
            c.wait(title(11))
            c.keys("C-u", "Enter")
            c.wait("Root password")
            c.type("short")
            c.keys("Enter")
            c.wait("the root password is too short")
            c.keys("C-u")
            c.type(PASSWORD)
            c.keys("Tab")
            c.type(PASSWORD + "x")
            c.keys("Enter")
            m.golden("install-password-mismatch",
                     c.wait("The two passwords differ"))
            c.type(PASSWORD)
            c.keys("Enter")
            c.wait("Erase sda and install")
            c.keys("NPage")
            s = c.wait("timezone=Europe/Amsterdam")
            if "mgmt.address=10.0.2.15" not in s:
                raise m.Failure("static address not in the plan:\n" + s)
            if "zero " in c.calls() or " write " in c.calls():
                raise m.Failure("written before the confirmation")
        finally:
            c.close()

    def t_install_shell_key():
        """s on the welcome screen leaves with status 3, writing
        nothing."""
        c = m.Installer()
        try:
            c.keys("Enter")
            c.wait("Press s (or F2)")
            m.golden("install-welcome", c.screen())
            c.keys("s")
            exit_status(c, 3)
            for line in c.calls().splitlines():
                if line.startswith("write /run/keel/console-"):
                    continue  # the kernel's level, held back (tmpfs)
                if line.split(" ")[0] in ("write", "zero", "image"):
                    raise m.Failure("wrote: " + line)
        finally:
            c.close()

    def t_install_unattended_no_curses():
        """With an answer file (--dry-run) the plan is printed as plain
        lines: no curses, no escape sequences."""
        r = subprocess.run([m.INSTALL, "--fake-state", m.INSTALL_SCENARIO,
                            "--answerfile",
                            os.path.join(m.INSTALL_DATA,
                                         "answers-static.xml"),
                            "--dry-run"], capture_output=True, text=True,
                           check=False, env=dict(os.environ, TERM="xterm"))
        with open(os.path.join(m.INSTALL_DATA, "plan-install.txt")) as f:
            want = f.read()
        if r.returncode or r.stdout != want or "\x1b" in r.stdout:
            raise m.Failure("exit %d, stdout:\n%s\nstderr:\n%s" % (
                r.returncode, r.stdout, r.stderr))

    return [t_install_full, t_install_back_and_change, t_install_errors,
            t_install_shell_key, t_install_unattended_no_curses]


def tests(m):
    return make_tests(m)
