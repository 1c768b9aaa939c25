/* auth.h - Authentication: log in and out, root password, idle time. */
#ifndef KEEL_CONSOLE_AUTH_H
#define KEEL_CONSOLE_AUTH_H

#include "console.h"

/* The login dialog; 1 if logged in. */
int auth_login_dialog(struct app *a);

void auth_paint(struct app *a, int y, int x, int h, int w);
int auth_run(struct app *a, int argc, char **argv, struct out *o,
             struct keel_err *e);
enum next login_activate(struct app *a, const struct action *act);
enum next logout_activate(struct app *a, const struct action *act);
int console_only_run(struct app *a, int argc, char **argv, struct out *o,
                     struct keel_err *e);
enum next passwd_activate(struct app *a, const struct action *act);
int passwd_run(struct app *a, int argc, char **argv, struct out *o,
               struct keel_err *e);

#endif
