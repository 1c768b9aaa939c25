/*
 * slot-boot.c - the booted slot and mark-good (keel-slot.h).  The ESP
 * is mounted and its grubenv read and written with the installer's
 * helpers (install-int.h), so both write grubenv the same way.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "install-int.h"
#include "keel-slot.h"
#include "keel-update.h"

#define WS " \t\n"

/* The first keel.root= word's value into buf; 0 if there is none. */
static int root_arg(const char *cmdline, char *buf, size_t size)
{
    static const char key[] = "keel.root=";
    const size_t kn = sizeof(key) - 1;

    for (const char *p = cmdline + strspn(cmdline, WS); *p;
         p += strspn(p, WS)) {
        size_t n = strcspn(p, WS);

        if (n >= kn && strncmp(p, key, kn) == 0) {
            snprintf(buf, size, "%.*s", (int)(n - kn), p + kn);
            return 1;
        }
        p += n;
    }
    return 0;
}

int keel_slot_booted(struct keel_backend *b, char *slot,
                     struct keel_err *e)
{
    char *text = NULL, root[128];
    size_t len;
    int rc = keel_backend_read(b, "/proc/cmdline", &text, &len, e), has;

    if (rc)
        return rc;
    has = root_arg(text, root, sizeof(root));
    free(text);
    if (!has)
        return keel_err_set(e, KEEL_ENOENT, "not booted from a slot (no "
                            "keel.root= on the kernel command line)");
    if (strcmp(root, "PARTLABEL=keel-a") == 0)
        *slot = 'A';
    else if (strcmp(root, "PARTLABEL=keel-b") == 0)
        *slot = 'B';
    else
        return keel_err_set(e, KEEL_ENOENT, "not booted from a slot "
                            "(keel.root=%s)", root);
    return 0;
}

char keel_slot_settle(struct keel_slots *s, char booted)
{
    char first = s->order[0];
    int k = keel_slot_index(first);
    char failed = 0;

    /* GRUB sets TRY before it boots a slot and never boots one that is
     * not OK: the first slot OK and tried while another one runs means
     * it was started and did not come up. */
    if (first != booted && k >= 0 && s->ok[k] && s->try_[k]) {
        keel_slots_mark_bad(s, first);
        s->order[0] = booted;
        s->order[1] = first;
        failed = first;
    }
    keel_slots_mark_good(s, booted);
    return failed;
}

int keel_slot_devices(struct keel_backend *b, char booted, char *esp,
                      char part[2][64], struct keel_err *e)
{
    const char *name = booted == 'B' ? "keel-b" : "keel-a";
    struct keel_disks l;
    int rc = keel_backend_disk_list(b, &l, e);
    size_t i;

    if (rc)
        return rc;
    /* The disk the slot booted from (the initramfs's boot-device) when
     * it is known: another disk holding Keel is never touched. */
    for (i = 0; i < l.n && !l.v[i].boot_medium; i++)
        ;
    if (i == l.n)
        for (i = 0; i < l.n && !keel_disk_part(&l.v[i], name); i++)
            ;
    if (i == l.n)
        rc = keel_err_set(e, KEEL_ENOENT, "no disk holds a partition "
                          "named %s (the booted slot)", name);
    else if (!keel_disk_part(&l.v[i], name))
        rc = keel_err_set(e, KEEL_ENOENT, "the boot disk %s holds no "
                          "partition named %s (the booted slot)",
                          l.v[i].dev, name);
    if (!rc)
        rc = keel_part_dev_by_name(&l.v[i], "esp", esp, 64, e);
    if (!rc)
        rc = keel_part_dev_by_name(&l.v[i], "keel-a", part[0], 64, e);
    if (!rc)
        rc = keel_part_dev_by_name(&l.v[i], "keel-b", part[1], 64, e);
    keel_disks_free(&l);
    return rc;
}

int keel_slot_esp_mount(struct keel_backend *b, int ro, char *booted,
                        char part[2][64], struct keel_err *e)
{
    char esp[64];
    int rc = keel_slot_booted(b, booted, e);

    if (!rc)
        rc = keel_slot_devices(b, *booted, esp, part, e);
    return rc ? rc : keel_mount(b, esp, KEEL_SLOT_ESP_DIR, "vfat", ro, e);
}

/* Settle the grubenv of the ESP mounted at KEEL_SLOT_ESP_DIR; a
 * fallback is noted for the admin first.  *note is the note's error. */
static int update_env(struct keel_backend *b, struct keel_slot_good *r,
                      int *note, struct keel_err *ne, struct keel_err *e)
{
    char before[KEEL_GRUBENV_SIZE], after[KEEL_GRUBENV_SIZE];
    struct keel_grubenv g;
    struct keel_slots s;
    int rc = keel_grubenv_load(b, KEEL_SLOT_ESP_DIR, &g, e);

    if (!rc)
        rc = keel_slots_get(&s, &g, e);
    if (!rc)
        rc = keel_grubenv_format(&g, before, e);
    if (rc == KEEL_ENOENT || rc == KEEL_EINVAL) {
        /* Missing or damaged (GRUB then boots slot A after a wait): made
         * anew from what is known, the booted slot works; the other one
         * is not booted by itself until an update or a revert says so. */
        keel_grubenv_init(&g);
        s = (struct keel_slots){ { r->booted, keel_slot_other(r->booted) },
                                 { r->booted == 'A', r->booted == 'B' },
                                 { 0, 0 } };
        memset(before, 0, sizeof(before));
        r->repaired = 1;
        rc = 0;
    }
    if (rc)
        return rc;
    r->failed = keel_slot_settle(&s, r->booted);
    r->slots = s;
    rc = keel_slots_put(&s, &g, e);
    if (!rc)
        rc = keel_grubenv_format(&g, after, e);
    /* Every boot rewrites it (GRUB set TRY); a second run does not. */
    if (rc || memcmp(before, after, sizeof(before)) == 0)
        return rc;
    if (r->failed)
        *note = keel_slot_fallback_note(b, r->failed, r->booted,
                                        time(NULL), ne);
    rc = keel_grubenv_save(b, KEEL_SLOT_ESP_DIR, &g, e);
    r->changed = !rc;
    return rc;
}

/* The booted slot works: a note of its own earlier failure is stale.
 * Best effort: if it stays, the admin dismisses it by hand. */
static void forget_fixed(struct keel_backend *b, char booted)
{
    struct keel_slot_fallback f;
    int cleared;

    if (!keel_slot_fallback_read(b, &f, NULL) && f.failed == booted)
        keel_slot_fallback_clear(b, &cleared, NULL);
}

int keel_slot_mark_good(struct keel_backend *b, struct keel_slot_good *r,
                        struct keel_err *e)
{
    struct keel_err ne;
    char part[2][64];
    int rc, um, note = 0;

    memset(r, 0, sizeof(*r));
    rc = keel_slot_esp_mount(b, 0, &r->booted, part, e);
    if (rc)
        return rc;
    rc = update_env(b, r, &note, &ne, e);
    /* The first error is the one to report. */
    um = keel_umount(b, KEEL_SLOT_ESP_DIR, rc ? NULL : e);
    if (rc || um)
        return rc ? rc : um;
    if (note)
        return keel_err_set(e, note, "slot %c failed to boot and is marked "
                            "bad, but the console cannot be told: %s",
                            r->failed, ne.msg);
    if (!r->failed)
        forget_fixed(b, r->booted);
    return 0;
}
