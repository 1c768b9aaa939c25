/* loop.h - the console's one loop that owns the screen. */
#ifndef KEEL_CONSOLE_LOOP_H
#define KEEL_CONSOLE_LOOP_H

#include "console.h"

/* Run until quit.  goto_name: an action to open first (tests), or
 * NULL.  timing: a file to append key-to-redraw times (ms) to, or
 * NULL. */
int console_loop(struct app *a, const char *goto_name, const char *timing);

/* Read the host and paint every menu once, reading no key: dom0's
 * health check (S90ready) runs it before a trial boot is marked good,
 * so an update whose console cannot start is rolled back. */
void console_self_check(struct app *a);

#endif
