# keel-elfdeps: shared-library closure of files in a sysroot, run on the
# build host by the root filesystem assembler.

ELFDEPS := $(B)/host/keel-elfdeps

$(ELFDEPS): rootfs/elfdeps.c rootfs/elfdeps-main.c rootfs/elfdeps.h
	@mkdir -p $(dir $@)
	$(CC) $(KEEL_CFLAGS) -O2 -o $@ rootfs/elfdeps.c rootfs/elfdeps-main.c

UNIT_SRCS += rootfs/elfdeps.c
UNIT_HDRS += rootfs/elfdeps.h
