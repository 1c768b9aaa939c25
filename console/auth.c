/*
 * auth.c - Authentication (auth.h): the login gate's dialog, logout,
 * changing the root password, the idle time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "tui.h"
#include "ui.h"

int auth_login_dialog(struct app *a)
{
    char pw[256] = "";
    struct keel_err e;
    int rc;

    if (!tui_input("Log in", "Password for root (this action changes the "
                   "host):", pw, sizeof(pw), 1, NULL, NULL))
        return 0;
    rc = keel_auth_login(&a->auth, a->b, pw, app_now(), &e);
    explicit_bzero(pw, sizeof(pw));
    app_dump_log(a);
    if (rc) {
        snprintf(a->msg, sizeof(a->msg), "Login refused: %.200s", e.msg);
        tui_message("Login refused", e.msg);
        return 0;
    }
    snprintf(a->msg, sizeof(a->msg), "Logged in as root");
    return 1;
}

void auth_paint(struct app *a, int y, int x, int h, int w)
{
    static const char *const pw[] = { "not set", "set", "locked" };
    int active = keel_auth_active(&a->auth, app_now());

    (void)h;
    y = ui_row(y, x, w, "Logged in", active ? "yes, as root" : "no");
    y = ui_row(y, x, w, "Auto-logout", cmd_fmt("after %s minutes without "
                                               "a key", keel_settings_value(
                                                  &a->s,
                                                  KEEL_S_CONSOLE_IDLE)));
    ui_row(y, x, w, "Root password", pw[a->root_pw]);
}

enum next login_activate(struct app *a, const struct action *act)
{
    (void)act;
    if (keel_auth_active(&a->auth, app_now())) {
        snprintf(a->msg, sizeof(a->msg), "Already logged in");
        return NEXT_REDRAW;
    }
    auth_login_dialog(a);
    return NEXT_REDRAW;
}

enum next logout_activate(struct app *a, const struct action *act)
{
    (void)act;
    keel_auth_logout(&a->auth);
    snprintf(a->msg, sizeof(a->msg), "Logged out");
    return NEXT_REDRAW;
}

static int check_pw(const char *v, void *ctx, struct keel_err *e)
{
    (void)ctx;
    if (strlen(v) < 8)
        return keel_err_set(e, KEEL_EINVAL, "at least 8 characters");
    return 0;
}

static int check_same(const char *v, void *ctx, struct keel_err *e)
{
    if (strcmp(v, ctx) != 0)
        return keel_err_set(e, KEEL_EINVAL, "the two passwords differ: "
                            "type the same again");
    return 0;
}

enum next passwd_activate(struct app *a, const struct action *act)
{
    char p1[256] = "", p2[256] = "", *argv[1] = { p1 };
    enum next n = NEXT_REDRAW;

    if (tui_input(act->label, "New root password (at least 8 characters):",
                  p1, sizeof(p1), 1, check_pw, NULL) &&
        tui_input(act->label, "The same password again:", p2, sizeof(p2),
                  1, check_same, p1))
        n = ui_run(a, act, 1, argv);
    explicit_bzero(p1, sizeof(p1));
    explicit_bzero(p2, sizeof(p2));
    return n;
}
