/*
 * elfdeps-priv.h - what elfdeps-parse.c and elfdeps-closure.c share.
 *
 * Private to the module: callers outside rootfs/elfdeps-*.c use only
 * elfdeps.h.
 */
#ifndef KEEL_ELFDEPS_PRIV_H
#define KEEL_ELFDEPS_PRIV_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* Write the message into ERR (if any) and return RC, so an error path
 * is one statement.  Static: the module exports nothing new. */
__attribute__((format(printf, 4, 5)))
static inline int fail(char *err, size_t errlen, int rc, const char *fmt,
                       ...)
{
    va_list ap;

    if (err && errlen) {
        va_start(ap, fmt);
        vsnprintf(err, errlen, fmt, ap);
        va_end(ap);
    }
    return rc;
}

/*
 * True if BUF[0..LEN) is an ELF relocatable object (ET_REL: a GRUB
 * .mod, a kernel .ko, a .o) of any class and either byte order.  ld.so
 * never loads those, so as inputs they are skipped like non-ELF files.
 * Reads only e_ident and e_type; safe on any bytes.
 */
bool keel_elfdeps_is_rel(const void *buf, size_t len);

#endif
