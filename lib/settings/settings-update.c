/*
 * settings-update.c - a change of the settings file made under its lock
 * on top of what the file holds then (keel_settings_update in
 * keel-settings.h): the consoles on tty1 and the serial line and
 * keelctl over SSH each load the settings once, and a writer that saved
 * its whole copy would undo what another saved meanwhile.
 */
#include <stdio.h>
#include <string.h>

#include "keel-settings.h"

/* The lock file of path: KEEL_HOST_CONF_LOCK for host.conf, else the
 * path with ".lock" added (tests' own files). */
static int lock_path(const char *path, char *buf, size_t size,
                     struct keel_err *e)
{
    int n = path ? snprintf(buf, size, "%s.lock", path)
                 : snprintf(buf, size, "%s", KEEL_HOST_CONF_LOCK);

    if (n < 0 || (size_t)n >= size)
        return keel_err_set(e, KEEL_EINVAL, "path %.200s is too long",
                            path);
    return 0;
}

/* *now: the file as it is (cur when there is none) with each value in
 * which want differs from cur set on top.  *was: the file alone. */
static int merge(struct keel_backend *b, const char *path,
                 const struct keel_settings *cur,
                 const struct keel_settings *want,
                 struct keel_settings *was, struct keel_settings *now,
                 struct keel_err *e)
{
    int rc;

    was->zones = cur->zones;
    rc = keel_settings_load(was, b, path, e);
    if (rc == KEEL_ENOENT)
        rc = keel_settings_copy(was, cur, e);
    if (!rc)
        rc = keel_settings_copy(now, was, e);
    for (int i = 0; !rc && i < KEEL_S_COUNT; i++)
        if (strcmp(want->val[i], cur->val[i]) != 0)
            rc = keel_settings_set_id(now, i, want->val[i], e);
    return rc;
}

int keel_settings_update(struct keel_backend *b, const char *path,
                         struct keel_settings *cur,
                         const struct keel_settings *want,
                         keel_settings_commit_fn commit,
                         struct keel_err *e)
{
    struct keel_settings was, now;
    struct keel_err why = { "" };
    char lock[512];
    int lk = -1, rc = keel_settings_init(&was, e);

    if (rc)
        return rc;
    rc = keel_settings_init(&now, e);
    if (rc)
        goto out_was;
    rc = lock_path(path, lock, sizeof(lock), e);
    if (!rc)
        rc = keel_backend_lock(b, lock, KEEL_SETTINGS_LOCK_S, &lk, &why);
    /* Only a lock another process holds is a change under way; any
     * other failure (no /run/keel) says what it is. */
    if (rc == KEEL_EBUSY)
        keel_err_set(e, rc, "another change of the host settings is under "
                     "way (%.160s): try again when it is done", why.msg);
    else if (rc)
        keel_err_set(e, rc, "%s", why.msg);
    if (!rc)
        rc = merge(b, path, cur, want, &was, &now, e);
    if (!rc)
        rc = commit ? commit(b, path, &was, &now, e)
                    : keel_settings_save(&now, b, path, e);
    if (!rc)
        rc = keel_settings_copy(cur, &now, e);
    keel_backend_unlock(b, lk);
    keel_settings_fini(&now);
out_was:
    keel_settings_fini(&was);
    return rc;
}
