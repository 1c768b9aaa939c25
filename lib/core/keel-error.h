/*
 * keel-error.h - the error convention of libkeel.
 *
 * Every fallible function returns 0 (KEEL_OK) or one negative KEEL_E*
 * code, and may fill a caller-owned struct keel_err with one sentence
 * that says what is wrong and how to fix it.  The library never prints;
 * the caller decides whether the message goes to a screen, stderr or a
 * log.  A NULL struct keel_err * is always accepted and means "I only
 * want the code".
 */
#ifndef KEEL_ERROR_H
#define KEEL_ERROR_H

enum {
    KEEL_OK = 0,
    KEEL_EINVAL = -1,  /* bad input: a value, a file's syntax, a request */
    KEEL_EIO = -2,     /* the system refused: read, write, fsync, fork */
    KEEL_ENOMEM = -3,  /* out of memory */
    KEEL_ENOENT = -4,  /* no such file, setting, program or object */
    KEEL_EEXIST = -5,  /* already exists */
    KEEL_EPERM = -6,   /* permission denied */
    KEEL_ECMD = -7,    /* a program ran but failed (non-zero exit) */
    KEEL_ENOTSUP = -8, /* this backend cannot do that */
    KEEL_EBUSY = -9,   /* held by another process (a lock) */
    KEEL_ENOSPC = -10, /* not enough room: memory, disk space */
};

#define KEEL_ERR_MSG_MAX 256

struct keel_err {
    char msg[KEEL_ERR_MSG_MAX]; /* NUL-terminated; truncated if longer */
};

/*
 * Format a message into e (if e is not NULL) and return code, so callers
 * can write `return keel_err_set(e, KEEL_EINVAL, "...", ...);`.
 */
int keel_err_set(struct keel_err *e, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Clear e (if not NULL) to the empty message. */
void keel_err_clear(struct keel_err *e);

/* A short static description of code ("invalid input", ...). */
const char *keel_strerror(int code);

/* Map an errno value to the nearest KEEL_E* code (never KEEL_OK). */
int keel_err_from_errno(int errnum);

#endif
