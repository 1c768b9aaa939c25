/*
 * backend-real-disk.c - the real backend's disks and NICs (keel-disk.h):
 * sysfs and /dev/disk/by-id to list, plain file descriptors to write.
 *
 * Every path goes under the backend's root, so the unit tests run this
 * very code over a made-up /sys and /dev in a temporary directory.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/fs.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "keel-disk.h"

#define CHUNK (4u * 1024 * 1024)

struct real_disk {
    char root[PATH_MAX];
    void (*destroy)(struct keel_backend *b);
};

static const char *root_of(struct keel_backend *b)
{
    return ((struct real_disk *)b->disk)->root;
}

/* root + the printf-formatted path into buf. */
__attribute__((format(printf, 4, 5)))
static int rpath(struct keel_backend *b, char *buf, size_t size,
                 const char *fmt, ...)
{
    va_list ap;
    int n = snprintf(buf, size, "%s", root_of(b)), m;

    va_start(ap, fmt);
    m = vsnprintf(buf + n, size - (size_t)n, fmt, ap);
    va_end(ap);
    return m < 0 || (size_t)(n + m) >= size ? -1 : 0;
}

/* The first line of a small sysfs file, trimmed; "" if unreadable. */
static void sys_read(const char *path, char *buf, size_t size)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    ssize_t n = fd >= 0 ? read(fd, buf, size - 1) : -1;
    size_t len;

    if (fd >= 0)
        close(fd);
    buf[n > 0 ? n : 0] = '\0';
    buf[strcspn(buf, "\n")] = '\0';
    len = strlen(buf);
    while (len && isspace((unsigned char)buf[len - 1]))
        buf[--len] = '\0';
    len = strspn(buf, " \t");
    memmove(buf, buf + len, strlen(buf + len) + 1);
}

static unsigned long long sys_num(const char *path)
{
    char buf[32];

    sys_read(path, buf, sizeof(buf));
    return strtoull(buf, NULL, 10);
}

static int sys_err(struct keel_err *e, const char *what, const char *path)
{
    int errnum = errno;

    return keel_err_set(e, keel_err_from_errno(errnum), "cannot %s %s: %s",
                        what, path, strerror(errnum));
}

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
    char p[PATH_MAX], raw[128];
    int fd;
    ssize_t n;

    snprintf(p, sizeof(p), "%s/serial", dir);
    sys_read(p, d->serial, sizeof(d->serial));
    if (!d->serial[0]) {
        snprintf(p, sizeof(p), "%s/device/serial", dir);
        sys_read(p, d->serial, sizeof(d->serial));
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

    if (rpath(b, dir, sizeof(dir), "/dev/disk/by-id"))
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
    if (bus)
        snprintf(d->ids[0], sizeof(d->ids[0]), "%s-%s_%s", bus, model,
                 serial);
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
        pi->num = (int)sys_num(p);
        if (pi->num <= 0)
            continue;
        snprintf(p, sizeof(p), "%s/%s/size", dir, de->d_name);
        pi->size = sys_num(p) * 512;
        snprintf(p, sizeof(p), "%s/%s/start", dir, de->d_name);
        pi->start = sys_num(p) * 512;
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
        rpath(b, dir, sizeof(dir), "/sys/block/%s", name))
        return 1;
    snprintf(p, sizeof(p), "%s/device", dir);
    if (access(p, F_OK) != 0) /* virtual: loop, dm, md, zram */
        return 1;
    strcpy(d->name, name);
    snprintf(d->dev, sizeof(d->dev), "/dev/%s", name);
    snprintf(p, sizeof(p), "%s/size", dir);
    d->size = sys_num(p) * 512;
    snprintf(p, sizeof(p), "%s/queue/logical_block_size", dir);
    d->sector = (unsigned)sys_num(p);
    snprintf(p, sizeof(p), "%s/queue/physical_block_size", dir);
    d->physical = (unsigned)sys_num(p);
    if (!d->sector)
        d->sector = 512;
    if (!d->physical)
        d->physical = d->sector;
    snprintf(p, sizeof(p), "%s/removable", dir);
    d->removable = sys_num(p) == 1;
    snprintf(p, sizeof(p), "%s/ro", dir);
    d->readonly = sys_num(p) == 1;
    snprintf(p, sizeof(p), "%s/device/model", dir);
    sys_read(p, d->model, sizeof(d->model));
    snprintf(p, sizeof(p), "%s/device/vendor", dir);
    sys_read(p, vendor, sizeof(vendor));
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

static int rd_disk_list(struct keel_backend *b, struct keel_disks *out,
                        struct keel_err *e)
{
    char dir[PATH_MAX], boot[128] = "";
    DIR *dp;
    struct dirent *de;
    int rc = 0;

