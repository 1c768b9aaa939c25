/*
 * test-settings-lock.c - concurrent writers of host.conf (the consoles
 * on tty1 and the serial line, keelctl over SSH): each change is made
 * under the settings lock on top of the file as it is then, so no
 * writer undoes another's change.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "actrun.h"
#include "keel-backend-fake.h"
#include "unit.h"

static void app_open(struct app *a, struct keel_backend *b)
{
    struct keel_err e = { "" };

    memset(a, 0, sizeof(*a));
    a->b = b;
    keel_settings_init(&a->s, &e);
    CHECK_INT(app_load_settings(a, &e), 0);
}

static int act(struct app *a, const char *name, const char *v1,
               const char *v2, struct keel_err *e)
{
    char b1[128], b2[128], *argv[2] = { b1, b2 };
    char *text = NULL;
    int rc;

    snprintf(b1, sizeof(b1), "%s", v1);
    snprintf(b2, sizeof(b2), "%s", v2 ? v2 : "");
    rc = unit_act_run(a, name, v2 ? 2 : 1, argv, 0, &text, e);
    free(text);
    return rc;
}

/* What host.conf says now. */
static const char *saved(struct keel_backend *b, enum keel_setting_id id,
                         struct keel_settings *s)
{
    struct keel_err e = { "" };

    keel_settings_fini(s);
    keel_settings_init(s, &e);
    CHECK_INT(keel_settings_load(s, b, NULL, &e), 0);
    return keel_settings_value(s, id);
}

/* Two consoles both started before either changed anything: each one's
 * change survives the other's save, whatever the order. */
UNIT_TEST(settings_two_writers_keep_both)
{
    char hash[] = "$6$saltsalt$qFmFH.bQmmtXzyBY0s9v7Oicd2z4XSIecDzlB5KiA2/"
                  "jctKu9YterLp8wwnSq.qc.eoxqOmSuNp2xS0ktL3nh/";
    struct keel_backend *b = keel_fake_new();
    struct keel_err e = { "" };
    struct keel_settings s;
    struct app tty1, serial, ssh;

    keel_settings_init(&s, &e);
    CHECK_INT(keel_settings_save(&s, b, NULL, &e), 0);
    app_open(&tty1, b);
    app_open(&serial, b);
    app_open(&ssh, b);
    CHECK_INT(act(&tty1, "hostname", "alpha", NULL, &e), 0);
    CHECK_INT(act(&serial, "ssh", "off", NULL, &e), 0);
    CHECK_INT(act(&ssh, "set", "root.hash", hash, &e), 0);
    CHECK_INT(act(&tty1, "timezone", "Europe/Paris", NULL, &e), 0);
    CHECK_STR(saved(b, KEEL_S_HOSTNAME, &s), "alpha");
    CHECK_STR(saved(b, KEEL_S_SSH, &s), "off");
    CHECK_STR(saved(b, KEEL_S_ROOT_HASH, &s), hash);
    CHECK_STR(saved(b, KEEL_S_TIMEZONE, &s), "Europe/Paris");
    /* and the last writer's copy is the file's, not its stale one */
    CHECK_STR(keel_settings_value(&tty1.s, KEEL_S_SSH), "off");
    CHECK_STR(keel_settings_value(&tty1.s, KEEL_S_ROOT_HASH), hash);
    /* the service restarted is the one whose setting changed */
    CHECK(strstr(keel_fake_log(b), "run /etc/init.d/S80ssh restart") !=
          NULL);
    keel_settings_fini(&s);
    keel_settings_fini(&tty1.s);
    keel_settings_fini(&serial.s);
    keel_settings_fini(&ssh.s);
    keel_backend_free(b);
}

static int count(const char *log, const char *line)
{
    int n = 0;

    for (const char *p = log; (p = strstr(p, line)); p++)
        n++;
    return n;
}

/* A writer that finds the lock held gives up with a message naming it
 * and saves nothing; the lock is let go after every change, even one
 * whose service fails. */
