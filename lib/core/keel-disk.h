/*
 * keel-disk.h - disks and network interfaces as the installer sees
 * them, and the backend operations that list and write block devices
 * (the "disks and install" block of struct keel_backend).
 *
 * The real backend reads /sys/block, /sys/class/net and
 * /dev/disk/by-id (absent without udev: then ids come from sysfs
 * serial numbers, or there are none); the fake backend serves a
 * scenario (tests/fake/keel-backend-fake.h).
 *
 * Sizes are bytes.  Disk names are kernel names ("sda", "nvme0n1").
 */
#ifndef KEEL_DISK_H
#define KEEL_DISK_H

#include <stddef.h>
#include <stdint.h>

#include "keel-backend.h"

#define KEEL_DISK_NAME_MAX 32
#define KEEL_DISK_IDS 4    /* by-id names kept per disk */
#define KEEL_DISK_PARTS 16 /* partitions kept per disk */
#define KEEL_PART_NAME_MAX 72

/* One existing partition. */
struct keel_part_info {
    int num;                          /* 1, 2, ... */
    char name[KEEL_PART_NAME_MAX];    /* GPT name, "" if none */
    uint64_t start, size;             /* bytes */
};

struct keel_disk {
    char name[KEEL_DISK_NAME_MAX];    /* "sda" */
    char dev[KEEL_DISK_NAME_MAX + 8]; /* "/dev/sda" */
    char model[64];                   /* "QEMU HARDDISK", "" if unknown */
    char serial[64];                  /* "" if unknown */
    char ids[KEEL_DISK_IDS][96];      /* by-id names, no directory */
    int nids;
    uint64_t size;
    unsigned sector;                  /* logical sector size: 512, 4096 */
    unsigned physical;                /* physical sector size */
    int removable, readonly;
    int boot_medium;                  /* holds the running installer */
    struct keel_part_info parts[KEEL_DISK_PARTS];
    int nparts;                       /* beyond KEEL_DISK_PARTS: dropped */
    int has_keel;                     /* keel-a, keel-b, keel-state found */
    char keel_version[32];            /* of the active slot, "" unknown */
    char keel_active;                 /* 'A', 'B', or 0 if unknown */
};

/* A list of disks sorted by name; free with keel_disks_free(). */
struct keel_disks {
    struct keel_disk *v;
    size_t n;
};

struct keel_nic {
    char name[16];    /* "eth0" */
    char mac[18];     /* "52:54:00:12:34:56", lower case */
    int link;         /* 1 up, 0 down, -1 unknown */
    char driver[32];  /* "e1000", "" if unknown */
    unsigned speed;   /* Mbit/s, 0 if unknown */
};

/* Physical interfaces sorted by name; free with keel_nics_free(). */
struct keel_nics {
    struct keel_nic *v;
    size_t n;
};

enum keel_stat_kind {
    KEEL_ST_NONE,  /* does not exist (keel_backend_stat gives 0) */
    KEEL_ST_FILE,
    KEEL_ST_DIR,
    KEEL_ST_BLOCK,
    KEEL_ST_OTHER,
};

struct keel_stat {
    enum keel_stat_kind kind;
    uint64_t size; /* files: length; block devices: device size */
};

/* Progress of a long operation: done of total bytes. */
typedef void (*keel_progress_fn)(void *ctx, unsigned long long done,
                                 unsigned long long total);

void keel_disks_free(struct keel_disks *l);
void keel_nics_free(struct keel_nics *l);

/*
 * The disk called ref in l: a kernel name ("sda"), a device path
 * ("/dev/sda") or a by-id name with or without its directory
 * ("/dev/disk/by-id/ata-QEMU_HARDDISK_QM00001").  NULL if none.
 */
const struct keel_disk *keel_disk_find(const struct keel_disks *l,
                                       const char *ref);

/* The partition called name on d, or NULL. */
const struct keel_part_info *keel_disk_part(const struct keel_disk *d,
                                            const char *name);

/*
 * The device path of partition num of disk name: "/dev/sda3", and
 * "/dev/nvme0n1p3" when the name ends in a digit.  0 or KEEL_EINVAL if
 * it does not fit size bytes.
 */
int keel_disk_part_dev(const char *disk, int num, char *buf, size_t size);

/* The interface called ref (a name, or a MAC in any case), or NULL. */
const struct keel_nic *keel_nic_find(const struct keel_nics *l,
                                     const char *ref);

/*
 * The wrappers; ENOTSUP if the backend lacks the operation.
 *
 * keel_backend_disk_list: every whole disk that can be installed to or
 *   hold an SR (no loop, ram, zram, optical or device-mapper devices),
 *   sorted by name.  *out is the caller's: keel_disks_free().
 * keel_backend_nic_list: physical network interfaces (those with a
 *   device behind them: no lo, bridges, vifs); keel_nics_free().
 * keel_backend_stat: what is at path; a missing path is 0 with kind
 *   KEEL_ST_NONE.
 * keel_backend_dev_zero: write len zero bytes at offset into the block
 *   device dev and flush them to the device.  KEEL_EINVAL if the range
 *   is not inside the device.
 * keel_backend_image_write: copy the file src to the start of block
 *   device dev (only the file's bytes: the rest of dev is untouched),
 *   flush, then read it back from the device and compare; fn (may be
 *   NULL) sees the progress of both passes as one (total = 2 x size).
 *   KEEL_EINVAL if src does not fit in dev; KEEL_EIO if the read-back
 *   differs.
 * keel_backend_image_write_part: the same for len bytes of src from
 *   byte src_off (an update bundle's payload); KEEL_EINVAL if src
 *   holds fewer.
 * keel_backend_read_at: up to n bytes of the file or block device at
 *   path from byte off into buf; *got is how many (fewer at its end).
 * keel_backend_sha256: the SHA-256 of len bytes of path (a file or a
 *   block device) from byte off into out; fn (may be NULL) sees the
 *   progress.  KEEL_EINVAL if path holds fewer bytes.
 */
int keel_backend_disk_list(struct keel_backend *b, struct keel_disks *out,
                           struct keel_err *e);
int keel_backend_nic_list(struct keel_backend *b, struct keel_nics *out,
                          struct keel_err *e);
int keel_backend_stat(struct keel_backend *b, const char *path,
                      struct keel_stat *st, struct keel_err *e);
int keel_backend_dev_zero(struct keel_backend *b, const char *dev,
                          uint64_t offset, uint64_t len,
                          struct keel_err *e);
int keel_backend_image_write(struct keel_backend *b, const char *src,
                             const char *dev, keel_progress_fn fn,
                             void *ctx, struct keel_err *e);
int keel_backend_image_write_part(struct keel_backend *b, const char *src,
                                  uint64_t src_off, uint64_t len,
                                  const char *dev, keel_progress_fn fn,
                                  void *ctx, struct keel_err *e);
int keel_backend_read_at(struct keel_backend *b, const char *path,
                         uint64_t off, void *buf, size_t n, size_t *got,
                         struct keel_err *e);
int keel_backend_sha256(struct keel_backend *b, const char *path,
                        uint64_t off, uint64_t len, unsigned char out[32],
                        keel_progress_fn fn, void *ctx,
                        struct keel_err *e);

/*
 * Install the disk operations into a backend made by
 * keel_backend_real_new() (its constructor calls this; the fake's
 * twin is in tests/fake/keel-backend-fake.h).  The backend's root
 * (keel_backend_real_new) applies to sysfs and /dev reads and to the
 * block devices written.  0.
 */
int keel_real_disk_setup(struct keel_backend *b);

#endif
