/*
 * test-backend-real.c - the real backend under a temporary root: atomic
 * replace, permissions, no temporary left behind, errors; running
 * programs with captured output, with and without a time limit.
 */
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "keel-backend.h"
#include "keel-disk.h"
#include "keel-xen.h"
#include "unit.h"

/* Entries in dir other than . and .., or -1. */
static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *de;
    int n = 0;

    if (!d)
        return -1;
    while ((de = readdir(d)))
        if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
            n++;
    closedir(d);
    return n;
}

static void rm_tree(const char *root)
{
    char cmd[512];

    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", root);
}

UNIT_TEST(backend_real_atomic_write)
{
    char root[] = "/tmp/keel-unit-XXXXXX", path[600], etc[600];
    struct keel_backend *b;
    struct keel_err e;
    struct stat st;
    char *got = NULL;
    size_t len = 0;

    if (!mkdtemp(root)) {
        unit_fail(__FILE__, __LINE__, "mkdtemp failed");
        return;
    }
    snprintf(etc, sizeof(etc), "%s/etc", root);
    snprintf(path, sizeof(path), "%s/etc/host.conf", root);
    mkdir(etc, 0755);
    b = keel_backend_real_new(root);
    CHECK(b != NULL);
    if (!b)
        goto out;
    umask(022);
    CHECK_INT(keel_backend_write(b, "/etc/host.conf", "a=1\n", 4, 0600,
                                 &e), 0);
    CHECK_INT(stat(path, &st), 0);
    CHECK_INT(st.st_mode & 07777, 0600);
    CHECK_INT(count_entries(etc), 1); /* no temporary left behind */
    CHECK_INT(keel_backend_write(b, "/etc/host.conf", "b=2\n", 4, 0644,
                                 &e), 0);
    CHECK_INT(stat(path, &st), 0);
    CHECK_INT(st.st_mode & 07777, 0644); /* umask does not apply */
    CHECK_INT(count_entries(etc), 1);
    CHECK_INT(keel_backend_read(b, "/etc/host.conf", &got, &len, &e), 0);
    CHECK_STR(got, "b=2\n");
    CHECK_INT(len, 4);
    free(got);
    CHECK_INT(keel_backend_write(b, "/etc/empty", "", 0, 0644, &e), 0);
    CHECK_INT(keel_backend_read(b, "/etc/empty", &got, &len, &e), 0);
    CHECK_INT(len, 0);
    CHECK_STR(got, "");
    free(got);
    keel_backend_free(b);
out:
    rm_tree(root);
}

/* The installer's backend (disks only, no Xen group) still lists
 * directories: its bundle check lists the trusted keys that way (a
 * backend without list_dir refused the medium's image on a real
 * install); the Xen operations say they are not there. */
UNIT_TEST(backend_real_disks_only_lists)
{
    static const keel_group_setup disks = keel_real_disk_setup;
    char root[] = "/tmp/keel-unit-XXXXXX", dir[600], key[700];
    struct keel_backend *b;
    struct keel_err e;
    struct keel_xen_info xi;
    char **names = NULL;
    size_t n = 0;
    FILE *f;

    if (!mkdtemp(root)) {
        unit_fail(__FILE__, __LINE__, "mkdtemp failed");
        return;
    }
    snprintf(dir, sizeof(dir), "%s/keys", root);
    snprintf(key, sizeof(key), "%s/development.pem", dir);
    mkdir(dir, 0755);
    f = fopen(key, "w");
    if (f)
        fclose(f);
    b = keel_backend_real_with(root, &disks, 1);
    CHECK(b != NULL);
    if (!b)
        return;
    CHECK_INT(keel_backend_list_dir(b, "/keys", &names, &n, &e), 0);
    CHECK_INT(n, 1);
    CHECK(n == 1 && !strcmp(names[0], "development.pem"));
    keel_names_free(names, n);
    CHECK_INT(keel_backend_xen_info(b, &xi, &e), KEEL_ENOTSUP);
    keel_backend_free(b);
    remove(key);
    rmdir(dir);
    rmdir(root);
}

