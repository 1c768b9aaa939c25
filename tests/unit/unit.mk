# Unit tests: one runner, built with ASan + UBSan, linking the C sources
# under test.  Add a test: drop tests/unit/test-*.c here; add code under
# test: append its sources to UNIT_SRCS in its own component makefile.

UNIT_BIN := $(B)/tests/unit-runner
UNIT_TEST_SRCS := $(sort $(wildcard tests/unit/*.c))
UNIT_CFLAGS := $(KEEL_CFLAGS) -g -O1 -fsanitize=address,undefined \
               -fno-omit-frame-pointer -fno-sanitize-recover=undefined \
               -Itests/unit $(LIB_INC) $(FAKE_INC) -Irootfs -Icmd -Iconsole

# One object per source (make -j2 builds them in parallel); archives in
# UNIT_SRCS (the console's) are linked as they are.
UNIT_OBJ := $(B)/unit-obj
UNIT_A := $(filter %.a,$(UNIT_SRCS))
UNIT_OBJS := $(patsubst %.c,$(UNIT_OBJ)/%.o,\
    $(filter %.c,$(UNIT_SRCS)) $(UNIT_TEST_SRCS))

$(UNIT_OBJ)/%.o: %.c $(UNIT_HDRS) $(wildcard tests/unit/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(UNIT_CFLAGS) -c -o $@ $<

$(UNIT_BIN): $(UNIT_OBJS) $(UNIT_A) | $(B)/tests
	$(CC) $(UNIT_CFLAGS) -o $@ $(UNIT_OBJS) $(UNIT_A) $(UNIT_LIBS)

$(B)/tests:
	mkdir -p $@

.PHONY: unit
unit: $(UNIT_BIN)
	$(UNIT_BIN) -d tests/unit/data
