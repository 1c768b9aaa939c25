/*
 * test-log.c - the end of the system log (keel-log.h) and the Logs
 * rows that show it: a log larger than anything read whole, a log just
 * rotated (missing or short, the rest in messages.0), a missing log.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "actrun.h"
#include "keel-backend-fake.h"
#include "keel-log.h"
#include "unit.h"

/* A real backend rooted in a new temporary directory with /var/log. */
static struct keel_backend *real_root(char *root)
{
    char dir[600];

    if (!mkdtemp(root)) {
        unit_fail(__FILE__, __LINE__, "mkdtemp failed");
        return NULL;
    }
    snprintf(dir, sizeof(dir), "%s/var", root);
    mkdir(dir, 0755);
    snprintf(dir, sizeof(dir), "%s/var/log", root);
    mkdir(dir, 0755);
    return keel_backend_real_new(root);
}

static void rm_root(const char *root)
{
    char cmd[600];

    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", root);
}

/* lines numbered lines "line N: ..." into root's path; its size. */
static long write_log(const char *root, const char *path, long lines)
{
    char full[600];
    FILE *f;
    long size;

    snprintf(full, sizeof(full), "%s%s", root, path);
    f = fopen(full, "w");
    if (!f)
        return -1;
    for (long i = 1; i <= lines; i++)
        fprintf(f, "line %ld: keel user.notice syslogd is busy\n", i);
    size = ftell(f);
    fclose(f);
    return size;
}

UNIT_TEST(log_tail_of_a_log_larger_than_read_max)
{
    char root[] = "/tmp/keel-unit-XXXXXX", *text = NULL;
    struct keel_backend *b = real_root(root);
    struct keel_err e = { "" };
    size_t len;
    int cut = -1;

    if (!b)
        return;
    /* syslogd without rotation, for long enough: 20 MiB */
    CHECK(write_log(root, KEEL_SYSLOG, 480000) > 20L * 1024 * 1024);
    /* what the Logs screen did: read it whole, and fail */
    CHECK_INT(keel_backend_read(b, KEEL_SYSLOG, &text, &len, NULL),
              KEEL_EINVAL);
    CHECK_INT(keel_log_tail(b, KEEL_SYSLOG, KEEL_LOG_PANE_MAX, &text, &cut,
                            &e), 0);
    CHECK_INT(cut, 1);
    CHECK(text && strlen(text) <= KEEL_LOG_PANE_MAX);
    CHECK(text && strncmp(text, "line ", 5) == 0); /* a whole line */
    if (text)
        CHECK_STR(keel_log_last_lines(text, 1),
                  "line 480000: keel user.notice syslogd is busy\n");
    free(text);
    keel_backend_free(b);
    rm_root(root);
}

UNIT_TEST(log_view_action_large_log)
{
    char root[] = "/tmp/keel-unit-XXXXXX", *text = NULL;
    struct keel_err e = { "" };
    struct app a;

    memset(&a, 0, sizeof(a));
    a.b = real_root(root);
    if (!a.b)
        return;
    CHECK(write_log(root, KEEL_SYSLOG, 480000) > 20L * 1024 * 1024);
    CHECK_INT(unit_act_run(&a, "log-syslog", 0, NULL, 0, &text, &e), 0);
    CHECK_STR(e.msg, "");
    CHECK(text && strncmp(text, "[earlier lines left out: see "
                          KEEL_SYSLOG "]\nline ", 47) == 0);
    CHECK(text && strlen(text) < KEEL_LOG_VIEW_MAX + 64);
    if (text)
        CHECK_STR(keel_log_last_lines(text, 1),
                  "line 480000: keel user.notice syslogd is busy\n");
    free(text);
    keel_backend_free(a.b);
    rm_root(root);
}

