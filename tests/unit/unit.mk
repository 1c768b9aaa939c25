# Unit tests: one runner, built with ASan + UBSan, linking the C sources
# under test.  Add a test: drop tests/unit/test-*.c here; add code under
# test: append its sources to UNIT_SRCS in its own component makefile.

UNIT_BIN := $(B)/tests/unit-runner
UNIT_TEST_SRCS := $(sort $(wildcard tests/unit/*.c))
UNIT_CFLAGS := $(KEEL_CFLAGS) -g -O1 -fsanitize=address,undefined \
               -fno-omit-frame-pointer -fno-sanitize-recover=undefined \
               -Itests/unit -Ilib -Irootfs

$(UNIT_BIN): $(UNIT_TEST_SRCS) $(UNIT_SRCS) $(wildcard tests/unit/*.h) \
             $(UNIT_HDRS) | $(B)/tests
	$(CC) $(UNIT_CFLAGS) -o $@ $(UNIT_TEST_SRCS) $(UNIT_SRCS) $(UNIT_LIBS)

$(B)/tests:
	mkdir -p $@

.PHONY: unit
unit: $(UNIT_BIN)
	$(UNIT_BIN) -d tests/unit/data
