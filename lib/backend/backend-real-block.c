/*
 * backend-real-block.c - the real backend's byte ranges of files and
 * block devices (keel-disk.h): stat, zero, copy an image in and read
 * it back, read a range, SHA-256 of a range (OpenSSL's), for the
 * installer's and the update's writes and checks.  Paths under the
 * backend's root.
 */
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

#include <openssl/evp.h>

#include "backend-real.h"
#include "keel-disk.h"

#define COPY_CHUNK (4u * 1024 * 1024) /* zero and image writes */
#define HASH_CHUNK (1u * 1024 * 1024) /* reads for sha256 */

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

static int real_stat(struct keel_backend *b, const char *path,
                     struct keel_stat *st, struct keel_err *e)
{
    char full[PATH_MAX];
    struct stat s;
    int fd;

    if (keel_real_path(b, full, sizeof(full), "%s", path))
        return keel_err_set(e, KEEL_EINVAL, "path %s is too long", path);
    if (stat(full, &s) < 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            return 0;
        return keel_real_err(e, "look at", full);
    }
    st->kind = S_ISREG(s.st_mode) ? KEEL_ST_FILE
             : S_ISDIR(s.st_mode) ? KEEL_ST_DIR
             : S_ISBLK(s.st_mode) ? KEEL_ST_BLOCK : KEEL_ST_OTHER;
    st->size = S_ISREG(s.st_mode) ? (uint64_t)s.st_size : 0;
    if (st->kind == KEEL_ST_BLOCK) {
        fd = open(full, O_RDONLY | O_CLOEXEC);
        if (fd < 0 || fd_size(fd, &st->size) < 0) {
            int rc = keel_real_err(e, "get the size of", full);

            if (fd >= 0)
                close(fd);
            return rc;
        }
        close(fd);
    }
    return 0;
}

/* open(2) a file or device under the root, *size its size (full: the
 * path opened, PATH_MAX bytes): the fd, or a KEEL_E* code with e. */
static int block_open(struct keel_backend *b, const char *dev, int flags,
                      char *full, uint64_t *size, struct keel_err *e)
{
    int fd;

    if (keel_real_path(b, full, PATH_MAX, "%s", dev))
        return keel_err_set(e, KEEL_EINVAL, "path %s is too long", dev);
    fd = open(full, flags | O_CLOEXEC);
    if (fd < 0)
        return keel_real_err(e, "open", full);
    if (fd_size(fd, size) < 0) {
        int rc = keel_real_err(e, "get the size of", full);

        close(fd);
        return rc;
    }
    return fd;
}

static int real_dev_zero(struct keel_backend *b, const char *dev,
                         unsigned long long offset, unsigned long long len,
                         struct keel_err *e)
{
    char full[PATH_MAX], *zero = calloc(1, COPY_CHUNK);
    uint64_t size = 0;
    int fd, rc = 0;

    if (!zero)
        return keel_err_set(e, KEEL_ENOMEM, "out of memory");
    fd = block_open(b, dev, O_WRONLY, full, &size, e);
    if (fd < 0) {
        free(zero);
        return fd;
    }
    if (offset > size || len > size - offset)
        rc = keel_err_set(e, KEEL_EINVAL, "%s: range %llu+%llu is beyond"
                          " its end (%llu bytes)", dev, offset, len,
                          (unsigned long long)size);
    while (!rc && len) {
        size_t n = len < COPY_CHUNK ? (size_t)len : COPY_CHUNK;
        ssize_t w = pwrite(fd, zero, n, (off_t)offset);

        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            rc = keel_real_err(e, "write zeros to", full);
        else {
            offset += (size_t)w;
            len -= (size_t)w;
        }
    }
    if (!rc && fsync(fd) < 0)
        rc = keel_real_err(e, "flush", full);
    close(fd);
    free(zero);
    return rc;
}

