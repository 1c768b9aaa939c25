/*
 * fake-disk.c - the fake backend's disks and NICs (keel-disk.h):
 * a scenario in memory; writes are logged, never performed (an image
 * written is kept as a fake file named after the device).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "fake-disk.h"
#include "keel-backend-fake.h"
#include "keel-disk.h"
#include "keel-layout.h"

static struct fake_disk *fd_of(struct keel_backend *b)
{
    return b->disk;
}

static int fd_disk_list(struct keel_backend *b, struct keel_disks *out,
                        struct keel_err *e)
{
    struct fake_disk *fd = fd_of(b);
    int rc = keel_fake_call(b, "disks", "", e);

    if (rc)
        return rc;
    if (!fd->disks.n)
        return 0;
    out->v = malloc(fd->disks.n * sizeof(*out->v));
    if (!out->v)
        return keel_err_set(e, KEEL_ENOMEM, "out of memory listing disks");
    memcpy(out->v, fd->disks.v, fd->disks.n * sizeof(*out->v));
    out->n = fd->disks.n;
    return 0;
}

static int fd_nic_list(struct keel_backend *b, struct keel_nics *out,
                       struct keel_err *e)
{
    struct fake_disk *fd = fd_of(b);
    int rc = keel_fake_call(b, "nics", "", e);

    if (rc)
        return rc;
    if (!fd->nics.n)
        return 0;
    out->v = malloc(fd->nics.n * sizeof(*out->v));
    if (!out->v)
        return keel_err_set(e, KEEL_ENOMEM, "out of memory listing NICs");
    memcpy(out->v, fd->nics.v, fd->nics.n * sizeof(*out->v));
    out->n = fd->nics.n;
    return 0;
}

/* The disk whose device or partition device is path, or NULL. */
static const struct keel_disk *dev_disk(struct fake_disk *fd,
                                        const char *path, int *part)
{
    char pd[64];

    for (size_t i = 0; i < fd->disks.n; i++) {
        const struct keel_disk *d = &fd->disks.v[i];

        *part = 0;
        if (strcmp(d->dev, path) == 0)
            return d;
        for (int n = 1; n <= 128; n++) {
            *part = n;
            if (!keel_disk_part_dev(d->name, n, pd, sizeof(pd)) &&
                strcmp(pd, path) == 0)
                return d;
        }
    }
    return NULL;
}

/* Is path a directory: a prefix of some fake file's path? */
static int is_dir(struct keel_backend *b, const char *path)
{
    size_t n = strlen(path);

    for (size_t i = 0; i < keel_fake_nfiles(b); i++) {
        const char *p = keel_fake_path_at(b, i);

        if (strncmp(p, path, n) == 0 && p[n] == '/')
            return 1;
    }
    return 0;
}

static int fd_stat(struct keel_backend *b, const char *path,
                   struct keel_stat *st, struct keel_err *e)
{
    struct fake_disk *fd = fd_of(b);
    const struct keel_disk *d;
    size_t len;
    int part, rc = keel_fake_call(b, "stat", path, e);

    if (rc)
        return rc;
    d = dev_disk(fd, path, &part);
    if (d) {
        st->kind = KEEL_ST_BLOCK;
        st->size = part ? 0 : d->size;
        for (int i = 0; part && i < d->nparts; i++)
            if (d->parts[i].num == part)
                st->size = d->parts[i].size;
    } else if (keel_fake_get(b, path, NULL, &len, NULL) == 0) {
        st->kind = KEEL_ST_FILE;
        st->size = len;
    } else if ((fd->efi && strcmp(path, "/sys/firmware/efi") == 0) ||
               is_dir(b, path)) {
        st->kind = KEEL_ST_DIR;
    }
    return 0;
}

static int fd_dev_zero(struct keel_backend *b, const char *dev,
                       unsigned long long offset, unsigned long long len,
                       struct keel_err *e)
{
    char what[128];
    int part, rc;
    const struct keel_disk *d;

    snprintf(what, sizeof(what), "%s %llu+%llu", dev, offset, len);
    rc = keel_fake_call(b, "zero", what, e);
    if (rc)
        return rc;
    d = dev_disk(fd_of(b), dev, &part);
    if (!d)
        return keel_err_set(e, KEEL_ENOENT, "cannot open %s: no such "
                            "block device", dev);
    if (!part && offset + len > d->size)
        return keel_err_set(e, KEEL_EINVAL, "%s: range %llu+%llu is "
                            "beyond the end of the device", dev, offset,
                            len);
    return 0;
}

/* The bytes of src from src_off (len 0: to its end) are kept as the
 * fake file dev, so reads and hashes of the device see them. */
