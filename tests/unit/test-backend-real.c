/*
 * test-backend-real.c - the real backend under a temporary root: atomic
 * replace, permissions, no temporary left behind, errors; running
 * programs with captured output.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "keel-backend.h"
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

UNIT_TEST(backend_real_run)
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
    struct keel_run r = { out, sizeof(out), err, sizeof(err),
                          0, 0, 0, 0, 0 };
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
    CHECK_INT(keel_backend_run(b, ok, NULL, &e), 0);
    keel_backend_free(b);
}
