/*
 * grubenv-slots.c - the A/B slot variables (keel-grubenv.h).  The walk
 * here must stay the one lib/install/install-grubcfg.c writes for GRUB.
 */
#include <stdio.h>
#include <string.h>

#include "keel-grubenv.h"

int keel_slot_index(char slot)
{
    return slot == 'A' ? 0 : slot == 'B' ? 1 : -1;
}

char keel_slot_other(char slot)
{
    return slot == 'A' ? 'B' : 'A';
}

void keel_slots_initial(struct keel_slots *s)
{
    *s = (struct keel_slots){ { 'A', 'B' }, { 1, 0 }, { 0, 0 } };
}

static int flag(const struct keel_grubenv *g, const char *name, int *v,
                struct keel_err *e)
{
    const char *s = keel_grubenv_get(g, name);

    if (!s || !s[0]) {
        *v = 0;
        return 0;
    }
    if (strcmp(s, "0") && strcmp(s, "1"))
        return keel_err_set(e, KEEL_EINVAL, "grubenv: %s=%.20s; it must "
                            "be 0 or 1", name, s);
    *v = s[0] - '0';
    return 0;
}

int keel_slots_get(struct keel_slots *s, const struct keel_grubenv *g,
                   struct keel_err *e)
{
    static const char *const names[2][2] = { { "A_OK", "A_TRY" },
                                             { "B_OK", "B_TRY" } };
    const char *order = keel_grubenv_get(g, "ORDER");
    struct keel_slots t;
    int rc = 0;

    keel_slots_initial(&t);
    if (order && strcmp(order, "A B") && strcmp(order, "B A"))
        return keel_err_set(e, KEEL_EINVAL, "grubenv: ORDER=\"%.20s\"; it"
                            " must be \"A B\" or \"B A\"", order);
    if (order) {
        t.order[0] = order[0];
        t.order[1] = order[2];
    }
    for (int i = 0; !rc && i < 2; i++) {
        rc = flag(g, names[i][0], &t.ok[i], e);
        if (!rc)
            rc = flag(g, names[i][1], &t.try_[i], e);
    }
    if (!rc)
        *s = t;
    return rc;
}

int keel_slots_put(const struct keel_slots *s, struct keel_grubenv *g,
                   struct keel_err *e)
{
    char order[4] = { s->order[0], ' ', s->order[1], '\0' };
    char v[4][2] = { { (char)('0' + s->ok[0]), 0 },
                     { (char)('0' + s->try_[0]), 0 },
                     { (char)('0' + s->ok[1]), 0 },
                     { (char)('0' + s->try_[1]), 0 } };
    int rc = keel_grubenv_set(g, "ORDER", order, e);

    if (!rc)
        rc = keel_grubenv_set(g, "A_OK", v[0], e);
    if (!rc)
        rc = keel_grubenv_set(g, "A_TRY", v[1], e);
    if (!rc)
        rc = keel_grubenv_set(g, "B_OK", v[2], e);
    if (!rc)
        rc = keel_grubenv_set(g, "B_TRY", v[3], e);
    return rc;
}

static char walk(const struct keel_slots *s)
{
    for (int i = 0; i < 2; i++) {
        int k = keel_slot_index(s->order[i]);

        if (k >= 0 && s->ok[k] && !s->try_[k])
            return s->order[i];
    }
    return 0;
}

char keel_slots_pick(struct keel_slots *s)
{
    char slot = walk(s);

    if (!slot) {
        /* Every OK slot was tried (a power cut during a good boot, or
         * mark-good never ran): try them again rather than not boot. */
        for (int k = 0; k < 2; k++)
            if (s->ok[k])
                s->try_[k] = 0;
        slot = walk(s);
    }
    if (slot)
        s->try_[keel_slot_index(slot)] = 1;
    return slot;
}

char keel_slots_active(const struct keel_slots *s)
{
    for (int i = 0; i < 2; i++) {
        int k = keel_slot_index(s->order[i]);

        if (k >= 0 && s->ok[k])
            return s->order[i];
    }
    return 0;
}

void keel_slots_mark_bad(struct keel_slots *s, char slot)
{
    int k = keel_slot_index(slot);

    if (k >= 0)
        s->ok[k] = s->try_[k] = 0;
}

void keel_slots_activate(struct keel_slots *s, char slot)
{
    int k = keel_slot_index(slot);

    if (k < 0)
        return;
    s->ok[k] = 1;
    s->try_[k] = 0;
    s->order[0] = slot;
    s->order[1] = keel_slot_other(slot);
}

void keel_slots_mark_good(struct keel_slots *s, char slot)
{
    int k = keel_slot_index(slot);

    if (k >= 0) {
        s->ok[k] = 1;
        s->try_[k] = 0;
    }
}
