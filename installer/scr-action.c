/*
 * scr-action.c - install, or upgrade an installation of Keel found on
 * a disk (keel_install_inspect() has read its version and slot).
 */
#include <stdio.h>
#include <string.h>

#include "scr-action.h"
#include "ui.h"

#define MAX_ACTIONS 9

/* Entry i > 0 of the list: the disk it upgrades, or NULL. */
static const struct keel_disk *upgrade_disk(const struct inst *in, int i)
{
    for (size_t d = 0; d < in->disks.n; d++)
        if (in->disks.v[d].has_keel && --i == 0)
            return &in->disks.v[d];
    return NULL;
}

static int fill(const struct inst *in, struct ui_item *v)
{
    const struct keel_disk *d;
    int n = 1;

    memset(v, 0, sizeof(*v) * MAX_ACTIONS);
    snprintf(v[0].text, sizeof(v[0].text), "Install Keel %s (erases the "
             "disk you choose next)", in->version);
    while (n < MAX_ACTIONS && (d = upgrade_disk(in, n)) != NULL) {
        snprintf(v[n].text, sizeof(v[n].text), "Upgrade Keel %s on %s to "
                 "%s (keeps settings and VMs)", d->keel_version[0] ?
                 d->keel_version : "(version unknown)", d->name,
                 in->version);
        if (!d->keel_active)
            snprintf(v[n].note, sizeof(v[n].note), "cannot tell which "
                     "slot runs");
        n++;
    }
    return n;
}

enum step_result scr_action_ask(struct inst *in)
{
    struct ui_item v[MAX_ACTIONS];
    int n = fill(in, v), k;
    struct ui_list l = { NULL, " Up/Down: move   Enter: next   Esc: back",
                         v, n, in->action_sel < n ? in->action_sel : 0, 0,
                         MAX_ACTIONS, NULL };

    l.intro = n > 1 ? "Keel is already installed on this machine. "
              "Upgrade it (the new version goes into the unused slot; the "
              "old one stays bootable), or install afresh." :
              "No installation of Keel was found on the disks of this "
              "machine.";
    do
        k = ui_list_run(in, &l);
    while (k != UI_NEXT && k != UI_BACK);
    in->action_sel = l.sel;
    return k == UI_NEXT ? STEP_NEXT : STEP_BACK;
}

int scr_action_check(struct inst *in)
{
    const struct keel_disk *d = upgrade_disk(in, in->action_sel);
    struct keel_err e;

    if (in->action_sel == 0 || !d) {
        in->a.mode = KEEL_MODE_INSTALL;
        return 0;
    }
    if (!d->keel_active) {
        keel_err_set(&e, KEEL_EINVAL, "%s: cannot tell which slot is "
                     "running (grubenv unreadable): install afresh, or "
                     "repair it from the shell", d->name);
        return inst_fail(in, -1, &e);
    }
    in->a.mode = KEEL_MODE_UPGRADE;
    snprintf(in->a.existing, sizeof(in->a.existing), "%s", d->name);
    return 0;
}
