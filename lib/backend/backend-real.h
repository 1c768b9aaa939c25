/*
 * backend-real.h - private to the real backend (lib/backend/): the
 * root every path goes under, the helpers its files share, and the
 * function each file installs its operations with.
 */
#ifndef KEEL_BACKEND_REAL_H
#define KEEL_BACKEND_REAL_H

#include <limits.h>
#include <stddef.h>

#include "keel-backend.h"

/* The root given to keel_backend_real_with: "" for none. */
const char *keel_real_root(struct keel_backend *b);

/* root + the printf-formatted path into buf; -1 if it does not fit. */
int keel_real_path(struct keel_backend *b, char *buf, size_t size,
                   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* errno as a KEEL_E* code with "cannot WHAT PATH: strerror". */
int keel_real_err(struct keel_err *e, const char *what, const char *path);

/* The first line of a small sysfs file, trimmed; "" if unreadable. */
void keel_real_line(const char *path, char *buf, size_t size);
unsigned long long keel_real_num(const char *path);

/* CLOCK_MONOTONIC in milliseconds, for time limits. */
long long keel_real_ms(void);

/* Copy src into dst of size bytes, cut to fit, NUL-terminated. */
void keel_real_copy(char *dst, size_t size, const char *src);

/* Each file's operations onto b. */
void keel_real_files_ops(struct keel_backend *b); /* backend-real-files.c */
void keel_real_run_ops(struct keel_backend *b);   /* backend-real-run.c */
void keel_real_lock_ops(struct keel_backend *b);  /* backend-real-lock.c */
void keel_real_nic_ops(struct keel_backend *b);   /* backend-real-nic.c */
void keel_real_block_ops(struct keel_backend *b); /* backend-real-block.c */

#endif
