/*
 * backend-real-run.c - the real backend's programs: run one from an
 * argv with its output captured and an optional time limit, or hand it
 * the terminal (keel-backend.h's run, keel-xen.h's run_tty).  Part of
 * every real backend.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "backend-real.h"
#include "keel-xen.h"

/* In a child before exec: SIGINT, SIGQUIT and SIGTSTP back to default
 * (keel-console ignores them; an ignored signal stays so across exec,
 * and a shell or a service it starts must not inherit that). */
static void child_signals(void)
{
    signal(SIGINT, SIG_DFL);
    signal(SIGQUIT, SIG_DFL);
    signal(SIGTSTP, SIG_DFL);
}

/* Child side of run(): never returns.  A program with a time limit
 * gets a process group of its own, to be stopped whole at the limit. */
static void child_exec(const char *const *argv, int out, int err, int st,
                       int group)
{
    int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
    int errnum;

    child_signals();
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
    w->end_ms = keel_real_ms() + EXIT_GRACE_MS;
}

/* How long poll() may wait: -1 with no watch, 0 when time is up. */
static int watch_wait_ms(struct watch *w)
{
    long long left;

    if (!w)
        return -1;
    watch_reap(w);
    left = w->end_ms - keel_real_ms();
    if (left <= 0)
        return 0;
    return left < TICK_MS ? (int)left : TICK_MS;
}

/* Wait for the program to exit: until end_ms, or for ms if ms is not
 * 0 (after a signal); 1 if it did. */
static int watch_exit(struct watch *w, long long ms)
{
    long long end = ms ? keel_real_ms() + ms : w->end_ms;

    watch_reap(w);
    while (!w->exited && keel_real_ms() < end) {
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
            rc = keel_real_err(e, "wait for", "program output");
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
                if (r->on_out)
                    r->on_out(r->on_out_ctx, chunk, (size_t)n);
            } else {
                keep(r->err, r->err_size, &r->err_len, chunk, (size_t)n,
                     &r->truncated);
                if (r->on_err)
                    r->on_err(r->on_err_ctx, chunk, (size_t)n);
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
            return keel_real_err(e, "wait for", prog);
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
        return keel_real_err(e, "wait for", prog);
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
    w.end_ms = keel_real_ms() + (long long)r->timeout_s * 1000;
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
        rc = keel_real_err(e, "run", argv[0]);
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
        rc = keel_real_err(e, "make pipes to run", argv[0]);
        goto out;
    }
    pid = fork();
    if (pid < 0) {
        rc = keel_real_err(e, "fork to run", argv[0]);
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

static int real_run_tty(struct keel_backend *b, const char *const *argv,
                        int *status, struct keel_err *e)
{
    pid_t pid;
    int st;

    (void)b;
    pid = fork();
    if (pid < 0)
        return keel_err_set(e, KEEL_EIO, "cannot start %s: %s", argv[0],
                            strerror(errno));
    if (pid == 0) {
        child_signals();
        execvp(argv[0], (char *const *)argv);
        _exit(127);
    }
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR)
            return keel_err_set(e, KEEL_EIO, "lost %s: %s", argv[0],
                                strerror(errno));
    *status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    if (*status == 127)
        return keel_err_set(e, KEEL_ENOENT, "cannot run %s", argv[0]);
    return 0;
}

void keel_real_run_ops(struct keel_backend *b)
{
    b->run = real_run;
    b->run_tty = real_run_tty;
}
