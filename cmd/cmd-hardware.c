/*
 * cmd-hardware.c - CPU, virtualization, memory, disks.
 */
#include "cmd-runs.h"

int hardware_run(struct app *a, int argc, char **argv, struct out *o,
                 struct keel_err *e)
{
    const struct keel_host_status *st = &a->st;
    const struct keel_disks *disks = &a->hw.disks;

    (void)argc, (void)argv, (void)e;
    app_refresh(a, 0);
    out_obj(o, NULL);
    out_str(o, "cpu_model", a->hw.cpu_model);
    out_num(o, "cpus", st->xi.nr_cpus);
    out_bool(o, "hvm", st->xi.hvm);
    out_bool(o, "hvm_directio", st->xi.hvm_directio);
    out_str(o, "xen_caps", st->xi.caps);
    out_num(o, "memory_mib", (long long)(st->xi.total_kib / 1024));
    out_arr(o, "disks");
    for (size_t i = 0; i < disks->n; i++) {
        out_obj(o, NULL);
        out_str(o, "name", disks->v[i].name);
        out_num(o, "size_bytes", (long long)disks->v[i].size);
        out_str(o, "model", disks->v[i].model);
        out_end(o);
    }
    out_end(o);
    out_end(o);
    return 0;
}
