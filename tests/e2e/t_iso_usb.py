"""build/keel.iso written to a USB stick (the isohybrid image as a
usb-storage disk on xHCI), booted on BIOS (isohybrid MBR -> isolinux) and
on UEFI (GPT EFI partition -> GRUB): both reach the installer
environment with the medium found on the stick."""

from keelqemu import B, Qemu, check
from t_iso_bios import check_installer_env


def stick_args():
    return ["-drive", "if=none,id=stick,format=raw,readonly=on,file=%s/keel.iso" % B,
            "-device", "qemu-xhci", "-device", "usb-storage,drive=stick,bootindex=0",
            "-netdev", "user,id=n0", "-device", "e1000,netdev=n0"]


def boot_stick(firmware, prompt, what):
    q = Qemu("iso_usb_" + firmware, firmware=firmware, args=stick_args())
    try:
        q.expect(prompt, 120, what)
        q.send("\r")
        check_installer_env(q)
        _, dev = q.run("cat /run/keel/boot-device")
        check(dev.strip().startswith("/dev/sd"),
              "the medium was not found on the USB disk: " + dev)
    finally:
        q.close()


def test():
    boot_stick("bios", "boot:", "the isolinux prompt")
    boot_stick("uefi", "Install Keel", "the GRUB menu")
