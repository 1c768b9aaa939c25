"""The commands admins type keep Debian's names in the image: LVM's
vgs, lvs, pvs, lvcreate, ... (links to lvm, as the lvm2 package ships
them), xl, ip, the Xen daemons, and libvirt's virsh and libvirtd with
the drivers Keel uses (libxl, storage with its LVM backend)."""

import os

from buildtest import B, check, run

LVM = ("vgs", "lvs", "pvs", "vgdisplay", "lvdisplay", "pvdisplay",
       "lvcreate", "lvremove", "lvextend", "lvresize", "vgcreate",
       "vgextend", "pvcreate", "vgchange", "lvchange", "vgscan")


def test():
    rc, out = run(["make", "-s", os.path.join(B, "dom0.img")])
    check(rc == 0, "cannot build the dom0 image:\n" + out[-2000:])
    root = os.path.join(B, "dom0", "root")
    for name in LVM:
        path = os.path.join(root, "sbin", name)
        check(os.path.islink(path) and os.readlink(path) == "lvm",
              "the image has no %s -> lvm" % path)
    check(os.path.isfile(os.path.join(root, "sbin", "lvm")), "no sbin/lvm")
    for name in ("xl", "xentop", "ip", "virsh", "libvirtd", "dmidecode"):
        check(any(os.path.lexists(os.path.join(root, d, name))
                  for d in ("sbin", "bin", "usr/sbin", "usr/bin")),
              "the image has no %s" % name)
    drivers = os.path.join(root, "usr/lib/x86_64-linux-gnu/libvirt")
    for so in ("connection-driver/libvirt_driver_libxl.so",
               "connection-driver/libvirt_driver_storage.so",
               "storage-backend/libvirt_storage_backend_logical.so"):
        check(os.path.isfile(os.path.join(drivers, so)),
              "the image has no libvirt %s" % so)