UNIT_TEST(settings_lock_held_refuses)
{
    struct keel_backend *b = keel_fake_new();
    struct keel_err e = { "" };
    struct app a;
    int other = -1;

    app_open(&a, b);
    CHECK_INT(keel_backend_lock(b, KEEL_HOST_CONF_LOCK, 0, &other, &e), 0);
    CHECK_INT(act(&a, "hostname", "alpha", NULL, &e), KEEL_EBUSY);
    CHECK(strstr(e.msg, "another change of the host settings is under "
                 "way (" KEEL_HOST_CONF_LOCK " is held by") == e.msg);
    CHECK(strstr(keel_fake_log(b), "write ") == NULL);
    keel_backend_unlock(b, other);
    CHECK_INT(act(&a, "hostname", "alpha", NULL, &e), 0);
    keel_fake_script(b, "/etc/init.d/S80ssh restart", 1, NULL, NULL);
    CHECK_INT(act(&a, "ssh", "off", NULL, &e), KEEL_ECMD);
    /* this test's own and three changes' tries: the refused one never
     * held it */
    CHECK_INT(count(keel_fake_log(b), "\nlock " KEEL_HOST_CONF_LOCK "\n"),
              4);
    CHECK_INT(count(keel_fake_log(b), "\nunlock " KEEL_HOST_CONF_LOCK
                    "\n"), 3);
    keel_settings_fini(&a.s);
    keel_backend_free(b);
}

/* A lock file that cannot be made (no /run/keel) is not "a change
 * under way": the message says what failed. */
UNIT_TEST(settings_lock_other_failure_says_what)
{
    struct keel_backend *b = keel_fake_new();
    struct keel_err e = { "" };
    struct app a;

    app_open(&a, b);
    CHECK_INT(keel_fake_fail(b, "lock", "*", KEEL_ENOENT), 0);
    CHECK_INT(act(&a, "hostname", "alpha", NULL, &e), KEEL_ENOENT);
    CHECK(strstr(e.msg, "under way") == NULL);
    CHECK(strstr(e.msg, KEEL_HOST_CONF_LOCK) != NULL);
    CHECK(strstr(keel_fake_log(b), "write ") == NULL);
    keel_settings_fini(&a.s);
    keel_backend_free(b);
}

/* A temporary root with etc/keel and run/keel; 0 or -1. */
static int make_root(char *root)
{
    static const char *const dirs[] = { "etc", "etc/keel", "run",
                                        "run/keel" };
    char d[600];

    if (!mkdtemp(root))
        return -1;
    for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
        snprintf(d, sizeof(d), "%s/%s", root, dirs[i]);
        if (mkdir(d, 0755) < 0)
            return -1;
    }
    return 0;
}

static void rm_root(const char *root)
{
    char cmd[600];

    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", root);
}

