/* status.h - Status Display: the host at a glance. */
#ifndef KEEL_CONSOLE_STATUS_H
#define KEEL_CONSOLE_STATUS_H

#include "console.h"

void status_paint(struct app *a, int y, int x, int h, int w);
enum next status_activate(struct app *a, const struct action *act);

#endif