UNIT_TEST(backend_real_errors)
{
    char root[] = "/tmp/keel-unit-XXXXXX", etc[600];
    struct keel_backend *b;
    struct keel_err e;
    char *got = NULL;
    size_t len;

    if (!mkdtemp(root))
        return;
    snprintf(etc, sizeof(etc), "%s/etc", root);
    mkdir(etc, 0755);
    b = keel_backend_real_new(root);
    if (!b)
        goto out;
    CHECK_INT(keel_backend_read(b, "/etc/none", &got, &len, &e),
              KEEL_ENOENT);
    CHECK(got == NULL);
    CHECK(strstr(e.msg, "/etc/none") != NULL);
    CHECK_INT(keel_backend_write(b, "/nodir/x", "x", 1, 0644, &e),
              KEEL_ENOENT);
    CHECK(strstr(e.msg, "/nodir") != NULL);
    CHECK_INT(keel_backend_remove(b, "/etc/none", &e), KEEL_ENOENT);
    /* Replacing a directory fails and leaves no temporary behind. */
    CHECK(keel_backend_write(b, "/etc", "x", 1, 0644, &e) < 0);
    CHECK_INT(count_entries(root), 1);
    CHECK_INT(keel_backend_write(b, "/etc/f", "x", 1, 0644, &e), 0);
    CHECK_INT(keel_backend_remove(b, "/etc/f", &e), 0);
    CHECK_INT(count_entries(etc), 0);
    keel_backend_free(b);
out:
    rm_tree(root);
}

static long long now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The same programs, the same results, with or without a time limit. */
static void run_programs(unsigned timeout_s)
{
    struct keel_backend *b = keel_backend_real_new(NULL);
    const char *sh[] = { "/bin/sh", "-c",
                         "echo out; echo err >&2; exit 3", NULL };
    const char *ok[] = { "sh", "-c", "printf 'a b'", NULL };
    const char *big[] = { "sh", "-c", "head -c 200000 /dev/zero | tr "
                          "'\\0' x; echo done >&2", NULL };
    const char *none[] = { "/nonexistent/keel-prog", NULL };
    const char *kill[] = { "sh", "-c", "kill -9 $$", NULL };
    char out[64], err[64];
    struct keel_run r = { .out = out, .out_size = sizeof(out), .err = err,
                          .err_size = sizeof(err),
                          .timeout_s = timeout_s };
    struct keel_err e;

    if (!b)
        return;
    CHECK_INT(keel_backend_run(b, sh, &r, &e), KEEL_ECMD);
    CHECK_INT(r.status, 3);
    CHECK_STR(out, "out\n");
    CHECK_STR(err, "err\n");
    CHECK_STR(e.msg, "'/bin/sh -c echo out; echo err >&2; exit 3' exited "
                     "with status 3: err");
    CHECK_INT(keel_backend_run(b, ok, &r, &e), 0);
    CHECK_STR(out, "a b");
    CHECK_INT(r.out_len, 3);
    CHECK_INT(r.truncated, 0);
    /* More output than fits: kept to the buffer, program not blocked. */
    CHECK_INT(keel_backend_run(b, big, &r, &e), 0);
    CHECK_INT(r.out_len, sizeof(out) - 1);
    CHECK_INT(r.truncated, 1);
    CHECK_STR(err, "done\n");
    CHECK_INT(keel_backend_run(b, none, &r, &e), KEEL_ENOENT);
    CHECK_INT(r.status, -1);
    CHECK(strstr(e.msg, "no such program") != NULL);
    CHECK_INT(keel_backend_run(b, kill, &r, &e), KEEL_ECMD);
    CHECK_INT(r.status, 128 + 9);
    CHECK(strstr(e.msg, "killed by signal 9") != NULL);
    CHECK_INT(r.timed_out, 0);
    CHECK_INT(keel_backend_run(b, ok, NULL, &e), 0);
    keel_backend_free(b);
}

UNIT_TEST(backend_real_run)
{
    run_programs(0);
}

/* A limit changes nothing for programs that end well within it, and
 * costs no time: the run ends at their exit, not at a tick or grace. */
UNIT_TEST(backend_real_run_limit_unchanged)
{
    long long t0 = now_ms();

    run_programs(5);
    CHECK(now_ms() - t0 < 1500);
}

/* pid is gone or a zombie, within 1 s. */
static int gone(long pid)
{
    char path[64], buf[256], *p;
    long long end = now_ms() + 1000;
    FILE *f;

    snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
    do {
        f = fopen(path, "r");
        if (!f)
            return 1;
        p = fgets(buf, sizeof(buf), f) ? strrchr(buf, ')') : NULL;
        fclose(f);
        if (p && (p[2] == 'Z' || p[2] == 'X'))
            return 1;
        usleep(20000);
    } while (now_ms() < end);
    return 0;
}

