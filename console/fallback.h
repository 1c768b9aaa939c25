/*
 * fallback.h - the notice of a slot fallback (keel-slot.h: an update's
 * slot did not boot and the old one runs again): on the Status Display
 * and Update and Rollback panes, in `keelctl status` and `keelctl
 * slots`, and its dismissal (`keelctl slot clear-fallback`).
 */
#ifndef KEEL_CONSOLE_FALLBACK_H
#define KEEL_CONSOLE_FALLBACK_H

#include "console.h"

/* The notice from y, x in w columns and at most max lines, then a
 * blank line; returns the next free line (y itself if there is no
 * fallback to show). */
int fallback_paint(struct app *a, int y, int x, int w, int max);

#endif
