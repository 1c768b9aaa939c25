# keel-console and keelctl (console/, cli/, lib/tui/).
#
# Build machine: $(B)/bin/keel-console, $(B)/bin/keelctl, with the fake
#   backend available (--fake-state FILE or KEEL_FAKE_STATE=FILE).
# dom0 image:    $(B)/dom0-bin/keel-console, $(B)/dom0-bin/keelctl, real
#   backend only, -O2, stripped, linked dynamically against ncursesw,
#   tinfo, crypt, crypto (OpenSSL), xenlight and xentoollog (all in the
#   image).
#
# The library, the widgets and the screens go into one archive, so a
# program links only the objects it uses.  lib/tui/*.c is the only
# curses code under lib/: lib/lib.mk leaves lib/tui out, so the unit
# runner stays curses-free; it needs libxl (backend-real-xen.c) and
# libcrypt (auth-*.c) though.

UNIT_LIBS += -lxenlight -lxentoollog -lcrypt -lncursesw -ltinfo

CONSOLE_SRCS := $(sort $(wildcard console/*.c))
CONSOLE_HDRS := $(sort $(wildcard console/*.h lib/tui/*.h))
TUI_SRCS := $(sort $(wildcard lib/tui/*.c))
CON_OBJ := $(B)/console-obj
CON_ARCHIVE_SRCS := $(LIB_SRCS) $(TUI_SRCS) \
    $(filter-out console/main.c console/open.c,$(CONSOLE_SRCS))
CON_ARCHIVE := $(CON_OBJ)/libkeel-console.a
CONSOLE_CFLAGS := $(KEEL_CFLAGS) -O2 -g $(LIB_INC) -Ilib/tui -Iconsole
CONSOLE_LIBS := -lncursesw -ltinfo -lcrypt -lcrypto -lxenlight -lxentoollog

$(CON_OBJ)/%.o: %.c $(LIB_HDRS) $(CONSOLE_HDRS) $(FAKE_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CONSOLE_CFLAGS) $(FAKE_INC) -c -o $@ $<

$(CON_ARCHIVE): $(patsubst %.c,$(CON_OBJ)/%.o,$(CON_ARCHIVE_SRCS))
	rm -f $@
	ar rcs $@ $^

# The fake, for the build machine's programs only.
FAKE_ARCHIVE := $(CON_OBJ)/libkeel-fake.a
$(FAKE_ARCHIVE): $(patsubst %.c,$(CON_OBJ)/%.o,$(FAKE_SRCS))
	rm -f $@
	ar rcs $@ $^

# fake: the build machine's programs can run against a scenario file
$(B)/bin/keel-console: console/main.c console/open.c $(FAKE_ARCHIVE) \
    $(CON_ARCHIVE)
	@mkdir -p $(dir $@)
	$(CC) $(CONSOLE_CFLAGS) $(FAKE_INC) -DKEEL_FAKE_OK -o $@ \
	    console/main.c console/open.c $(FAKE_ARCHIVE) $(CON_ARCHIVE) \
	    $(CONSOLE_LIBS)

$(B)/bin/keelctl: cli/keelctl.c console/open.c $(FAKE_ARCHIVE) $(CON_ARCHIVE)
	@mkdir -p $(dir $@)
	$(CC) $(CONSOLE_CFLAGS) $(FAKE_INC) -DKEEL_FAKE_OK \
	    -DKEEL_HOST_KEYS=\"$(HOST_KEYS_DIR)\" -o $@ cli/keelctl.c \
	    console/open.c $(FAKE_ARCHIVE) $(CON_ARCHIVE) $(CONSOLE_LIBS)

$(B)/dom0-bin/keel-console: console/main.c console/open.c $(CON_ARCHIVE)
	@mkdir -p $(dir $@)
	$(CC) $(CONSOLE_CFLAGS) -s -o $@ console/main.c console/open.c \
	    $(CON_ARCHIVE) $(CONSOLE_LIBS)

$(B)/dom0-bin/keelctl: cli/keelctl.c console/open.c $(CON_ARCHIVE)
	@mkdir -p $(dir $@)
	$(CC) $(CONSOLE_CFLAGS) -s -o $@ cli/keelctl.c console/open.c \
	    $(CON_ARCHIVE) $(CONSOLE_LIBS)

# The unit runner tests the action table: it links the console's
# objects from the archive (only those it references), after libkeel's.
UNIT_SRCS += $(CON_ARCHIVE)
UNIT_HDRS += $(CONSOLE_HDRS)

CONSOLE_BINS := $(B)/bin/keel-console $(B)/bin/keelctl
CONSOLE_DOM0_BINS := $(B)/dom0-bin/keel-console $(B)/dom0-bin/keelctl
# VM templates, to install as /usr/share/keel/templates/*.cfg
CONSOLE_TEMPLATES := $(sort $(wildcard console/templates/*.cfg))

.PHONY: console console-dom0
console: $(CONSOLE_BINS)
console-dom0: $(CONSOLE_DOM0_BINS)

# Into the dom0 image (dom0/dom0.mk): the programs in /usr/sbin, the VM
# templates in /usr/share/keel/templates.
DOM0_BINS += $(CONSOLE_DOM0_BINS)
DOM0_TEMPLATES += $(CONSOLE_TEMPLATES)
