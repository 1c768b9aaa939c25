/*
 * auth-session.c - login state, idle logout and the delay after wrong
 * passwords (keel-auth.h).
 *
 * The delay is kept in KEEL_AUTH_BACKOFF as well as in the session, so
 * that quitting the console (init starts a new one) does not reset it,
 * and the two consoles (tty1, serial) share it.  Times there are the
 * monotonic clock's, which every process of one boot shares; /run goes
 * with the boot.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keel-auth.h"

void keel_auth_init(struct keel_auth_session *a, double idle_s)
{
    memset(a, 0, sizeof(*a));
    a->idle_s = idle_s;
}

unsigned keel_auth_delay(unsigned failures)
{
    if (failures < 2)
        return 0;
    if (failures > 7)
        return 60;
    return 1u << (failures - 1);
}

/* A file that does not read as one of ours (or cannot be read) counts
 * as one wrong password now: no delay of its own, but the next wrong
 * password waits; neither a lock-out nor a clean slate. */
static void backoff_read(struct keel_auth_session *a,
                         struct keel_backend *b, double now)
{
    char *text = NULL, end = 0;
    size_t len = 0;
    unsigned n = 0;
    double last = 0;
    int rc = keel_backend_read(b, KEEL_AUTH_BACKOFF, &text, &len, NULL);

    if (rc == KEEL_ENOENT)
        return;
    /* last may be a little after now: the other console wrote it
     * between this one's clock read and this read of the file. */
    if (rc || sscanf(text, "failures=%u last=%lf%c", &n, &last, &end) != 3
        || end != '\n' || n == 0 || n > 1000000 || !(last >= 0) ||
        last > now + 2) {
        n = 1;
        last = now;
    }
    free(text);
    if (n > a->failures)
        a->failures = n;
    if (last + keel_auth_delay(n) > a->locked_until)
        a->locked_until = last + keel_auth_delay(n);
}

/* Through the backend, atomically; if /run cannot be written the delay
 * still holds for this session. */
static void backoff_write(struct keel_auth_session *a,
                          struct keel_backend *b, double now)
{
    char text[64];
    int n = snprintf(text, sizeof(text), "failures=%u last=%.3f\n",
                     a->failures, now);

    keel_backend_write(b, KEEL_AUTH_BACKOFF, text, (size_t)n, 0600, NULL);
}

int keel_auth_login(struct keel_auth_session *a, struct keel_backend *b,
                    const char *password, double now, struct keel_err *e)
{
    char hash[KEEL_HASH_MAX];
    unsigned wait;
    int rc;

    backoff_read(a, b, now);
    if (now < a->locked_until)
        return keel_err_set(e, KEEL_EPERM, "too many wrong passwords: try "
                            "again in %.0f s", a->locked_until - now + 0.5);
    rc = keel_auth_root_hash(b, hash, sizeof(hash), e);
    if (!rc)
        rc = keel_auth_verify(password, hash, e);
    explicit_bzero(hash, sizeof(hash));
    if (rc == 0) {
        if (a->failures)
            keel_backend_remove(b, KEEL_AUTH_BACKOFF, NULL);
        a->logged_in = 1;
        a->failures = 0;
        a->last_key = now;
        return 0;
    }
    if (rc != KEEL_EPERM)
        return rc;
    a->failures++;
    wait = keel_auth_delay(a->failures);
    a->locked_until = now + wait;
    backoff_write(a, b, now);
    if (wait)
        return keel_err_set(e, KEEL_EPERM, "wrong password (%u in a row): "
                            "wait %u s before the next try", a->failures,
                            wait);
    return keel_err_set(e, KEEL_EPERM, "wrong password");
}

void keel_auth_touch(struct keel_auth_session *a, double now)
{
    a->last_key = now;
}

int keel_auth_active(struct keel_auth_session *a, double now)
{
    if (a->logged_in && now - a->last_key >= a->idle_s)
        a->logged_in = 0;
    return a->logged_in;
}

void keel_auth_logout(struct keel_auth_session *a)
{
    a->logged_in = 0;
}
