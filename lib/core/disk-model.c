/*
 * disk-model.c - lookups over disk and NIC lists (keel-disk.h).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "keel-disk.h"

void keel_disks_free(struct keel_disks *l)
{
    if (!l)
        return;
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

void keel_nics_free(struct keel_nics *l)
{
    if (!l)
        return;
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

#define BY_ID "/dev/disk/by-id/"

const struct keel_disk *keel_disk_find(const struct keel_disks *l,
                                       const char *ref)
{
    const char *id = NULL;

    if (!l || !ref || !ref[0])
        return NULL;
    if (strncmp(ref, BY_ID, strlen(BY_ID)) == 0)
        id = ref + strlen(BY_ID);
    else if (strncmp(ref, "disk/by-id/", 11) == 0)
        id = ref + 11;
    for (size_t i = 0; i < l->n; i++) {
        const struct keel_disk *d = &l->v[i];

        if (!id && (strcmp(d->name, ref) == 0 || strcmp(d->dev, ref) == 0))
            return d;
        for (int j = 0; j < d->nids; j++)
            if (strcmp(d->ids[j], id ? id : ref) == 0)
                return d;
    }
    return NULL;
}

const struct keel_part_info *keel_disk_part(const struct keel_disk *d,
                                            const char *name)
{
    for (int i = 0; d && i < d->nparts && i < KEEL_DISK_PARTS; i++)
        if (strcmp(d->parts[i].name, name) == 0)
            return &d->parts[i];
    return NULL;
}

int keel_disk_part_dev(const char *disk, int num, char *buf, size_t size)
{
    size_t n = strlen(disk);
    int w;

    if (!n || num < 1)
        return KEEL_EINVAL;
    w = snprintf(buf, size, "/dev/%s%s%d", disk,
                 isdigit((unsigned char)disk[n - 1]) ? "p" : "", num);
    return w < 0 || (size_t)w >= size ? KEEL_EINVAL : 0;
}

const struct keel_nic *keel_nic_find(const struct keel_nics *l,
                                     const char *ref)
{
    if (!l || !ref)
        return NULL;
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i].name, ref) == 0 ||
            strcasecmp(l->v[i].mac, ref) == 0)
            return &l->v[i];
    return NULL;
}
