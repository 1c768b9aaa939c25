/*
 * keel-layout.h - the installed disk's partition table (design section
 * 4), planned as data: pure functions, no backend.
 *
 *   #  name        size     type  content
 *   1  bios-boot   1 MiB    EF02  GRUB core for BIOS boot
 *   2  esp         256 MiB  EF00  FAT32: GRUB EFI, grub.cfg, grubenv
 *   3  keel-a      4 GiB    8300  dom0 slot A (the dom0 image)
 *   4  keel-b      4 GiB    8300  dom0 slot B
 *   5  keel-state  1 GiB    8300  ext4: settings, VM definitions, logs
 *   6  keel-sr     rest     8E00  LVM PV of the storage repository
 *
 * Every partition starts on a 1 MiB boundary (so 512e and 4Kn disks
 * are aligned as well as 512n) and keel-sr ends on one.  The storage
 * repository must get at least KEEL_SR_MIN bytes, which makes the
 * smallest disk KEEL_DISK_MIN = 13571 MiB (14230224896 bytes, 13.25
 * GiB): 1 MiB before bios-boot, 9473 MiB of fixed partitions, 4096 MiB
 * of SR and 1 MiB that holds the backup GPT.
 *
 * Without the storage repository on it (an answer file's
 * guest-storage="false": the SR is on the guest disks only) the table
 * stops at keel-state, the rest of the disk is left unpartitioned, and
 * the smallest disk is KEEL_DISK_MIN_NO_SR = 9475 MiB.
 */
#ifndef KEEL_LAYOUT_H
#define KEEL_LAYOUT_H

#include <stdint.h>

#include "keel-error.h"

#define KEEL_MIB (1024ULL * 1024)
#define KEEL_GIB (1024ULL * KEEL_MIB)
#define KEEL_SR_MIN (4096ULL * KEEL_MIB)
#define KEEL_DISK_MIN (13571ULL * KEEL_MIB)
#define KEEL_DISK_MIN_NO_SR (9475ULL * KEEL_MIB)
#define KEEL_GUEST_DISK_MIN (64ULL * KEEL_MIB) /* an extra SR disk */
#define KEEL_LAYOUT_PARTS 6

/* Partition numbers of the layout (fixed: grub.cfg relies on them). */
enum {
    KEEL_PART_BIOS = 1,
    KEEL_PART_ESP = 2,
    KEEL_PART_SLOT_A = 3,
    KEEL_PART_SLOT_B = 4,
    KEEL_PART_STATE = 5,
    KEEL_PART_SR = 6,
};

enum keel_fs {
    KEEL_FS_NONE,  /* raw: GRUB's core image */
    KEEL_FS_FAT32,
    KEEL_FS_IMAGE, /* a dom0 slot: the squashfs image written raw */
    KEEL_FS_EXT4,
    KEEL_FS_LVM,   /* an LVM physical volume */
};

struct keel_part_plan {
    int num;
    const char *name;   /* GPT name (static) */
    const char *type;   /* sgdisk type code, "EF00" (static) */
    enum keel_fs fs;
    uint64_t first;     /* first sector */
    uint64_t last;      /* last sector, inclusive */
    uint64_t start;     /* bytes */
    uint64_t size;      /* bytes */
};

struct keel_layout {
    uint64_t disk_size; /* bytes */
    unsigned sector;    /* logical sector size */
    uint64_t nsectors;
    int nparts;         /* KEEL_LAYOUT_PARTS, or one less without SR */
    struct keel_part_plan p[KEEL_LAYOUT_PARTS];
};

/* "fat32", "ext4", ... (static). */
const char *keel_fs_name(enum keel_fs fs);

/*
 * Plan the table for a disk of disk_size bytes with logical sectors of
 * sector bytes (512, 1024, 2048 or 4096).  KEEL_EINVAL with the reason
 * (too small, says the minimum; odd sector size; size not a whole
 * number of sectors).
 */
int keel_layout_plan(uint64_t disk_size, unsigned sector,
                     struct keel_layout *out, struct keel_err *e);
/* The same; with_sr 0 leaves keel-sr out (nparts one less). */
int keel_layout_plan_with(uint64_t disk_size, unsigned sector,
                          int with_sr, struct keel_layout *out,
                          struct keel_err *e);

/* Can a disk of size bytes be an extra (whole-disk) SR disk? */
int keel_layout_check_guest(uint64_t size, struct keel_err *e);

/* "20.0 GiB", "512 MiB", "2.00 TiB": for people, not for parsing. */
void keel_size_format(uint64_t bytes, char buf[16]);

#endif
