/*
 * fake-disk.h - private to the fake backend's disk operations
 * (fake-disk.c, fake-scenario-disk.c): the fake's disk state.
 */
#ifndef KEEL_BACKEND_FAKE_DISK_H
#define KEEL_BACKEND_FAKE_DISK_H

#include "keel-disk.h"

struct fake_disk {
    struct keel_disks disks;
    struct keel_nics nics;
    int efi; /* booted with UEFI */
    void (*destroy)(struct keel_backend *b); /* the one we chain to */
};

/* Give d the partitions of Keel's layout (names, numbers, sizes). */
void keel_fake_disk_add_layout(struct keel_disk *d);

#endif
