/*
 * install-slot.c - the A/B slot switch on an ESP (keel-install.h),
 * shared by the installer's upgrade mode and by updates.
 */
#include <stdio.h>

#include "install-int.h"

static int load(struct keel_backend *b, const char *esp_dir,
                struct keel_grubenv *g, struct keel_slots *s,
                struct keel_err *e)
{
    int rc = keel_grubenv_load(b, esp_dir, g, e);

    return rc ? rc : keel_slots_get(s, g, e);
}

int keel_slot_target(struct keel_backend *b, const char *esp_dir,
                     char *slot, struct keel_err *e)
{
    struct keel_grubenv g;
    struct keel_slots s;
    char active;
    int rc = load(b, esp_dir, &g, &s, e);

    if (rc)
        return rc;
    active = keel_slots_active(&s);
    if (!active)
        return keel_err_set(e, KEEL_EINVAL, "no slot is marked good in "
                            "grubenv; refusing to overwrite either");
    *slot = keel_slot_other(active);
    return 0;
}

static int change(struct keel_backend *b, const char *esp_dir, char slot,
                  void (*op)(struct keel_slots *, char), struct keel_err *e)
{
    struct keel_grubenv g;
    struct keel_slots s;
    int rc = load(b, esp_dir, &g, &s, e);

    if (rc)
        return rc;
    if (keel_slot_index(slot) < 0)
        return keel_err_set(e, KEEL_EINVAL, "no slot '%c'", slot);
    op(&s, slot);
    rc = keel_slots_put(&s, &g, e);
    return rc ? rc : keel_grubenv_save(b, esp_dir, &g, e);
}

int keel_slot_begin(struct keel_backend *b, const char *esp_dir, char slot,
                    struct keel_err *e)
{
    return change(b, esp_dir, slot, keel_slots_mark_bad, e);
}

int keel_slot_commit(struct keel_backend *b, const char *esp_dir,
                     char slot, struct keel_err *e)
{
    return change(b, esp_dir, slot, keel_slots_activate, e);
}
