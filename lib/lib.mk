# libkeel: the host model and every host change (no curses).  The
# top folder holds what is not yet in a room of its own; each room is a
# folder with its header(s) and a comment at the top of each file:
#   lib/slot/  the A/B scheme: grubenv, the slot switch, mark-good,
#              fallback notes, update bundles, apply and revert
# lib/tui/ is the curses widgets, not part of the library proper.
LIB_ROOMS := lib/slot
LIB_SRCS := $(sort $(wildcard lib/*.c $(addsuffix /*.c,$(LIB_ROOMS))))
LIB_HDRS := $(sort $(wildcard lib/*.h $(addsuffix /*.h,$(LIB_ROOMS))))
LIB_INC := -Ilib $(addprefix -I,$(LIB_ROOMS))
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
