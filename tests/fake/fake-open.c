/*
 * fake-open.c - a fake from a scenario file, and its call log written
 * out: what the build machine's keel-console, keelctl and keel-install
 * do with --fake-state and --fake-log (keel-backend-fake.h).
 */
#include <stdio.h>

#include "keel-backend-fake.h"

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