static int fd_image_write(struct keel_backend *b, const char *src,
                          unsigned long long src_off,
                          unsigned long long len, const char *dev,
                          keel_progress_fn fn, void *ctx,
                          struct keel_err *e)
{
    char what[256];
    const char *data;
    size_t size;
    int part, rc;

    if (src_off || len)
        snprintf(what, sizeof(what), "%s@%llu+%llu %s", src, src_off, len,
                 dev);
    else
        snprintf(what, sizeof(what), "%s %s", src, dev);
    rc = keel_fake_call(b, "image", what, e);
    if (rc)
        return rc;
    if (keel_fake_get(b, src, &data, &size, NULL))
        return keel_err_set(e, KEEL_ENOENT, "cannot open %s: no such "
                            "file", src);
    if (!dev_disk(fd_of(b), dev, &part))
        return keel_err_set(e, KEEL_ENOENT, "cannot open %s: no such "
                            "block device", dev);
    if (!len)
        len = size > src_off ? size - src_off : 0;
    if (src_off > size || len > size - src_off)
        return keel_err_set(e, KEEL_EINVAL, "%s holds %zu bytes, not the "
                            "%llu from byte %llu to write", src, size, len,
                            src_off);
    for (int i = 1; fn && i <= 4; i++)
        fn(ctx, len * 2 * i / 4, len * 2);
    if (keel_fake_put(b, dev, data + src_off, (size_t)len, 0600))
        return keel_err_set(e, KEEL_ENOMEM, "out of memory");
    return 0;
}

static int fd_read_at(struct keel_backend *b, const char *path,
                      unsigned long long off, void *buf, size_t n,
                      size_t *got, struct keel_err *e)
{
    const char *data;
    size_t size;
    int rc = keel_fake_call(b, "read", path, e);

    if (rc)
        return rc;
    if (keel_fake_get(b, path, &data, &size, NULL))
        return keel_err_set(e, KEEL_ENOENT, "cannot open %s: no such "
                            "file", path);
    *got = off >= size ? 0 : size - off < n ? size - (size_t)off : n;
    memcpy(buf, data + (off < size ? off : 0), *got);
    return 0;
}

static int fd_sha256(struct keel_backend *b, const char *path,
                     unsigned long long off, unsigned long long len,
                     unsigned char out[32], keel_progress_fn fn, void *ctx,
                     struct keel_err *e)
{
    const char *data;
    size_t size;
    int rc = keel_fake_call(b, "sha256", path, e);

    if (rc)
        return rc;
    if (keel_fake_get(b, path, &data, &size, NULL))
        return keel_err_set(e, KEEL_ENOENT, "cannot open %s: no such "
                            "file", path);
    if (off > size || len > size - off)
        return keel_err_set(e, KEEL_EINVAL, "%s holds %zu bytes, fewer "
                            "than the %llu from byte %llu to check", path,
                            size, len, off);
    if (!EVP_Digest(data + off, (size_t)len, out, NULL, EVP_sha256(),
                    NULL))
        return keel_err_set(e, KEEL_ENOMEM, "out of memory hashing %s",
                            path);
    if (fn)
        fn(ctx, len, len);
    return 0;
}

static void fd_destroy(struct keel_backend *b)
{
    struct fake_disk *fd = fd_of(b);
    void (*destroy)(struct keel_backend *) = fd->destroy;

    keel_disks_free(&fd->disks);
    keel_nics_free(&fd->nics);
    free(fd);
    b->disk = NULL;
    destroy(b);
}

int keel_fake_disk_setup(struct keel_backend *b)
{
    struct fake_disk *fd = calloc(1, sizeof(*fd));

    if (!fd)
        return KEEL_ENOMEM;
    fd->destroy = b->destroy;
    b->disk = fd;
    b->destroy = fd_destroy;
    b->disk_list = fd_disk_list;
    b->nic_list = fd_nic_list;
    b->stat_path = fd_stat;
    b->dev_zero = fd_dev_zero;
    b->image_write = fd_image_write;
    b->read_at = fd_read_at;
    b->sha256 = fd_sha256;
    return 0;
}

/* The standard layout's partitions on d (an existing installation). */
void keel_fake_disk_add_layout(struct keel_disk *d)
{
    struct keel_layout l;

    if (keel_layout_plan(d->size, d->sector, &l, NULL))
        return;
    d->nparts = KEEL_LAYOUT_PARTS;
    for (int i = 0; i < KEEL_LAYOUT_PARTS; i++) {
        d->parts[i].num = l.p[i].num;
        snprintf(d->parts[i].name, sizeof(d->parts[i].name), "%s",
                 l.p[i].name);
        d->parts[i].start = l.p[i].start;
        d->parts[i].size = l.p[i].size;
    }
}
