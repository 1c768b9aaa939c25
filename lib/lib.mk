# libkeel: the host model and every host change (no curses).
LIB_SRCS := $(sort $(wildcard lib/*.c))
LIB_HDRS := $(sort $(wildcard lib/*.h))
UNIT_SRCS += $(LIB_SRCS)
UNIT_HDRS += $(LIB_HDRS)
