/* system.h - Update and Rollback, Logs, Reboot or Shutdown, Local
 * Shell. */
#ifndef KEEL_CONSOLE_SYSTEM_H
#define KEEL_CONSOLE_SYSTEM_H

#include "console.h"

void update_paint(struct app *a, int y, int x, int h, int w);
int update_run(struct app *a, int argc, char **argv, struct out *o,
               struct keel_err *e);
int mark_good_run(struct app *a, int argc, char **argv, struct out *o,
                  struct keel_err *e);
void logs_paint(struct app *a, int y, int x, int h, int w);
enum next log_activate(struct app *a, const struct action *act);
int log_run(struct app *a, int argc, char **argv, struct out *o,
            struct keel_err *e);
void power_paint(struct app *a, int y, int x, int h, int w);
int power_show_run(struct app *a, int argc, char **argv, struct out *o,
                   struct keel_err *e);
/* keelctl guests-stop: the VMs shut down (rcK's K10guests). */
int guests_stop_run(struct app *a, int argc, char **argv, struct out *o,
                    struct keel_err *e);
int power_run(struct app *a, int argc, char **argv, struct out *o,
              struct keel_err *e);
enum next shell_activate(struct app *a, const struct action *act);
int shell_run(struct app *a, int argc, char **argv, struct out *o,
              struct keel_err *e);

#endif
