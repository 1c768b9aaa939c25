/* auth.h - Authentication: log in and out, root password, idle time. */
#ifndef KEEL_CONSOLE_AUTH_H
#define KEEL_CONSOLE_AUTH_H

#include "console.h"

/* The login dialog; 1 if logged in. */
int auth_login_dialog(struct app *a);

void auth_paint(struct app *a, int y, int x, int h, int w);
enum next login_activate(struct app *a, const struct action *act);
enum next logout_activate(struct app *a, const struct action *act);
enum next passwd_activate(struct app *a, const struct action *act);

#endif
