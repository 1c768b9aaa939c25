"""An interactive install driven by keystrokes over the serial console
(BIOS): every screen of keel-install in turn, DHCP defaults, a typed
host name and password; then the installed disk boots alone."""

import pexpect

from keelinstall import blank_disk
from keelqemu import B, Qemu, check
from t_install_bios import PASSWORD, check_installed

# (text to wait for, keys to send), in screen order.
STEPS = [
    ("Keyboard layout", "\r"),
    ("Press s", "\r"),
    ("Install Keel", "\r"),
    ("EVERYTHING ON IT WILL BE ERASED", "\r"),
    ("Storage repository disks", "\r"),
    ("Management interface", "\r"),
    ("Address from", "\r"),
    ("Host name and DNS", "\x15keel-e2e\r"),
    ("Enable the SSH server", "\r"),
    ("choose the region", "\r"),
    ("NTP servers", "\r"),
    ("Root password", PASSWORD + "\t" + PASSWORD + "\r"),
    ("Erase vda and install", "\t\r"),
    ("Enter to reboot", "\r"),
]


def test():
    disk = blank_disk("install_interactive")
    q = Qemu("install_interactive", args=[
        "-cdrom", B + "/keel.iso", "-boot", "d",
        "-drive", "file=%s,if=virtio,format=qcow2" % disk,
        "-netdev", "user,id=n0", "-device", "e1000,netdev=n0"])
    try:
        q.expect("boot:", 60, "the isolinux prompt")
        q.send("\r")
        for i, (text, keys) in enumerate(STEPS):
            # The first screen comes after the whole boot, the progress
            # screen after the whole install: long deadlines there.
            slow = i == 0 or text.startswith("Install") or "reboot" in text
            q.expect(text, 300 if slow else 60, repr(text))
            q.send(keys)
        i = q.p.expect([pexpect.EOF, pexpect.TIMEOUT], timeout=120)
        check(i == 0, "QEMU did not end with the installer's reboot")
    finally:
        q.close()
    check_installed("install_interactive", "bios", disk)
