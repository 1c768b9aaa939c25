/*
 * backend-real-disk.c - the real backend's disk group (keel-disk.h):
 * the disk list from sysfs and /dev/disk/by-id here, the NICs in
 * backend-real-nic.c, byte ranges and writes in backend-real-block.c.
 *
 * Every path goes under the backend's root, so the unit tests run this
 * very code over a made-up /sys and /dev in a temporary directory.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend-real.h"
#include "keel-disk.h"

/* Kernel block devices that are never install targets. */
static int skip_block(const char *name)
{
    static const char *const prefixes[] = { "loop", "ram", "zram", "sr",
                                            "dm-", "md", "fd", "nbd" };

    if (name[0] == '.')
        return 1;
    for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
        if (strncmp(name, prefixes[i], strlen(prefixes[i])) == 0)
            return 1;
    return 0;
}

/* "QEMU HARDDISK" -> "QEMU_HARDDISK", as udev writes ids. */
static void id_part(char *dst, size_t size, const char *src)
{
    size_t n = 0;

    for (; *src && n + 1 < size; src++)
        dst[n++] = isalnum((unsigned char)*src) || strchr("-._", *src)
                       ? *src : '_';
    dst[n] = '\0';
}

/* Serial number: sysfs serial (virtio, nvme) or SCSI VPD page 0x80. */
static void read_serial(const char *dir, struct keel_disk *d)
{
    char p[PATH_MAX + 32], raw[128];
    int fd;
    ssize_t n;

    snprintf(p, sizeof(p), "%s/serial", dir);
    keel_real_line(p, d->serial, sizeof(d->serial));
    if (!d->serial[0]) {
        snprintf(p, sizeof(p), "%s/device/serial", dir);
        keel_real_line(p, d->serial, sizeof(d->serial));
    }
    if (d->serial[0])
        return;
    snprintf(p, sizeof(p), "%s/device/vpd_pg80", dir);
    fd = open(p, O_RDONLY | O_CLOEXEC);
    n = fd >= 0 ? read(fd, raw, sizeof(raw) - 1) : -1;
    if (fd >= 0)
        close(fd);
    if (n <= 4)
        return;
    raw[n] = '\0';
    /* 4-byte header, then the serial, space-padded. */
    snprintf(d->serial, sizeof(d->serial), "%.*s", (int)(n - 4), raw + 4);
    while (d->serial[0] == ' ')
        memmove(d->serial, d->serial + 1, strlen(d->serial));
    n = (ssize_t)strlen(d->serial);
    while (n && d->serial[n - 1] == ' ')
        d->serial[--n] = '\0';
}

/* by-id names from /dev/disk/by-id links pointing at the disk. */
static void read_ids(struct keel_backend *b, struct keel_disk *d)
{
    char dir[PATH_MAX], p[PATH_MAX + 256], target[PATH_MAX];
    DIR *dp;
    struct dirent *de;

    if (keel_real_path(b, dir, sizeof(dir), "/dev/disk/by-id"))
        return;
    dp = opendir(dir);
    while (dp && (de = readdir(dp)) && d->nids < KEEL_DISK_IDS) {
        ssize_t n;
        const char *base;

        snprintf(p, sizeof(p), "%s/%s", dir, de->d_name);
        n = readlink(p, target, sizeof(target) - 1);
        if (n <= 0 || strlen(de->d_name) >= sizeof(d->ids[0]))
            continue;
        target[n] = '\0';
        base = strrchr(target, '/');
        if (strcmp(base ? base + 1 : target, d->name) == 0)
            strcpy(d->ids[d->nids++], de->d_name);
    }
    if (dp)
        closedir(dp);
}

/* Without udev: the id udev would make, from the serial number. */
static void derive_id(struct keel_disk *d, const char *vendor)
{
    char model[64], serial[64];
    const char *bus = NULL;

    if (d->nids || !d->serial[0])
        return;
    id_part(model, sizeof(model), d->model);
    id_part(serial, sizeof(serial), d->serial);
    if (strncmp(d->name, "vd", 2) == 0)
        snprintf(d->ids[0], sizeof(d->ids[0]), "virtio-%s", serial);
    else if (strncmp(d->name, "nvme", 4) == 0)
        bus = "nvme";
    else if (strcmp(vendor, "ATA") == 0)
        bus = "ata";
    else
        return;
    if (bus && snprintf(d->ids[0], sizeof(d->ids[0]), "%s-%s_%s", bus,
                        model, serial) >= (int)sizeof(d->ids[0]))
        return; /* udev would not cut it: better no id than a wrong one */
    d->nids = 1;
}

