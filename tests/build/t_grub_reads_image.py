"""GRUB (its squash4 module, as grub-fstest runs it) reads the boot files
of the dom0 image through their stable names: an installed slot boots
Xen, the kernel and the initramfs straight out of the squashfs."""

import os

from buildtest import B, check, run


def test():
    rc, out = run(["make", "-s", os.path.join(B, "dom0.img")])
    check(rc == 0, "cannot build the dom0 image:\n" + out[-2000:])
    img = os.path.join(B, "dom0.img")
    root = os.path.join(B, "dom0", "root")
    for name in ("xen.gz", "vmlinuz", "initrd.img"):
        real = os.path.realpath(os.path.join(root, "boot", name))
        rc, out = run(["grub-fstest", img, "cmp", "/boot/" + name, real])
        check(rc == 0, "GRUB reads /boot/%s of %s wrong: %s" % (name, img, out))