    if (!rpath(b, dir, sizeof(dir), "/run/keel/boot-device"))
        sys_read(dir, boot, sizeof(boot));
    if (rpath(b, dir, sizeof(dir), "/sys/block"))
        return keel_err_set(e, KEEL_EINVAL, "root path too long");
    dp = opendir(dir);
    if (!dp)
        return sys_err(e, "list disks in", dir);
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

static void one_nic(const char *dir, const char *name, struct keel_nic *c)
{
    char p[PATH_MAX + 64], buf[PATH_MAX];
    ssize_t n;
    long long speed;

    memset(c, 0, sizeof(*c));
    snprintf(c->name, sizeof(c->name), "%s", name);
    snprintf(p, sizeof(p), "%s/address", dir);
    sys_read(p, buf, sizeof(buf));
    snprintf(c->mac, sizeof(c->mac), "%s", buf);
    snprintf(p, sizeof(p), "%s/operstate", dir);
    sys_read(p, buf, sizeof(buf));
    c->link = !strcmp(buf, "up") ? 1 : !strcmp(buf, "down") ? 0 : -1;
    snprintf(p, sizeof(p), "%s/carrier", dir);
    sys_read(p, buf, sizeof(buf));
    if (c->link != 1 && buf[0])
        c->link = buf[0] == '1';
    snprintf(p, sizeof(p), "%s/speed", dir);
    sys_read(p, buf, sizeof(buf));
    speed = strtoll(buf, NULL, 10);
    c->speed = speed > 0 && speed < 10000000 ? (unsigned)speed : 0;
    snprintf(p, sizeof(p), "%s/device/driver", dir);
    n = readlink(p, buf, sizeof(buf) - 1);
    if (n > 0) {
        const char *base;

        buf[n] = '\0';
        base = strrchr(buf, '/');
        snprintf(c->driver, sizeof(c->driver), "%s", base ? base + 1 : buf);
    }
}

static int by_nic(const void *a, const void *b)
{
    return strcmp(((const struct keel_nic *)a)->name,
                  ((const struct keel_nic *)b)->name);
}

static int rd_nic_list(struct keel_backend *b, struct keel_nics *out,
                       struct keel_err *e)
{
    char dir[PATH_MAX], p[PATH_MAX + 300];
    DIR *dp;
    struct dirent *de;

    if (rpath(b, dir, sizeof(dir), "/sys/class/net"))
        return keel_err_set(e, KEEL_EINVAL, "root path too long");
    dp = opendir(dir);
    if (!dp)
        return sys_err(e, "list network interfaces in", dir);
    while ((de = readdir(dp))) {
        struct keel_nic *v;

        snprintf(p, sizeof(p), "%s/%s/device", dir, de->d_name);
        if (de->d_name[0] == '.' || strlen(de->d_name) >= 16 ||
            access(p, F_OK) != 0)
            continue;
        v = realloc(out->v, (out->n + 1) * sizeof(*v));
        if (!v) {
            closedir(dp);
            keel_nics_free(out);
            return keel_err_set(e, KEEL_ENOMEM, "out of memory");
        }
        out->v = v;
        snprintf(p, sizeof(p), "%s/%s", dir, de->d_name);
        one_nic(p, de->d_name, &v[out->n++]);
    }
    closedir(dp);
    if (out->n)
        qsort(out->v, out->n, sizeof(out->v[0]), by_nic);
    return 0;
}

/* Size of an open file or block device. */
static int fd_size(int fd, uint64_t *size)
{
    struct stat st;

    if (fstat(fd, &st) < 0)
        return -1;
    if (S_ISBLK(st.st_mode))
        return ioctl(fd, BLKGETSIZE64, size);
    *size = (uint64_t)st.st_size;
    return 0;
}

static int rd_stat(struct keel_backend *b, const char *path,
                   struct keel_stat *st, struct keel_err *e)
{
    char full[PATH_MAX];
    struct stat s;
    int fd;

    if (rpath(b, full, sizeof(full), "%s", path))
        return keel_err_set(e, KEEL_EINVAL, "path %s is too long", path);
    if (stat(full, &s) < 0) {
        if (errno == ENOENT || errno == ENOTDIR)
            return 0;
        return sys_err(e, "look at", full);
    }
    st->kind = S_ISREG(s.st_mode) ? KEEL_ST_FILE
             : S_ISDIR(s.st_mode) ? KEEL_ST_DIR
             : S_ISBLK(s.st_mode) ? KEEL_ST_BLOCK : KEEL_ST_OTHER;
    st->size = S_ISREG(s.st_mode) ? (uint64_t)s.st_size : 0;
    if (st->kind == KEEL_ST_BLOCK) {
        fd = open(full, O_RDONLY | O_CLOEXEC);
        if (fd < 0 || fd_size(fd, &st->size) < 0) {
            int rc = sys_err(e, "get the size of", full);

            if (fd >= 0)
                close(fd);
            return rc;
        }
        close(fd);
    }
    return 0;
}

/* Open a device (under root) for writing; *size gets its size. */
static int open_dev(struct keel_backend *b, const char *dev, int flags,
                    char *full, uint64_t *size, struct keel_err *e)
{
    int fd;

    if (rpath(b, full, PATH_MAX, "%s", dev))
        return keel_err_set(e, KEEL_EINVAL, "path %s is too long", dev);
    fd = open(full, flags | O_CLOEXEC);
    if (fd < 0)
        return sys_err(e, "open", full);
    if (fd_size(fd, size) < 0) {
        int rc = sys_err(e, "get the size of", full);

        close(fd);
        return rc;
    }
    return fd;
}

static int rd_dev_zero(struct keel_backend *b, const char *dev,
                       unsigned long long offset, unsigned long long len,
                       struct keel_err *e)
{
    char full[PATH_MAX], *zero = calloc(1, CHUNK);
    uint64_t size = 0;
    int fd, rc = 0;

    if (!zero)
        return keel_err_set(e, KEEL_ENOMEM, "out of memory");
    fd = open_dev(b, dev, O_WRONLY, full, &size, e);
    if (fd < 0) {
        free(zero);
        return fd;
    }
    if (offset > size || len > size - offset)
        rc = keel_err_set(e, KEEL_EINVAL, "%s: range %llu+%llu is beyond"
                          " its end (%llu bytes)", dev, offset, len,
                          (unsigned long long)size);
    while (!rc && len) {
        size_t n = len < CHUNK ? (size_t)len : CHUNK;
        ssize_t w = pwrite(fd, zero, n, (off_t)offset);

        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            rc = sys_err(e, "write zeros to", full);
        else {
            offset += (size_t)w;
            len -= (size_t)w;
        }
    }
    if (!rc && fsync(fd) < 0)
        rc = sys_err(e, "flush", full);
    close(fd);
    free(zero);
    return rc;
}
