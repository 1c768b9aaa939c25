"""bootpaths - boot the installed host each way a user or a test boots
it and read dom0's clock from the serial log: shared by make bench
(every path) and t_boot_paths (GRUB against -kernel)."""

import re

from keelqemu import B, Qemu, boot_conf, xen_elf

# How an installed host boots: (label, firmware, machine arguments for
# the disk), GRUB from the disk unless "kernel" (QEMU loads Xen).
SATA_PC = ["-device", "ahci,id=ahci0", "-device", "ide-hd,drive=d0,bus=ahci0.0"]
BOOT_PATHS = [
    ("BIOS, GRUB, SATA", "bios", SATA_PC),
    ("BIOS, GRUB, virtio", "bios", ["-device", "virtio-blk-pci,drive=d0"]),
    ("UEFI, GRUB, SATA", "uefi", ["-device", "ide-hd,drive=d0,bus=ide.0"]),
    ("-kernel, SATA", "kernel", SATA_PC),
]


def stamps(log):
    """dom0's clock at "Run /init", at its first start step (the end of
    the boot initramfs) and at "dom0 ready", from a serial log."""
    text = open(log, "rb").read().decode(errors="replace")
    init = re.search(r"\[ *([0-9.]+)\] Run /init", text)
    first = re.search(r"keel: \[([0-9.]+)\] ", text)
    ready = re.search(r"keel: \[([0-9.]+)\] dom0 ready", text)
    return [float(m.group(1)) if m else float("nan")
            for m in (init, first, ready)]


def boot_installed(label, fw, dev):
    """Boot a fresh overlay of the installed host the way BOOT_PATHS
    entry (label, fw, dev) says, Enter at GRUB's menu (its timeout does
    not count); return (seconds from QEMU's start to ready, dom0's
    clock at /init, at the first start step, at ready)."""
    from t_install_bios import installed_disk
    disk = installed_disk("boot_path")
    args = ["-drive", "file=%s,if=none,id=d0,format=qcow2" % disk] + dev
    if fw == "kernel":
        c = boot_conf()
        args += ["-kernel", xen_elf(), "-append", " ".join(
            [c["XEN_CONSOLE"], c["XEN_MEM"], c["XEN_LOG"]]), "-initrd",
            "%s/dom0/root/boot/vmlinuz %s keel.mode=host "
            "keel.root=PARTLABEL=keel-a,%s/dom0/initrd.img"
            % (B, c["DOM0_CONSOLE"], B)]
    q = Qemu("boot_" + re.sub(r"\W+", "_", label).strip("_"),
             firmware="bios" if fw == "kernel" else fw, args=args)
    try:
        # through GRUB, expect() presses Enter at its menu (keelqemu)
        secs, _, _ = q.wait_ready(400)
    finally:
        q.close()
    return [secs] + stamps(q.log_path)