/* Run "sh -c script" with a limit of limit_s s into r; *took in ms. */
static int run_sh(const char *script, unsigned limit_s, struct keel_run *r,
                  struct keel_err *e, long long *took)
{
    struct keel_backend *b = keel_backend_real_new(NULL);
    const char *argv[] = { "sh", "-c", script, NULL };
    long long t0 = now_ms();
    int rc;

    if (!b)
        return KEEL_ENOMEM;
    r->timeout_s = limit_s;
    rc = keel_backend_run(b, argv, r, e);
    *took = now_ms() - t0;
    keel_backend_free(b);
    return rc;
}

/* The program exits at once, but what it left in the background holds
 * its stdout (a daemon that kept the pipe: S30syslog once): the run
 * ends 2 s after the exit, with its status, and the daemon lives on. */
UNIT_TEST(backend_real_run_daemon_holds_output)
{
    char out[64];
    struct keel_run r = { .out = out, .out_size = sizeof(out) };
    struct keel_err e = { "" };
    long long took;
    long pid;

    CHECK_INT(run_sh("sleep 30 & echo $!; exit 0", 10, &r, &e, &took), 0);
    CHECK(took >= 1900 && took < 4000);
    CHECK_INT(r.status, 0);
    CHECK_INT(r.timed_out, 0);
    pid = atol(out);
    CHECK(pid > 1);
    if (pid > 1) {
        CHECK_INT(kill((pid_t)pid, 0), 0); /* not ours to stop */
        kill((pid_t)pid, SIGKILL);
    }
}

/* Output closed but the program runs on: its exit is still waited for,
 * and counts. */
UNIT_TEST(backend_real_run_limit_waits_for_exit)
{
    struct keel_run r = { 0 };
    struct keel_err e = { "" };
    long long took;

    CHECK_INT(run_sh("exec >&- 2>&-; sleep 0.3; exit 2", 5, &r, &e, &took),
              KEEL_ECMD);
    CHECK(took >= 250 && took < 1500);
    CHECK_INT(r.status, 2);
    CHECK_INT(r.timed_out, 0);
}

/* Still running at the limit: stopped, with what it started in its
 * process group (SIGKILL a second after SIGTERM for one that ignores
 * it), and the error names the command and the limit. */
UNIT_TEST(backend_real_run_time_limit)
{
    static const struct {
        const char *script;
        int sig;
        long long min_ms, max_ms;
        const char *msg;
    } cases[] = {
        { "sleep 30 & echo $!; wait", SIGTERM, 900, 1900,
          "'sh -c sleep 30 & echo $!; wait' did not finish within 1 s "
          "and was stopped: (nothing on stderr)" },
        { "trap '' TERM; sleep 30 & echo $!; echo no >&2; wait", SIGKILL,
          1900, 2900, "'sh -c trap '' TERM; sleep 30 & echo $!; echo no "
          ">&2; wait' did not finish within 1 s and was stopped: no" },
    };

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char out[64], err[64];
        struct keel_run r = { .out = out, .out_size = sizeof(out),
                              .err = err, .err_size = sizeof(err) };
        struct keel_err e = { "" };
        long long took;

        CHECK_INT(run_sh(cases[i].script, 1, &r, &e, &took), KEEL_ECMD);
        CHECK(took >= cases[i].min_ms && took < cases[i].max_ms);
        CHECK_INT(r.timed_out, 1);
        CHECK_INT(r.signal, cases[i].sig);
        CHECK_INT(r.status, 128 + cases[i].sig);
        CHECK_STR(e.msg, cases[i].msg);
        CHECK(atol(out) > 1 && gone(atol(out)));
    }
}

/* No limit named: the default one, so a run whose program left a
 * daemon on its stdout ends 2 s after the exit (it used to wait for
 * the daemon), with r or without. */
UNIT_TEST(backend_real_run_default_limit)
{
    struct keel_backend *b = keel_backend_real_new(NULL);
    const char *argv[] = { "sh", "-c", "sleep 6 & exit 0", NULL };
    struct keel_run r = { 0 };
    struct keel_err e = { "" };
    long long t0 = now_ms();

    if (!b)
        return;
    CHECK_INT(keel_backend_run(b, argv, &r, &e), 0);
    CHECK_INT(r.timeout_s, KEEL_RUN_DEFAULT_S);
    CHECK(now_ms() - t0 < 4000);
    t0 = now_ms();
    CHECK_INT(keel_backend_run(b, argv, NULL, &e), 0);
    CHECK(now_ms() - t0 < 4000);
    keel_backend_free(b);
}
