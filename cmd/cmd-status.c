/*
 * cmd-status.c - the host at a glance (keelctl status).
 */
#include <stdio.h>
#include <string.h>

#include "cmd-runs.h"
#include "keel-sr.h"

int status_run(struct app *a, int argc, char **argv, struct out *o,
               struct keel_err *e)
{
    const struct keel_host_status *st = &a->st;

    (void)argc, (void)argv, (void)e;
    app_refresh(a, APP_SLOW);
    out_obj(o, NULL);
    out_str(o, "hostname", st->hostname);
    out_str(o, "version", st->version);
    out_str(o, "signing", st->signing);
    out_str(o, "slot", st->slot == '?' ? "" : cmd_fmt("%c", st->slot));
    out_str(o, "other_slot_version", st->other_version);
    fallback_out(a, o);
    out_str(o, "xen_version", st->xen_ok ? st->xi.version : "");
    out_obj(o, "management");
    out_str(o, "interface", st->mgmt_if);
    out_str(o, "mode", st->mode);
    out_str(o, "address", st->net.addr);
    out_num(o, "prefix", st->net.prefix);
    out_str(o, "gateway", st->net.gw);
    out_str(o, "dns", st->dns);
    out_end(o);
    out_num(o, "cpus", st->xen_ok ? st->xi.nr_cpus : 0);
    out_num(o, "memory_total_mib", (long long)(st->xi.total_kib / 1024));
    out_num(o, "memory_free_mib", (long long)(st->xi.free_kib / 1024));
    out_num(o, "vms_running", st->vms_running);
    out_num(o, "vms_total", st->vms_total);
    out_num(o, "sr_size_bytes", st->sr_ok ? (long long)st->sr_size : 0);
    out_num(o, "sr_free_bytes", st->sr_ok ? (long long)st->sr_free : 0);
    out_num(o, "uptime_s", st->uptime_s);
    out_end(o);
    return 0;
}
