# rootfs: the generic image tools (fetch, extract, assemble, modules)
# are scripts run by dom0/dom0.mk; the ELF closure tool is C.
include rootfs/elfdeps.mk
