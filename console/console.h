/*
 * console.h - keel-console's screens: the command layer (cmd.h) plus,
 * for each action row that has a menu, how the console paints its
 * pane and asks for its arguments.
 */
#ifndef KEEL_CONSOLE_H
#define KEEL_CONSOLE_H

#include "cmd.h"

/* What must happen after a handler. */
enum next {
    NEXT_NONE,   /* nothing changed */
    NEXT_REDRAW, /* repaint from what we have */
    NEXT_RESCAN, /* read the host again (SR included), then repaint */
    NEXT_QUIT,
};

struct screen {
    const char *name; /* the action row (cmd-actions.c) */
    /* The right pane of the row's menu (on the menu's first row):
     * draws what the last app_refresh gathered, reads nothing. */
    void (*paint)(struct app *a, int y, int x, int h, int w);
    /* Ask for the arguments, then call the row's run (ui_run). */
    enum next (*activate)(struct app *a, const struct action *act);
    /* What the pane draws beyond the status and the NICs: the
     * app_refresh parts (APP_LOG, APP_VMS) the tick gathers while the
     * menu is shown. */
    unsigned needs;
};

extern const struct screen screens[];
extern const size_t n_screens;

/* The screen of an action row, or NULL (a keelctl-only row). */
const struct screen *screen_of(const struct action *act);

#endif
