/*
 * backend-real.c - the backend that touches the real system: its
 * constructor and the helpers its files share (backend-real.h).
 *
 * Operations by file: files (backend-real-files.c), programs
 * (backend-real-run.c) and lock files (backend-real-lock.c) in every
 * real backend; the groups a program
 * installs: disks (backend-real-disk.c, -nic.c, -block.c) and Xen
 * (backend-real-xen.c).  File paths are prefixed with an optional root
 * directory so the tests can exercise exactly this code under a
 * temporary directory.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "backend-real.h"

struct real {
    char root[PATH_MAX]; /* "" for none; never ends with '/' */
};

const char *keel_real_root(struct keel_backend *b)
{
    return ((const struct real *)b->priv)->root;
}

int keel_real_path(struct keel_backend *b, char *buf, size_t size,
                   const char *fmt, ...)
{
    va_list ap;
    int n = snprintf(buf, size, "%s", keel_real_root(b)), m;

    va_start(ap, fmt);
    m = vsnprintf(buf + n, size - (size_t)n, fmt, ap);
    va_end(ap);
    return m < 0 || (size_t)(n + m) >= size ? -1 : 0;
}

void keel_real_line(const char *path, char *buf, size_t size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    ssize_t n = fd >= 0 ? read(fd, buf, size - 1) : -1;
    size_t len;

    if (fd >= 0)
        close(fd);
    buf[n > 0 ? n : 0] = '\0';
    buf[strcspn(buf, "\n")] = '\0';
    len = strlen(buf);
    while (len && isspace((unsigned char)buf[len - 1]))
        buf[--len] = '\0';
    len = strspn(buf, " \t");
    memmove(buf, buf + len, strlen(buf + len) + 1);
}

unsigned long long keel_real_num(const char *path)
{
    char buf[32];

    keel_real_line(path, buf, sizeof(buf));
    return strtoull(buf, NULL, 10);
}

int keel_real_err(struct keel_err *e, const char *what, const char *path)
{
    int errnum = errno;

    return keel_err_set(e, keel_err_from_errno(errnum), "cannot %s %s: %s",
                        what, path, strerror(errnum));
}

long long keel_real_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void keel_real_copy(char *dst, size_t size, const char *src)
{
    size_t n = strlen(src);

    if (n >= size)
        n = size - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

static void real_destroy(struct keel_backend *b)
{
    free(b->priv);
    free(b);
}

struct keel_backend *keel_backend_real_with(const char *root,
                                            const keel_group_setup *groups,
                                            size_t ngroups)
{
    struct keel_backend *b = calloc(1, sizeof(*b));
    struct real *r = calloc(1, sizeof(*r));
    size_t n;

    if (!b || !r || (root && strlen(root) >= sizeof(r->root))) {
        free(b);
        free(r);
        return NULL;
    }
    snprintf(r->root, sizeof(r->root), "%s", root ? root : "");
    n = strlen(r->root);
    while (n && r->root[n - 1] == '/')
        r->root[--n] = '\0';
    b->name = "real";
    b->destroy = real_destroy;
    b->priv = r;
    keel_real_files_ops(b);
    keel_real_run_ops(b);
    keel_real_lock_ops(b);
    for (size_t i = 0; i < ngroups; i++)
        if (groups[i](b)) {
            keel_backend_free(b);
            return NULL;
        }
    return b;
}
