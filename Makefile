# Keel - top-level makefile.
#
#   make iso     build build/keel.iso (BIOS + UEFI hybrid)
#   make run     build, then boot it in QEMU with build/disk.qcow2
#   make check   unit tests (+ fuzz smoke), no QEMU; the inner loop
#   make test    everything, QEMU included; ends "N passed, N failed"
#   make update  build build/keel-$(VERSION).kub, a signed update bundle
#   make bench   print the figures (sizes, times, memory)
#   make clean   remove build/ except the package cache
#   make lock-update  move dom0/packages.lock to today's archive
#
# Each component brings one small makefile with explicit inputs and a
# stamp per step; this file only ties them together.

SHELL := /bin/sh
.DEFAULT_GOAL := iso
.DELETE_ON_ERROR:

# `make update VERSION=x.y.z` (and KEEL_TEST_FAULT=..., test bundles
# only) builds in a folder of its own, sharing the package cache, so
# the checkout's own version stays built next to it.
FILE_VERSION := $(shell cat VERSION)
VERSION := $(FILE_VERSION)
B := build
ifneq ($(VERSION)$(KEEL_TEST_FAULT),$(FILE_VERSION))
B := build/v$(VERSION)$(if $(KEEL_TEST_FAULT),-$(KEEL_TEST_FAULT))
DEB_CACHE := build/cache/debs
endif
# Dates written into what the build makes (the bundle's build date).
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || date +%s)
export SOURCE_DATE_EPOCH
CC := cc
KEEL_CFLAGS := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wformat=2 -Wshadow \
    -Wstrict-prototypes -Wmissing-prototypes -Wwrite-strings -Wundef \
    -Werror

# Every target that needs a tool depends on this stamp; the script is
# idempotent and re-runs when it changes.
DEPS := $(B)/.stamp-deps
$(DEPS): scripts/install-deps
	scripts/install-deps
	@mkdir -p $(B) && touch $@

include lib/lib.mk
include rootfs/rootfs.mk
include hypervisor/hypervisor.mk
include console/console.mk
include installer/installer.mk
include dom0/dom0.mk
include iso/iso.mk
include iso/bundle.mk
include tests/unit/unit.mk
include tests/fuzz/fuzz.mk
include tests/tui/tui.mk
include tests/e2e/e2e.mk

.PHONY: iso run check test bench clean distclean deps
deps: $(DEPS)

iso: $(ISO)

run: $(ISO) $(DEPS)
	scripts/qemu-run

check: $(DEPS)
	scripts/run-tests check

test: $(DEPS)
	scripts/run-tests all

bench: $(ISO) $(DEPS)
	/usr/bin/python3 scripts/bench.py $(BENCH)

clean:
	find $(B) -mindepth 1 -maxdepth 1 ! -name cache -exec rm -rf {} +

distclean:
	rm -rf $(B)
