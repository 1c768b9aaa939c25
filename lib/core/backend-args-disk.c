/*
 * backend-args-disk.c - the keel_backend_*() wrappers of the disk operations
 * (keel-disk.h): one place for the argument rules.
 */
#include <string.h>

#include "keel-disk.h"

static int check(struct keel_backend *b, int has_op, const char *what,
                 const char *path, struct keel_err *e)
{
    if (!b)
        return keel_err_set(e, KEEL_EINVAL, "no backend given to %s",
                            what);
    if (!has_op)
        return keel_err_set(e, KEEL_ENOTSUP, "the %s backend cannot %s",
                            b->name, what);
    if (path && (path[0] != '/' || strstr(path, "/../") ||
                 strstr(path, "//")))
        return keel_err_set(e, KEEL_EINVAL, "'%s' is not an absolute "
                            "path in its plain form", path);
    return 0;
}

int keel_backend_disk_list(struct keel_backend *b, struct keel_disks *out,
                           struct keel_err *e)
{
    int rc;

    out->v = NULL;
    out->n = 0;
    rc = check(b, b && b->disk_list, "list disks", NULL, e);
    return rc ? rc : b->disk_list(b, out, e);
}

int keel_backend_nic_list(struct keel_backend *b, struct keel_nics *out,
                          struct keel_err *e)
{
    int rc;

    out->v = NULL;
    out->n = 0;
    rc = check(b, b && b->nic_list, "list network interfaces", NULL, e);
    return rc ? rc : b->nic_list(b, out, e);
}

int keel_backend_stat(struct keel_backend *b, const char *path,
                      struct keel_stat *st, struct keel_err *e)
{
    int rc;

    memset(st, 0, sizeof(*st));
    rc = check(b, b && b->stat_path, "look at files", path ? path : "",
               e);
    return rc ? rc : b->stat_path(b, path, st, e);
}

int keel_backend_dev_zero(struct keel_backend *b, const char *dev,
                          uint64_t offset, uint64_t len, struct keel_err *e)
{
    int rc = check(b, b && b->dev_zero, "write block devices",
                   dev ? dev : "", e);

    if (!rc && (len == 0 || offset + len < offset))
        rc = keel_err_set(e, KEEL_EINVAL, "%s: empty or overflowing range"
                          " to zero", dev);
    return rc ? rc : b->dev_zero(b, dev, offset, len, e);
}

int keel_backend_image_write(struct keel_backend *b, const char *src,
                             const char *dev, keel_progress_fn fn,
                             void *ctx, struct keel_err *e)
{
    return keel_backend_image_write_part(b, src, 0, 0, dev, fn, ctx, e);
}

int keel_backend_image_write_part(struct keel_backend *b, const char *src,
                                  uint64_t src_off, uint64_t len,
                                  const char *dev, keel_progress_fn fn,
                                  void *ctx, struct keel_err *e)
{
    int rc = check(b, b && b->image_write, "write images",
                   src ? src : "", e);

    if (!rc)
        rc = check(b, 1, "write images", dev ? dev : "", e);
    if (!rc && src_off + len < src_off)
        rc = keel_err_set(e, KEEL_EINVAL, "%s: overflowing range", src);
    return rc ? rc : b->image_write(b, src, src_off, len, dev, fn, ctx, e);
}

int keel_backend_read_at(struct keel_backend *b, const char *path,
                         uint64_t off, void *buf, size_t n, size_t *got,
                         struct keel_err *e)
{
    int rc = check(b, b && b->read_at, "read files", path ? path : "", e);

    *got = 0;
    return rc ? rc : b->read_at(b, path, off, buf, n, got, e);
}

int keel_backend_sha256(struct keel_backend *b, const char *path,
                        uint64_t off, uint64_t len, unsigned char out[32],
                        keel_progress_fn fn, void *ctx,
                        struct keel_err *e)
{
    int rc = check(b, b && b->sha256, "hash files", path ? path : "", e);

    if (!rc && off + len < off)
        rc = keel_err_set(e, KEEL_EINVAL, "%s: overflowing range", path);
    return rc ? rc : b->sha256(b, path, off, len, out, fn, ctx, e);
}
