# keel-install: the installer's command line and its screens over
# libkeel and lib/tui.  Two builds: $(B)/bin/keel-install for the build
# machine (tests, --fake-state: linked with tests/fake/) and
# $(B)/dom0-bin/keel-install for the image (no fake).

INSTALLER_SRCS := $(sort $(wildcard installer/*.c))
INSTALLER_HDRS := $(sort $(wildcard installer/*.h lib/tui/*.h))
INSTALLER_TUI_SRCS := $(sort $(wildcard lib/tui/*.c))
INSTALLER_LIBS := -lcrypt -lncursesw -ltinfo
UNIT_LIBS += -lcrypt -lcrypto

# The build machine's keel-install links every library source and the
# fake (libkeel's link flags: UNIT_LIBS).
KEEL_INSTALL_DEPS := $(INSTALLER_SRCS) $(INSTALLER_HDRS) \
    $(INSTALLER_TUI_SRCS) $(LIB_SRCS) $(LIB_HDRS)
KEEL_INSTALL_CFLAGS := $(KEEL_CFLAGS) $(LIB_INC) -Ilib/tui -Iinstaller

$(B)/bin/keel-install: $(KEEL_INSTALL_DEPS) $(FAKE_SRCS) $(FAKE_HDRS) | $(B)/bin
	$(CC) $(KEEL_INSTALL_CFLAGS) $(FAKE_INC) -DKEEL_FAKE_OK -g -O1 -o $@ \
	    $(INSTALLER_SRCS) $(INSTALLER_TUI_SRCS) $(LIB_SRCS) $(FAKE_SRCS) \
	    $(INSTALLER_LIBS) $(UNIT_LIBS)

# The image's build links the library as an archive, so only what it
# uses comes in: files, programs and disks, never libxenlight (the
# build test t_no_fake_in_product checks its DT_NEEDED).
$(B)/dom0-bin/keel-install: $(INSTALLER_SRCS) $(INSTALLER_HDRS) \
    $(TUI_A) $(LIBKEEL_A) | $(B)/dom0-bin
	$(CC) $(KEEL_INSTALL_CFLAGS) -O2 -s -o $@ $(INSTALLER_SRCS) \
	    $(TUI_A) $(LIBKEEL_A) $(INSTALLER_LIBS) -lcrypto

$(B)/bin $(B)/dom0-bin:
	mkdir -p $@

.PHONY: installer
installer: $(B)/bin/keel-install $(B)/dom0-bin/keel-install

# Into the dom0 image (dom0/dom0.mk): /usr/sbin/keel-install.
DOM0_BINS += $(B)/dom0-bin/keel-install
