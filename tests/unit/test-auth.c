/*
 * test-auth.c - root password verification (crypt), password change,
 * login delays and idle logout (keel-auth.h).
 */
#include <string.h>

#include "keel-auth.h"
#include "keel-backend-fake.h"
#include "unit.h"

/* "keel-test-pw": yescrypt by libxcrypt, SHA-512 by `openssl passwd -6` */
#define Y_HASH "$y$j9T$w.Zsy8mYgd3iX/fZ52NaO.$3IuRTo3///hyAubw1YAGLr2OI9DD3" \
               "yRS5g1/9RPFAU4"
#define S_HASH "$6$Keelsalt$WK1vwfIdGpvUWvt1pQbwQj52WX.s53Hea2vmWearCdIsGzwz" \
               "C1QljEQjFlLQ2wZ4ytRi0BHK.n.AoHp.FuT9D0"

UNIT_TEST(auth_verify_known_hashes)
{
    static const struct {
        const char *pw, *hash;
        int want;
    } cases[] = {
        { "keel-test-pw", Y_HASH, 0 },
        { "keel-test-pw", S_HASH, 0 },
        { "keel-test-pX", Y_HASH, KEEL_EPERM },
        { "keel-test-pX", S_HASH, KEEL_EPERM },
        { "", Y_HASH, KEEL_EPERM },
        { "keel-test-pw", "*", KEEL_EPERM },
        { "keel-test-pw", "!" Y_HASH, KEEL_EPERM },
        { "", "", 0 },
        { "x", "", KEEL_EPERM },
        { "keel-test-pw", "$9$nonsense", KEEL_EINVAL },
    };
    struct keel_err e;

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        int rc = keel_auth_verify(cases[i].pw, cases[i].hash, &e);

        if (rc != cases[i].want)
            unit_fail(__FILE__, __LINE__, "case %zu: %d, want %d (%s)", i,
                      rc, cases[i].want, e.msg);
    }
}

UNIT_TEST(auth_hash_is_yescrypt_and_verifies)
{
    char h[KEEL_HASH_MAX], h2[KEEL_HASH_MAX];
    struct keel_err e;

    CHECK_INT(keel_auth_hash("s3cret-pass", h, sizeof(h), &e), 0);
    CHECK(strncmp(h, "$y$", 3) == 0);
    CHECK_INT(keel_auth_verify("s3cret-pass", h, &e), 0);
    CHECK_INT(keel_auth_verify("s3cret-pasS", h, &e), KEEL_EPERM);
    CHECK_INT(keel_auth_hash("s3cret-pass", h2, sizeof(h2), &e), 0);
    CHECK(strcmp(h, h2) != 0); /* fresh salt each time */
    CHECK_INT(keel_auth_hash("s3cret-pass", h2, 10, &e), KEEL_EINVAL);
}

UNIT_TEST(auth_set_root_writes_shadow_and_settings)
{
    struct keel_backend *b = keel_fake_new();
    struct keel_settings s;
    struct keel_err e;
    char h[KEEL_HASH_MAX];
    const char *data;
    static const char shadow[] = "daemon:*:0:0:99999:7:::\n"
                                 "root:" S_HASH ":19000:0:99999:7:::\n";

    keel_settings_init(&s, &e);
    keel_fake_put(b, KEEL_SHADOW, shadow, strlen(shadow), 0600);
    CHECK_INT(keel_auth_root_hash(b, h, sizeof(h), &e), 0);
    CHECK_STR(h, S_HASH);
    CHECK_INT(keel_auth_set_root(b, &s, NULL, "short", &e), KEEL_EINVAL);
    CHECK_INT(keel_auth_set_root(b, &s, NULL, "new-password-1", &e), 0);
    CHECK_INT(keel_auth_root_hash(b, h, sizeof(h), &e), 0);
    CHECK_INT(keel_auth_verify("new-password-1", h, &e), 0);
    CHECK_STR(keel_settings_value(&s, KEEL_S_ROOT_HASH), h);
    CHECK_INT(keel_fake_get(b, KEEL_SHADOW, &data, NULL, NULL), 0);
    CHECK(strncmp(data, "daemon:*:0:0:99999:7:::\nroot:$y$", 32) == 0);
    CHECK(strstr(data, ":19000:0:99999:7:::\n") != NULL);
    CHECK_INT(keel_fake_get(b, KEEL_HOST_CONF, &data, NULL, NULL), 0);
    CHECK(strstr(data, h) != NULL);
    /* a failed write leaves the old password */
    keel_fake_fail(b, "rename", KEEL_SHADOW, KEEL_EIO);
    CHECK_INT(keel_auth_set_root(b, &s, NULL, "other-password", &e),
              KEEL_EIO);
    keel_fake_fail_clear(b);
    CHECK_INT(keel_auth_root_hash(b, h, sizeof(h), &e), 0);
    CHECK_INT(keel_auth_verify("new-password-1", h, &e), 0);
    keel_settings_fini(&s);
    keel_backend_free(b);
}

/* A fake host whose root password is "keel-test-pw". */
static struct keel_backend *with_password(void)
{
    static const char shadow[] = "root:" Y_HASH ":19000:0:99999:7:::\n";
    struct keel_backend *b = keel_fake_new();

    keel_fake_put(b, KEEL_SHADOW, shadow, strlen(shadow), 0600);
    return b;
}

