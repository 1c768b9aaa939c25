/*
 * test-screens.c - the console's panes draw what app_refresh gathered
 * and read nothing themselves (console.h): every painter, on a fake
 * host, leaves the fake's call log as it was.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>

#include "console.h"
#include "keel-backend-fake.h"
#include "unit.h"

UNIT_TEST(screens_paint_reads_nothing)
{
    FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
    SCREEN *scr = out && in ? newterm("vt100", out, in) : NULL;
    struct keel_err e;
    struct app a;
    size_t painted = 0;

    CHECK(scr != NULL);
    if (!scr)
        goto out;
    memset(&a, 0, sizeof(a));
    CHECK((a.b = keel_fake_open("tests/tui/host.scenario", &e)) != NULL);
    if (!a.b)
        goto out;
    keel_settings_init(&a.s, &e);
    keel_fake_log_clear(a.b);
    app_refresh(&a, APP_SLOW | APP_LOG | APP_VMS);
    /* the refresh reads through the log: a painter's read would show */
    CHECK(keel_fake_log_count(a.b) > 0);
    for (size_t i = 0; i < n_screens; i++) {
        if (!screens[i].paint)
            continue;
        keel_fake_log_clear(a.b);
        screens[i].paint(&a, 2, 37, 18, 42);
        painted++;
        if (keel_fake_log_count(a.b))
            unit_fail(__FILE__, __LINE__, "the %s pane read the host: %s",
                      screens[i].name, keel_fake_log_at(a.b, 0));
    }
    CHECK(painted >= 11); /* every menu but the shell has a pane */
    app_fini(&a);
    keel_settings_fini(&a.s);
    keel_backend_free(a.b);
out:
    if (scr) {
        endwin();
        delscreen(scr);
    }
    if (out)
        fclose(out);
    if (in)
        fclose(in);
}
