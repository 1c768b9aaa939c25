/*
 * install-format.c - the plan as stable text (keel_plan_format): what
 * `keel-install --dry-run` prints and the golden tests compare.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keel-install.h"
#include "keel-sr.h"

struct out {
    char *s;
    size_t n, cap;
    int ok;
};

__attribute__((format(printf, 2, 3)))
static void say(struct out *o, const char *fmt, ...)
{
    va_list ap;
    int need;

    if (!o->ok)
        return;
    va_start(ap, fmt);
    need = vsnprintf(o->s + o->n, o->cap - o->n, fmt, ap);
    va_end(ap);
    if (need >= 0 && (size_t)need >= o->cap - o->n) {
        size_t cap = (o->n + (size_t)need + 1) * 2;
        char *s = realloc(o->s, cap);

        if (!s) {
            o->ok = 0;
            return;
        }
        o->s = s;
        o->cap = cap;
        va_start(ap, fmt);
        vsnprintf(o->s + o->n, o->cap - o->n, fmt, ap);
        va_end(ap);
    }
    o->n += need > 0 ? (size_t)need : 0;
}

static void disk_line(struct out *o, const char *what,
                      const struct keel_disk *d)
{
    char size[16];

    keel_size_format(d->size, size);
    say(o, "%s: %s (%s%s%s, %llu bytes, %u-byte sectors)\n", what, d->dev,
        d->model[0] ? d->model : "", d->model[0] ? ", " : "", size,
        (unsigned long long)d->size, d->sector);
}

static void layout(struct out *o, const struct keel_plan *p)
{
    say(o, "partition table: GPT on %s, everything on it erased\n",
        p->disk.dev);
    for (int i = 0; i < p->layout.nparts; i++) {
        const struct keel_part_plan *pp = &p->layout.p[i];
        char size[16], dev[48];

        keel_size_format(pp->size, size);
        keel_disk_part_dev(p->disk.name, pp->num, dev, sizeof(dev));
        say(o, "  %d %-10s %-14s sectors %llu-%llu (%s) type %s, %s\n",
            pp->num, pp->name, dev, (unsigned long long)pp->first,
            (unsigned long long)pp->last, size, pp->type,
            keel_fs_name(pp->fs));
    }
}

static void storage(struct out *o, const struct keel_plan *p)
{
    char dev[48];

    keel_disk_part_dev(p->disk.name, KEEL_PART_SR, dev, sizeof(dev));
    say(o, "storage repository: LVM volume group %s on", KEEL_VG_NAME);
    if (p->sr_on_primary)
        say(o, " %s", dev);
    for (int i = 0; i < p->nguests; i++)
        say(o, " %s", p->guests[i].dev);
    say(o, "%s\n", p->sr_on_primary ? "" : " (none on the primary disk: "
        "guest-storage=\"false\"; the rest of it left unpartitioned)");
    for (int i = 0; i < p->nguests; i++)
        disk_line(o, "  whole disk erased", &p->guests[i]);
}

static void scripts(struct out *o, const struct keel_plan *p)
{
    static const char *const when[KEEL_SCRIPT_STAGES] = {
        "before any disk is written, no argument",
        "keel-state written, argument: the directory it is mounted on",
        "at the end, argument: 0 installed, 1 failed",
    };

    if (!p->nscripts)
        return;
    say(o, "scripts: fetched before any disk is written, each run for at "
        "most %d s, output in the install log\n", KEEL_SCRIPT_TIMEOUT_S);
    for (int i = 0; i < p->nscripts; i++)
        say(o, "  %s: %s (%s)\n",
            keel_script_stage_name(p->scripts[i].stage), p->scripts[i].url,
            when[p->scripts[i].stage]);
}

static void slots(struct out *o, const struct keel_plan *p)
{
    const struct keel_slots *s = &p->slots;

    say(o, "dom0 image: %s (%llu bytes, Keel %s) into slot %c (keel-%c),"
        " read back and checked\n", p->image, p->image_size, p->version,
        p->slot, p->slot - 'A' + 'a');
    if (p->mode == KEEL_MODE_INSTALL)
        say(o, "slot B: left empty, not bootable\n");
    say(o, "grubenv: ORDER=\"%c %c\" A_OK=%d A_TRY=%d B_OK=%d B_TRY=%d\n",
        s->order[0], s->order[1], s->ok[0], s->try_[0], s->ok[1],
        s->try_[1]);
}

static void settings(struct out *o, const struct keel_plan *p)
{
    say(o, "host settings (%s on keel-state):\n", KEEL_HOST_CONF);
    for (int i = 0; i < KEEL_S_COUNT; i++)
        say(o, "  %s=%s\n", keel_setting_row((enum keel_setting_id)i)->name,
            keel_settings_display(&p->settings, (enum keel_setting_id)i));
    say(o, "  (management interface MAC %s)\n", p->nic_mac);
}

int keel_plan_format(const struct keel_plan *p, char **text,
                     struct keel_err *e)
{
    struct out o = { malloc(1024), 0, 1024, 1 };

    o.ok = o.s != NULL;
    say(&o, "keel-install plan\nmode: %s\n",
        p->mode == KEEL_MODE_INSTALL ? "install" : "upgrade");
    disk_line(&o, p->mode == KEEL_MODE_INSTALL ? "primary disk"
                                              : "installation", &p->disk);
    if (p->mode == KEEL_MODE_INSTALL) {
        layout(&o, p);
        storage(&o, p);
    } else {
        say(&o, "keeps: keel-state and the storage repository untouched;"
            " running slot %c (Keel %s)\n", keel_slot_other(p->slot),
            p->disk.keel_version[0] ? p->disk.keel_version : "unknown");
    }
    slots(&o, p);
    say(&o, "boot loader: grub.cfg and grubenv on the ESP");
    if (p->mode == KEEL_MODE_INSTALL)
        say(&o, "; GRUB for BIOS (core in bios-boot) and UEFI "
            "(\\EFI\\BOOT\\BOOTX64.EFI)%s",
            p->efi ? "; UEFI boot entry \"Keel\"" : "");
    say(&o, "\n");
    if (p->mode == KEEL_MODE_INSTALL)
        settings(&o, p);
    scripts(&o, p);
    if (p->other_keel[0])
        say(&o, "also holding Keel, left as they are (the host boots only "
            "from %s): %s\n", p->disk.dev, p->other_keel);
    if (p->other_vg[0])
        say(&o, "warning: volume group %s of another install on %s: left "
            "as it is, but two groups of one name confuse LVM; add the "
            "disk as a guest disk to erase it, or remove the group first "
            "(vgremove %s)\n", KEEL_SR_VG, p->other_vg, KEEL_SR_VG);
    say(&o, "at the end: %s\n", keel_atexit_name(p->atexit));
    if (!o.ok) {
        free(o.s);
        return keel_err_set(e, KEEL_ENOMEM, "out of memory");
    }
    *text = o.s;
    return 0;
}
