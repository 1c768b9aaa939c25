/*
 * hardware.c - Hardware (hardware.h): CPU model and count, what Xen
 * says about virtualization (HVM possible or not), memory, disks, NICs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hardware.h"
#include "keel-disk.h"
#include "keel-sr.h"
#include "tui.h"
#include "ui.h"

/* "model name" of the first CPU in /proc/cpuinfo. */

static const char *virt(const struct keel_host_status *st)
{
    if (!st->xen_ok)
        return "unknown (Xen not reachable)";
    if (!st->xi.hvm)
        return "PV only (no HVM: CPU or firmware lacks VT-x/AMD-V)";
    return st->xi.hvm_directio ? "HVM and PV, PCI passthrough" :
                                 "HVM and PV";
}

void hardware_paint(struct app *a, int y, int x, int h, int w)
{
    const struct keel_host_status *st = &a->st;
    const struct keel_disks *disks = &a->hw.disks;
    char sz[32];
    int end = y + h;

    y = ui_row(y, x, w, "CPU", a->hw.cpu_model);
    y = ui_row(y, x, w, "CPUs", st->xen_ok ? cmd_fmt("%u (%u cores/socket,"
                                                     " %u threads/core)",
                                                     st->xi.nr_cpus,
                                                     st->xi.cores_per_socket,
                                                     st->xi.threads_per_core)
                                           : "?");
    y = ui_row(y, x, w, "Virtualization", virt(st));
    keel_sr_format_size(st->xi.total_kib * 1024, sz, sizeof(sz));
    y = ui_row(y, x, w, "Memory", st->xen_ok ? sz : "?");
    if (!disks->n)
        return;
    tui_put(y++, x, w, "Disk      Size       Model", TUI_HEADING, 1);
    for (size_t i = 0; i < disks->n && y < end; i++) {
        keel_sr_format_size(disks->v[i].size, sz, sizeof(sz));
        tui_put(y++, x, w, cmd_fmt("%-9s %-10s %s", disks->v[i].name, sz,
                                   disks->v[i].model), TUI_NORMAL, 1);
    }
}
