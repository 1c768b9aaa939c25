/*
 * backend-real-image.c - the real backend's NIC list, stat and block
 * device writes (keel-disk.h); paths under the backend's root.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/fs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "backend-real-disk.h"

#define CHUNK (4u * 1024 * 1024)

static void one_nic(const char *dir, const char *name, struct keel_nic *c)
{
    char p[PATH_MAX + 400], buf[PATH_MAX];
    ssize_t n;
    long long speed;

    memset(c, 0, sizeof(*c));
    keel_rd_copy(c->name, sizeof(c->name), name);
    snprintf(p, sizeof(p), "%s/address", dir);
    keel_rd_read(p, buf, sizeof(buf));
    keel_rd_copy(c->mac, sizeof(c->mac), buf);
    snprintf(p, sizeof(p), "%s/operstate", dir);
    keel_rd_read(p, buf, sizeof(buf));
    c->link = !strcmp(buf, "up") ? 1 : !strcmp(buf, "down") ? 0 : -1;
    snprintf(p, sizeof(p), "%s/carrier", dir);
    keel_rd_read(p, buf, sizeof(buf));
    if (c->link != 1 && buf[0])
        c->link = buf[0] == '1';
    snprintf(p, sizeof(p), "%s/speed", dir);
    keel_rd_read(p, buf, sizeof(buf));
    speed = strtoll(buf, NULL, 10);
    c->speed = speed > 0 && speed < 10000000 ? (unsigned)speed : 0;
    snprintf(p, sizeof(p), "%s/device/driver", dir);
    n = readlink(p, buf, sizeof(buf) - 1);
    if (n > 0) {
        const char *base;

        buf[n] = '\0';
        base = strrchr(buf, '/');
        keel_rd_copy(c->driver, sizeof(c->driver), base ? base + 1 : buf);
    }
}

static int by_nic(const void *a, const void *b)
{
    return strcmp(((const struct keel_nic *)a)->name,
                  ((const struct keel_nic *)b)->name);
}

static int rd_nic_list(struct keel_backend *b, struct keel_nics *out,
                       struct keel_err *e)
{
    char dir[PATH_MAX], p[PATH_MAX + 300];
    DIR *dp;
    struct dirent *de;

    if (keel_rd_path(b, dir, sizeof(dir), "/sys/class/net"))
        return keel_err_set(e, KEEL_EINVAL, "root path too long");
    dp = opendir(dir);
    if (!dp)
        return keel_rd_err(e, "list network interfaces in", dir);
    while ((de = readdir(dp))) {
        struct keel_nic *v;

        snprintf(p, sizeof(p), "%s/%s/device", dir, de->d_name);
        if (de->d_name[0] == '.' || strlen(de->d_name) >= 16 ||
            access(p, F_OK) != 0)
            continue;
        v = realloc(out->v, (out->n + 1) * sizeof(*v));
        if (!v) {
            closedir(dp);
            keel_nics_free(out);
            return keel_err_set(e, KEEL_ENOMEM, "out of memory");
        }
        out->v = v;
        snprintf(p, sizeof(p), "%s/%s", dir, de->d_name);
        one_nic(p, de->d_name, &v[out->n++]);
    }
    closedir(dp);
    if (out->n)
        qsort(out->v, out->n, sizeof(out->v[0]), by_nic);
    return 0;
}

/* Size of an open file or block device. */
static int fd_size(int fd, uint64_t *size)
{
    struct stat st;

    if (fstat(fd, &st) < 0)
        return -1;
    if (S_ISBLK(st.st_mode))
        return ioctl(fd, BLKGETSIZE64, size);
    *size = (uint64_t)st.st_size;
    return 0;
}

static int rd_stat(struct keel_backend *b, const char *path,
                   struct keel_stat *st, struct keel_err *e)
{
    char full[PATH_MAX];
    struct stat s;
    int fd;

