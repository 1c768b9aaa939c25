# keel-console and keelctl (console/, cli/, lib/tui/).
# placeholder being filled in
UNIT_LIBS += -lxenlight -lxentoollog -lcrypt
