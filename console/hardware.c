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
static void cpu_model(struct app *a, char *buf, size_t size)
{
    char *data = NULL, *p;
    size_t len;

    snprintf(buf, size, "unknown");
    if (keel_backend_read(a->b, "/proc/cpuinfo", &data, &len, NULL))
        return;
    p = strstr(data, "model name");
    if (p && (p = strchr(p, ':')))
        snprintf(buf, size, "%.*s", (int)strcspn(p + 2, "\n"), p + 2);
    free(data);
}

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
    struct keel_disks disks = { 0 };
    char model[128], sz[32];
    int end = y + h;

    cpu_model(a, model, sizeof(model));
    y = ui_row(y, x, w, "CPU", model);
    y = ui_row(y, x, w, "CPUs", st->xen_ok ? ui_fmt("%u (%u cores/socket,"
                                                    " %u threads/core)",
                                                    st->xi.nr_cpus,
                                                    st->xi.cores_per_socket,
                                                    st->xi.threads_per_core)
                                           : "?");
    y = ui_row(y, x, w, "Virtualization", virt(st));
    keel_sr_format_size(st->xi.total_kib * 1024, sz, sizeof(sz));
    y = ui_row(y, x, w, "Memory", st->xen_ok ? sz : "?");
    if (keel_backend_disk_list(a->b, &disks, NULL))
        return;
    tui_put(y++, x, w, "Disk      Size       Model", TUI_HEADING, 1);
    for (size_t i = 0; i < disks.n && y < end; i++) {
        keel_sr_format_size(disks.v[i].size, sz, sizeof(sz));
        tui_put(y++, x, w, ui_fmt("%-9s %-10s %s", disks.v[i].name, sz,
                                  disks.v[i].model), TUI_NORMAL, 1);
    }
    keel_disks_free(&disks);
}

int hardware_run(struct app *a, int argc, char **argv, struct out *o,
                 struct keel_err *e)
{
    const struct keel_host_status *st = &a->st;
    struct keel_disks disks = { 0 };
    char model[128];

    (void)argc, (void)argv, (void)e;
    app_refresh(a, 0);
    cpu_model(a, model, sizeof(model));
    out_obj(o, NULL);
    out_str(o, "cpu_model", model);
    out_num(o, "cpus", st->xi.nr_cpus);
    out_bool(o, "hvm", st->xi.hvm);
    out_bool(o, "hvm_directio", st->xi.hvm_directio);
    out_str(o, "xen_caps", st->xi.caps);
    out_num(o, "memory_mib", (long long)(st->xi.total_kib / 1024));
    out_arr(o, "disks");
    if (!keel_backend_disk_list(a->b, &disks, NULL))
        for (size_t i = 0; i < disks.n; i++) {
            out_obj(o, NULL);
            out_str(o, "name", disks.v[i].name);
            out_num(o, "size_bytes", (long long)disks.v[i].size);
            out_str(o, "model", disks.v[i].model);
            out_end(o);
        }
    keel_disks_free(&disks);
    out_end(o);
    out_end(o);
    return 0;
}