/* Partitions: sysfs subdirectories with a "partition" file. */
static void read_parts(const char *dir, struct keel_disk *d)
{
    char p[PATH_MAX + 300], ue[1024];
    DIR *dp = opendir(dir);
    struct dirent *de;

    while (dp && (de = readdir(dp)) && d->nparts < KEEL_DISK_PARTS) {
        struct keel_part_info *pi = &d->parts[d->nparts];
        const char *pn;

        if (strncmp(de->d_name, d->name, strlen(d->name)) != 0)
            continue;
        snprintf(p, sizeof(p), "%s/%s/partition", dir, de->d_name);
        memset(pi, 0, sizeof(*pi));
        pi->num = (int)keel_real_num(p);
        if (pi->num <= 0)
            continue;
        snprintf(p, sizeof(p), "%s/%s/size", dir, de->d_name);
        pi->size = keel_real_num(p) * 512;
        snprintf(p, sizeof(p), "%s/%s/start", dir, de->d_name);
        pi->start = keel_real_num(p) * 512;
        snprintf(p, sizeof(p), "%s/%s/uevent", dir, de->d_name);
        {
            int fd = open(p, O_RDONLY | O_CLOEXEC);
            ssize_t n = fd >= 0 ? read(fd, ue, sizeof(ue) - 1) : -1;

            if (fd >= 0)
                close(fd);
            ue[n > 0 ? n : 0] = '\0';
        }
        pn = strstr(ue, "PARTNAME=");
        if (pn && (pn == ue || pn[-1] == '\n'))
            snprintf(pi->name, sizeof(pi->name), "%.*s",
                     (int)strcspn(pn + 9, "\n"), pn + 9);
        d->nparts++;
    }
    if (dp)
        closedir(dp);
}

static int by_part_num(const void *a, const void *b)
{
    return ((const struct keel_part_info *)a)->num -
           ((const struct keel_part_info *)b)->num;
}

/* Does the device path boot name disk d or one of its partitions? */
static int is_on(const struct keel_disk *d, const char *boot)
{
    size_t n = strlen(d->dev);

    if (strncmp(boot, d->dev, n) != 0)
        return 0;
    boot += n;
    if (*boot == 'p' && isdigit((unsigned char)d->name[strlen(d->name) -
                                                       1]))
        boot++;
    return strspn(boot, "0123456789") == strlen(boot);
}

/* Fill d from /sys/block/NAME; 0, or 1 to skip it. */
static int one_disk(struct keel_backend *b, const char *name,
                    const char *boot, struct keel_disk *d)
{
    char dir[PATH_MAX], p[PATH_MAX + 64], vendor[32];

    memset(d, 0, sizeof(*d));
    if (strlen(name) >= sizeof(d->name) ||
        keel_real_path(b, dir, sizeof(dir), "/sys/block/%s", name))
        return 1;
    snprintf(p, sizeof(p), "%s/device", dir);
    if (access(p, F_OK) != 0) /* virtual: loop, dm, md, zram */
        return 1;
    strcpy(d->name, name);
    memcpy(d->dev, "/dev/", 5);
    strcpy(d->dev + 5, d->name);
    snprintf(p, sizeof(p), "%s/size", dir);
    d->size = keel_real_num(p) * 512;
    snprintf(p, sizeof(p), "%s/queue/logical_block_size", dir);
    d->sector = (unsigned)keel_real_num(p);
    snprintf(p, sizeof(p), "%s/queue/physical_block_size", dir);
    d->physical = (unsigned)keel_real_num(p);
    if (!d->sector)
        d->sector = 512;
    if (!d->physical)
        d->physical = d->sector;
    snprintf(p, sizeof(p), "%s/removable", dir);
    d->removable = keel_real_num(p) == 1;
    snprintf(p, sizeof(p), "%s/ro", dir);
    d->readonly = keel_real_num(p) == 1;
    snprintf(p, sizeof(p), "%s/device/model", dir);
    keel_real_line(p, d->model, sizeof(d->model));
    snprintf(p, sizeof(p), "%s/device/vendor", dir);
    keel_real_line(p, vendor, sizeof(vendor));
    if (d->size == 0) /* an empty card reader */
        return 1;
    read_serial(dir, d);
    read_ids(b, d);
    derive_id(d, vendor);
    read_parts(dir, d);
    qsort(d->parts, (size_t)d->nparts, sizeof(d->parts[0]), by_part_num);
    d->has_keel = keel_disk_part(d, "keel-a") &&
                  keel_disk_part(d, "keel-b") &&
                  keel_disk_part(d, "keel-state");
    d->boot_medium = boot[0] && is_on(d, boot);
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const struct keel_disk *)a)->name,
                  ((const struct keel_disk *)b)->name);
}

static int real_disk_list(struct keel_backend *b, struct keel_disks *out,
                          struct keel_err *e)
{
    char dir[PATH_MAX], boot[128] = "";
    DIR *dp;
    struct dirent *de;
    int rc = 0;

    if (!keel_real_path(b, dir, sizeof(dir), "/run/keel/boot-device"))
        keel_real_line(dir, boot, sizeof(boot));
    if (keel_real_path(b, dir, sizeof(dir), "/sys/block"))
        return keel_err_set(e, KEEL_EINVAL, "root path too long");
    dp = opendir(dir);
    if (!dp)
        return keel_real_err(e, "list disks in", dir);
    while ((de = readdir(dp))) {
        struct keel_disk *v;

        if (skip_block(de->d_name))
            continue;
        v = realloc(out->v, (out->n + 1) * sizeof(*v));
        if (!v) {
            rc = keel_err_set(e, KEEL_ENOMEM, "out of memory listing "
                              "disks");
            break;
        }
        out->v = v;
        if (one_disk(b, de->d_name, boot, &v[out->n]) == 0)
            out->n++;
    }
    closedir(dp);
    if (rc)
        keel_disks_free(out);
    else if (out->n)
        qsort(out->v, out->n, sizeof(out->v[0]), by_name);
    return rc;
}

int keel_real_disk_setup(struct keel_backend *b)
{
    b->disk_list = real_disk_list;
    keel_real_nic_ops(b);
    keel_real_block_ops(b);
    return 0;
}