UNIT_TEST(auth_login_delay_grows)
{
    struct keel_backend *b = with_password();
    struct keel_auth_session a;
    struct keel_err e;
    keel_auth_init(&a, 300);
    CHECK_INT(keel_auth_delay(0), 0);
    CHECK_INT(keel_auth_delay(1), 0);
    CHECK_INT(keel_auth_delay(2), 2);
    CHECK_INT(keel_auth_delay(3), 4);
    CHECK_INT(keel_auth_delay(20), 60);
    CHECK_INT(keel_auth_login(&a, b, "bad", 100, &e), KEEL_EPERM);
    CHECK_STR(e.msg, "wrong password");
    CHECK_INT(keel_auth_login(&a, b, "bad", 101, &e), KEEL_EPERM);
    CHECK(strstr(e.msg, "wait 2 s") != NULL);
    /* during the delay even the right password is refused */
    CHECK_INT(keel_auth_login(&a, b, "keel-test-pw", 102, &e), KEEL_EPERM);
    CHECK(strstr(e.msg, "try again") != NULL);
    CHECK_INT(a.logged_in, 0);
    CHECK_INT(keel_auth_login(&a, b, "keel-test-pw", 103.5, &e), 0);
    CHECK_INT(a.logged_in, 1);
    CHECK_INT(a.failures, 0);
    keel_backend_free(b);
}

UNIT_TEST(auth_idle_logout)
{
    struct keel_backend *b = keel_fake_new();
    struct keel_auth_session a;
    struct keel_err e;
    static const char shadow[] = "root::19000:0:99999:7:::\n";

    keel_fake_put(b, KEEL_SHADOW, shadow, strlen(shadow), 0600);
    keel_auth_init(&a, 300);
    CHECK_INT(keel_auth_active(&a, 0), 0);
    CHECK_INT(keel_auth_login(&a, b, "", 10, &e), 0);
    CHECK_INT(keel_auth_active(&a, 309), 1);
    keel_auth_touch(&a, 309);
    CHECK_INT(keel_auth_active(&a, 608), 1);
    CHECK_INT(keel_auth_active(&a, 609), 0);
    CHECK_INT(keel_auth_active(&a, 610), 0);
    CHECK_INT(keel_auth_login(&a, b, "", 700, &e), 0);
    keel_auth_logout(&a);
    CHECK_INT(keel_auth_active(&a, 701), 0);
    keel_backend_free(b);
}

/* Quitting the console (q, F10, or init respawning it after a crash)
 * must not reset the delay: a new session on the same host keeps the
 * count and the wait, until a right password. */
UNIT_TEST(auth_backoff_survives_restart)
{
    struct keel_backend *b = with_password();
    struct keel_auth_session a;
    struct keel_err e;
    keel_auth_init(&a, 300);
    CHECK_INT(keel_auth_login(&a, b, "bad", 100, &e), KEEL_EPERM);
    CHECK_INT(keel_auth_login(&a, b, "bad", 101, &e), KEEL_EPERM);
    CHECK(strstr(e.msg, "wait 2 s") != NULL);
    keel_auth_init(&a, 300); /* a new console */
    CHECK_INT(keel_auth_login(&a, b, "keel-test-pw", 102, &e), KEEL_EPERM);
    CHECK(strstr(e.msg, "try again") != NULL);
    CHECK_INT(keel_auth_login(&a, b, "bad", 103.5, &e), KEEL_EPERM);
    CHECK(strstr(e.msg, "(3 in a row): wait 4 s") != NULL);
    keel_auth_init(&a, 300);
    CHECK_INT(keel_auth_login(&a, b, "keel-test-pw", 107, &e), KEEL_EPERM);
    CHECK_INT(keel_auth_login(&a, b, "keel-test-pw", 107.6, &e), 0);
    keel_auth_init(&a, 300); /* after a login the count starts again */
    CHECK_INT(keel_auth_login(&a, b, "bad", 108, &e), KEEL_EPERM);
    CHECK_STR(e.msg, "wrong password");
    keel_backend_free(b);
}

/* A back-off file that does not read as one (cut short, or a time
 * ahead of the clock) counts as one wrong password: no lock-out, and
 * no clean slate either. */
UNIT_TEST(auth_backoff_garbled_file_is_one_failure)
{
    static const char *const bad[] = { "failures=x\n",
                                       "failures=9 last=99999999.000\n",
                                       "failures=3 last=1" };
    struct keel_backend *b = with_password();
    struct keel_auth_session a;
    struct keel_err e;
    const char *data = NULL;

    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        keel_fake_put(b, KEEL_AUTH_BACKOFF, bad[i], strlen(bad[i]), 0600);
        keel_auth_init(&a, 300);
        CHECK_INT(keel_auth_login(&a, b, "keel-test-pw", 20, &e), 0);
        CHECK_INT(keel_fake_get(b, KEEL_AUTH_BACKOFF, NULL, NULL, NULL),
                  KEEL_ENOENT);
        keel_fake_put(b, KEEL_AUTH_BACKOFF, bad[i], strlen(bad[i]), 0600);
        keel_auth_init(&a, 300);
        CHECK_INT(keel_auth_login(&a, b, "bad", 20, &e), KEEL_EPERM);
        CHECK(strstr(e.msg, "(2 in a row): wait 2 s") != NULL);
    }
    CHECK_INT(keel_fake_get(b, KEEL_AUTH_BACKOFF, &data, NULL, NULL), 0);
    CHECK_STR(data, "failures=2 last=20.000\n");
    keel_backend_free(b);
}
