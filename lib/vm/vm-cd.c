/*
 * vm-cd.c - a VM's CD drive, from the ISO library (keel-vm.h).
 */
#include <stddef.h>

#include "keel-sr.h"
#include "keel-vm.h"

int keel_vm_cd(struct keel_backend *b, const char *name, const char *iso,
               struct keel_err *e)
{
    char path[256];
    int rc = keel_vm_valid_name(name, e);

    if (!rc && iso)
        rc = keel_iso_path(b, iso, path, sizeof(path), e);
    return rc ? rc : keel_backend_vm_cd(b, name, iso ? path : NULL, e);
}
