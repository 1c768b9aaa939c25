"""build/keel.iso on BIOS as a CD: isolinux + mboot.c32 -> Xen -> the
installer, whose Shell key leads to the installer environment's shell,
where xl info answers."""

from keelqemu import B, Qemu, check


def check_installer_env(q):
    secs, mode, degraded = q.wait_ready(300)
    check(mode == "install", "booted in mode %s, not install" % mode)
    q.expect("Keyboard layout", 120, "the installer's first screen")
    q.send("\r")
    q.expect("Press s", 60, "the installer's welcome screen")
    q.send("s")
    q.expect("installer environment: shell", 60, "the installer's shell")
    q.shell()
    _, info = q.run("xl info")
    check("xen_minor              : 17" in info, "xl info:\n" + info)
    _, mounts = q.run("cat /proc/mounts")
    check("/run/keel/medium iso9660" in mounts,
          "the Keel medium is not mounted:\n" + mounts)
    check(" / squashfs ro" in mounts, "root is not read-only:\n" + mounts)
    return secs


def test():
    q = Qemu("iso_bios", args=["-cdrom", B + "/keel.iso", "-boot", "d",
                               "-netdev", "user,id=n0",
                               "-device", "e1000,netdev=n0"])
    try:
        q.expect("boot:", 60, "the isolinux prompt")
        q.send("\r")
        check_installer_env(q)
    finally:
        q.close()
