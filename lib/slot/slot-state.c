/*
 * slot-state.c - both slots as the console shows them (keel-slot.h):
 * a copy of grubenv's slot variables in /run, and what each slot holds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keel-host.h"
#include "keel-slot.h"

void keel_slot_state_cache(struct keel_backend *b,
                           const struct keel_slots *s)
{
    char text[128];
    int n = snprintf(text, sizeof(text), "ORDER=%c %c\nA_OK=%d\nA_TRY=%d\n"
                     "B_OK=%d\nB_TRY=%d\n", s->order[0], s->order[1],
                     s->ok[0], s->try_[0], s->ok[1], s->try_[1]);

    keel_backend_write(b, KEEL_SLOT_STATE_CACHE, text, (size_t)n, 0644,
                       NULL);
}

/* The cached slot variables; 0 if there are none to trust. */
static int cached(struct keel_backend *b, struct keel_slots *s)
{
    char *text = NULL;
    size_t len;
    struct keel_grubenv g;
    char block[KEEL_GRUBENV_SIZE + 64];
    int ok;

    if (keel_backend_read(b, KEEL_SLOT_STATE_CACHE, &text, &len, NULL))
        return 0;
    snprintf(block, sizeof(block), "# GRUB Environment Block\n%s", text);
    free(text);
    ok = !keel_grubenv_parse(&g, block, strlen(block), NULL) &&
         !keel_slots_get(s, &g, NULL);
    return ok;
}

/* "X VERSION [DATE]" of slot in the slot-versions text. */
static void from_versions(const char *text, char slot,
                          struct keel_slot_view *v)
{
    const char *l = keel_slot_line_in(text, slot), *d;

    if (!l)
        return;
    keel_slot_version_in(l, slot, v->version, sizeof(v->version));
    d = l + 2 + strcspn(l + 2, " \n");
    if (*d == ' ')
        snprintf(v->build_date, sizeof(v->build_date), "%.*s",
                 (int)strcspn(d + 1, " \n"), d + 1);
}

static const char *state_of(const struct keel_slots *s, int known,
                            char slot, char booted,
                            const struct keel_slot_fallback *fb,
                            const char *version)
{
    int k = keel_slot_index(slot);

    if (slot == booted)
        return "running";
    if (fb && fb->failed == slot && (!known || !s->ok[k]))
        return "failed";
    if (!known)
        return version[0] && strcmp(version, "-") ? "unknown" : "empty";
    if (s->ok[k])
        return s->order[0] == slot && !s->try_[k] ? "trial pending"
                                                  : "good";
    return !version[0] || !strcmp(version, "-") ? "empty" : "not bootable";
}

void keel_slot_views(struct keel_backend *b, char booted,
                     const char *running_version,
                     const struct keel_slot_fallback *fb,
                     struct keel_slot_view v[2])
{
    struct keel_slots s;
    char *text = NULL;
    size_t len;
    int known = cached(b, &s);

    memset(v, 0, 2 * sizeof(*v));
    if (!keel_backend_read(b, KEEL_SLOT_VERSIONS, &text, &len, NULL)) {
        from_versions(text, 'A', &v[0]);
        from_versions(text, 'B', &v[1]);
    }
    free(text);
    for (int i = 0; i < 2; i++) {
        if ("AB"[i] == booted && running_version[0])
            snprintf(v[i].version, sizeof(v[i].version), "%s",
                     running_version);
        v[i].state = state_of(&s, known, "AB"[i], booted, fb,
                              v[i].version);
    }
}
