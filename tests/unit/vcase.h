/*
 * vcase.h - table-driven validator tests: one row per input, whether it
 * is accepted, and (when refused) a substring the message must contain.
 */
#ifndef KEEL_UNIT_VCASE_H
#define KEEL_UNIT_VCASE_H

#include <stddef.h>

#include "keel-error.h"

struct vcase {
    const char *in;
    int ok;
    const char *msg; /* substring of the message when refused */
};

#define NCASES(t) (sizeof(t) / sizeof((t)[0]))

/* Run fn over the n rows of t; each mismatch is a unit failure. */
void unit_run_vcases(const char *what,
                     int (*fn)(const char *, struct keel_err *),
                     const struct vcase *t, size_t n);

#endif
