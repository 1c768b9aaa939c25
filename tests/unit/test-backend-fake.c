/*
 * test-backend-fake.c - the fake backend behaves like the real one as
 * far as callers can tell, and records what they asked for.
 */
#include <stdlib.h>

#include "keel-backend-fake.h"
#include "unit.h"

UNIT_TEST(backend_fake_files_and_log)
{
    struct keel_backend *b = keel_fake_new();
    struct keel_err e;
    const char *data;
    char *got = NULL;
    size_t len = 0;
    unsigned mode = 0;

    CHECK(b != NULL);
    if (!b)
        return;
    CHECK_INT(keel_backend_read(b, "/etc/x", &got, &len, &e), KEEL_ENOENT);
    CHECK(got == NULL);
    CHECK(strstr(e.msg, "/etc/x") != NULL);
    CHECK_INT(keel_backend_write(b, "/etc/x", "hello", 5, 0640, &e), 0);
    CHECK_INT(keel_backend_read(b, "/etc/x", &got, &len, &e), 0);
    CHECK_STR(got, "hello");
    CHECK_INT(len, 5);
    free(got);
    CHECK_INT(keel_fake_get(b, "/etc/x", &data, &len, &mode), 0);
    CHECK_STR(data, "hello");
    CHECK_INT(mode, 0640);
    CHECK_INT(keel_backend_write(b, "/etc/x", "bye", 3, 0600, &e), 0);
    CHECK_INT(keel_fake_get(b, "/etc/x", &data, &len, &mode), 0);
    CHECK_STR(data, "bye");
    CHECK_INT(mode, 0600);
    CHECK_INT(keel_fake_nfiles(b), 1);
    CHECK_INT(keel_backend_remove(b, "/etc/x", &e), 0);
    CHECK_INT(keel_backend_remove(b, "/etc/x", &e), KEEL_ENOENT);
    CHECK_INT(keel_fake_nfiles(b), 0);
    CHECK_STR(keel_fake_log(b), "read /etc/x\n"
                                "write /etc/x\n"
                                "read /etc/x\n"
                                "write /etc/x\n"
                                "remove /etc/x\n"
                                "remove /etc/x\n");
    CHECK_INT(keel_fake_log_count(b), 6);
    CHECK_STR(keel_fake_log_at(b, 1), "write /etc/x");
    CHECK(keel_fake_log_at(b, 6) == NULL);
    keel_fake_log_clear(b);
    CHECK_STR(keel_fake_log(b), "");
    keel_backend_free(b);
}

UNIT_TEST(backend_fake_put_is_not_logged)
{
    struct keel_backend *b = keel_fake_new();
    char *got = NULL;
    size_t len;

    if (!b)
        return;
    CHECK_INT(keel_fake_put(b, "/a", "1", 1, 0644), 0);
    CHECK_INT(keel_fake_put(b, "/b", "", 0, 0644), 0);
    CHECK_INT(keel_fake_log_count(b), 0);
    CHECK_STR(keel_fake_path_at(b, 0), "/a");
    CHECK_STR(keel_fake_path_at(b, 1), "/b");
    CHECK(keel_fake_path_at(b, 2) == NULL);
    CHECK_INT(keel_backend_read(b, "/b", &got, &len, NULL), 0);
    CHECK_STR(got, "");
    CHECK_INT(len, 0);
    free(got);
    CHECK_INT(keel_fake_get(b, "/c", NULL, NULL, NULL), KEEL_ENOENT);
    keel_backend_free(b);
}

UNIT_TEST(backend_paths_checked)
{
    static const char *const bad[] = {
        "", "etc/x", "/", "/etc/", "/etc//x", "/etc/./x", "/etc/../x",
        "/..", "/etc/.",
    };
    struct keel_backend *b = keel_fake_new();
    struct keel_err e;

    if (!b)
        return;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        if (keel_backend_write(b, bad[i], "x", 1, 0644, &e) != KEEL_EINVAL)
            unit_fail(__FILE__, __LINE__, "path \"%s\" accepted", bad[i]);
    }
    CHECK_INT(keel_backend_write(b, "/etc/.hidden", "x", 1, 0644, &e), 0);
    CHECK_INT(keel_backend_write(b, "/etc/..x", "x", 1, 0644, &e), 0);
    CHECK_INT(keel_backend_write(b, "/x", "x", 1, 010000, &e),
              KEEL_EINVAL);
    CHECK(strstr(e.msg, "mode") != NULL);
    /* Refused paths never reach the backend. */
    CHECK_INT(keel_fake_log_count(b), 2);
    keel_backend_free(b);
}

