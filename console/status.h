/* status.h - Status Display: the host at a glance. */
#ifndef KEEL_CONSOLE_STATUS_H
#define KEEL_CONSOLE_STATUS_H

#include "console.h"

void status_paint(struct app *a, int y, int x, int h, int w);
enum next status_activate(struct app *a, const struct action *act);
int status_run(struct app *a, int argc, char **argv, struct out *o,
               struct keel_err *e);

#endif
