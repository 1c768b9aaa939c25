/*
 * prefs.h - the settings-only screens: Keyboard and Timezone, Remote
 * Services, and keelctl's get/set over the settings table.
 */
#ifndef KEEL_CONSOLE_PREFS_H
#define KEEL_CONSOLE_PREFS_H

#include "console.h"

void keyboard_paint(struct app *a, int y, int x, int h, int w);
void remote_paint(struct app *a, int y, int x, int h, int w);
/* Show (argc 0) or set (argc 1) the setting the row is about. */
int pref_run(struct app *a, int argc, char **argv, struct out *o,
             struct keel_err *e);
/* keyboard/remote: the settings of that screen. */
int prefs_show_run(struct app *a, int argc, char **argv, struct out *o,
                   struct keel_err *e);
enum next pref_activate(struct app *a, const struct action *act);
int get_run(struct app *a, int argc, char **argv, struct out *o,
            struct keel_err *e);
int set_run(struct app *a, int argc, char **argv, struct out *o,
            struct keel_err *e);

#endif
