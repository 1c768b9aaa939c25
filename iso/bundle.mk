# Update bundles and signing keys (format: lib/slot/keel-bundle.h).
#
#   make update                  build/keel-$(VERSION).kub
#   make update VERSION=x.y.z    the same for another version (its own
#                                build folder, see the Makefile)
#   KEEL_SIGNING_KEY=FILE        sign with this Ed25519 key (a release);
#                                without it the committed development key
#                                signs and everything says "development"
#   KEEL_TEST_FAULT=health|hang|panic
#                                a test image whose dom0 fails its health
#                                check, hangs or panics before mark-good
#                                (e2e only; refused with a release key)
# The image trusts the signing key's public half only
# (/usr/share/keel/keys), and says which kind it is
# (/usr/share/keel/signing).

KEEL_MIN_VERSION ?= 0.1.0
SIGN_KEY := $(if $(KEEL_SIGNING_KEY),$(KEEL_SIGNING_KEY),scripts/keys/development.pem)
SIGNING := $(if $(KEEL_SIGNING_KEY),release,development)
UPDATE_KUB := build/keel-$(VERSION).kub
DOM0_KUBH := $(B)/dom0.kubh
KEYS := $(B)/keys

ifneq ($(KEEL_TEST_FAULT),)
ifneq ($(KEEL_SIGNING_KEY),)
$(error KEEL_TEST_FAULT is for test builds: not with KEEL_SIGNING_KEY)
endif
ifeq ($(filter $(KEEL_TEST_FAULT),health hang panic),)
$(error KEEL_TEST_FAULT=$(KEEL_TEST_FAULT): use health, hang or panic)
endif
endif

# What the image says of its signing; rewritten only when it changes,
# so the image is rebuilt then and only then.
$(KEYS)/build-vars: FORCE
	@mkdir -p $(KEYS)
	@printf '%s\n' "signing=$(SIGNING) key=$(SIGN_KEY)" \
	    "fault=$(KEEL_TEST_FAULT)" >$@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv $@.tmp $@

$(KEYS)/stamp: $(KEYS)/build-vars $(SIGN_KEY) | $(DEPS)
	rm -rf $(KEYS)/trusted
	mkdir -p $(KEYS)/trusted
	openssl pkey -in $(SIGN_KEY) -pubout -out $(KEYS)/trusted/$(SIGNING).pem
	echo $(SIGNING) >$(KEYS)/signing
	printf '%s' "$(KEEL_TEST_FAULT)" >$(KEYS)/test-fault
	printf '%s' "$(if $(filter hang,$(KEEL_TEST_FAULT)),90)" \
	    >$(KEYS)/watchdog-timeout
	@touch $@

$(B)/bundle.stamp: $(DOM0_IMG) scripts/make-bundle $(KEYS)/stamp
	scripts/make-bundle $(DOM0_IMG) $(VERSION) $(KEEL_MIN_VERSION) \
	    $(SIGNING) $(SIGN_KEY) $(UPDATE_KUB) $(DOM0_KUBH)
	@touch $@

.PHONY: update FORCE
FORCE:
update: $(B)/bundle.stamp

# The host-built keelctl trusts the same keys (keelctl update verify on
# the build machine); the image gets them in /usr/share/keel (build-root).
HOST_KEYS_DIR := $(abspath $(KEYS)/trusted)
