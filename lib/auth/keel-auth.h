/*
 * keel-auth.h - the root password and the console's login state.
 *
 * The root hash lives in KEEL_SHADOW (root's line, shadow(5) format;
 * /etc/shadow links to it) and in the settings (root.hash).  A hash of
 * "" means no password is set: the empty password logs in; "*" or "!"
 * (or any "!..." locked hash) refuses every password.
 *
 * Times are seconds on a monotonic clock, passed in by the caller so
 * tests control them.
 */
#ifndef KEEL_AUTH_H
#define KEEL_AUTH_H

#include <stddef.h>

#include "keel-backend.h"
#include "keel-settings.h"

#define KEEL_SHADOW "/etc/keel/shadow"
#define KEEL_HASH_MAX 256
/* The wrong passwords in a row and when the last was (keel_auth_login):
 * "failures=N last=SECONDS\n", SECONDS on the monotonic clock. */
#define KEEL_AUTH_BACKOFF "/run/keel/login-failures"

/*
 * 0 if password matches hash (crypt(3): yescrypt, SHA-512 crypt...),
 * compared in constant time; KEEL_EPERM if it does not or the account
 * is locked; KEEL_EINVAL if crypt cannot use hash.
 */
int keel_auth_verify(const char *password, const char *hash,
                     struct keel_err *e);

/* A new yescrypt hash of password ("$y$..."), into out. */
int keel_auth_hash(const char *password, char *out, size_t size,
                   struct keel_err *e);

/* Root's hash from KEEL_SHADOW through b.  KEEL_ENOENT if no root line. */
int keel_auth_root_hash(struct keel_backend *b, char *out, size_t size,
                        struct keel_err *e);

/*
 * Set root's password: a new yescrypt hash written into KEEL_SHADOW
 * (atomically, other lines kept) and into s's root.hash, saved to path
 * (NULL: KEEL_HOST_CONF).  Refuses (KEEL_EINVAL) passwords shorter than
 * 8 characters.
 */
int keel_auth_set_root(struct keel_backend *b, struct keel_settings *s,
                       const char *path, const char *password,
                       struct keel_err *e);

/* The same from a crypt hash (`keelctl set root.hash HASH`): yescrypt
 * or SHA-512 crypt only (keel_valid_pwhash), else KEEL_EINVAL and
 * nothing written. */
int keel_auth_set_root_hash(struct keel_backend *b, struct keel_settings *s,
                            const char *path, const char *hash,
                            struct keel_err *e);

/* The console's login state. */
struct keel_auth_session {
    int logged_in;
    double last_key;       /* when the user last pressed a key */
    double idle_s;         /* log out after this long without a key */
    unsigned failures;     /* wrong passwords in a row */
    double locked_until;   /* no attempt accepted before this */
};

void keel_auth_init(struct keel_auth_session *a, double idle_s);

/* Seconds to wait after n wrong passwords in a row: 0, 0, 2, 4 ... 60. */
unsigned keel_auth_delay(unsigned failures);

/*
 * Try password against root's hash through b at time now (the monotonic
 * clock: app_now()).  0 logs in; KEEL_EPERM for a wrong password (e
 * says so, and how long to wait if a delay now applies) or while an
 * earlier delay runs; other codes if the hash cannot be read.  The count
 * and the delay are also kept in KEEL_AUTH_BACKOFF, read back on every
 * try, so a new session (the console quit and started again) or the
 * other console inherits them; a right password removes the file.  A
 * file that does not read as one counts as one wrong password at now.
 */
int keel_auth_login(struct keel_auth_session *a, struct keel_backend *b,
                    const char *password, double now, struct keel_err *e);

/* A key was pressed at now. */
void keel_auth_touch(struct keel_auth_session *a, double now);

/*
 * 1 if logged in at now; logs out (and returns 0) once idle_s have
 * passed since the last key.
 */
int keel_auth_active(struct keel_auth_session *a, double now);

void keel_auth_logout(struct keel_auth_session *a);

#endif
