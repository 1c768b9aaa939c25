/* sr.h - Storage Repository. */
#ifndef KEEL_CONSOLE_SR_H
#define KEEL_CONSOLE_SR_H

#include "console.h"

void sr_paint(struct app *a, int y, int x, int h, int w);
enum next vdi_create_activate(struct app *a, const struct action *act);
enum next vdi_delete_activate(struct app *a, const struct action *act);
enum next vdi_image_activate(struct app *a, const struct action *act);

#endif
