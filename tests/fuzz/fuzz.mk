# Fuzz targets (libFuzzer): tests/fuzz/fuzz-NAME.c defines
# LLVMFuzzerTestOneInput and is linked with every library source under
# test.  `make fuzz` runs each for FUZZ_SECONDS; make test runs it too.

FUZZ_SRCS := $(sort $(wildcard tests/fuzz/fuzz-*.c))
FUZZ_BINS := $(patsubst tests/fuzz/%.c,$(B)/fuzz/%,$(FUZZ_SRCS))
FUZZ_SECONDS ?= 15
FUZZ_CFLAGS := -std=c11 -D_GNU_SOURCE -g -O1 \
    -fsanitize=fuzzer,address,undefined -Ilib -Irootfs

$(B)/fuzz/%: tests/fuzz/%.c $(UNIT_SRCS) $(UNIT_HDRS) | $(DEPS)
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS) -o $@ $< $(UNIT_SRCS) $(UNIT_LIBS)

.PHONY: fuzz-build
fuzz-build: $(FUZZ_BINS)
