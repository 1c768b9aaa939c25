# TUI tests: tests/tui/run drives the real keel-console in tmux (80x24)
# against the fake backend (tests/tui/host.scenario) and compares the
# screens with tests/tui/golden/*.txt; `KEEL_UPDATE_GOLDEN=1 tests/tui/run`
# rewrites them (and fails).  scripts/run-tests runs it in make check.
.PHONY: tui
tui: $(B)/bin/keel-console
	tests/tui/run
