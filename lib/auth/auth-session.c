/*
 * auth-session.c - login state, idle logout and the delay after wrong
 * passwords (keel-auth.h).
 */
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

int keel_auth_login(struct keel_auth_session *a, struct keel_backend *b,
                    const char *password, double now, struct keel_err *e)
{
    char hash[KEEL_HASH_MAX];
    unsigned wait;
    int rc;

    if (now < a->locked_until)
        return keel_err_set(e, KEEL_EPERM, "too many wrong passwords: try "
                            "again in %.0f s", a->locked_until - now + 0.5);
    rc = keel_auth_root_hash(b, hash, sizeof(hash), e);
    if (!rc)
        rc = keel_auth_verify(password, hash, e);
    explicit_bzero(hash, sizeof(hash));
    if (rc == 0) {
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
