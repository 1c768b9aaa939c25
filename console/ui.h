/*
 * ui.h - helpers the console's screens share: label/value rows, the
 * login gate, running an action's run() and showing what it said.
 */
#ifndef KEEL_CONSOLE_UI_H
#define KEEL_CONSOLE_UI_H

#include "console.h"

/* "label  value" at y, x in w columns; returns y + 1. */
int ui_row(int y, int x, int w, const char *label, const char *value);

/* Run act->run with argv; show its output (if any) in a message box,
 * or its error; set a->msg.  NEXT_RESCAN. */
enum next ui_run(struct app *a, const struct action *act, int argc,
                 char **argv);

/* ui_run for a run that takes the terminal (a shell, a VM's console):
 * the caller has suspended the screen (tui_suspend); it is resumed
 * before the result is shown. */
enum next ui_run_tty(struct app *a, const struct action *act, int argc,
                     char **argv);

/* The generic activate: confirm if the row says so, then run with no
 * arguments. */
enum next ui_activate_plain(struct app *a, const struct action *act);

/* Ask for one setting's new value (validated as typed) and run act
 * with it.  For rows whose run takes that value. */
enum next ui_activate_setting(struct app *a, const struct action *act,
                              enum keel_setting_id id);

/* Validator for tui_input: ctx is a struct ui_setting. */
struct ui_setting {
    const struct keel_settings *s;
    enum keel_setting_id id;
};
int ui_check_setting(const char *v, void *ctx, struct keel_err *e);

#endif
