/* sr.h - Storage Repository. */
#ifndef KEEL_CONSOLE_SR_H
#define KEEL_CONSOLE_SR_H

#include "console.h"

void sr_paint(struct app *a, int y, int x, int h, int w);
int sr_run(struct app *a, int argc, char **argv, struct out *o,
           struct keel_err *e);
enum next vdi_create_activate(struct app *a, const struct action *act);
int vdi_create_run(struct app *a, int argc, char **argv, struct out *o,
                   struct keel_err *e);
enum next vdi_delete_activate(struct app *a, const struct action *act);
int vdi_delete_run(struct app *a, int argc, char **argv, struct out *o,
                   struct keel_err *e);

#endif
