/*
 * keel-grubenv.h - GRUB's environment block and the A/B slot variables
 * of design section 5, as pure functions over text.
 *
 * The block is exactly 1024 bytes: "# GRUB Environment Block\n", then
 * "NAME=VALUE\n" lines, padded with '#'.  In values GRUB writes '\\'
 * and newline as "\\\\" and "\\\n".  Variables Keel does not know are
 * kept, in order, when a block is rewritten.
 *
 * The slot variables: ORDER ("A B" or "B A"), and per slot X_OK (1:
 * the slot holds a good system) and X_TRY (1: GRUB has started it
 * since it was last marked good).  GRUB walks ORDER and boots the
 * first slot with OK=1 and TRY=0, setting its TRY=1 first; if there is
 * none, it clears TRY of every OK slot and walks again
 * (keel_slots_pick() is that walk, for tests and for "what boots
 * next").
 */
#ifndef KEEL_GRUBENV_H
#define KEEL_GRUBENV_H

#include <stddef.h>

#include "keel-error.h"

#define KEEL_GRUBENV_SIZE 1024
#define KEEL_GRUBENV_VARS 32
#define KEEL_GRUBENV_PATH "/boot/grub/grubenv" /* on the ESP */

struct keel_grubenv {
    int n;
    struct {
        char name[64];
        char value[256];
    } v[KEEL_GRUBENV_VARS];
};

/* The empty environment. */
void keel_grubenv_init(struct keel_grubenv *g);

/*
 * Parse len bytes of a block (any length up to 64 KiB is accepted, as
 * GRUB does).  KEEL_EINVAL with the reason (no header, a line without
 * '=', too many or too long variables) and g unchanged.
 */
int keel_grubenv_parse(struct keel_grubenv *g, const char *text,
                       size_t len, struct keel_err *e);

/* The 1024-byte block for g, not NUL-terminated.  KEEL_EINVAL if the
 * variables do not fit. */
int keel_grubenv_format(const struct keel_grubenv *g,
                        char out[KEEL_GRUBENV_SIZE], struct keel_err *e);

/* The value of name, or NULL (borrowed from g). */
const char *keel_grubenv_get(const struct keel_grubenv *g,
                             const char *name);

/* Set (add at the end or replace in place).  KEEL_EINVAL if name is not
 * [A-Za-z0-9_]+ or either does not fit; KEEL_ENOMEM when full. */
int keel_grubenv_set(struct keel_grubenv *g, const char *name,
                     const char *value, struct keel_err *e);

/* The A/B state. */
struct keel_slots {
    char order[2]; /* 'A', 'B' */
    int ok[2];     /* [0] slot A, [1] slot B */
    int try_[2];
};

/* After a fresh install: ORDER="A B", A_OK=1, A_TRY=0, B_OK=0, B_TRY=0. */
void keel_slots_initial(struct keel_slots *s);

/*
 * Read the slot variables from g.  Missing variables take the values
 * GRUB's defaults give them (ORDER "A B", flags 0).  KEEL_EINVAL for
 * values GRUB would misread (ORDER other than "A B"/"B A", flags other
 * than 0/1).
 */
int keel_slots_get(struct keel_slots *s, const struct keel_grubenv *g,
                   struct keel_err *e);

/* Write the five slot variables into g. */
int keel_slots_put(const struct keel_slots *s, struct keel_grubenv *g,
                   struct keel_err *e);

/* 0 for 'A', 1 for 'B', -1 otherwise. */
int keel_slot_index(char slot);

/*
 * GRUB's walk: the slot that boots next ('A', 'B', or 0 if none is OK),
 * updating s as GRUB does before booting it.
 */
char keel_slots_pick(struct keel_slots *s);

/* The slot the host runs from normally: the first OK one in ORDER. */
char keel_slots_active(const struct keel_slots *s);

/* The other slot. */
char keel_slot_other(char slot);

/* Before writing into slot: OK=0, TRY=0 (never booted while half
 * written).  After writing and checking it: OK=1, TRY=0, first in
 * ORDER.  mark_good: the booted slot is healthy: OK=1, TRY=0. */
void keel_slots_mark_bad(struct keel_slots *s, char slot);
void keel_slots_activate(struct keel_slots *s, char slot);
void keel_slots_mark_good(struct keel_slots *s, char slot);

#endif
