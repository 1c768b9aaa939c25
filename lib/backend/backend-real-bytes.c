/*
 * backend-real-bytes.c - the real backend's byte-range reads and
 * SHA-256 of files and block devices (keel-disk.h), for update bundles
 * and the read-back of a written slot.  The hash is OpenSSL's.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "backend-real-disk.h"

#define CHUNK (1u * 1024 * 1024)

int keel_rd_read_at(struct keel_backend *b, const char *path,
                    unsigned long long off, void *buf, size_t n,
                    size_t *got, struct keel_err *e)
{
    char full[PATH_MAX];
    uint64_t size;
    int fd = keel_rd_open(b, path, O_RDONLY, full, &size, e), rc = 0;

    if (fd < 0)
        return fd;
    while (*got < n) {
        ssize_t r = pread(fd, (char *)buf + *got, n - *got,
                          (off_t)(off + *got));

        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            rc = keel_rd_err(e, "read", full);
        if (r <= 0)
            break;
        *got += (size_t)r;
    }
    close(fd);
    return rc;
}

int keel_rd_sha256(struct keel_backend *b, const char *path,
                   unsigned long long off, unsigned long long len,
                   unsigned char out[32], keel_progress_fn fn, void *ctx,
                   struct keel_err *e)
{
    char full[PATH_MAX], *buf = malloc(CHUNK);
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    uint64_t size = 0;
    int fd = -1, rc = 0;

    if (!buf || !md || !EVP_DigestInit_ex(md, EVP_sha256(), NULL)) {
        rc = keel_err_set(e, KEEL_ENOMEM, "out of memory hashing %s",
                          path);
        goto out;
    }
    fd = keel_rd_open(b, path, O_RDONLY, full, &size, e);
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
        size_t n = len - done < CHUNK ? (size_t)(len - done) : CHUNK;

        if (keel_rd_pread(fd, buf, n, off + done) < 0) {
            rc = keel_rd_err(e, "read", full);
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
