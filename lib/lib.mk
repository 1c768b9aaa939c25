# libkeel: the host model and every host change (no curses, no printing,
# no exit).  One folder a domain; find the room for a change here:
#   lib/core/      errors (keel-error.h), the backend interface
#                  (keel-backend.h; its disk and Xen groups keel-disk.h,
#                  keel-xen.h) and the argument rules every backend shares
#   lib/backend/   the real backend: one file per operation group
#   lib/settings/  the host settings table, host.conf, the validators
#   lib/answer/    answers: Keel's KEY=VALUE and XCP-ng's XML answer
#                  files, where an unattended install finds its file
#   lib/install/   the installer's engine: layout, plan, stages, apply
#   lib/slot/      the A/B scheme: grubenv, the slot switch, mark-good,
#                  fallback notes, update bundles, apply and revert
#   lib/host/      the running host: status, network, services, power,
#                  the log
#   lib/auth/      the root password and the console's login
#   lib/vm/        virtual machines (xl.cfg files and domains)
#   lib/sr/        the storage repository (LVM) and its virtual disks
# Each room's public header is its keel-*.h; *-int.h are private to the
# room.  lib/tui/ is the curses widgets, not part of the library proper.
LIB_ROOMS := $(addprefix lib/,core backend settings answer install slot \
    host auth vm sr)
LIB_SRCS := $(sort $(wildcard $(addsuffix /*.c,$(LIB_ROOMS))))
LIB_HDRS := $(sort $(wildcard $(addsuffix /*.h,$(LIB_ROOMS))))
LIB_INC := $(addprefix -I,$(LIB_ROOMS))
UNIT_SRCS += $(LIB_SRCS)
UNIT_HDRS += $(LIB_HDRS)

# The fake backend (tests/fake/): the unit runner, the fuzz targets and
# the build machine's programs link it; the dom0 image's never do
# (tests/build/t_no_fake_in_product.py).
FAKE_SRCS := $(sort $(wildcard tests/fake/*.c))
FAKE_HDRS := $(sort $(wildcard tests/fake/*.h))
FAKE_INC := -Itests/fake
UNIT_SRCS += $(FAKE_SRCS)
UNIT_HDRS += $(FAKE_HDRS)
