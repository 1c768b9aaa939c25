/*
 * auth-password.c - verify and set the root password (keel-auth.h).
 */
#include <crypt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keel-auth.h"
#include "keel-validate.h"

/* Equal strings, in time that depends only on the lengths. */
static int const_eq(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    unsigned char d = na != nb;

    for (size_t i = 0; i < na && i < nb; i++)
        d |= (unsigned char)(a[i] ^ b[i]);
    return d == 0;
}

int keel_auth_verify(const char *password, const char *hash,
                     struct keel_err *e)
{
    struct crypt_data *cd;
    const char *out;
    int rc;

    if (hash[0] == '\0')
        return password[0] ? keel_err_set(e, KEEL_EPERM, "wrong password")
                           : 0;
    if (hash[0] == '*' || hash[0] == '!')
        return keel_err_set(e, KEEL_EPERM, "the root account is locked");
    cd = calloc(1, sizeof(*cd));
    if (!cd)
        return keel_err_set(e, KEEL_ENOMEM, "out of memory");
    out = crypt_r(password, hash, cd);
    if (!out || out[0] == '*')
        rc = keel_err_set(e, KEEL_EINVAL, "the stored password hash is not "
                          "one this system can check");
    else
        rc = const_eq(out, hash) ? 0 : keel_err_set(e, KEEL_EPERM,
                                                    "wrong password");
    explicit_bzero(cd, sizeof(*cd));
    free(cd);
    return rc;
}

int keel_auth_hash(const char *password, char *out, size_t size,
                   struct keel_err *e)
{
    struct crypt_data *cd = calloc(1, sizeof(*cd));
    char *salt = crypt_gensalt_ra("$y$", 0, NULL, 0);
    const char *h = NULL;
    int rc = 0;

    if (!cd || !salt)
        rc = keel_err_set(e, KEEL_EIO, "cannot make a salt for yescrypt");
    if (!rc)
        h = crypt_r(password, salt, cd);
    if (!rc && (!h || h[0] == '*'))
        rc = keel_err_set(e, KEEL_EIO, "crypt refused to hash the "
                          "password");
    if (!rc && strlen(h) >= size)
        rc = keel_err_set(e, KEEL_EINVAL, "password hash too long");
    if (!rc)
        snprintf(out, size, "%s", h);
    if (cd)
        explicit_bzero(cd, sizeof(*cd));
    free(cd);
    free(salt);
    return rc;
}

int keel_auth_root_hash(struct keel_backend *b, char *out, size_t size,
                        struct keel_err *e)
{
    char *data = NULL;
    size_t len;
    int rc = keel_backend_read(b, KEEL_SHADOW, &data, &len, e);

    if (rc)
        return rc;
    rc = keel_err_set(e, KEEL_ENOENT, "no root entry in %s", KEEL_SHADOW);
    for (char *p = data; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : p) {
        size_t n;

        if (strncmp(p, "root:", 5) != 0)
            continue;
        n = strcspn(p + 5, ":\n");
        if (n >= size) {
            rc = keel_err_set(e, KEEL_EINVAL, "root's hash in %s is too "
                              "long", KEEL_SHADOW);
            break;
        }
        snprintf(out, size, "%.*s", (int)n, p + 5);
        keel_err_clear(e);
        rc = 0;
        break;
    }
    explicit_bzero(data, len);
    free(data);
    return rc;
}

/* The shadow text with root's hash replaced (or a root line added). */
static char *shadow_with(const char *old, const char *hash)
{
    size_t cap = (old ? strlen(old) : 0) + strlen(hash) + 64, n = 0;
    char *out = malloc(cap);
    int done = 0;

    if (!out)
        return NULL;
    for (const char *p = old; p && *p;) {
        size_t len = strcspn(p, "\n");

        if (!done && !strncmp(p, "root:", 5)) {
            const char *rest = p + 5 + strcspn(p + 5, ":\n");

            n += (size_t)snprintf(out + n, cap - n, "root:%s%.*s\n", hash,
                                  (int)(p + len - rest), rest);
            done = 1;
        } else {
            n += (size_t)snprintf(out + n, cap - n, "%.*s\n", (int)len, p);
        }
        p += len + (p[len] == '\n');
    }
    if (!done)
        snprintf(out + n, cap - n, "root:%s:0:0:99999:7:::\n", hash);
    return out;
}

/* Under the settings lock: shadow first (what login and sshd read),
 * then host.conf. */
static int commit_hash(struct keel_backend *b, const char *path,
                       const struct keel_settings *was,
                       const struct keel_settings *now, struct keel_err *e)
{
    const char *hash = keel_settings_value(now, KEEL_S_ROOT_HASH);
    char *old = NULL, *text = NULL;
    size_t len = 0;
    int rc = keel_backend_read(b, KEEL_SHADOW, &old, &len, e);

    (void)was;
    if (rc && rc != KEEL_ENOENT)
        return rc;
    text = shadow_with(old, hash);
    free(old);
    if (!text)
        return keel_err_set(e, KEEL_ENOMEM, "out of memory");
    rc = keel_backend_write(b, KEEL_SHADOW, text, strlen(text), 0600, e);
    free(text);
    if (!rc)
        rc = keel_settings_save(now, b, path, e);
    return rc;
}

int keel_auth_set_root_hash(struct keel_backend *b, struct keel_settings *s,
                            const char *path, const char *hash,
                            struct keel_err *e)
{
    struct keel_settings want;
    int rc = keel_valid_pwhash(hash, e);

    if (rc)
        return rc;
    rc = keel_settings_init(&want, e);
    if (rc)
        return rc;
    rc = keel_settings_copy(&want, s, e);
    if (!rc)
        rc = keel_settings_set_id(&want, KEEL_S_ROOT_HASH, hash, e);
    if (!rc)
        rc = keel_settings_update(b, path, s, &want, commit_hash, e);
    keel_settings_fini(&want);
    return rc;
}

int keel_auth_set_root(struct keel_backend *b, struct keel_settings *s,
                       const char *path, const char *password,
                       struct keel_err *e)
{
    char hash[KEEL_HASH_MAX];
    int rc;

    if (strlen(password) < 8)
        return keel_err_set(e, KEEL_EINVAL, "a password needs at least 8 "
                            "characters");
    rc = keel_auth_hash(password, hash, sizeof(hash), e);
    if (!rc)
        rc = keel_auth_set_root_hash(b, s, path, hash, e);
    explicit_bzero(hash, sizeof(hash));
    return rc;
}