UNIT_TEST(log_tail_across_rotation)
{
    static const char old[] = "a 1\na 2\na 3\n", cur[] = "b 1\n";
    struct keel_backend *b = keel_fake_new();
    struct app a;
    char *text = NULL;
    int cut = -1;

    /* the watcher renamed it; syslogd has not written since */
    keel_fake_put(b, KEEL_SYSLOG ".0", old, strlen(old), 0644);
    CHECK_INT(keel_log_tail(b, KEEL_SYSLOG, 100, &text, &cut, NULL), 0);
    CHECK_STR(text, old);
    CHECK_INT(cut, 0);
    free(text);
    /* a line since: the older ones first, as much as max leaves */
    keel_fake_put(b, KEEL_SYSLOG, cur, strlen(cur), 0644);
    CHECK_INT(keel_log_tail(b, KEEL_SYSLOG, 100, &text, &cut, NULL), 0);
    CHECK_STR(text, "a 1\na 2\na 3\nb 1\n");
    free(text);
    CHECK_INT(keel_log_tail(b, KEEL_SYSLOG, 9, &text, &cut, NULL), 0);
    CHECK_STR(text, "a 3\nb 1\n");
    CHECK_INT(cut, 1);
    free(text);
    /* the keelctl row prints the same */
    memset(&a, 0, sizeof(a));
    a.b = b;
    CHECK_INT(unit_act_run(&a, "logs", 0, NULL, 0, &text, NULL), 0);
    CHECK_STR(text, "a 1\na 2\na 3\nb 1\n");
    free(text);
    keel_backend_free(b);
}

UNIT_TEST(log_tail_limits_and_missing)
{
    static const struct {
        const char *log;
        size_t max;
        const char *want;
        int cut;
    } t[] = {
        { "x 1\nx 2\n", 8, "x 1\nx 2\n", 0 },  /* exactly max: whole */
        { "x 1\nx 2\n", 7, "x 2\n", 1 },       /* "x 1" cut: left out */
        { "x 1\nx 2\n", 4, "x 2\n", 1 },
        { "x 1\nx 2\n", 3, " 2\n", 1 },        /* the only line left */
        { "no newline", 4, "line", 1 },
        { "", 10, "", 0 },
    };
    struct keel_err e = { "" };
    char *text = NULL;
    size_t len;
    int cut;

    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        struct keel_backend *b = keel_fake_new();

        keel_fake_put(b, KEEL_SYSLOG, t[i].log, strlen(t[i].log), 0644);
        CHECK_INT(keel_log_tail(b, KEEL_SYSLOG, t[i].max, &text, &cut, &e),
                  0);
        CHECK_STR(text, t[i].want);
        CHECK_INT(cut, t[i].cut);
        free(text);
        keel_backend_free(b);
    }
    {
        struct keel_backend *b = keel_fake_new();

        CHECK_INT(keel_log_tail(b, KEEL_SYSLOG, 10, &text, NULL, &e),
                  KEEL_ENOENT);
        CHECK(text == NULL);
        CHECK_INT(keel_log_tail(b, KEEL_SYSLOG, 0, &text, NULL, &e),
                  KEEL_EINVAL);
        CHECK_INT(keel_backend_read_tail(b, KEEL_SYSLOG, KEEL_READ_MAX + 1,
                                         &text, &len, &e),
                  KEEL_EINVAL);
        keel_backend_free(b);
    }
}

UNIT_TEST(log_last_lines)
{
    static const struct {
        const char *text;
        int n;
        const char *want;
    } t[] = {
        { "a\nb\nc\n", 2, "b\nc\n" },
        { "a\nb\nc", 2, "b\nc" },
        { "a\nb\nc\n", 3, "a\nb\nc\n" },
        { "a\nb\nc\n", 9, "a\nb\nc\n" },
        { "a\nb\nc\n", 1, "c\n" },
        { "", 1, "" },
        { "\n\n", 1, "\n" },
    };

    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++)
        CHECK_STR(keel_log_last_lines(t[i].text, t[i].n), t[i].want);
}