    if (keel_rd_path(b, full, sizeof(full), "%s", path))
        return keel_err_set(e, KEEL_EINVAL, "path %s is too long", path);
    if (stat(full, &s) < 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            return 0;
        return keel_rd_err(e, "look at", full);
    }
    st->kind = S_ISREG(s.st_mode) ? KEEL_ST_FILE
             : S_ISDIR(s.st_mode) ? KEEL_ST_DIR
             : S_ISBLK(s.st_mode) ? KEEL_ST_BLOCK : KEEL_ST_OTHER;
    st->size = S_ISREG(s.st_mode) ? (uint64_t)s.st_size : 0;
    if (st->kind == KEEL_ST_BLOCK) {
        fd = open(full, O_RDONLY | O_CLOEXEC);
        if (fd < 0 || fd_size(fd, &st->size) < 0) {
            int rc = keel_rd_err(e, "get the size of", full);

            if (fd >= 0)
                close(fd);
            return rc;
        }
        close(fd);
    }
    return 0;
}

/* Open a device (under root) for writing; *size gets its size. */
int keel_rd_open(struct keel_backend *b, const char *dev, int flags,
                    char *full, uint64_t *size, struct keel_err *e)
{
    int fd;

    if (keel_rd_path(b, full, PATH_MAX, "%s", dev))
        return keel_err_set(e, KEEL_EINVAL, "path %s is too long", dev);
    fd = open(full, flags | O_CLOEXEC);
    if (fd < 0)
        return keel_rd_err(e, "open", full);
    if (fd_size(fd, size) < 0) {
        int rc = keel_rd_err(e, "get the size of", full);

        close(fd);
        return rc;
    }
    return fd;
}

static int rd_dev_zero(struct keel_backend *b, const char *dev,
                       unsigned long long offset, unsigned long long len,
                       struct keel_err *e)
{
    char full[PATH_MAX], *zero = calloc(1, CHUNK);
    uint64_t size = 0;
    int fd, rc = 0;

    if (!zero)
        return keel_err_set(e, KEEL_ENOMEM, "out of memory");
    fd = keel_rd_open(b, dev, O_WRONLY, full, &size, e);
    if (fd < 0) {
        free(zero);
        return fd;
    }
    if (offset > size || len > size - offset)
        rc = keel_err_set(e, KEEL_EINVAL, "%s: range %llu+%llu is beyond"
                          " its end (%llu bytes)", dev, offset, len,
                          (unsigned long long)size);
    while (!rc && len) {
        size_t n = len < CHUNK ? (size_t)len : CHUNK;
        ssize_t w = pwrite(fd, zero, n, (off_t)offset);

        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            rc = keel_rd_err(e, "write zeros to", full);
        else {
            offset += (size_t)w;
            len -= (size_t)w;
        }
    }
    if (!rc && fsync(fd) < 0)
        rc = keel_rd_err(e, "flush", full);
    close(fd);
    free(zero);
    return rc;
}

int keel_rd_pread(int fd, char *buf, size_t n, uint64_t off)
{
    while (n) {
        ssize_t r = pread(fd, buf, n, (off_t)off);

        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        buf += r;
        n -= (size_t)r;
        off += (uint64_t)r;
    }
    return 0;
}

static int write_full(int fd, const char *buf, size_t n, uint64_t off)
{
    while (n) {
        ssize_t w = pwrite(fd, buf, n, (off_t)off);

        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        buf += w;
        n -= (size_t)w;
        off += (uint64_t)w;
    }
    return 0;
}

struct copy {
    int in, out;
    uint64_t size, src_off;
    char *a, *b;
    const char *src, *dev;
    keel_progress_fn fn;
    void *ctx;
};

