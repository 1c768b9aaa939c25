/*
 * fake-open.c - a fake from a scenario file, and its call log written
 * out: what the build machine's keel-console, keelctl and keel-install
 * do with --fake-state and --fake-log (keel-backend-fake.h).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake-scenario.h"
#include "keel-backend-fake.h"

/* The scenario's keep records: one program, one fake, so static. */
#define KEEP_MAX 4
static struct keep {
    char path[256], host[PATH_MAX];
} keeps[KEEP_MAX];
static size_t nkeeps;
static int (*plain_write)(struct keel_backend *b, const char *path,
                          const void *data, size_t len, unsigned mode,
                          struct keel_err *e);
static int (*plain_remove)(struct keel_backend *b, const char *path,
                           struct keel_err *e);

static const char *kept(const char *path)
{
    for (size_t i = 0; i < nkeeps; i++)
        if (strcmp(keeps[i].path, path) == 0)
            return keeps[i].host;
    return NULL;
}

static int keep_write(struct keel_backend *b, const char *path,
                      const void *data, size_t len, unsigned mode,
                      struct keel_err *e)
{
    int rc = plain_write(b, path, data, len, mode, e);
    const char *host = kept(path);
    FILE *f;
    int bad;

    if (rc || !host)
        return rc;
    f = fopen(host, "wb");
    bad = !f || fwrite(data, 1, len, f) != len;
    bad |= f && fclose(f) != 0;
    return bad ? keel_err_set(e, KEEL_EIO, "cannot keep %s in %.200s",
                              path, host) : 0;
}

static int keep_remove(struct keel_backend *b, const char *path,
                       struct keel_err *e)
{
    int rc = plain_remove(b, path, e);
    const char *host = kept(path);

    if (!rc && host)
        remove(host);
    return rc;
}

/* Find the keep records and mirror the fake's writes and removes of
 * their paths (the loaders have read the files that exist). */
static void keep_files(struct keel_backend *b, const char *scenario)
{
    FILE *f = fopen(scenario, "r");
    char *line = NULL, *w[FAKE_WORDS_MAX];
    const char *text, *why;
    size_t cap = 0;
    int n;

    while (f && getline(&line, &cap, f) > 0) {
        line[strcspn(line, "\n")] = '\0';
        if (keel_fake_words(line, w, &n, &text, &why) || n != 3 ||
            strcmp(w[0], "keep") || nkeeps == KEEP_MAX)
            continue;
        snprintf(keeps[nkeeps].path, sizeof(keeps[0].path), "%s", w[1]);
        snprintf(keeps[nkeeps++].host, sizeof(keeps[0].host), "%s", w[2]);
    }
    free(line);
    if (f)
        fclose(f);
    if (!nkeeps)
        return;
    plain_write = b->write_file;
    plain_remove = b->remove_file;
    b->write_file = keep_write;
    b->remove_file = keep_remove;
}

struct keel_backend *keel_fake_open(const char *path, struct keel_err *e)
{
    struct keel_backend *b = keel_fake_new();

    if (!b) {
        keel_err_set(e, KEEL_ENOMEM, "out of memory");
        return NULL;
    }
    if (keel_fake_xen_load_file(b, path, e) ||
        keel_fake_disk_load_file(b, path, e)) {
        keel_backend_free(b);
        return NULL;
    }
    keep_files(b, path);
    return b;
}

int keel_fake_log_write(struct keel_backend *b, const char *path,
                        struct keel_err *e)
{
    const char *log = keel_fake_log(b);
    FILE *f;
    int bad;

    if (!log)
        return keel_err_set(e, KEEL_ENOMEM, "out of memory");
    f = fopen(path, "w");
    if (!f)
        return keel_err_set(e, KEEL_EIO, "cannot write %.200s", path);
    bad = fputs(log, f) < 0;
    bad |= fclose(f) != 0;
    return bad ? keel_err_set(e, KEEL_EIO, "cannot write %.200s", path) : 0;
}
