/*
 * backend-real-files.c - the real backend's files: read, read the tail
 * of a log, write atomically and synced, remove, list a directory
 * (keel-backend.h, keel-xen.h's list_dir).  Part of every real backend.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <linux/magic.h>
#include <unistd.h>

#include "backend-real.h"
#include "keel-xen.h"

/* root + path into buf, or KEEL_EINVAL naming the path. */
static int full_path(struct keel_backend *b, const char *path, char *buf,
                     size_t size, struct keel_err *e)
{
    if (keel_real_path(b, buf, size, "%s", path))
        return keel_err_set(e, KEEL_EINVAL, "path %s%s is too long",
                            keel_real_root(b), path);
    return 0;
}

/* Read fd to EOF, or to limit bytes if limit is not 0, into a growing
 * buffer; *data is NUL-terminated.  Without a limit a file larger than
 * KEEL_READ_MAX is refused. */
static int read_all(int fd, const char *path, size_t limit, char **data,
                    size_t *len, struct keel_err *e)
{
    size_t stop = limit ? limit : KEEL_READ_MAX + 1, cap = 4096, n = 0;
    char *buf = malloc(cap), *nb;
    ssize_t got = 1;

    while (buf && got != 0 && n < stop) {
        if (n + 1 == cap) {
            nb = realloc(buf, cap * 2);
            if (!nb)
                break;
            buf = nb;
            cap *= 2;
        }
        got = read(fd, buf + n, stop - n < cap - n - 1 ? stop - n
                                                      : cap - n - 1);
        if (got < 0 && errno != EINTR) {
            free(buf);
            return keel_real_err(e, "read", path);
        }
        n += got > 0 ? (size_t)got : 0;
    }
    if (buf && n <= KEEL_READ_MAX && (got == 0 || n == limit)) {
        buf[n] = '\0';
        *data = buf;
        *len = n;
        return 0;
    }
    free(buf);
    if (n > KEEL_READ_MAX)
        return keel_err_set(e, KEEL_EINVAL, "%s is larger than %u bytes; "
                            "it is not a file keel reads", path,
                            KEEL_READ_MAX);
    return keel_err_set(e, KEEL_ENOMEM, "out of memory reading %s", path);
}

/* Open path for reading into *fd. */
static int open_read(struct keel_backend *b, const char *path, char *full,
                     size_t size, int *fd, struct keel_err *e)
{
    int rc = full_path(b, path, full, size, e);

    if (rc)
        return rc;
    *fd = open(full, O_RDONLY | O_CLOEXEC);
    return *fd < 0 ? keel_real_err(e, "open", full) : 0;
}

static int real_read(struct keel_backend *b, const char *path, char **data,
                     size_t *len, struct keel_err *e)
{
    char full[PATH_MAX];
    int fd = -1, rc = open_read(b, path, full, sizeof(full), &fd, e);

    if (rc)
        return rc;
    rc = read_all(fd, full, 0, data, len, e);
    close(fd);
    return rc;
}

/* A log grows while it is read: take max bytes from where its end was. */
static int real_read_tail(struct keel_backend *b, const char *path,
                          size_t max, char **data, size_t *len,
                          struct keel_err *e)
{
    char full[PATH_MAX];
    int fd = -1, rc = open_read(b, path, full, sizeof(full), &fd, e);
    struct stat st;

    if (rc)
        return rc;
    if (fstat(fd, &st) < 0)
        rc = keel_real_err(e, "stat", full);
    else if (st.st_size > (off_t)max &&
             lseek(fd, st.st_size - (off_t)max, SEEK_SET) < 0)
        rc = keel_real_err(e, "seek in", full);
    else
        rc = read_all(fd, full, max, data, len, e);
    close(fd);
    return rc;
}

