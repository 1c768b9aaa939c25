"""Unattended install on UEFI (OVMF): the same answers as on BIOS; GRUB
EFI on the ESP (removable path plus the installer's efibootmgr entry in
the NVRAM) boots slot A from the disk alone."""

from keelqemu import B, check
from t_install_bios import check_installed, run_install


def test():
    disk, secs, nvram = run_install("install_uefi", "uefi", [
        "-drive", "file=%s/keel.iso,media=cdrom,if=none,id=cd,readonly=on" % B,
        "-device", "ide-cd,drive=cd,bootindex=0"], "Install Keel")
    print("    install %.0f s" % secs)
    check(nvram is not None, "no NVRAM kept from the install")
    check_installed("install_uefi", "uefi", disk, nvram)
