/*
 * install-mount.c - mounts, partition devices and the ESP's grubenv
 * through the backend (install-int.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "install-int.h"

int keel_mount(struct keel_backend *b, const char *dev, const char *dir,
               const char *fstype, int ro, struct keel_err *e)
{
    const char *mk[] = { "mkdir", "-p", dir, NULL };
    const char *mnt[] = { "mount", "-t", fstype, "-o", ro ? "ro" : "rw",
                          dev, dir, NULL };
    int rc = keel_backend_run(b, mk, NULL, e);

    return rc ? rc : keel_backend_run(b, mnt, NULL, e);
}

int keel_umount(struct keel_backend *b, const char *dir,
                struct keel_err *e)
{
    const char *um[] = { "umount", dir, NULL };

    return keel_backend_run(b, um, NULL, e);
}

int keel_part_dev_by_name(const struct keel_disk *d, const char *name,
                          char *buf, size_t size, struct keel_err *e)
{
    const struct keel_part_info *pi = keel_disk_part(d, name);

    if (!pi)
        return keel_err_set(e, KEEL_ENOENT, "%s has no partition named %s",
                            d->name, name);
    if (keel_disk_part_dev(d->name, pi->num, buf, size))
        return keel_err_set(e, KEEL_EINVAL, "device name of %s too long",
                            d->name);
    return 0;
}
