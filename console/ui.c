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

static enum next run_shown(struct app *a, const struct action *act,
                           int argc, char **argv, int tty)
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
    if (tty) /* a shell or a VM's console sees the kernel's lines */
        keel_host_console_quiet(a->b, 0, NULL);
    rc = act->run(a, argc, argv, &o, &e);
    if (tty)
        keel_host_console_quiet(a->b, 1, NULL);
    tui_idle_s = a->auth.idle_s; /* the dialogs' timeout follows a change */
    if (tty)
        tui_resume();
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

enum next ui_run(struct app *a, const struct action *act, int argc,
                 char **argv)
{
    return run_shown(a, act, argc, argv, 0);
}

enum next ui_run_tty(struct app *a, const struct action *act, int argc,
                     char **argv)
{
    return run_shown(a, act, argc, argv, 1);
}

enum next ui_activate_plain(struct app *a, const struct action *act)
{
    if (act->confirm && !tui_confirm(act->label, cmd_fmt("%s now?",
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
