# e2e: QEMU boots of the real images (tests/e2e/t_*.py, run by run.py).
.PHONY: e2e
e2e: $(ISO) $(DEPS)
	/usr/bin/python3 tests/runner.py tests/e2e $(E2E)
