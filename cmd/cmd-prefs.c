/*
 * cmd-prefs.c - keyboard, time zone, remote services, the idle logout, and
 * keelctl get/set: a change is saved and made live at once.
 */
#include <stdio.h>
#include <string.h>

#include "cmd-runs.h"
#include "keel-auth.h"

static const struct pref_row {
    const char *action;
    enum keel_setting_id id;
} rows[] = {
    { "keymap", KEEL_S_KEYMAP },
    { "timezone", KEEL_S_TIMEZONE },
    { "ssh", KEEL_S_SSH },
    { "syslog-remote", KEEL_S_SYSLOG_REMOTE },
    { "idle-minutes", KEEL_S_CONSOLE_IDLE },
};

static const struct pref_row *row_of(const struct action *act)
{
    for (size_t i = 0; act && i < sizeof(rows) / sizeof(rows[0]); i++)
        if (strcmp(rows[i].action, act->name) == 0)
            return &rows[i];
    return NULL;
}

int cmd_pref_setting(const struct action *act)
{
    const struct pref_row *r = row_of(act);

    return r ? (int)r->id : -1;
}

int pref_run(struct app *a, int argc, char **argv, struct out *o,
             struct keel_err *e)
{
    const struct pref_row *r = row_of(a->cur);

    if (!r)
        return keel_err_set(e, KEEL_EINVAL, "no setting for this action");
    if (!argc) {
        out_str(o, keel_setting_row(r->id)->name,
                keel_settings_display(&a->s, r->id));
        return 0;
    }
    return cmd_set_apply(a, r->id, argv[0], e);
}

int prefs_show_run(struct app *a, int argc, char **argv, struct out *o,
                   struct keel_err *e)
{
    int kbd = strcmp(a->cur->name, "keyboard") == 0;
    enum keel_setting_id ids[2] = {
        kbd ? KEEL_S_KEYMAP : KEEL_S_SSH,
        kbd ? KEEL_S_TIMEZONE : KEEL_S_SYSLOG_REMOTE,
    };

    (void)argc, (void)argv, (void)e;
    out_obj(o, NULL);
    for (int i = 0; i < 2; i++)
        out_str(o, keel_setting_row(ids[i])->name,
                keel_settings_display(&a->s, ids[i]));
    out_end(o);
    return 0;
}

int get_run(struct app *a, int argc, char **argv, struct out *o,
            struct keel_err *e)
{
    const char *v;
    int rc;

    if (argc == 0) {
        out_obj(o, NULL);
        for (int i = 0; i < KEEL_S_COUNT; i++)
            out_str(o, keel_setting_row(i)->name,
                    keel_settings_display(&a->s, i));
        out_end(o);
        return 0;
    }
    rc = keel_settings_get(&a->s, argv[0], &v, e);
    if (!rc)
        out_str(o, o->json ? argv[0] : NULL, keel_settings_display(
                    &a->s, keel_setting_find(argv[0])->id));
    return rc;
}

int set_run(struct app *a, int argc, char **argv, struct out *o,
            struct keel_err *e)
{
    const struct keel_setting *row = keel_setting_find(argv[0]);

    (void)argc, (void)o;
    if (!row) {
        const char *v;

        return keel_settings_get(&a->s, argv[0], &v, e);
    }
    if (row->id == KEEL_S_ROOT_HASH) /* what login and sshd read too */
        return app_settings_writable(a, e) ? KEEL_EINVAL :
               keel_auth_set_root_hash(a->b, &a->s, NULL, argv[1], e);
    return cmd_set_apply(a, row->id, argv[1], e);
}
