/*
 * keel-error.c - error codes and messages (see keel-error.h).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

#include "keel-error.h"

int keel_err_set(struct keel_err *e, int code, const char *fmt, ...)
{
    va_list ap;

    if (!e)
        return code;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
    va_end(ap);
    return code;
}

void keel_err_clear(struct keel_err *e)
{
    if (e)
        e->msg[0] = '\0';
}

const char *keel_strerror(int code)
{
    switch (code) {
    case KEEL_OK:
        return "success";
    case KEEL_EINVAL:
        return "invalid input";
    case KEEL_EIO:
        return "input/output error";
    case KEEL_ENOMEM:
        return "out of memory";
    case KEEL_ENOENT:
        return "not found";
    case KEEL_EEXIST:
        return "already exists";
    case KEEL_EPERM:
        return "permission denied";
    case KEEL_ECMD:
        return "command failed";
    case KEEL_ENOTSUP:
        return "not supported";
    case KEEL_EBUSY:
        return "busy";
    case KEEL_ENOSPC:
        return "not enough room";
    default:
        return "unknown error";
    }
}

int keel_err_from_errno(int errnum)
{
    switch (errnum) {
    case ENOENT:
    case ENOTDIR:
        return KEEL_ENOENT;
    case ENOMEM:
        return KEEL_ENOMEM;
    case EEXIST:
        return KEEL_EEXIST;
    case EACCES:
    case EPERM:
    case EROFS:
        return KEEL_EPERM;
    case EINVAL:
    case ENAMETOOLONG:
        return KEEL_EINVAL;
    case ENOSYS:
    case EOPNOTSUPP:
        return KEEL_ENOTSUP;
    default:
        return KEEL_EIO;
    }
}
