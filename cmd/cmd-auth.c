/*
 * cmd-auth.c - the login state and the root password.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd-runs.h"

int auth_run(struct app *a, int argc, char **argv, struct out *o,
             struct keel_err *e)
{
    (void)argc, (void)argv, (void)e;
    app_refresh_pw(a);
    out_obj(o, NULL);
    out_bool(o, "root_password_set", a->root_pw == APP_PW_SET);
    out_num(o, "idle_minutes", atol(keel_settings_value(
                                        &a->s, KEEL_S_CONSOLE_IDLE)));
    out_end(o);
    return 0;
}

int console_only_run(struct app *a, int argc, char **argv, struct out *o,
                     struct keel_err *e)
{
    (void)a, (void)argc, (void)argv, (void)o;
    return keel_err_set(e, KEEL_ENOTSUP, "only keel-console has a login: "
                        "keelctl runs with the rights of whoever runs it");
}

int passwd_run(struct app *a, int argc, char **argv, struct out *o,
               struct keel_err *e)
{
    char line[256] = "";
    int rc;

    (void)o;
    if (app_settings_writable(a, e))
        return KEEL_EINVAL;
    if (argc)
        return keel_auth_set_root(a->b, &a->s, NULL, argv[0], e);
    /* keelctl: from stdin, so it never shows in a process list */
    if (!fgets(line, sizeof(line), stdin))
        return keel_err_set(e, KEEL_EINVAL, "give the new password on "
                            "standard input");
    line[strcspn(line, "\n")] = '\0';
    rc = keel_auth_set_root(a->b, &a->s, NULL, line, e);
    explicit_bzero(line, sizeof(line));
    return rc;
}