/* pread exactly n bytes at off: 0, or -1 (errno set; 0 at the end). */
static int pread_full(int fd, char *buf, size_t n, uint64_t off)
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
    for (uint64_t off = 0; off < c->size; off += COPY_CHUNK) {
        uint64_t left = c->size - off;
        size_t n = left < COPY_CHUNK ? (size_t)left : COPY_CHUNK;

        if (pread_full(c->in, c->a, n, c->src_off + off) < 0)
            return keel_real_err(e, "read", c->src);
        if (pass == 0 && write_full(c->out, c->a, n, off) < 0)
            return keel_real_err(e, "write", c->dev);
        if (pass == 1 && pread_full(c->out, c->b, n, off) < 0)
            return keel_real_err(e, "read back", c->dev);
        if (pass == 1 && memcmp(c->a, c->b, n) != 0)
            return keel_err_set(e, KEEL_EIO, "%s differs from %s after "
                                "writing it (at byte %llu): the disk "
                                "does not keep what is written",
                                c->dev, c->src, (unsigned long long)off);
        if (c->fn)
            c->fn(c->ctx, pass * c->size + off + n, 2 * c->size);
    }
    if (pass == 0 && fsync(c->out) < 0)
        return keel_real_err(e, "flush", c->dev);
    /* Drop the cached pages so the read-back comes from the disk. */
    if (pass == 0)
        posix_fadvise(c->out, 0, 0, POSIX_FADV_DONTNEED);
    return 0;
}

static int real_image_write(struct keel_backend *b, const char *src,
                            unsigned long long src_off,
                            unsigned long long len, const char *dev,
                            keel_progress_fn fn, void *ctx,
                            struct keel_err *e)
{
    char sfull[PATH_MAX], dfull[PATH_MAX];
    uint64_t dsize = 0, ssize = 0;
    struct copy c = { -1, -1, 0, src_off, NULL, NULL, src, dev, fn, ctx };
    int rc = 0;

    c.a = malloc(COPY_CHUNK);
    c.b = malloc(COPY_CHUNK);
    if (!c.a || !c.b) {
        rc = keel_err_set(e, KEEL_ENOMEM, "out of memory");
        goto out;
    }
    c.in = block_open(b, src, O_RDONLY, sfull, &ssize, e);
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
    c.out = block_open(b, dev, O_RDWR, dfull, &dsize, e);
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


static int real_read_at(struct keel_backend *b, const char *path,
                        unsigned long long off, void *buf, size_t n,
                        size_t *got, struct keel_err *e)
{
    char full[PATH_MAX];
    uint64_t size;
    int fd = block_open(b, path, O_RDONLY, full, &size, e), rc = 0;

    if (fd < 0)
        return fd;
    while (*got < n) {
        ssize_t r = pread(fd, (char *)buf + *got, n - *got,
                          (off_t)(off + *got));

        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            rc = keel_real_err(e, "read", full);
        if (r <= 0)
            break;
        *got += (size_t)r;
    }
    close(fd);
    return rc;
}

static int real_sha256(struct keel_backend *b, const char *path,
                       unsigned long long off, unsigned long long len,
                       unsigned char out[32], keel_progress_fn fn,
                       void *ctx, struct keel_err *e)
{
    char full[PATH_MAX], *buf = malloc(HASH_CHUNK);
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    uint64_t size = 0;
    int fd = -1, rc = 0;

    if (!buf || !md || !EVP_DigestInit_ex(md, EVP_sha256(), NULL)) {
        rc = keel_err_set(e, KEEL_ENOMEM, "out of memory hashing %s",
                          path);
        goto out;
    }
    fd = block_open(b, path, O_RDONLY, full, &size, e);
    if (fd < 0) {
        rc = fd;
        goto out;
    }
    if (off > size || len > size - off) {
        rc = keel_err_set(e, KEEL_EINVAL, "%s holds %llu bytes, fewer "
                          "than the %llu from byte %llu to check", path,
                          (unsigned long long)size, len, off);
        goto out;
    }
    /* Not from the page cache: a slot's read-back must come from the
     * disk (image_write dropped what it wrote). */
    posix_fadvise(fd, (off_t)off, (off_t)len, POSIX_FADV_DONTNEED);
    for (uint64_t done = 0; done < len;) {
        uint64_t left = len - done;
        size_t n = left < HASH_CHUNK ? (size_t)left : HASH_CHUNK;

        if (pread_full(fd, buf, n, off + done) < 0) {
            rc = keel_real_err(e, "read", full);
            goto out;
        }
        EVP_DigestUpdate(md, buf, n);
        done += n;
        if (fn)
            fn(ctx, done, len);
    }
    EVP_DigestFinal_ex(md, out, NULL);
out:
    if (fd >= 0)
        close(fd);
    EVP_MD_CTX_free(md);
    free(buf);
    return rc;
}

void keel_real_block_ops(struct keel_backend *b)
{
    b->stat_path = real_stat;
    b->dev_zero = real_dev_zero;
    b->image_write = real_image_write;
    b->read_at = real_read_at;
    b->sha256 = real_sha256;
}