static int write_all(int fd, const char *p, size_t len)
{
    while (len) {
        ssize_t n = write(fd, p, len);

        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Make a rename or unlink in dir survive a power cut. */
static int fsync_dir(const char *dir, struct keel_err *e)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    int rc = 0;

    if (fd < 0)
        return keel_real_err(e, "open directory", dir);
    if (fsync(fd) < 0)
        rc = keel_real_err(e, "fsync directory", dir);
    close(fd);
    return rc;
}

/* Split full into dir (at least "/") and a temp-file template. */
static void temp_names(const char *full, char *dir, size_t dsize,
                       char *tmp, size_t tsize)
{
    const char *slash = strrchr(full, '/');
    size_t dlen = (size_t)(slash - full);

    snprintf(dir, dsize, "%.*s", (int)(dlen ? dlen : 1), full);
    snprintf(tmp, tsize, "%.*s/.%s.XXXXXX", (int)dlen, full, slash + 1);
}

/*
 * FAT (the ESP) has no atomic rename: a power cut during one can leave a
 * directory entry pointing at no cluster, and GRUB then cannot read
 * grubenv at all (found by t_update_faults: "invalid cluster 0", a host
 * waiting at the GRUB menu).  A file of the same size there is rewritten
 * in place instead, as GRUB's own save_env does: no allocation, no
 * directory change, and grubenv's variables all sit in its first
 * sector, which the disk writes whole.  1 if it did (rc in *rc).
 */
static int fat_in_place(const char *full, const void *data, size_t len,
                        int *rc, struct keel_err *e)
{
    struct statfs fs;
    struct stat st;
    int fd;

    if (statfs(full, &fs) < 0 || fs.f_type != MSDOS_SUPER_MAGIC ||
        stat(full, &st) < 0 || !S_ISREG(st.st_mode) ||
        (size_t)st.st_size != len)
        return 0;
    fd = open(full, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    *rc = 0;
    if (pwrite(fd, data, len, 0) != (ssize_t)len || fsync(fd) < 0)
        *rc = keel_real_err(e, "write", full);
    close(fd);
    return 1;
}

static int real_write(struct keel_backend *b, const char *path,
                      const void *data, size_t len, unsigned mode,
                      struct keel_err *e)
{
    char full[PATH_MAX], dir[PATH_MAX], tmp[PATH_MAX + 16];
    int fd = -1, rc, made = 0;

    rc = full_path(b, path, full, sizeof(full), e);
    if (rc)
        goto out;
    if (fat_in_place(full, data, len, &rc, e))
        goto out;
    temp_names(full, dir, sizeof(dir), tmp, sizeof(tmp));
    fd = mkostemp(tmp, O_CLOEXEC);
    if (fd < 0) {
        rc = keel_real_err(e, "create a temporary file in", dir);
        goto out;
    }
    made = 1;
    if (fchmod(fd, (mode_t)mode) < 0 || write_all(fd, data, len) < 0 ||
        fsync(fd) < 0) {
        rc = keel_real_err(e, "write", tmp);
        goto out;
    }
    rc = close(fd);
    fd = -1;
    if (rc < 0) {
        rc = keel_real_err(e, "write", tmp);
        goto out;
    }
    if (rename(tmp, full) < 0) {
        rc = keel_real_err(e, "replace", full);
        goto out;
    }
    made = 0;
    rc = fsync_dir(dir, e);
out:
    if (fd >= 0)
        close(fd);
    if (made)
        unlink(tmp);
    return rc;
}

static int real_remove(struct keel_backend *b, const char *path,
                       struct keel_err *e)
{
    char full[PATH_MAX], dir[PATH_MAX], unused[PATH_MAX + 16];
    int rc;

    rc = full_path(b, path, full, sizeof(full), e);
    if (rc)
        return rc;
    if (unlink(full) < 0)
        return keel_real_err(e, "remove", full);
    temp_names(full, dir, sizeof(dir), unused, sizeof(unused));
    return fsync_dir(dir, e);
}

static int real_list_dir(struct keel_backend *b, const char *path,
                         char ***names, size_t *n, struct keel_err *e)
{
    char full[PATH_MAX];
    DIR *d;
    struct dirent *de;
    char **v = NULL;
    size_t cap = 0;
    int rc = full_path(b, path, full, sizeof(full), e);

    if (rc)
        return rc;
    d = opendir(full);
    if (!d)
        return keel_err_set(e, keel_err_from_errno(errno), "cannot list "
                            "%s: %s", path, strerror(errno));
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        if (*n == cap) {
            char **t = realloc(v, (cap = cap ? cap * 2 : 16) * sizeof(*v));

            if (!t)
                break;
            v = t;
        }
        if (!(v[*n] = strdup(de->d_name)))
            break;
        (*n)++;
    }
    closedir(d);
    if (de) {
        keel_names_free(v, *n);
        *n = 0;
        return keel_err_set(e, KEEL_ENOMEM, "out of memory listing %s",
                            path);
    }
    *names = v; /* keel_backend_list_dir sorts */
    return 0;
}

void keel_real_files_ops(struct keel_backend *b)
{
    b->read_file = real_read;
    b->read_tail = real_read_tail;
    b->write_file = real_write;
    b->remove_file = real_remove;
    b->list_dir = real_list_dir;
}
