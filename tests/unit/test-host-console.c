/*
 * test-host-console.c - the kernel kept quiet on the consoles while a
 * screen of ours owns them (keel_host_console_quiet, keel-host.h): the
 * level saved and put back, held by more than one console at once, a
 * holder that died without letting go.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "keel-backend-fake.h"
#include "keel-host.h"
#include "unit.h"

#define LEVEL "/run/keel/console-level"

static struct keel_backend *host(const char *printk)
{
    struct keel_backend *b = keel_fake_new();

    CHECK(b != NULL);
    CHECK_INT(keel_fake_put(b, "/proc/sys/kernel/printk", printk,
                            strlen(printk), 0644), 0);
    return b;
}

static int ran(struct keel_backend *b, const char *what)
{
    return strstr(keel_fake_log(b), what) != NULL;
}

static int has(struct keel_backend *b, const char *path)
{
    char *data = NULL;
    size_t len;
    int rc = keel_backend_read(b, path, &data, &len, NULL);

    free(data);
    return rc == 0;
}

/* Alone: quiet saves the level and sets 1; letting go puts it back. */
UNIT_TEST(host_console_quiet_and_back)
{
    struct keel_backend *b = host("7\t4\t1\t7\n");
    char mine[64], *data = NULL;
    size_t len;

    snprintf(mine, sizeof(mine), "/run/keel/console-quiet.%ld",
             (long)getpid());
    CHECK_INT(keel_host_console_quiet(b, 0, NULL), 0); /* not held */
    CHECK(!ran(b, "dmesg"));
    CHECK_INT(keel_host_console_quiet(b, 1, NULL), 0);
    CHECK(ran(b, "run dmesg -n 1\n"));
    CHECK(has(b, mine));
    CHECK_INT(keel_backend_read(b, LEVEL, &data, &len, NULL), 0);
    CHECK(data && len == 1 && data[0] == '7');
    free(data);
    keel_fake_log_clear(b);
    CHECK_INT(keel_host_console_quiet(b, 1, NULL), 0); /* held already */
    CHECK(!ran(b, "dmesg"));
    CHECK_INT(keel_host_console_quiet(b, 0, NULL), 0);
    CHECK(ran(b, "run dmesg -n 7\n"));
    CHECK(!has(b, mine) && !has(b, LEVEL));
    keel_backend_free(b);
}

/* The other console still shows its screen: letting go keeps the quiet;
 * once that console is gone (no /proc/PID), the level comes back. */
UNIT_TEST(host_console_quiet_held_by_another)
{
    struct keel_backend *b = host("1 4 1 7\n"); /* the other set 1 */
    static const char other[] = "/run/keel/console-quiet.4242";

    CHECK_INT(keel_fake_put(b, LEVEL, "4", 1, 0644), 0);
    CHECK_INT(keel_fake_put(b, other, "4242", 4, 0644), 0);
    CHECK_INT(keel_fake_put(b, "/proc/4242/stat", "4242 (keel-console)",
                            19, 0444), 0);
    CHECK_INT(keel_host_console_quiet(b, 1, NULL), 0);
    CHECK_INT(keel_host_console_quiet(b, 0, NULL), 0);
    CHECK(ran(b, "run dmesg -n 1\n") && !ran(b, "dmesg -n 4"));
    CHECK(has(b, LEVEL) && has(b, other));
    keel_backend_remove(b, "/proc/4242/stat", NULL); /* it died */
    CHECK_INT(keel_host_console_quiet(b, 1, NULL), 0);
    CHECK_INT(keel_host_console_quiet(b, 0, NULL), 0);
    CHECK(ran(b, "run dmesg -n 4\n")); /* the saved level, not "1" */
    CHECK(!has(b, other) && !has(b, LEVEL));
    keel_backend_free(b);
}

/* dmesg fails: the call says so, and nothing is held. */
UNIT_TEST(host_console_quiet_dmesg_fails)
{
    struct keel_backend *b = host("7 4 1 7\n");
    struct keel_err e = { "" };

    keel_fake_script(b, "dmesg *", 1, NULL, "dmesg: klogctl: denied\n");
    CHECK(keel_host_console_quiet(b, 1, &e) != 0);
    CHECK(strstr(e.msg, "dmesg") != NULL);
    keel_fake_log_clear(b);
    CHECK_INT(keel_host_console_quiet(b, 0, NULL), 0); /* nothing held */
    CHECK(!ran(b, "dmesg"));
    keel_backend_free(b);
}
