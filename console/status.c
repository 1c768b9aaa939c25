/*
 * status.c - Status Display (status.h): what an admin checks first.
 * Painted from a->st only: the refresh timer reads the host, the
 * painter never does.
 */
#include <stdio.h>
#include <string.h>

#include "fallback.h"
#include "keel-sr.h"
#include "status.h"
#include "tui.h"
#include "ui.h"

/* The rows below the fallback notice, which gets what is left. */
#define STATUS_ROWS 13

static const char *mib(uint64_t kib)
{
    static char buf[2][32];
    static int i;

    i = !i;
    keel_sr_format_size(kib * 1024, buf[i], sizeof(buf[i]));
    return buf[i];
}

static const char *other_slot(const struct keel_host_status *st)
{
    char other = st->slot == 'A' ? 'B' : st->slot == 'B' ? 'A' : '?';

    if (other == '?')
        return "unknown (not booted from a slot)";
    return cmd_fmt("%c: %s", other, st->other_version[0] ?
                   st->other_version : "empty or unknown");
}

static const char *addr(const struct keel_host_status *st)
{
    if (!st->net.exists)
        return cmd_fmt("%s missing (%s)", st->mgmt_if, st->mode);
    if (!st->net.addr[0])
        return cmd_fmt("%s no address (%s)", st->mgmt_if, st->mode);
    return cmd_fmt("%s/%d (%s)", st->net.addr, st->net.prefix, st->mode);
}

void status_paint(struct app *a, int y, int x, int h, int w)
{
    const struct keel_host_status *st = &a->st;
    char up[32], sz[32], fr[32];

    keel_host_format_uptime(st->uptime_s, up, sizeof(up));
    y = fallback_paint(a, y, x, w, h - STATUS_ROWS - 1);
    y = ui_row(y, x, w, "Hostname", st->hostname);
    y = ui_row(y, x, w, "Management IP", addr(st));
    y = ui_row(y, x, w, "Gateway", st->net.gw[0] ? st->net.gw : "none");
    y = ui_row(y, x, w, "DNS", st->dns[0] ? st->dns : "none");
    y++;
    y = ui_row(y, x, w, "Keel", cmd_fmt("%s (slot %c)%s", st->version[0] ?
                                        st->version : "?", st->slot,
                                        !strcmp(st->signing, "development")
                                        ? ", development build" : ""));
    y = ui_row(y, x, w, "Other slot", other_slot(st));
    y = ui_row(y, x, w, "Xen", st->xen_ok ? st->xi.version : st->xen_err);
    if (st->xen_ok) {
        y = ui_row(y, x, w, "CPUs", cmd_fmt("%u x %u MHz", st->xi.nr_cpus,
                                            st->xi.cpu_mhz));
        y = ui_row(y, x, w, "Memory", cmd_fmt("%s (%s free)",
                                              mib(st->xi.total_kib),
                                              mib(st->xi.free_kib)));
    }
    y = ui_row(y, x, w, "VMs", cmd_fmt("%u running of %u", st->vms_running,
                                       st->vms_total));
    keel_sr_format_size(st->sr_size, sz, sizeof(sz));
    keel_sr_format_size(st->sr_free, fr, sizeof(fr));
    y = ui_row(y, x, w, "Storage", st->sr_ok ? cmd_fmt("%s, %s free", sz, fr)
                                             : st->sr_err);
    ui_row(y, x, w, "Uptime", up);
}

enum next status_activate(struct app *a, const struct action *act)
{
    (void)act;
    snprintf(a->msg, sizeof(a->msg), "Status read again");
    return NEXT_RESCAN;
}
