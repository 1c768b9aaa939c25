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
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <linux/magic.h>
#include <sys/wait.h>
#include <time.h>
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
        *rc = sys_err(e, "write", full);
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

/* Child side of run(): never returns.  A program with a time limit
 * gets a process group of its own, to be stopped whole at the limit. */
static void child_exec(const char *const *argv, int out, int err, int st,
                       int group)
{
    int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
    int errnum;

    if (null < 0 || dup2(null, 0) < 0 || dup2(out, 1) < 0 ||
        dup2(err, 2) < 0 || (group && setpgid(0, 0) < 0)) {
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

/*
 * A run with a time limit watches its program as well as its output.
 * The output of a program normally ends when it exits, but a daemon it
 * started may keep a copy of its stdout or stderr for ever (S30syslog's
 * syslogd once did, and keelctl and the console waited with it).  So
 * the program's exit ends the run: from then on its output is read for
 * EXIT_GRACE_MS more, for what is still in the pipe, and then our ends
 * are closed and its exit status stands.  The daemon is not ours to
 * stop: it is not the program that was run, and it lives on (a write
 * to the closed pipe gets EPIPE, or SIGPIPE if it does not ignore it).
 * A program still running at the limit is stopped: SIGTERM to its
 * process group (its own, see child_exec), SIGKILL STOP_GRACE_MS later.
 * The group is signalled only while the program is unreaped, so its id
 * cannot have been reused.  Daemons that left the group (setsid) are
 * untouched.  A program not gone STOP_GRACE_MS after SIGKILL (stuck in
 * the kernel) is left unreaped rather than waited for.
 */
#define EXIT_GRACE_MS 2000
#define STOP_GRACE_MS 1000
#define TICK_MS 50 /* how often to look whether the program exited */

struct watch {
    pid_t pid;
    int exited;       /* reaped, wait status in st, or waitpid failed */
    int st;
    int errnum;       /* waitpid's errno if it failed, else 0 */
    long long end_ms; /* the limit; once exited, the end of the grace */
};

static long long now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Reap the program if it exited (moving end_ms to the grace's end). */
static void watch_reap(struct watch *w)
{
    pid_t got;

    if (w->exited)
        return;
    got = waitpid(w->pid, &w->st, WNOHANG);
    if (got == 0 || (got < 0 && errno == EINTR))
        return;
    w->exited = 1;
    w->errnum = got < 0 ? errno : 0;
    w->end_ms = now_ms() + EXIT_GRACE_MS;
}

/* How long poll() may wait: -1 with no watch, 0 when time is up. */
static int watch_wait_ms(struct watch *w)
{
    long long left;

    if (!w)
        return -1;
    watch_reap(w);
    left = w->end_ms - now_ms();
    if (left <= 0)
        return 0;
    return left < TICK_MS ? (int)left : TICK_MS;
}

/* Wait for the program to exit: until end_ms, or for ms if ms is not
 * 0 (after a signal); 1 if it did. */
static int watch_exit(struct watch *w, long long ms)
{
    long long end = ms ? now_ms() + ms : w->end_ms;

    watch_reap(w);
    while (!w->exited && now_ms() < end) {
        poll(NULL, 0, TICK_MS);
        watch_reap(w);
    }
    return w->exited;
}

/* The group, and the program itself should it have left the group. */
static void watch_signal(const struct watch *w, int sig)
{
    kill(-w->pid, sig);
    kill(w->pid, sig);
}

/* The program outlived its limit: stop it and its process group. */
static void watch_stop(struct watch *w, struct keel_run *r)
{
    watch_signal(w, SIGTERM);
    if (!watch_exit(w, STOP_GRACE_MS)) {
        watch_signal(w, SIGKILL);
        watch_exit(w, STOP_GRACE_MS);
    }
    r->timed_out = 1;
}

/* Drain both pipes until EOF on each, or until w says time is up; the
 * fds are closed here. */
static int drain(int fds[2], struct keel_run *r, struct watch *w,
                 struct keel_err *e)
{
    struct pollfd pf[2] = { { fds[0], POLLIN, 0 }, { fds[1], POLLIN, 0 } };
    char chunk[4096];
    int open_fds = 2, rc = 0, ms;

    while (open_fds && (ms = watch_wait_ms(w)) != 0) {
        if (poll(pf, 2, ms) < 0) {
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

static void put_status(struct keel_run *r, int st)
{
    if (WIFEXITED(st))
        r->status = WEXITSTATUS(st);
    else if (WIFSIGNALED(st)) {
        r->status = 128 + WTERMSIG(st);
        r->signal = WTERMSIG(st);
    }
}

static int reap(pid_t pid, struct keel_run *r, const char *prog,
                struct keel_err *e)
{
    int st;

    while (waitpid(pid, &st, 0) < 0) {
        if (errno != EINTR)
            return sys_err(e, "wait for", prog);
    }
    put_status(r, st);
    return 0;
}

/* reap() for a program with a time limit, once its output is done:
 * wait for its exit up to the limit, else stop it. */
static int watch_end(struct watch *w, struct keel_run *r, const char *prog,
                     struct keel_err *e)
{
    if (!watch_exit(w, 0))
        watch_stop(w, r);
    if (!w->exited)
        return 0; /* not gone: r->status stays -1 */
    if (w->errnum) {
        errno = w->errnum;
        return sys_err(e, "wait for", prog);
    }
    put_status(r, w->st);
    return 0;
}

/* The parent's half of run() once the child exists. */
static int run_parent(pid_t pid, int po[2], int pe[2], int ps[2],
                      const char *const *argv, struct keel_run *r,
                      struct keel_err *e)
{
    int fds[2] = { po[0], pe[0] };
    int errnum = 0, rc, rr;
    struct watch w = { pid, 0, 0, 0, 0 };
    ssize_t n;

    close(po[1]);
    close(pe[1]);
    close(ps[1]);
    do
        n = read(ps[0], &errnum, sizeof(errnum));
    while (n < 0 && errno == EINTR);
    close(ps[0]);
    w.end_ms = now_ms() + (long long)r->timeout_s * 1000;
    rc = drain(fds, r, r->timeout_s ? &w : NULL, e);
    if (r->timeout_s)
        rr = watch_end(&w, r, argv[0], e);
    else
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
        child_exec(argv, po[1], pe[1], ps[1], r->timeout_s != 0);
    if (r->timeout_s)
        setpgid(pid, pid); /* as the child does: whichever runs first */
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
    b->read_file = real_read;
    b->read_tail = real_read_tail;
    b->write_file = real_write;
    b->remove_file = real_remove;
    b->run = real_run;
    b->destroy = real_destroy;
    b->priv = r;
    if (keel_real_dirs_setup(b, r->root)) {
        keel_backend_free(b);
        return NULL;
    }
    for (size_t i = 0; i < ngroups; i++)
        if (groups[i](b, r->root)) {
            keel_backend_free(b);
            return NULL;
        }
    return b;
}
