/*
 * sr-vdi.c - virtual disk names, sizes, create and delete (keel-sr.h).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "keel-sr.h"
#include "keel-validate.h"
#include "keel-xen.h"

#define MIN_SIZE (4ull << 20)

int keel_sr_valid_name(const char *name, struct keel_err *e)
{
    size_t n = strlen(name);

    if (n == 0 || n > 60)
        return keel_err_set(e, KEEL_EINVAL, "a disk name has 1-60 "
                            "characters");
    if (name[0] == '-' || name[0] == '.')
        return keel_err_set(e, KEEL_EINVAL, "'%s': a disk name may not "
                            "start with '-' or '.'", name);
    if (strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
               "0123456789_.+-") != n)
        return keel_err_set(e, KEEL_EINVAL, "'%s': use only letters, "
                            "digits and _ . + - in a disk name", name);
    return 0;
}

int keel_sr_parse_size(const char *s, uint64_t *bytes, struct keel_err *e)
{
    int rc = keel_parse_bytes(s, bytes, e);

    if (!rc && *bytes < MIN_SIZE)
        return keel_err_set(e, KEEL_EINVAL, "%s: a disk needs at least 4M",
                            s);
    return rc;
}

void keel_sr_format_size(uint64_t bytes, char *buf, size_t size)
{
    static const char *const unit[] = { "B", "KiB", "MiB", "GiB", "TiB",
                                        "PiB" };
    double v = (double)bytes;
    int u = 0;

    while (v >= 1024 && u < 5) {
        v /= 1024;
        u++;
    }
    if (u == 0)
        snprintf(buf, size, "%" PRIu64 " B", bytes);
    else
        snprintf(buf, size, "%.1f %s", v, unit[u]);
}

/* libvirt's pool over the SR (S92libvirt) reads its volumes again, so
 * virsh vol-list and virt-manager show the change at once.  A failure
 * changes nothing for the disk: libvirt catches up at its next refresh. */
static void pool_refresh(struct keel_backend *b)
{
    keel_backend_pool_refresh(b, KEEL_SR_VG, NULL);
}

int keel_sr_vdi_create(struct keel_backend *b, const char *name,
                       uint64_t size, const char *owner, struct keel_err *e)
{
    char sz[32], tag[96];
    const char *argv[] = { "lvm", "lvcreate", "-y", "-n", name, "-L", sz,
                           "--addtag", tag, KEEL_SR_VG, NULL };
    struct keel_sr sr;
    int rc = keel_sr_valid_name(name, e);

    if (rc)
        return rc;
    if (owner && owner[0] && strlen(owner) > 60)
        return keel_err_set(e, KEEL_EINVAL, "owner name too long");
    rc = keel_sr_read(&sr, b, e);
    if (rc)
        return rc;
    for (size_t i = 0; i < sr.n; i++)
        if (strcmp(sr.vdis[i].name, name) == 0)
            rc = keel_err_set(e, KEEL_EEXIST, "a disk named %s exists "
                              "already", name);
    if (!rc && size > sr.free)
        rc = keel_err_set(e, KEEL_EINVAL, "not enough free space in the "
                          "storage repository for %s", name);
    keel_sr_fini(&sr);
    if (rc)
        return rc;
    snprintf(sz, sizeof(sz), "%" PRIu64 "b", size);
    snprintf(tag, sizeof(tag), KEEL_SR_TAG "%s", owner ? owner : "");
    if (!owner || !owner[0]) {
        argv[7] = KEEL_SR_VG;
        argv[8] = NULL;
    }
    rc = keel_backend_run(b, argv, NULL, e);
    if (!rc)
        pool_refresh(b);
    return rc;
}

int keel_sr_vdi_exists(struct keel_backend *b, const char *name,
                       struct keel_err *e)
{
    struct keel_sr sr;
    int rc = keel_sr_read(&sr, b, e), found = 0;

    if (rc)
        return rc;
    for (size_t i = 0; i < sr.n; i++)
        found |= strcmp(sr.vdis[i].name, name) == 0;
    keel_sr_fini(&sr);
    return found ? 0 : keel_err_set(e, KEEL_ENOENT, "no disk named %s in "
                                    "the storage repository", name);
}

int keel_sr_vdi_delete(struct keel_backend *b, const char *name,
                       struct keel_err *e)
{
    char lv[160];
    const char *argv[] = { "lvm", "lvremove", "-y", lv, NULL };
    int rc = keel_sr_valid_name(name, e);

    if (!rc)
        rc = keel_sr_vdi_exists(b, name, e);
    if (rc)
        return rc;
    snprintf(lv, sizeof(lv), "%s/%s", KEEL_SR_VG, name);
    rc = keel_backend_run(b, argv, NULL, e);
    if (!rc)
        pool_refresh(b);
    return rc;
}
