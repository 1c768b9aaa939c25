/*
 * backend-real-lock.c - the real backend's lock files (keel-backend.h's
 * lock and unlock): part of every real backend.
 *
 * Locks are flock(2)s and not fcntl locks: an flock lock belongs to the
 * open file, so no close of another descriptor of the same file drops
 * it, and the descriptor is close-on-exec so that a service restarted
 * meanwhile (sshd) never holds it for ever.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "backend-real.h"

#define LOCK_POLL_MS 50

/* "keelctl (pid 812)" from the lock file, or a plain "another process"
 * when the holder has not written it yet. */
static void holder(int fd, char *buf, size_t size)
{
    char text[96];
    ssize_t n = pread(fd, text, sizeof(text) - 1, 0);
    long pid;
    char name[32];

    snprintf(buf, size, "another process");
    if (n <= 0)
        return;
    text[n] = '\0';
    if (sscanf(text, "%ld %31s", &pid, name) == 2)
        snprintf(buf, size, "%s (pid %ld)", name, pid);
}

/* Say who holds the lock now: what the next writer that gives up reads. */
static void record(int fd)
{
    char text[96];
    int n = snprintf(text, sizeof(text), "%ld %s\n", (long)getpid(),
                     program_invocation_short_name);

    if (ftruncate(fd, 0) < 0 || pwrite(fd, text, (size_t)n, 0) != n)
        return; /* only the holder's name in a message is lost */
}

static int wait_lock(int fd, const char *path, unsigned timeout_s,
                     struct keel_err *e)
{
    long long end = keel_real_ms() + (long long)timeout_s * 1000;
    struct timespec tick = { 0, LOCK_POLL_MS * 1000000L };
    char who[64];

    while (flock(fd, LOCK_EX | LOCK_NB) < 0) {
        if (errno == EINTR)
            continue;
        if (errno != EWOULDBLOCK)
            return keel_err_set(e, keel_err_from_errno(errno), "cannot "
                                "lock %s: %s", path, strerror(errno));
        if (keel_real_ms() >= end) {
            holder(fd, who, sizeof(who));
            return keel_err_set(e, KEEL_EBUSY, "%s is held by %s, still "
                                "after %u s", path, who, timeout_s);
        }
        nanosleep(&tick, NULL);
    }
    return 0;
}

static int real_lock(struct keel_backend *b, const char *path,
                     unsigned timeout_s, int *handle, struct keel_err *e)
{
    char full[PATH_MAX];
    int fd, rc;

    if (keel_real_path(b, full, sizeof(full), "%s", path))
        return keel_err_set(e, KEEL_EINVAL, "path %s is too long", path);
    fd = open(full, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0)
        return keel_err_set(e, keel_err_from_errno(errno), "cannot open "
                            "the lock file %s: %s", path, strerror(errno));
    rc = wait_lock(fd, path, timeout_s, e);
    if (rc) {
        close(fd);
        return rc;
    }
    record(fd);
    *handle = fd;
    return 0;
}

static void real_unlock(struct keel_backend *b, int handle)
{
    (void)b;
    /* free again: a writer that waits next must not name us */
    while (ftruncate(handle, 0) < 0 && errno == EINTR)
        ;
    close(handle); /* and with it the lock */
}

void keel_real_lock_ops(struct keel_backend *b)
{
    b->lock = real_lock;
    b->unlock = real_unlock;
}
