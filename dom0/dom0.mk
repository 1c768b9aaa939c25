# dom0: Debian packages -> root tree -> build/dom0.img (squashfs) and the
# boot initramfs.  Inputs are data: dom0/packages, dom0/files,
# dom0/modules, dom0/initramfs-modules, dom0/skel/, dom0/initramfs/.

D0 := $(B)/dom0
DEB_CACHE ?= $(B)/cache/debs
DOM0_PACKAGES ?= dom0/packages
DOM0_FILES ?= dom0/files
DOM0_IMG := $(B)/dom0.img
DOM0_INITRD := $(D0)/initrd.img
DOM0_SKEL := $(shell find dom0/skel -type f)
DOM0_SQUASH_OPTS := -comp xz -Xbcj x86 -b 256K -all-root -noappend \
    -no-progress -quiet
# (mksquashfs dates the image and every file by SOURCE_DATE_EPOCH, which
# the Makefile exports: reproducible builds.)

# dom0/packages.lock pins every package the image is made of (the
# kernel behind linux-image-amd64 included) and the build machine's
# tools that shape the output; the build fetches exactly that and
# refuses anything else.  `make lock-update` moves the pins to what the
# archive offers now: commit the lock as a reviewed change.
DOM0_LOCK ?= dom0/packages.lock
DOM0_PKG_NAMES = $(shell sed -e 's/#.*//' -e 's/@XEN@/$(XEN_VERSION)/g' \
    $(DOM0_PACKAGES))
HOST_TOOLS := gcc-12 cpp-12 binutils libc6-dev libgcc-12-dev grub-common \
    grub-pc-bin grub-efi-amd64-bin isolinux syslinux-common xorriso \
    libisoburn1 libisofs6 libburn4 squashfs-tools liblzma5 mtools \
    dosfstools cpio zstd libzstd1 faketime libfaketime

# The host tools' installed versions, rewritten only when they change:
# a tool upgraded since the last build runs host-check again.
$(B)/host-tools: FORCE | $(DEPS)
	@mkdir -p $(B)
	@dpkg-query -W $(HOST_TOOLS) >$@.tmp 2>/dev/null || true
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@

$(D0)/lock: $(DOM0_PACKAGES) $(DOM0_LOCK) rootfs/fetch rootfs/host-check \
            hypervisor/hypervisor.mk $(B)/host-tools | $(DEPS)
	@mkdir -p $(D0)
	rootfs/host-check $(DOM0_LOCK)
	rootfs/fetch $(DEB_CACHE) $(DOM0_LOCK) $@ \
	    $$(awk '$$1 ~ /^linux-image-[0-9]/ && NF == 4 {print $$1}' \
	        $(DOM0_LOCK)) $(DOM0_PKG_NAMES)
	@touch $@

.PHONY: lock-update
lock-update: | $(DEPS)
	@mkdir -p $(D0)
	kpkg=$$(apt-cache depends linux-image-amd64 | \
	    sed -n 's/.*Depends: \(linux-image-[0-9].*\)/\1/p' | head -n 1); \
	test -n "$$kpkg" || { echo "dom0: no kernel behind linux-image-amd64" >&2; exit 1; }; \
	rootfs/lock-resolve $(D0)/lock.new $$kpkg $(DOM0_PKG_NAMES) \
	    --host $(HOST_TOOLS)
	@diff -u $(DOM0_LOCK) $(D0)/lock.new || true
	mv $(D0)/lock.new $(DOM0_LOCK)

$(D0)/stage.stamp: $(D0)/lock rootfs/extract
	rootfs/extract $(DEB_CACHE) $(D0)/lock $(D0)/stage
	@touch $@

$(DOM0_INITRD): $(D0)/stage.stamp dom0/build-initrd rootfs/modules \
                dom0/initramfs-modules dom0/initramfs/init \
                dom0/initramfs/udhcpc.script
	dom0/build-initrd $(D0)/stage $@

# Keel's own programs (keel-install, keel-console, keelctl): each
# component makefile appends its dom0 build to DOM0_BINS; they land in
# /usr/sbin with their shared libraries resolved like any package file.
$(D0)/root.stamp: $(DOM0_BINS) $(DOM0_TEMPLATES)
$(D0)/root.stamp: $(D0)/stage.stamp $(DOM0_INITRD) $(ELFDEPS) \
                  dom0/build-root dom0/keymaps-pad $(DOM0_FILES) dom0/modules \
                  dom0/initramfs-modules rootfs/assemble rootfs/modules \
                  $(DOM0_SKEL) hypervisor/boot.conf hypervisor/hypervisor.mk \
                  VERSION \
                  $(B)/keys/stamp
	KEEL_BINS="$(DOM0_BINS)" KEEL_TEMPLATES="$(DOM0_TEMPLATES)" \
	KEEL_KEYS="$(B)/keys" \
	    dom0/build-root $(ELFDEPS) $(D0)/stage \
	    $(D0)/root $(DOM0_INITRD) $(VERSION) $(D0)/lock $(DOM0_FILES)
	@touch $@

$(DOM0_IMG): $(D0)/root.stamp
	mksquashfs $(D0)/root $@.tmp $(DOM0_SQUASH_OPTS)
	mv $@.tmp $@

.PHONY: dom0
dom0: $(DOM0_IMG)
