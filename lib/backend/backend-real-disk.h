/*
 * backend-real-disk.h - private to the real backend's disk operations
 * (backend-real-disk.c, backend-real-image.c).
 */
#ifndef KEEL_BACKEND_REAL_DISK_H
#define KEEL_BACKEND_REAL_DISK_H

#include <limits.h>
#include <stddef.h>

#include "keel-disk.h"

struct real_disk {
    char root[PATH_MAX]; /* "" for none */
    void (*destroy)(struct keel_backend *b); /* the one we chain to */
};

const char *keel_rd_root(struct keel_backend *b);

/* root + the printf-formatted path into buf; -1 if it does not fit. */
int keel_rd_path(struct keel_backend *b, char *buf, size_t size,
                 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* The first line of a small sysfs file, trimmed; "" if unreadable. */
void keel_rd_read(const char *path, char *buf, size_t size);
unsigned long long keel_rd_num(const char *path);

/* errno as a KEEL_E* code with "cannot WHAT PATH: strerror". */
int keel_rd_err(struct keel_err *e, const char *what, const char *path);

/* Copy src into dst of size bytes, cut to fit, NUL-terminated. */
void keel_rd_copy(char *dst, size_t size, const char *src);

/* The list operations (backend-real-disk.c). */
int keel_rd_disk_list(struct keel_backend *b, struct keel_disks *out,
                      struct keel_err *e);

/* open(2) a file or block device under the root; its size in *size.
 * The fd, or a KEEL_E* code with e (full: the path opened). */
int keel_rd_open(struct keel_backend *b, const char *dev, int flags,
                 char *full, uint64_t *size, struct keel_err *e);

/* pread exactly n bytes at off: 0, or -1 (errno set; 0 at the end). */
int keel_rd_pread(int fd, char *buf, size_t n, uint64_t off);

/* The read_at and sha256 operations (backend-real-bytes.c). */
int keel_rd_read_at(struct keel_backend *b, const char *path,
                    unsigned long long off, void *buf, size_t n,
                    size_t *got, struct keel_err *e);
int keel_rd_sha256(struct keel_backend *b, const char *path,
                   unsigned long long off, unsigned long long len,
                   unsigned char out[32], keel_progress_fn fn, void *ctx,
                   struct keel_err *e);

#endif