static double mono(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int sync_fd = -1;

/* The first writer's commit: it holds the lock; tell the other, and
 * take a while (a service restart) before saving. */
static int slow_commit(struct keel_backend *b, const char *path,
                       const struct keel_settings *was,
                       const struct keel_settings *now, struct keel_err *e)
{
    struct timespec pause = { 0, 300 * 1000000L };

    (void)was;
    if (write(sync_fd, "x", 1) != 1)
        return KEEL_EIO;
    nanosleep(&pause, NULL);
    return keel_settings_save(now, b, path, e);
}

/* One process's change: id set to v on top of the defaults it read. */
static int change(struct keel_backend *b, enum keel_setting_id id,
                  const char *v, keel_settings_commit_fn commit,
                  struct keel_err *e)
{
    struct keel_settings cur, want;
    int rc;

    keel_settings_init(&cur, e);
    keel_settings_init(&want, e);
    rc = keel_settings_set_id(&want, id, v, e);
    if (!rc)
        rc = keel_settings_update(b, NULL, &cur, &want, commit, e);
    keel_settings_fini(&cur);
    keel_settings_fini(&want);
    return rc;
}

/* Two processes on the real backend, both starting from the same
 * file: the second waits for the first's lock, then saves on top. */
UNIT_TEST(settings_lock_real_two_processes)
{
    char root[] = "/tmp/keel-unit-XXXXXX";
    struct keel_backend *b = NULL;
    struct keel_err e = { "" };
    struct keel_settings s;
    int p[2] = { -1, -1 }, st = -1;
    char c;
    double t0;
    pid_t pid;

    keel_settings_init(&s, &e);
    if (make_root(root) || pipe(p) < 0 ||
        !(b = keel_backend_real_new(root))) {
        unit_fail(__FILE__, __LINE__, "cannot set up %s", root);
        goto out;
    }
    pid = fork();
    if (pid == 0) {
        sync_fd = p[1];
        _exit(change(b, KEEL_S_SSH, "off", slow_commit, &e) ? 1 : 0);
    }
    CHECK_INT(read(p[0], &c, 1), 1); /* the child holds the lock */
    t0 = mono();
    CHECK_INT(change(b, KEEL_S_HOSTNAME, "alpha", NULL, &e), 0);
    CHECK(mono() - t0 > 0.2); /* it waited */
    CHECK_INT(waitpid(pid, &st, 0), pid);
    CHECK_INT(st, 0);
    CHECK_INT(keel_settings_load(&s, b, NULL, &e), 0);
    CHECK_STR(keel_settings_value(&s, KEEL_S_HOSTNAME), "alpha");
    CHECK_STR(keel_settings_value(&s, KEEL_S_SSH), "off");
out:
    keel_settings_fini(&s);
    keel_backend_free(b);
    if (p[0] >= 0) {
        close(p[0]);
        close(p[1]);
    }
    rm_root(root);
}

/* Past the time limit the waiter names the holder; once it is gone the
 * lock is free. */
UNIT_TEST(settings_lock_real_names_holder)
{
    char root[] = "/tmp/keel-unit-XXXXXX", want[80], c = 'x';
    struct keel_backend *b = NULL;
    struct keel_err e = { "" };
    int held[2] = { -1, -1 }, go[2] = { -1, -1 }, h = -1, st = -1;
    double t0;
    pid_t pid;

    if (make_root(root) || pipe(held) < 0 || pipe(go) < 0 ||
        !(b = keel_backend_real_new(root))) {
        unit_fail(__FILE__, __LINE__, "cannot set up %s", root);
        goto out;
    }
    pid = fork();
    if (pid == 0) {
        int rc = keel_backend_lock(b, KEEL_HOST_CONF_LOCK, 0, &h, &e);

        if (write(held[1], "x", 1) != 1 || read(go[0], &c, 1) != 1)
            rc = KEEL_EIO;
        _exit(rc ? 1 : 0);
    }
    CHECK_INT(read(held[0], &c, 1), 1);
    t0 = mono();
    CHECK_INT(keel_backend_lock(b, KEEL_HOST_CONF_LOCK, 1, &h, &e),
              KEEL_EBUSY);
    CHECK(mono() - t0 > 0.9);
    snprintf(want, sizeof(want), " is held by unit-runner (pid %ld), "
             "still after 1 s", (long)pid);
    CHECK(strstr(e.msg, want) != NULL);
    CHECK_INT(write(go[1], "x", 1), 1); /* the holder exits */
    CHECK_INT(waitpid(pid, &st, 0), pid);
    CHECK_INT(st, 0);
    CHECK_INT(keel_backend_lock(b, KEEL_HOST_CONF_LOCK, 0, &h, &e), 0);
    keel_backend_unlock(b, h);
out:
    keel_backend_free(b);
    for (int i = 0; i < 2; i++) {
        if (held[i] >= 0)
            close(held[i]);
        if (go[i] >= 0)
            close(go[i]);
    }
    rm_root(root);
}
