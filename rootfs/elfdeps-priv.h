/*
 * elfdeps-priv.h - what elfdeps-parse.c, elfdeps-path.c and
 * elfdeps-closure.c share.
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

/* ---- elfdeps-path.c: paths inside a sysroot -------------------------- */

/* A list of distinct strings, each malloc'ed; zero-initialise it, free
 * it with keel_elfdeps_strv_free. */
struct keel_elfdeps_strv {
    char **v;
    size_t n, cap;
};

/* Room for element N of ARR (SIZE-byte elements, *CAP allocated): returns
 * ARR, moved if need be, or NULL (ARR untouched) when out of memory. */
void *keel_elfdeps_grow(void *arr, size_t *cap, size_t n, size_t size);

bool keel_elfdeps_strv_has(const struct keel_elfdeps_strv *sv,
                           const char *s);

/* Append a copy of S unless it is there already.  0 or -ENOMEM. */
int keel_elfdeps_strv_add(struct keel_elfdeps_strv *sv, const char *s);

/* Free the strings and the array; SV is left empty, ready for reuse. */
void keel_elfdeps_strv_free(struct keel_elfdeps_strv *sv);

/* P relative to the sysroot: leading slashes, "." components and
 * repeated slashes dropped, ".." kept.  Caller frees; NULL when out of
 * memory. */
char *keel_elfdeps_clean_path(const char *p);

/* Directory part of a clean path; "" for the sysroot itself.  Caller
 * frees; NULL when out of memory. */
char *keel_elfdeps_dir_of(const char *path);

/*
 * Follow PATH inside the sysroot open as DFD, as the kernel would after
 * chroot(2).  Adds every symlink met to LINKS and returns the real path
 * in *REAL (caller frees).  Returns 0 or -errno (-ENOENT, -ENOTDIR,
 * -ELOOP, -EISDIR for the sysroot itself ...).
 */
int keel_elfdeps_resolve(int dfd, const char *path,
                         struct keel_elfdeps_strv *links, char **real);

/* Add search dir S[0..N) to DIRS, cleaned, with $ORIGIN and ${ORIGIN}
 * expanded to ORIGIN if that is not NULL.  0 or -ENOMEM. */
int keel_elfdeps_add_dir(struct keel_elfdeps_strv *dirs, const char *s,
                         size_t n, const char *origin);

/* keel_elfdeps_add_dir for each element of the colon-separated LIST
 * (an rpath or runpath).  0 or -ENOMEM. */
int keel_elfdeps_add_dirs(struct keel_elfdeps_strv *dirs, const char *list,
                          const char *origin);

#endif
