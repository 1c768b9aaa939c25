/* iso.h - the ISO library (Storage Repository menu). */
#ifndef KEEL_CONSOLE_ISO_H
#define KEEL_CONSOLE_ISO_H

#include "console.h"

void iso_paint(struct app *a, int y, int x, int h, int w);
enum next iso_fetch_activate(struct app *a, const struct action *act);
enum next iso_delete_activate(struct app *a, const struct action *act);

#endif
