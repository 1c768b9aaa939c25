/*
 * host-services.c - the settings that dom0's start scripts apply, and
 * keel_host_apply(), which makes a whole set of settings live with the
 * previous ones put back on failure (keel-host.h).
 *
 * A start script reads KEEL_HOST_CONF, so it restarts its service after
 * the save; to undo, the old settings are saved back and the same
 * scripts run again.  A script exits 0 when its service runs as the
 * file says, else non-zero after a line "keel: [T] FAILED: why"; one
 * still running after SCRIPT_LIMIT_S has failed too.
 */
#include <stdio.h>
#include <string.h>

#include "host-int.h"

#define INITD "/etc/init.d/"
#define STAYS "; the previous configuration stays"
#define BACK1 "; saving the previous settings back failed too ("
#define BACK2 "): the new ones stay saved"

/* A script gets this long to restart its service; past it, it is
 * stopped and counts as failed.  The slowest, S70time, leaves openntpd
 * waiting up to 15 s for its first answer in the background; a restart
 * that takes a minute is hung, and the console or keelctl waiting on it
 * would look frozen. */
#define SCRIPT_LIMIT_S 60

/* One row a setting, in the order the boot runs the scripts (dom0/skel/
 * etc/init.d): syslog restarts before the services that log to it, and
 * a restart sees what a boot would. */
static const struct {
    enum keel_setting_id id;
    const char *script;
} services[] = {
    { KEEL_S_KEYMAP, INITD "S25keymap" },
    { KEEL_S_SYSLOG_REMOTE, INITD "S30syslog" },
    { KEEL_S_TIMEZONE, INITD "S70time" },
    { KEEL_S_NTP, INITD "S70time" },
    { KEEL_S_SSH, INITD "S80ssh" },
};

#define N_SERVICES (sizeof(services) / sizeof(services[0]))

const char *keel_host_service_script(enum keel_setting_id id)
{
    for (size_t i = 0; i < N_SERVICES; i++)
        if (services[i].id == id)
            return services[i].script;
    return NULL;
}

static int changed(const struct keel_settings *a,
                   const struct keel_settings *b, size_t row)
{
    enum keel_setting_id id = services[row].id;

    return strcmp(keel_settings_value(a, id), keel_settings_value(b, id));
}

static int same_script(size_t i, size_t j)
{
    return strcmp(services[i].script, services[j].script) == 0;
}

/* Row i's script runs: its setting changed, and no earlier row of the
 * same script changed (that row runs it). */
static int due(const struct keel_settings *a, const struct keel_settings *b,
               size_t i)
{
    if (!changed(a, b, i))
        return 0;
    for (size_t j = 0; j < i; j++)
        if (same_script(i, j) && changed(a, b, j))
            return 0;
    return 1;
}

/* The changed settings of row i's script: "timezone, ntp". */
static void changed_names(const struct keel_settings *a,
                          const struct keel_settings *b, size_t i,
                          char *buf, size_t size)
{
    size_t n = 0;

    buf[0] = '\0';
    for (size_t j = i; j < N_SERVICES && n < size; j++)
        if (same_script(i, j) && changed(a, b, j))
            n += (size_t)snprintf(buf + n, size - n, "%s%s", n ? ", " : "",
                                  keel_setting_row(services[j].id)->name);
}

/* "script restart"; on failure e reads "WHAT: why", why being the
 * script's first FAILED line if it printed one, else the runner's
 * message (exit status and stderr). */
static int restart(struct keel_backend *b, const char *script,
                   const char *what, struct keel_err *e)
{
    const char *argv[] = { script, "restart", NULL };
    char out[1024], err[256];
    struct keel_run r = { .out = out, .out_size = sizeof(out),
                          .err = err, .err_size = sizeof(err),
                          .timeout_s = SCRIPT_LIMIT_S };
    struct keel_err why = { "" };
    const char *failed;
    int rc = keel_backend_run(b, argv, &r, &why);

    if (!rc)
        return 0;
    failed = strstr(out, "FAILED: ");
    if (!failed)
        return keel_err_set(e, rc, "%s: %s", what, why.msg);
    failed += strlen("FAILED: ");
    return keel_err_set(e, rc, "%s: %s restart failed: %.*s", what, script,
                        (int)strcspn(failed, "\n"), failed);
}

/* Run the scripts due from old to new_s in table order, up to the first
 * that fails; *tried says how many rows were reached. */
static int restart_all(struct keel_backend *b,
                       const struct keel_settings *old,
                       const struct keel_settings *new_s, size_t *tried,
                       struct keel_err *e)
{
    char what[64];
    int rc = 0;

    for (size_t i = 0; i < N_SERVICES && !rc; i++) {
        if (!due(old, new_s, i))
            continue;
        *tried = i + 1;
        changed_names(old, new_s, i, what, sizeof(what));
        rc = restart(b, services[i].script, what, e);
    }
    return rc;
}

/* Run again, now reading old from the file, the scripts that ran. */
static void restart_again(struct keel_backend *b,
                          const struct keel_settings *old,
                          const struct keel_settings *new_s, size_t tried)
{
    for (size_t i = 0; i < tried; i++)
        if (due(old, new_s, i))
            restart(b, services[i].script, "", NULL);
}

/* Saving old back failed too: say both (cutting the first to leave
 * room for the second) and that new_s stays. */
static int not_saved_back(int rc, const char *why, const char *back,
                          struct keel_err *e)
{
    int w = (int)strnlen(why, 100);
    int room = KEEL_ERR_MSG_MAX - 1 - w - (int)strlen(BACK1 BACK2);

    return keel_err_set(e, rc, "%.*s" BACK1 "%.*s" BACK2, w, why, room,
                        back);
}

int keel_host_apply(struct keel_backend *b, const struct keel_settings *old,
                    const struct keel_settings *new_s, const char *path,
                    struct keel_err *e)
{
    struct keel_err why = { "" }, back = { "" };
    size_t tried = 0;
    int saved, rc = keel_settings_check(new_s, NULL, e);

    if (rc)
        return rc;
    rc = keel_host_net_set(b, old, new_s, &why);
    if (!rc)
        rc = keel_settings_save(new_s, b, path, &why);
    saved = !rc;
    if (!rc)
        rc = restart_all(b, old, new_s, &tried, &why);
    if (!rc)
        return 0;
    if (saved && keel_settings_save(old, b, path, &back))
        return not_saved_back(rc, why.msg, back.msg, e);
    keel_host_net_undo(b, old, new_s);
    restart_again(b, old, new_s, tried);
    return keel_err_set(e, rc, "%.*s" STAYS,
                        (int)(KEEL_ERR_MSG_MAX - sizeof(STAYS)), why.msg);
}

static int commit_apply(struct keel_backend *b, const char *path,
                        const struct keel_settings *was,
                        const struct keel_settings *now, struct keel_err *e)
{
    return keel_host_apply(b, was, now, path, e);
}

int keel_host_change(struct keel_backend *b, struct keel_settings *cur,
                     const struct keel_settings *want, const char *path,
                     struct keel_err *e)
{
    return keel_settings_update(b, path, cur, want, commit_apply, e);
}
