"""build/keel.iso on UEFI (OVMF) as a CD: El Torito EFI image -> GRUB ->
multiboot2 Xen -> the installer environment; xl info in its shell."""

from keelqemu import B, Qemu
from t_iso_bios import check_installer_env


def test():
    q = Qemu("iso_uefi", firmware="uefi",
             args=["-drive", "file=%s/keel.iso,media=cdrom,if=none,id=cd,readonly=on" % B,
                   "-device", "ide-cd,drive=cd,bootindex=0",
                   "-netdev", "user,id=n0", "-device", "e1000,netdev=n0"])
    try:
        q.expect("Install Keel", 120, "the GRUB menu")
        q.send("\r")
        check_installer_env(q)
    finally:
        q.close()
