# keel-elfdeps: shared-library closure of files in a sysroot, run on the
# build host by the root filesystem assembler.

ELFDEPS := $(B)/host/keel-elfdeps
ELFDEPS_SRCS := rootfs/elfdeps-parse.c rootfs/elfdeps-path.c \
    rootfs/elfdeps-closure.c
ELFDEPS_HDRS := rootfs/elfdeps.h rootfs/elfdeps-priv.h

$(ELFDEPS): $(ELFDEPS_SRCS) rootfs/elfdeps-main.c $(ELFDEPS_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(KEEL_CFLAGS) -O2 -o $@ $(ELFDEPS_SRCS) rootfs/elfdeps-main.c

UNIT_SRCS += $(ELFDEPS_SRCS)
UNIT_HDRS += $(ELFDEPS_HDRS)
