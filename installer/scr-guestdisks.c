/*
 * scr-guestdisks.c - extra disks for the storage repository: whole
 * disks that join the LVM volume group (erased too).  None is the
 * default.
 */
#include <stdio.h>
#include <string.h>

#include "scr-guestdisks.h"
#include "ui.h"

#define MAX_DISKS 32

/* Why d cannot join the SR, "" if it can. */
static void why_not(const struct inst *in, const struct keel_disk *d,
                    char *buf, size_t size)
{
    struct keel_err e;

    buf[0] = '\0';
    if (!strcmp(d->name, in->a.primary))
        snprintf(buf, size, "the primary disk");
    else if (d->boot_medium)
        snprintf(buf, size, "holds the installer medium");
    else if (d->readonly)
        snprintf(buf, size, "read-only");
    else if (keel_layout_check_guest(d->size, &e))
        snprintf(buf, size, "%.*s", (int)(size - 1), e.msg);
}

enum step_result scr_guestdisks_ask(struct inst *in)
{
    struct ui_item v[MAX_DISKS];
    int n = in->disks.n < MAX_DISKS ? (int)in->disks.n : MAX_DISKS, k;
    struct ui_list l = { "Choose extra disks for the storage repository "
                         "(virtual machine disks), if any. They are "
                         "erased and joined to it; none is fine.",
                         " Up/Down: move   Space: select   Enter: next   "
                         "Esc: back", v, n, 0, 1, 8, NULL };

    memset(v, 0, sizeof(v));
    for (int i = 0; i < n; i++) {
        const struct keel_disk *d = &in->disks.v[i];
        char size[16];

        keel_size_format(d->size, size);
        snprintf(v[i].text, sizeof(v[i].text), "%-8s %-24.24s %10s",
                 d->name, d->model[0] ? d->model : "(no model)", size);
        why_not(in, d, v[i].note, sizeof(v[i].note));
        v[i].note[strcspn(v[i].note, ":")] = '\0';
        v[i].on = in->guest_on[i] && !v[i].note[0];
    }
    do
        k = ui_list_run(in, &l);
    while (k != UI_NEXT && k != UI_BACK);
    for (int i = 0; i < n; i++)
        in->guest_on[i] = v[i].on;
    return k == UI_NEXT ? STEP_NEXT : STEP_BACK;
}

int scr_guestdisks_check(struct inst *in)
{
    int n = in->disks.n < MAX_DISKS ? (int)in->disks.n : MAX_DISKS;
    struct keel_err e;
    char why[80];

    in->a.nguests = 0;
    for (int i = 0; i < n; i++) {
        const struct keel_disk *d = &in->disks.v[i];

        if (!in->guest_on[i])
            continue;
        why_not(in, d, why, sizeof(why));
        if (why[0]) /* the primary disk changed since */
            in->guest_on[i] = 0;
        else if (in->a.nguests >= KEEL_GUESTS_MAX) {
            keel_err_set(&e, KEEL_EINVAL, "At most %d extra disks.",
                         KEEL_GUESTS_MAX);
            return inst_fail(in, -1, &e);
        } else
            snprintf(in->a.guests[in->a.nguests++], KEEL_REF_MAX, "%s",
                     d->name);
    }
    return 0;
}
