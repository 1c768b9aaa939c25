/*
 * host-hw.c - the CPU model, disks and NICs, read at once
 * (keel_host_hw_read in keel-host.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keel-host.h"

static void cpu_model(struct keel_backend *b, char *buf, size_t size)
{
    char *data = NULL, *p;
    size_t len;

    snprintf(buf, size, "unknown");
    if (keel_backend_read(b, "/proc/cpuinfo", &data, &len, NULL))
        return;
    p = strstr(data, "model name");
    if (p && (p = strchr(p, ':')))
        snprintf(buf, size, "%.*s", (int)strcspn(p + 2, "\n"), p + 2);
    free(data);
}

void keel_host_hw_read(struct keel_host_hw *hw, struct keel_backend *b,
                       unsigned what)
{
    if (what & KEEL_HW_NICS) {
        keel_nics_free(&hw->nics);
        if (keel_backend_nic_list(b, &hw->nics, NULL))
            keel_nics_free(&hw->nics);
    }
    if (what & KEEL_HW_MACHINE) {
        keel_disks_free(&hw->disks);
        cpu_model(b, hw->cpu_model, sizeof(hw->cpu_model));
        if (keel_backend_disk_list(b, &hw->disks, NULL))
            keel_disks_free(&hw->disks);
    }
}

void keel_host_hw_fini(struct keel_host_hw *hw)
{
    keel_disks_free(&hw->disks);
    keel_nics_free(&hw->nics);
    memset(hw, 0, sizeof(*hw));
}
