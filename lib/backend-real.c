/*
 * backend-real.c - the backend that touches the real system.
 *
 * File paths are prefixed with an optional root directory so the tests
 * can exercise exactly this code under a temporary directory.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "keel-backend.h"
#include "keel-disk.h"
#include "keel-xen.h"

struct real {
    char root[PATH_MAX]; /* "" for none; never ends with '/' */
};

static int full_path(struct keel_backend *b, const char *path, char *buf,
                     size_t size, struct keel_err *e)
{
    const struct real *r = b->priv;
    int n = snprintf(buf, size, "%s%s", r->root, path);

    if (n < 0 || (size_t)n >= size)
        return keel_err_set(e, KEEL_EINVAL, "path %s%s is too long",
                            r->root, path);
    return 0;
}

static int sys_err(struct keel_err *e, const char *what, const char *path)
{
    int errnum = errno;

    return keel_err_set(e, keel_err_from_errno(errnum), "cannot %s %s: %s",
                        what, path, strerror(errnum));
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
            return sys_err(e, "read", path);
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
    return *fd < 0 ? sys_err(e, "open", full) : 0;
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
        rc = sys_err(e, "stat", full);
    else if (st.st_size > (off_t)max &&
             lseek(fd, st.st_size - (off_t)max, SEEK_SET) < 0)
        rc = sys_err(e, "seek in", full);
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
        return sys_err(e, "open directory", dir);
    if (fsync(fd) < 0)
        rc = sys_err(e, "fsync directory", dir);
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

static int real_write(struct keel_backend *b, const char *path,
                      const void *data, size_t len, unsigned mode,
                      struct keel_err *e)
{
    char full[PATH_MAX], dir[PATH_MAX], tmp[PATH_MAX + 16];
    int fd = -1, rc, made = 0;

    rc = full_path(b, path, full, sizeof(full), e);
    if (rc)
        goto out;
    temp_names(full, dir, sizeof(dir), tmp, sizeof(tmp));
    fd = mkostemp(tmp, O_CLOEXEC);
    if (fd < 0) {
        rc = sys_err(e, "create a temporary file in", dir);
        goto out;
    }
    made = 1;
    if (fchmod(fd, (mode_t)mode) < 0 || write_all(fd, data, len) < 0 ||
        fsync(fd) < 0) {
        rc = sys_err(e, "write", tmp);
        goto out;
    }
    rc = close(fd);
    fd = -1;
    if (rc < 0) {
        rc = sys_err(e, "write", tmp);
        goto out;
    }
    if (rename(tmp, full) < 0) {
        rc = sys_err(e, "replace", full);
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
        return sys_err(e, "remove", full);
    temp_names(full, dir, sizeof(dir), unused, sizeof(unused));
    return fsync_dir(dir, e);
}

/* Child side of run(): never returns. */
static void child_exec(const char *const *argv, int out, int err, int st)
{
    int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
    int errnum;

    if (null < 0 || dup2(null, 0) < 0 || dup2(out, 1) < 0 ||
        dup2(err, 2) < 0) {
        errnum = errno;
    } else {
        execvp(argv[0], (char *const *)argv);
        errnum = errno;
    }
    if (write(st, &errnum, sizeof(errnum)) < 0)
        _exit(127);
    _exit(127);
}

/* Append to a caller buffer, dropping what does not fit. */
static void keep(char *buf, size_t size, size_t *len, const char *p,
                 size_t n, int *truncated)
{
    size_t room = size ? size - 1 - *len : 0;

    if (n > room) {
        n = room;
        if (size)
            *truncated = 1;
    }
    if (n) {
        memcpy(buf + *len, p, n);
        *len += n;
        buf[*len] = '\0';
    }
}

/* Drain both pipes until EOF on each; the fds are closed here. */
static int drain(int fds[2], struct keel_run *r, struct keel_err *e)
{
    struct pollfd pf[2] = { { fds[0], POLLIN, 0 }, { fds[1], POLLIN, 0 } };
    char chunk[4096];
    int open_fds = 2, rc = 0;

    while (open_fds) {
        if (poll(pf, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            rc = sys_err(e, "wait for", "program output");
            break;
        }
        for (int i = 0; i < 2; i++) {
            ssize_t n;

            if (pf[i].fd < 0 || !pf[i].revents)
                continue;
            n = read(pf[i].fd, chunk, sizeof(chunk));
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                close(pf[i].fd);
                pf[i].fd = -1;
                open_fds--;
            } else if (i == 0) {
                keep(r->out, r->out_size, &r->out_len, chunk, (size_t)n,
                     &r->truncated);
            } else {
                keep(r->err, r->err_size, &r->err_len, chunk, (size_t)n,
                     &r->truncated);
            }
        }
    }
    for (int i = 0; i < 2; i++)
        if (pf[i].fd >= 0)
            close(pf[i].fd);
    return rc;
}

static int reap(pid_t pid, struct keel_run *r, const char *prog,
                struct keel_err *e)
{
    int st;

    while (waitpid(pid, &st, 0) < 0) {
        if (errno != EINTR)
            return sys_err(e, "wait for", prog);
    }
    if (WIFEXITED(st))
        r->status = WEXITSTATUS(st);
    else if (WIFSIGNALED(st)) {
        r->status = 128 + WTERMSIG(st);
        r->signal = WTERMSIG(st);
    }
    return 0;
}

/* The parent's half of run() once the child exists. */
static int run_parent(pid_t pid, int po[2], int pe[2], int ps[2],
                      const char *const *argv, struct keel_run *r,
                      struct keel_err *e)
{
    int fds[2] = { po[0], pe[0] };
    int errnum = 0, rc, rr;
    ssize_t n;

    close(po[1]);
    close(pe[1]);
    close(ps[1]);
    do
        n = read(ps[0], &errnum, sizeof(errnum));
    while (n < 0 && errno == EINTR);
    close(ps[0]);
    rc = drain(fds, r, e);
    rr = reap(pid, r, argv[0], e);
    if (!rc)
        rc = rr;
    if (!rc && n == (ssize_t)sizeof(errnum)) {
        r->status = -1;
        r->signal = 0;
        errno = errnum;
        rc = sys_err(e, "run", argv[0]);
        if (rc == KEEL_ENOENT)
            keel_err_set(e, rc, "cannot run %s: no such program; is it "
                         "installed and in PATH?", argv[0]);
    }
    return rc;
}

static int real_run(struct keel_backend *b, const char *const *argv,
                    struct keel_run *r, struct keel_err *e)
{
    int po[2] = { -1, -1 }, pe[2] = { -1, -1 }, ps[2] = { -1, -1 };
    pid_t pid;
    int rc;

    (void)b;
    if (pipe2(po, O_CLOEXEC) < 0 || pipe2(pe, O_CLOEXEC) < 0 ||
        pipe2(ps, O_CLOEXEC) < 0) {
        rc = sys_err(e, "make pipes to run", argv[0]);
        goto out;
    }
    pid = fork();
    if (pid < 0) {
        rc = sys_err(e, "fork to run", argv[0]);
        goto out;
    }
    if (pid == 0)
        child_exec(argv, po[1], pe[1], ps[1]);
    return run_parent(pid, po, pe, ps, argv, r, e);
out:
    for (int i = 0; i < 2; i++) {
        if (po[i] >= 0)
            close(po[i]);
        if (pe[i] >= 0)
            close(pe[i]);
        if (ps[i] >= 0)
            close(ps[i]);
    }
    return rc;
}

static void real_destroy(struct keel_backend *b)
{
    free(b->priv);
    free(b);
}

struct keel_backend *keel_backend_real_new(const char *root)
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
    b->read_file = real_read;
    b->read_tail = real_read_tail;
    b->write_file = real_write;
    b->remove_file = real_remove;
    b->run = real_run;
    b->destroy = real_destroy;
    b->priv = r;
    if (keel_real_xen_setup(b, r->root)) { /* console operations */
        keel_backend_free(b);
        return NULL;
    }
    if (keel_real_disk_setup(b, r->root)) { /* disks (installer) */
        keel_backend_free(b);
        return NULL;
    }
    return b;
}
