/*
 * ui.c - helpers shared by the console's screens (ui.h).
 */
#include <curses.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui.h"
#include "ui.h"

int ui_row(int y, int x, int w, const char *label, const char *value)
{
    tui_put(y, x, 15, label, TUI_HEADING, 1);
    tui_put(y, x + 15, w - 15, value, TUI_NORMAL, 1);
    return y + 1;
}

const char *ui_fmt(const char *fmt, ...)
{
    static char buf[4][256];
    static int i;
    va_list ap;

    i = (i + 1) % 4;
    va_start(ap, fmt);
    vsnprintf(buf[i], sizeof(buf[i]), fmt, ap);
    va_end(ap);
    return buf[i];
}

enum next ui_run(struct app *a, const struct action *act, int argc,
                 char **argv)
{
    struct keel_err e = { "" };
    struct out o;
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    int rc;

    if (!f) {
        snprintf(a->msg, sizeof(a->msg), "out of memory");
        return NEXT_REDRAW;
    }
    out_init(&o, f, 0);
    a->cur = act;
    rc = act->run(a, argc, argv, &o, &e);
    fclose(f);
    app_dump_log(a);
    if (rc) {
        snprintf(a->msg, sizeof(a->msg), "%s: %s", act->label,
                 e.msg[0] ? e.msg : keel_strerror(rc));
        tui_message("Error", a->msg);
    } else {
        snprintf(a->msg, sizeof(a->msg), "Done: %s", act->label);
        if (len)
            tui_message(act->label, text);
    }
    free(text);
    return NEXT_RESCAN;
}

enum next ui_activate_plain(struct app *a, const struct action *act)
{
    if (act->confirm && !tui_confirm(act->label, ui_fmt("%s now?",
                                                        act->label)))
        return NEXT_REDRAW;
    return ui_run(a, act, 0, NULL);
}

int ui_check_setting(const char *v, void *ctx, struct keel_err *e)
{
    const struct ui_setting *us = ctx;

    return keel_settings_try(us->s, us->id, v, e);
}

enum next ui_activate_setting(struct app *a, const struct action *act,
                              enum keel_setting_id id)
{
    const struct keel_setting *row = keel_setting_row(id);
    char buf[256], *argv[1] = { buf };
    struct ui_setting us = { &a->s, id };

    snprintf(buf, sizeof(buf), "%s", keel_settings_value(&a->s, id));
    if (!tui_input(act->label, row->help, buf, sizeof(buf), 0,
                   ui_check_setting, &us))
        return NEXT_REDRAW;
    return ui_run(a, act, 1, argv);
}

int ui_set_apply(struct app *a, enum keel_setting_id id, const char *v,
                 struct keel_err *e)
{
    struct keel_settings n;
    int rc = keel_settings_init(&n, e);

    if (rc)
        return rc;
    rc = keel_settings_copy(&n, &a->s, e);
    if (!rc)
        rc = keel_settings_set_id(&n, id, v, e);
    if (!rc)
        rc = app_apply(a, &n, e);
    keel_settings_fini(&n);
    return rc;
}
