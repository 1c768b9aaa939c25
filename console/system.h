/* system.h - Update and Rollback, Logs, Reboot or Shutdown, Local
 * Shell. */
#ifndef KEEL_CONSOLE_SYSTEM_H
#define KEEL_CONSOLE_SYSTEM_H

#include "console.h"

void update_paint(struct app *a, int y, int x, int h, int w);
void logs_paint(struct app *a, int y, int x, int h, int w);
enum next log_activate(struct app *a, const struct action *act);
void power_paint(struct app *a, int y, int x, int h, int w);
enum next shell_activate(struct app *a, const struct action *act);

#endif
