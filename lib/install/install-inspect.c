/*
 * install-inspect.c - what an existing installation runs: the active
 * slot from the ESP's grubenv, its version from the slot's image.
 * Read-only mounts; everything is unmounted again.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "install-int.h"

#define ESP_DIR KEEL_TARGET "/inspect-esp"
#define SLOT_DIR KEEL_TARGET "/inspect-slot"

static char active_slot(struct keel_backend *b, const struct keel_disk *d)
{
    struct keel_grubenv g;
    struct keel_slots s;
    char dev[64];
    char slot = 0;

    if (keel_part_dev_by_name(d, "esp", dev, sizeof(dev), NULL) ||
        keel_mount(b, dev, ESP_DIR, "vfat", 1, NULL))
        return 0;
    if (!keel_grubenv_load(b, ESP_DIR, &g, NULL) &&
        !keel_slots_get(&s, &g, NULL))
        slot = keel_slots_active(&s);
    keel_umount(b, ESP_DIR, NULL);
    return slot;
}

static void slot_version(struct keel_backend *b, struct keel_disk *d)
{
    char dev[64], *text = NULL;
    size_t len;
    const char *name = d->keel_active == 'B' ? "keel-b" : "keel-a";

    if (keel_part_dev_by_name(d, name, dev, sizeof(dev), NULL) ||
        keel_mount(b, dev, SLOT_DIR, "squashfs", 1, NULL))
        return;
    if (!keel_backend_read(b, SLOT_DIR KEEL_VERSION_FILE, &text, &len,
                           NULL))
        snprintf(d->keel_version, sizeof(d->keel_version), "%.*s",
                 (int)strcspn(text, "\r\n"), text);
    free(text);
    keel_umount(b, SLOT_DIR, NULL);
}

void keel_install_inspect(struct keel_backend *b, struct keel_disks *l)
{
    for (size_t i = 0; i < l->n; i++) {
        struct keel_disk *d = &l->v[i];

        if (!d->has_keel)
            continue;
        if (!d->keel_active)
            d->keel_active = active_slot(b, d);
        if (d->keel_active && !d->keel_version[0])
            slot_version(b, d);
    }
}
