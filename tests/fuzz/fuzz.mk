# Fuzz targets (libFuzzer): tests/fuzz/fuzz-NAME.c defines
# LLVMFuzzerTestOneInput and is linked with every library source under
# test.  `make fuzz` runs each for FUZZ_SECONDS; make test runs it too.

FUZZ_SRCS := $(sort $(wildcard tests/fuzz/fuzz-*.c))
FUZZ_BINS := $(patsubst tests/fuzz/%.c,$(B)/fuzz/%,$(FUZZ_SRCS))
FUZZ_SECONDS ?= 15
FUZZ_CFLAGS := -std=c11 -D_GNU_SOURCE -g -O1 $(LIB_INC) $(FAKE_INC) -Irootfs
FUZZ_SAN := address,undefined
# The library is compiled once (instrumented, no libFuzzer main) and
# linked into every target.
FUZZ_OBJ := $(B)/fuzz-obj
FUZZ_LIB_OBJS := $(patsubst %.c,$(FUZZ_OBJ)/%.o,$(filter %.c,$(UNIT_SRCS)))

$(FUZZ_OBJ)/%.o: %.c $(UNIT_HDRS) | $(DEPS)
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link,$(FUZZ_SAN) -c -o $@ $<

$(B)/fuzz/%: tests/fuzz/%.c $(FUZZ_LIB_OBJS) $(UNIT_A) | $(DEPS)
	@mkdir -p $(dir $@)
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer,$(FUZZ_SAN) -o $@ $< \
	    $(FUZZ_LIB_OBJS) $(UNIT_A) $(UNIT_LIBS)

.PHONY: fuzz-build
fuzz-build: $(FUZZ_BINS)
