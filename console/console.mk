# keel-console and keelctl (cmd/, console/, cli/, lib/tui/).
#
# Build machine: $(B)/bin/keel-console, $(B)/bin/keelctl, with the fake
#   backend available (--fake-state FILE or KEEL_FAKE_STATE=FILE).
# dom0 image:    $(B)/dom0-bin/keel-console, $(B)/dom0-bin/keelctl, real
#   backend only, -O2, stripped, linked dynamically against crypt,
#   crypto (OpenSSL), libvirt, xenlight and xentoollog, and keel-console against
#   ncursesw and tinfo too (all in the image).
#
# Archives, so a program links only the objects it uses:
#   libkeel.a          libkeel (lib/ but lib/tui/)
#   libkeel-cmd.a      the command layer (cmd/: the action rows, their
#                      run(), the output writer)
#   libkeel-tui.a      the widgets (lib/tui/, the only curses code under
#                      lib/)
#   libkeel-console.a  the console's screens (console/)
# The first two are built without the curses include paths; keelctl
# links them only (tests/build/t_keelctl_no_curses.py), keel-install
# libkeel and the widgets (installer/installer.mk).

UNIT_LIBS += -lxenlight -lxentoollog -lcrypt -lncursesw -ltinfo

CMD_SRCS := $(sort $(filter-out cmd/open.c,$(wildcard cmd/*.c)))
CMD_HDRS := $(sort $(wildcard cmd/*.h))
CONSOLE_SRCS := $(sort $(wildcard console/*.c))
CONSOLE_HDRS := $(sort $(wildcard console/*.h lib/tui/*.h))
TUI_SRCS := $(sort $(wildcard lib/tui/*.c))
CON_OBJ := $(B)/console-obj
LIBKEEL_A := $(CON_OBJ)/libkeel.a
CMD_ARCHIVE := $(CON_OBJ)/libkeel-cmd.a
TUI_A := $(CON_OBJ)/libkeel-tui.a
CON_ARCHIVE := $(CON_OBJ)/libkeel-console.a
CON_ARCHIVE_SRCS := $(filter-out console/main.c,$(CONSOLE_SRCS))
CMD_CFLAGS := $(KEEL_CFLAGS) -O2 -g $(LIB_INC) -Icmd
CONSOLE_CFLAGS := $(CMD_CFLAGS) -Ilib/tui -Iconsole
CMD_LIBS := -lcrypt -lcrypto -lxenlight -lxentoollog
CONSOLE_LIBS := -lncursesw -ltinfo $(CMD_LIBS)

# libkeel and cmd/ cannot see a curses header: no -Ilib/tui, -Iconsole.
OBJ_CFLAGS = $(CONSOLE_CFLAGS)
$(CON_OBJ)/cmd/%.o: OBJ_CFLAGS = $(CMD_CFLAGS)
$(addprefix $(CON_OBJ)/,$(addsuffix /%.o,$(LIB_ROOMS))): \
    OBJ_CFLAGS = $(CMD_CFLAGS)

$(CON_OBJ)/%.o: %.c $(LIB_HDRS) $(CMD_HDRS) $(CONSOLE_HDRS) $(FAKE_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(OBJ_CFLAGS) $(FAKE_INC) -c -o $@ $<

$(LIBKEEL_A): $(patsubst %.c,$(CON_OBJ)/%.o,$(LIB_SRCS))
	rm -f $@
	ar rcs $@ $^

$(CMD_ARCHIVE): $(patsubst %.c,$(CON_OBJ)/%.o,$(CMD_SRCS))
	rm -f $@
	ar rcs $@ $^

$(TUI_A): $(patsubst %.c,$(CON_OBJ)/%.o,$(TUI_SRCS))
	rm -f $@
	ar rcs $@ $^

$(CON_ARCHIVE): $(patsubst %.c,$(CON_OBJ)/%.o,$(CON_ARCHIVE_SRCS))
	rm -f $@
	ar rcs $@ $^

# The fake, for the build machine's programs only.
FAKE_ARCHIVE := $(CON_OBJ)/libkeel-fake.a
$(FAKE_ARCHIVE): $(patsubst %.c,$(CON_OBJ)/%.o,$(FAKE_SRCS))
	rm -f $@
	ar rcs $@ $^

# fake: the build machine's programs can run against a scenario file
$(B)/bin/keel-console: console/main.c cmd/open.c $(FAKE_ARCHIVE) \
    $(CON_ARCHIVE) $(TUI_A) $(CMD_ARCHIVE) $(LIBKEEL_A)
	@mkdir -p $(dir $@)
	$(CC) $(CONSOLE_CFLAGS) $(FAKE_INC) -DKEEL_FAKE_OK -o $@ \
	    console/main.c cmd/open.c $(FAKE_ARCHIVE) $(CON_ARCHIVE) \
	    $(TUI_A) $(CMD_ARCHIVE) $(LIBKEEL_A) $(CONSOLE_LIBS)

$(B)/bin/keelctl: cli/keelctl.c cmd/open.c $(FAKE_ARCHIVE) $(CMD_ARCHIVE) \
    $(LIBKEEL_A)
	@mkdir -p $(dir $@)
	$(CC) $(CMD_CFLAGS) $(FAKE_INC) -DKEEL_FAKE_OK \
	    -DKEEL_HOST_KEYS=\"$(HOST_KEYS_DIR)\" -o $@ cli/keelctl.c \
	    cmd/open.c $(FAKE_ARCHIVE) $(CMD_ARCHIVE) $(LIBKEEL_A) $(CMD_LIBS)

$(B)/dom0-bin/keel-console: console/main.c cmd/open.c $(CON_ARCHIVE) $(TUI_A) \
    $(CMD_ARCHIVE) $(LIBKEEL_A)
	@mkdir -p $(dir $@)
	$(CC) $(CONSOLE_CFLAGS) -s -o $@ console/main.c cmd/open.c \
	    $(CON_ARCHIVE) $(TUI_A) $(CMD_ARCHIVE) $(LIBKEEL_A) $(CONSOLE_LIBS)

$(B)/dom0-bin/keelctl: cli/keelctl.c cmd/open.c $(CMD_ARCHIVE) $(LIBKEEL_A)
	@mkdir -p $(dir $@)
	$(CC) $(CMD_CFLAGS) -s -o $@ cli/keelctl.c cmd/open.c \
	    $(CMD_ARCHIVE) $(LIBKEEL_A) $(CMD_LIBS)

# The unit runner tests the commands (built with the sanitizers like
# libkeel) and the screens' table (from the archive: only the objects it
# references).
UNIT_SRCS += $(CMD_SRCS) $(CON_ARCHIVE) $(TUI_A)
UNIT_HDRS += $(CMD_HDRS) $(CONSOLE_HDRS)

CONSOLE_BINS := $(B)/bin/keel-console $(B)/bin/keelctl
CONSOLE_DOM0_BINS := $(B)/dom0-bin/keel-console $(B)/dom0-bin/keelctl
# VM templates, to install as /usr/share/keel/templates/*.xml
CONSOLE_TEMPLATES := $(sort $(wildcard console/templates/*.xml))

.PHONY: console console-dom0
console: $(CONSOLE_BINS)
console-dom0: $(CONSOLE_DOM0_BINS)

# Into the dom0 image (dom0/dom0.mk): the programs in /usr/sbin, the VM
# templates in /usr/share/keel/templates.
DOM0_BINS += $(CONSOLE_DOM0_BINS)
DOM0_TEMPLATES += $(CONSOLE_TEMPLATES)
