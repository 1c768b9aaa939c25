/*
 * scr-disk.c - the primary disk, erased by the install.  Every disk is
 * listed; those that cannot hold Keel (too small, read-only, the
 * installer's own medium) are shown with the reason and refused.
 */
#include <stdio.h>
#include <string.h>

#include "scr-disk.h"
#include "tui.h"
#include "ui.h"

#define MAX_DISKS 32

/* Why d cannot be the primary disk, "" if it can. */
static void why_not(const struct keel_disk *d, char *buf, size_t size)
{
    struct keel_layout l;
    struct keel_err e;

    buf[0] = '\0';
    if (d->boot_medium)
        snprintf(buf, size, "holds the installer medium");
    else if (d->readonly)
        snprintf(buf, size, "read-only");
    else if (keel_layout_plan(d->size, d->sector, &l, &e))
        snprintf(buf, size, "%.*s", (int)(size - 1), e.msg);
}

static void detail(const struct inst *in, int sel, int y)
{
    const struct keel_disk *d = &in->disks.v[sel];
    char line[512], size[16];
    size_t n = 0;

    if ((size_t)sel >= in->disks.n)
        return;
    n += (size_t)snprintf(line, sizeof(line), "%s: ", d->dev);
    if (!d->nparts)
        snprintf(line + n, sizeof(line) - n, "no partitions");
    for (int i = 0; i < d->nparts && n < sizeof(line); i++) {
        keel_size_format(d->parts[i].size, size);
        n += (size_t)snprintf(line + n, sizeof(line) - n, "%spartition "
                              "%d %s%s(%s)", i ? ", " : "",
                              d->parts[i].num, d->parts[i].name,
                              d->parts[i].name[0] ? " " : "", size);
    }
    y += ui_text(y, line, TUI_NORMAL);
    why_not(d, line, sizeof(line));
    if (line[0]) {
        char why[600];

        snprintf(why, sizeof(why), "Cannot be used: %s", line);
        y += ui_text(y, why, TUI_ERROR);
    }
    if (d->has_keel) {
        snprintf(line, sizeof(line), "It holds Keel %s: installing erases "
                 "it, with its settings and VMs.", d->keel_version[0] ?
                 d->keel_version : "(version unknown)");
        ui_text(y, line, TUI_NORMAL);
    }
}

static int fill(const struct inst *in, struct ui_item *v)
{
    int n = in->disks.n < MAX_DISKS ? (int)in->disks.n : MAX_DISKS;

    memset(v, 0, sizeof(*v) * MAX_DISKS);
    for (int i = 0; i < n; i++) {
        const struct keel_disk *d = &in->disks.v[i];
        char size[16];

        keel_size_format(d->size, size);
        snprintf(v[i].text, sizeof(v[i].text), "%-8s %-24.24s %10s",
                 d->name, d->model[0] ? d->model : "(no model)", size);
        why_not(d, v[i].note, sizeof(v[i].note));
        v[i].note[strcspn(v[i].note, ":")] = '\0'; /* details below */
    }
    return n;
}

enum step_result scr_disk_ask(struct inst *in)
{
    struct ui_item v[MAX_DISKS];
    int n = fill(in, v), k;
    struct ui_list l = { "Choose the disk to install Keel on. EVERYTHING "
                         "ON IT WILL BE ERASED (after the summary asks "
                         "you to confirm).", " Up/Down: move   Enter: "
                         "next   Esc: back", v, n, in->disk_sel, 0, 8,
                         detail };

    do
        k = ui_list_run(in, &l);
    while (k != UI_NEXT && k != UI_BACK);
    in->disk_sel = l.sel;
    return k == UI_NEXT ? STEP_NEXT : STEP_BACK;
}

int scr_disk_check(struct inst *in)
{
    const struct keel_disk *d;
    char why[KEEL_ERR_MSG_MAX];
    struct keel_err e;

    if ((size_t)in->disk_sel >= in->disks.n) {
        keel_err_set(&e, KEEL_ENOENT, "No disk was found to install on.");
        return inst_fail(in, -1, &e);
    }
    d = &in->disks.v[in->disk_sel];
    why_not(d, why, sizeof(why));
    if (why[0]) {
        keel_err_set(&e, KEEL_EINVAL, "%s cannot be used: %s", d->name,
                     why);
        return inst_fail(in, -1, &e);
    }
    snprintf(in->a.primary, sizeof(in->a.primary), "%s", d->name);
    return 0;
}
