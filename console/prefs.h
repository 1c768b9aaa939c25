/*
 * prefs.h - the settings-only screens: Keyboard and Timezone, Remote
 * Services, and keelctl's get/set over the settings table.
 */
#ifndef KEEL_CONSOLE_PREFS_H
#define KEEL_CONSOLE_PREFS_H

#include "console.h"

void keyboard_paint(struct app *a, int y, int x, int h, int w);
void remote_paint(struct app *a, int y, int x, int h, int w);
enum next pref_activate(struct app *a, const struct action *act);

#endif
