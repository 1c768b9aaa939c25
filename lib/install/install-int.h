/*
 * install-int.h - private to lib/install/ and lib/slot/slot-boot.c:
 * mounting through the backend and the A/B slot steps shared by
 * install, upgrade and mark-good.
 */
#ifndef KEEL_INSTALL_INT_H
#define KEEL_INSTALL_INT_H

#include "keel-install.h"
#include "keel-slot.h"

/* mkdir -p dir; mount [-t fstype] [-o ro] dev dir. */
int keel_mount(struct keel_backend *b, const char *dev, const char *dir,
               const char *fstype, int ro, struct keel_err *e);
int keel_umount(struct keel_backend *b, const char *dir,
                struct keel_err *e);

/* The device of the partition called name on d ("/dev/sda2"). */
int keel_part_dev_by_name(const struct keel_disk *d, const char *name,
                          char *buf, size_t size, struct keel_err *e);

/* The plan's word on the disks it leaves alone (install-others.c):
 * p->other_keel and, installing, p->other_vg.  Reads only. */
void keel_plan_others(struct keel_backend *b, struct keel_disks *l,
                      struct keel_plan *p);

#endif
