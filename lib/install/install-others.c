/*
 * install-others.c - what the plan says of the disks it leaves alone:
 * other disks holding Keel (the new host boots only from its own,
 * keel.partuuid=) and a keel-sr volume group of another install, which
 * would give LVM two groups of one name.  Reads only.
 */
#include <stdio.h>
#include <string.h>

#include "install-int.h"
#include "keel-sr.h"

#define PVS_LIMIT_S 30

static int erased(const struct keel_plan *p, const struct keel_disk *d)
{
    for (int i = 0; i < p->nguests; i++)
        if (!strcmp(p->guests[i].name, d->name))
            return 1;
    return !strcmp(p->disk.name, d->name);
}

/* Append ", item" (or "item" first) to buf of size; no overflow. */
static void append(char *buf, size_t size, const char *item)
{
    size_t n = strlen(buf);

    if (n + 1 < size)
        snprintf(buf + n, size - n, "%s%s", n ? ", " : "", item);
}

static void other_keel(struct keel_disks *l, struct keel_plan *p)
{
    char item[96];

    for (size_t i = 0; i < l->n; i++) {
        const struct keel_disk *d = &l->v[i];

        if (!d->has_keel || erased(p, d))
            continue;
        snprintf(item, sizeof(item), "%s (Keel %s)", d->dev,
                 d->keel_version[0] ? d->keel_version : "version unknown");
        append(p->other_keel, sizeof(p->other_keel), item);
    }
}

/* The disk in l that /dev/sdc3 or /dev/nvme0n1p2 (or the disk itself)
 * lies on, or NULL. */
static const struct keel_disk *disk_of(const struct keel_disks *l,
                                       const char *pv)
{
    for (size_t i = 0; i < l->n; i++) {
        size_t n = strlen(l->v[i].dev);
        const char *rest = pv + n;

        if (strncmp(pv, l->v[i].dev, n))
            continue;
        if (*rest == 'p' && rest[1] >= '0' && rest[1] <= '9')
            rest++;
        if (!*rest || strspn(rest, "0123456789") == strlen(rest))
            return &l->v[i];
    }
    return NULL;
}

/*
 * keel-sr groups found by `lvm pvs`: on disks this install leaves alone
 * (into other_vg) and on disks it erases (into gone).  A failing lvm
 * names nothing: this is a warning, never a reason to stop.
 */
static void other_vg(struct keel_backend *b, const struct keel_disks *l,
                     struct keel_plan *p, char *gone, size_t gone_size)
{
    static const char *const argv[] = { "lvm", "pvs", "--noheadings",
        "--separator", ":", "-o", "pv_name,vg_name", NULL };
    char out[4096], *line, *save = NULL;
    struct keel_run r = { .out = out, .out_size = sizeof(out),
                          .timeout_s = PVS_LIMIT_S };

    if (keel_backend_run(b, argv, &r, NULL))
        return;
    out[r.out_len] = '\0';
    for (line = strtok_r(out, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        char *pv = line + strspn(line, " \t"), *vg = strchr(pv, ':');
        const struct keel_disk *d;

        if (!vg)
            continue;
        *vg++ = '\0';
        vg[strcspn(vg, ": \t")] = '\0';
        if (strcmp(vg, KEEL_SR_VG))
            continue;
        d = disk_of(l, pv);
        if (d && erased(p, d))
            append(gone, gone_size, d->dev);
        else
            append(p->other_vg, sizeof(p->other_vg), d ? d->dev : pv);
    }
}

void keel_plan_others(struct keel_backend *b, struct keel_disks *l,
                      struct keel_plan *p)
{
    char gone[256] = "";
    size_t n;

    keel_install_inspect(b, l);
    other_keel(l, p);
    if (p->mode != KEEL_MODE_INSTALL)
        return; /* an upgrade keeps its keel-sr, whatever else is there */
    other_vg(b, l, p, gone, sizeof(gone));
    if (!p->other_vg[0] || !gone[0])
        return;
    n = strlen(p->other_vg);
    if (snprintf(p->other_vg + n, sizeof(p->other_vg) - n, " (and on %s, "
                 "erased by this install)", gone) < 0)
        p->other_vg[n] = '\0';
}