UNIT_TEST(backend_fake_faults)
{
    struct keel_backend *b = keel_fake_new();
    struct keel_err e;
    const char *data;
    char *got = NULL;
    size_t len;

    if (!b)
        return;
    CHECK_INT(keel_fake_put(b, "/etc/f", "old", 3, 0644), 0);
    CHECK_INT(keel_fake_fail(b, "rename", "/etc/f", KEEL_EIO), 0);
    CHECK_INT(keel_backend_write(b, "/etc/f", "new", 3, 0644, &e),
              KEEL_EIO);
    CHECK(strstr(e.msg, "rename /etc/f") != NULL);
    CHECK_INT(keel_fake_get(b, "/etc/f", &data, NULL, NULL), 0);
    CHECK_STR(data, "old");
    CHECK_INT(keel_backend_write(b, "/etc/g", "g", 1, 0644, &e), 0);
    CHECK_INT(keel_fake_fail(b, "read", "/etc/*", KEEL_EPERM), 0);
    CHECK_INT(keel_backend_read(b, "/etc/g", &got, &len, &e), KEEL_EPERM);
    CHECK(got == NULL);
    CHECK_INT(keel_fake_fail(b, "remove", NULL, KEEL_EIO), 0);
    CHECK_INT(keel_backend_remove(b, "/etc/g", &e), KEEL_EIO);
    keel_fake_fail_clear(b);
    CHECK_INT(keel_backend_write(b, "/etc/f", "new", 3, 0644, &e), 0);
    CHECK_INT(keel_fake_get(b, "/etc/f", &data, NULL, NULL), 0);
    CHECK_STR(data, "new");
    CHECK_INT(keel_fake_fail(b, "write", "/etc/f", KEEL_EIO), 0);
    CHECK_INT(keel_backend_write(b, "/etc/f", "x", 1, 0644, &e), KEEL_EIO);
    CHECK_INT(keel_fake_get(b, "/etc/f", &data, NULL, NULL), 0);
    CHECK_STR(data, "new");
    CHECK_INT(keel_fake_fail(b, "frobnicate", NULL, KEEL_EIO), KEEL_EINVAL);
    CHECK_INT(keel_fake_fail(b, "read", NULL, 0), KEEL_EINVAL);
    keel_backend_free(b);
}

UNIT_TEST(backend_fake_run)
{
    struct keel_backend *b = keel_fake_new();
    const char *up[] = { "ip", "link", "set", "xenbr0", "up", NULL };
    const char *vgs[] = { "lvm", "vgs", "--reportformat", "json", NULL };
    const char *bad[] = { "lvm", "lvcreate", "-n", "x", NULL };
    char out[8], err[64];
    struct keel_run r = { .out = out, .out_size = sizeof(out), .err = err,
                          .err_size = sizeof(err) };
    struct keel_err e;

    if (!b)
        return;
    CHECK_INT(keel_backend_run(b, up, NULL, &e), 0);
    CHECK_INT(keel_fake_script(b, "lvm vgs*", 0, "{\"report\": []}", NULL),
              0);
    CHECK_INT(keel_fake_script(b, "lvm lvcreate*", 5, NULL,
                               "Volume group \"x\" not found\nmore\n"), 0);
    CHECK_INT(keel_backend_run(b, vgs, &r, &e), 0);
    CHECK_STR(out, "{\"repor"); /* cut to fit, NUL-terminated */
    CHECK_INT(r.out_len, 7);
    CHECK_INT(r.truncated, 1);
    CHECK_INT(r.status, 0);
    CHECK_INT(keel_backend_run(b, bad, &r, &e), KEEL_ECMD);
    CHECK_INT(r.status, 5);
    CHECK_STR(e.msg, "'lvm lvcreate -n x' exited with status 5: Volume "
                     "group \"x\" not found");
    CHECK_INT(keel_fake_fail(b, "run", "ip link*", KEEL_ENOENT), 0);
    CHECK_INT(keel_backend_run(b, up, &r, &e), KEEL_ENOENT);
    CHECK_STR(keel_fake_log(b), "run ip link set xenbr0 up\n"
                                "run lvm vgs --reportformat json\n"
                                "run lvm lvcreate -n x\n"
                                "run ip link set xenbr0 up\n");
    CHECK_INT(keel_backend_run(b, (const char *[]){ NULL }, &r, &e),
              KEEL_EINVAL);
    keel_backend_free(b);
}

