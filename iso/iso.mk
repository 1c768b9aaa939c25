# iso: build/keel-$(VERSION).iso (and the link build/keel.iso): Xen, the
# dom0 kernel and initramfs for the boot loaders, and the dom0 image.

ISO_V := $(B)/keel-$(VERSION).iso
ISO := $(B)/keel.iso
ISO_TREE := $(B)/iso/tree
SYSLINUX := /usr/lib/syslinux/modules/bios

# Boot configs: the @NAME@ placeholders come from hypervisor/boot.conf.
ISO_SUBST := sed -e 's|@XEN_CONSOLE@|$(XEN_CONSOLE)|' \
    -e 's|@XEN_CONSOLE_SERIAL@|$(XEN_CONSOLE_SERIAL)|' \
    -e 's|@XEN_MEM@|$(XEN_MEM)|' -e 's|@XEN_LOG@|$(XEN_LOG)|' \
    -e 's|@DOM0_CONSOLE@|$(DOM0_CONSOLE)|' \
    -e 's|@DOM0_CONSOLE_SERIAL@|$(DOM0_CONSOLE_SERIAL)|' \
    -e 's|@VERSION@|$(VERSION)|'

$(B)/iso/tree.stamp: $(DOM0_IMG) $(B)/bundle.stamp $(DOM0_INITRD) \
                     iso/isolinux.cfg.in \
                     iso/grub.cfg.in $(XEN_BOOT_CONF) \
                     VERSION | $(DEPS)
	rm -rf $(ISO_TREE)
	mkdir -p $(ISO_TREE)/boot/grub $(ISO_TREE)/isolinux $(ISO_TREE)/keel
	cp /usr/lib/ISOLINUX/isolinux.bin $(SYSLINUX)/ldlinux.c32 \
	   $(SYSLINUX)/mboot.c32 $(SYSLINUX)/libcom32.c32 $(ISO_TREE)/isolinux/
	$(ISO_SUBST) iso/isolinux.cfg.in >$(ISO_TREE)/isolinux/isolinux.cfg
	$(ISO_SUBST) iso/grub.cfg.in >$(ISO_TREE)/boot/grub/grub.cfg
	cp -L $(D0)/root/boot/xen.gz $(D0)/root/boot/vmlinuz $(ISO_TREE)/boot/
	cp $(DOM0_INITRD) $(ISO_TREE)/boot/initrd.img
	cp $(DOM0_IMG) $(ISO_TREE)/keel/dom0.img
	cp $(DOM0_KUBH) $(ISO_TREE)/keel/dom0.kubh
	echo $(VERSION) >$(ISO_TREE)/keel/version
	@touch $@

# build-iso dates every file of the tree (reproducible builds), so the
# tree holds copies: a link would re-date build/dom0.img itself.
$(ISO_V): $(B)/iso/tree.stamp iso/build-iso iso/grub-early.cfg
	iso/build-iso $@ $(ISO_TREE)

$(ISO): $(ISO_V)
	ln -sf $(notdir $(ISO_V)) $@