/* Pass 0 copies src to dev; pass 1 reads both back and compares. */
static int copy_pass(struct copy *c, int pass, struct keel_err *e)
{
    for (uint64_t off = 0; off < c->size; off += CHUNK) {
        size_t n = c->size - off < CHUNK ? (size_t)(c->size - off) : CHUNK;

        if (keel_rd_pread(c->in, c->a, n, c->src_off + off) < 0)
            return keel_rd_err(e, "read", c->src);
        if (pass == 0 && write_full(c->out, c->a, n, off) < 0)
            return keel_rd_err(e, "write", c->dev);
        if (pass == 1 && keel_rd_pread(c->out, c->b, n, off) < 0)
            return keel_rd_err(e, "read back", c->dev);
        if (pass == 1 && memcmp(c->a, c->b, n) != 0)
            return keel_err_set(e, KEEL_EIO, "%s differs from %s after "
                                "writing it (at byte %llu): the disk "
                                "does not keep what is written",
                                c->dev, c->src, (unsigned long long)off);
        if (c->fn)
            c->fn(c->ctx, pass * c->size + off + n, 2 * c->size);
    }
    if (pass == 0 && fsync(c->out) < 0)
        return keel_rd_err(e, "flush", c->dev);
    /* Drop the cached pages so the read-back comes from the disk. */
    if (pass == 0)
        posix_fadvise(c->out, 0, 0, POSIX_FADV_DONTNEED);
    return 0;
}

static int rd_image_write(struct keel_backend *b, const char *src,
                          unsigned long long src_off,
                          unsigned long long len, const char *dev,
                          keel_progress_fn fn, void *ctx,
                          struct keel_err *e)
{
    char sfull[PATH_MAX], dfull[PATH_MAX];
    uint64_t dsize = 0, ssize = 0;
    struct copy c = { -1, -1, 0, src_off, NULL, NULL, src, dev, fn, ctx };
    int rc = 0;

    c.a = malloc(CHUNK);
    c.b = malloc(CHUNK);
    if (!c.a || !c.b) {
        rc = keel_err_set(e, KEEL_ENOMEM, "out of memory");
        goto out;
    }
    c.in = keel_rd_open(b, src, O_RDONLY, sfull, &ssize, e);
    if (c.in < 0) {
        rc = c.in;
        goto out;
    }
    c.size = len ? len : ssize > src_off ? ssize - src_off : 0;
    if (src_off > ssize || c.size > ssize - src_off) {
        rc = keel_err_set(e, KEEL_EINVAL, "%s holds %llu bytes, not the "
                          "%llu from byte %llu to write", src,
                          (unsigned long long)ssize,
                          (unsigned long long)c.size, src_off);
        goto out;
    }
    c.out = keel_rd_open(b, dev, O_RDWR, dfull, &dsize, e);
    if (c.out < 0) {
        rc = c.out;
        goto out;
    }
    if (c.size == 0 || c.size > dsize) {
        rc = keel_err_set(e, KEEL_EINVAL, "%s (%llu bytes) is empty or "
                          "does not fit in %s (%llu bytes)", src,
                          (unsigned long long)c.size, dev,
                          (unsigned long long)dsize);
        goto out;
    }
    rc = copy_pass(&c, 0, e);
    if (!rc)
        rc = copy_pass(&c, 1, e);
out:
    if (c.in >= 0)
        close(c.in);
    if (c.out >= 0)
        close(c.out);
    free(c.a);
    free(c.b);
    return rc;
}

static void rd_destroy(struct keel_backend *b)
{
    struct real_disk *rd = b->disk;
    void (*destroy)(struct keel_backend *) = rd->destroy;

    free(rd);
    b->disk = NULL;
    destroy(b);
}

int keel_real_disk_setup(struct keel_backend *b, const char *root)
{
    struct real_disk *rd = calloc(1, sizeof(*rd));

    if (!rd)
        return KEEL_ENOMEM;
    keel_rd_copy(rd->root, sizeof(rd->root), root ? root : "");
    if (!strcmp(rd->root, "/"))
        rd->root[0] = '\0';
    rd->destroy = b->destroy;
    b->disk = rd;
    b->destroy = rd_destroy;
    b->disk_list = keel_rd_disk_list;
    b->nic_list = rd_nic_list;
    b->stat_path = rd_stat;
    b->dev_zero = rd_dev_zero;
    b->image_write = rd_image_write;
    b->read_at = keel_rd_read_at;
    b->sha256 = keel_rd_sha256;
    return 0;
}