/* A program scripted to hang is stopped at the caller's limit, and
 * without one the run fails rather than pretend it returned. */
UNIT_TEST(backend_fake_run_hangs)
{
    struct keel_backend *b = keel_fake_new();
    const char *s30[] = { "/etc/init.d/S30syslog", "restart", NULL };
    char out[64];
    struct keel_run r = { .out = out, .out_size = sizeof(out),
                          .timeout_s = 60 };
    struct keel_err e;

    if (!b)
        return;
    CHECK_INT(keel_fake_script(b, "/etc/init.d/S30syslog*",
                               KEEL_FAKE_HANGS, "keel: [1.0] syslog\n",
                               NULL), 0);
    CHECK_INT(keel_backend_run(b, s30, &r, &e), KEEL_ECMD);
    CHECK_INT(r.timed_out, 1);
    CHECK_INT(r.signal, 15);
    CHECK_STR(out, "keel: [1.0] syslog\n");
    CHECK_STR(e.msg, "'/etc/init.d/S30syslog restart' did not finish "
                     "within 60 s and was stopped: (nothing on stderr)");
    /* no limit named: the default one (it used to wait for ever) */
    r.timeout_s = 0;
    CHECK_INT(keel_backend_run(b, s30, &r, &e), KEEL_ECMD);
    CHECK_INT(r.timed_out, 1);
    CHECK_INT(r.timeout_s, KEEL_RUN_DEFAULT_S);
    CHECK_STR(e.msg, "'/etc/init.d/S30syslog restart' did not finish "
                     "within 120 s and was stopped: (nothing on stderr)");
    CHECK_INT(keel_backend_run(b, s30, NULL, &e), KEEL_ECMD);
    CHECK(strstr(e.msg, "within 120 s and was stopped") != NULL);
    keel_backend_free(b);
}

UNIT_TEST(backend_null_and_missing_ops)
{
    struct keel_backend empty = { .name = "empty" };
    struct keel_err e;
    char *got = (char *)"x";
    size_t len;

    CHECK_INT(keel_backend_read(NULL, "/x", &got, &len, &e), KEEL_EINVAL);
    CHECK(got == NULL);
    CHECK_INT(keel_backend_read(&empty, "/x", &got, &len, &e),
              KEEL_ENOTSUP);
    CHECK_STR(e.msg, "the empty backend cannot read files");
    CHECK_INT(keel_backend_run(&empty, (const char *[]){ "true", NULL },
                               NULL, &e), KEEL_ENOTSUP);
    keel_backend_free(NULL);
}

UNIT_TEST(argv_join_cuts_and_measures)
{
    const char *argv[] = { "lvcreate", "-L", "4G", "keel-sr", NULL };
    const char *none[] = { NULL };
    char buf[12];

    CHECK_INT((int)keel_argv_join(argv, NULL, 0), 22);
    CHECK_INT((int)keel_argv_join(argv, buf, sizeof(buf)), 22);
    CHECK_STR(buf, "lvcreate -L");
    CHECK_INT((int)keel_argv_join(argv, buf, 9), 22);
    CHECK_STR(buf, "lvcreate");
    CHECK_INT((int)keel_argv_join(none, buf, sizeof(buf)), 0);
    CHECK_STR(buf, "");
}
