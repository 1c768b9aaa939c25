/*
 * backend-real-new.c - the real backend with every operation group
 * (keel_backend_real_new in keel-backend.h): what keel-console and
 * keelctl use.  Its own file so that a program that installs fewer
 * groups (keel-install: files, programs and disks) does not link the
 * others' libraries (libxenlight, libvirt).
 */
#include "keel-backend.h"
#include "keel-disk.h"
#include "keel-xen.h"

struct keel_backend *keel_backend_real_new(const char *root)
{
    static const keel_group_setup all[] = { keel_real_xen_setup,
                                            keel_real_virt_setup,
                                            keel_real_disk_setup };

    return keel_backend_real_with(root, all, sizeof(all) / sizeof(all[0]));
}
