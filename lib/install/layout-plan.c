/*
 * layout-plan.c - the GPT layout of keel-layout.h, as a table.
 */
#include <stdio.h>

#include "keel-layout.h"

#define GPT_ENTRIES_BYTES (128 * 128) /* 128 entries of 128 bytes */

static const struct {
    const char *name, *type;
    uint64_t size; /* 0: the rest of the disk */
    enum keel_fs fs;
} rows[KEEL_LAYOUT_PARTS] = {
    { "bios-boot", "EF02", 1 * KEEL_MIB, KEEL_FS_NONE },
    { "esp", "EF00", 256 * KEEL_MIB, KEEL_FS_FAT32 },
    { "keel-a", "8300", 4 * KEEL_GIB, KEEL_FS_IMAGE },
    { "keel-b", "8300", 4 * KEEL_GIB, KEEL_FS_IMAGE },
    { "keel-state", "8300", 1 * KEEL_GIB, KEEL_FS_EXT4 },
    { "keel-sr", "8E00", 0, KEEL_FS_LVM },
};

const char *keel_fs_name(enum keel_fs fs)
{
    switch (fs) {
    case KEEL_FS_NONE:
        return "none";
    case KEEL_FS_FAT32:
        return "fat32";
    case KEEL_FS_IMAGE:
        return "dom0-image";
    case KEEL_FS_EXT4:
        return "ext4";
    case KEEL_FS_LVM:
        return "lvm-pv";
    }
    return "?";
}

void keel_size_format(uint64_t bytes, char buf[16])
{
    if (bytes >= 1024 * KEEL_GIB)
        snprintf(buf, 16, "%.2f TiB", (double)bytes / (1024.0 * KEEL_GIB));
    else if (bytes >= KEEL_GIB)
        snprintf(buf, 16, "%.1f GiB", (double)bytes / KEEL_GIB);
    else if (bytes >= KEEL_MIB)
        snprintf(buf, 16, "%llu MiB", (unsigned long long)(bytes /
                                                           KEEL_MIB));
    else
        snprintf(buf, 16, "%llu bytes", (unsigned long long)bytes);
}

static int too_small(uint64_t disk_size, uint64_t min,
                     struct keel_err *e)
{
    char have[16], need[16];

    keel_size_format(disk_size, have);
    keel_size_format(min, need);
    return keel_err_set(e, KEEL_EINVAL, "the disk is too small: %s (%llu "
                        "bytes); Keel needs at least %s (%llu bytes)%s",
                        have, (unsigned long long)disk_size, need,
                        (unsigned long long)min, min == KEEL_DISK_MIN ? ""
                        : " without the storage repository on it");
}

int keel_layout_plan(uint64_t disk_size, unsigned sector,
                     struct keel_layout *out, struct keel_err *e)
{
    return keel_layout_plan_with(disk_size, sector, 1, out, e);
}

int keel_layout_plan_with(uint64_t disk_size, unsigned sector,
                          int with_sr, struct keel_layout *out,
                          struct keel_err *e)
{
    uint64_t min = with_sr ? KEEL_DISK_MIN : KEEL_DISK_MIN_NO_SR;
    uint64_t align, next, last_usable;

    if (sector != 512 && sector != 1024 && sector != 2048 &&
        sector != 4096)
        return keel_err_set(e, KEEL_EINVAL, "sector size %u is not "
                            "supported; Keel installs to disks with "
                            "512 to 4096-byte sectors", sector);
    if (disk_size % sector)
        return keel_err_set(e, KEEL_EINVAL, "disk size %llu is not a "
                            "whole number of %u-byte sectors",
                            (unsigned long long)disk_size, sector);
    if (disk_size < min)
        return too_small(disk_size, min, e);
    out->nparts = with_sr ? KEEL_LAYOUT_PARTS : KEEL_LAYOUT_PARTS - 1;
    out->disk_size = disk_size;
    out->sector = sector;
    out->nsectors = disk_size / sector;
    align = KEEL_MIB / sector;
    /* Backup GPT: header in the last sector, its entries before it. */
    last_usable = out->nsectors - 2 - GPT_ENTRIES_BYTES / sector;
    next = align; /* the primary GPT fits in the first MiB */
    for (int i = 0; i < out->nparts; i++) {
        struct keel_part_plan *p = &out->p[i];
        uint64_t end = rows[i].size ? next + rows[i].size / sector
                                    : (last_usable + 1) / align * align;

        if (end <= next || end - 1 > last_usable ||
            (!rows[i].size && (end - next) * sector < KEEL_SR_MIN))
            return too_small(disk_size, min, e);
        *p = (struct keel_part_plan){
            i + 1, rows[i].name, rows[i].type, rows[i].fs, next, end - 1,
            next * sector, (end - next) * sector,
        };
        next = (end + align - 1) / align * align;
    }
    return 0;
}

int keel_layout_check_guest(uint64_t size, struct keel_err *e)
{
    char have[16], need[16];

    if (size >= KEEL_GUEST_DISK_MIN)
        return 0;
    keel_size_format(size, have);
    keel_size_format(KEEL_GUEST_DISK_MIN, need);
    return keel_err_set(e, KEEL_EINVAL, "the disk is too small for the "
                        "storage repository: %s; it needs at least %s",
                        have, need);
}
