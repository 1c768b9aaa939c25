/*
 * vm.c - Virtual Machines (vm.h): list with state, memory, vCPUs and
 * uptime; start, shut down, reboot, force off, pause, resume, text
 * console, create from a template, delete.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keel-sr.h"
#include "keel-vm.h"
#include "tui.h"
#include "ui.h"
#include "vm.h"

/* The operation of a row, by its name. */

static const char *vm_line(const struct keel_vm *v)
{
    char up[32];

    keel_host_format_uptime(v->uptime_s, up, sizeof(up));
    return cmd_fmt("%-12.12s %-8s %6llu %2u %s", v->name,
                   keel_vm_state_name(v->state),
                   (unsigned long long)(v->mem_kib / 1024), v->vcpus,
                   v->state == KEEL_VM_HALTED ? "-" : up);
}

void vm_paint(struct app *a, int y, int x, int h, int w)
{
    const struct keel_vms *l = &a->vms;
    int end = y + h;

    if (a->vms_rc) {
        tui_put(y, x, w, "Cannot list VMs", TUI_ERROR, 1);
        return;
    }
    tui_put(y++, x, w, "Name         State       MiB  # Uptime",
            TUI_HEADING, 1);
    for (size_t i = 0; i < l->n && y < end; i++)
        tui_put(y++, x, w, vm_line(&l->v[i]), TUI_NORMAL, 1);
    if (!l->n)
        tui_put(y, x, w, "No VMs: create one here, with keelctl, virsh "
                "or virt-manager", TUI_NORMAL, 1);
}

enum next vm_activate(struct app *a, const struct action *act)
{
    struct keel_vms l;
    const char *items[64];
    size_t idx[64], n = 0;
    int op = cmd_vm_op(act), k;
    char name[64], *argv[1] = { name };

    if (keel_vm_list(a->b, &l, NULL))
        return NEXT_REDRAW;
    for (size_t i = 0; i < l.n && n < 64; i++) {
        int halted = l.v[i].state == KEEL_VM_HALTED;

        if ((op == -1 || op == -3) != halted)
            continue;
        idx[n] = i;
        items[n++] = l.v[i].name;
    }
    if (!n) {
        keel_vms_free(&l);
        tui_message(act->label, op == -1 || op == -3 ? "No halted VM." :
                    "No running VM.");
        return NEXT_REDRAW;
    }
    k = tui_choose(act->label, items, n, 0);
    if (k >= 0)
        snprintf(name, sizeof(name), "%s", l.v[idx[k]].name);
    keel_vms_free(&l);
    if (k < 0 || (act->confirm && !tui_confirm(act->label, cmd_fmt(
                      "%s %s?", act->label, name))))
        return NEXT_REDRAW;
    if (op != -2)
        return ui_run(a, act, 1, argv);
    tui_suspend();
    return ui_run_tty(a, act, 1, argv);
}

struct create_ctx {
    const char *what;
};

static int check_name(const char *v, void *ctx, struct keel_err *e)
{
    (void)ctx;
    return keel_vm_valid_name(v, e);
}

static int check_uint(const char *v, void *ctx, struct keel_err *e)
{
    unsigned long n;

    if (keel_parse_uint(v, 1u << 20, &n) || n == 0)
        return keel_err_set(e, KEEL_EINVAL, "%s: a whole number",
                            (const char *)ctx);
    return 0;
}

static int check_size(const char *v, void *ctx, struct keel_err *e)
{
    uint64_t n;

    (void)ctx;
    return keel_sr_parse_size(v, &n, e);
}

enum next vm_create_activate(struct app *a, const struct action *act)
{
    char name[64] = "", tmpl[64] = "pv-linux", mem[16] = "512",
         cpus[16] = "1", disk[32] = "8G";
    char *argv[5] = { name, tmpl, mem, cpus, disk };

    if (!tui_input(act->label, "Name of the new VM:", name, sizeof(name), 0,
                   check_name, NULL) ||
        !tui_input(act->label, cmd_fmt("Template (in %s):",
                                       KEEL_TEMPLATE_DIR), tmpl,
                   sizeof(tmpl), 0, NULL, NULL) ||
        !tui_input(act->label, "Memory in MiB:", mem, sizeof(mem), 0,
                   check_uint, (void *)"memory") ||
        !tui_input(act->label, "Virtual CPUs:", cpus, sizeof(cpus), 0,
                   check_uint, (void *)"vCPUs") ||
        !tui_input(act->label, "Disk size (e.g. 8G):", disk, sizeof(disk),
                   0, check_size, NULL))
        return NEXT_REDRAW;
    return ui_run(a, act, 5, argv);
}

/* Any defined or running VM, chosen by the admin into name. */
static int choose_any(struct app *a, const struct action *act, char *name,
                      size_t size)
{
    struct keel_vms l;
    const char *items[64];
    size_t n = 0;
    int k;

    if (keel_vm_list(a->b, &l, NULL))
        return 0;
    for (size_t i = 0; i < l.n && n < 64; i++)
        items[n++] = l.v[i].name;
    if (!n) {
        keel_vms_free(&l);
        tui_message(act->label, "No VMs.");
        return 0;
    }
    k = tui_choose(act->label, items, n, 0);
    if (k >= 0)
        snprintf(name, size, "%s", items[k]);
    keel_vms_free(&l);
    return k >= 0;
}

/* The VM, then an ISO of the library or "Eject". */
enum next vm_cd_activate(struct app *a, const struct action *act)
{
    struct keel_isos l;
    const char *items[65];
    char name[64], iso[128], *argv[2] = { name, iso };
    size_t n = 0;
    int k;

    if (!choose_any(a, act, name, sizeof(name)))
        return NEXT_REDRAW;
    if (keel_iso_list(a->b, &l, NULL))
        memset(&l, 0, sizeof(l));
    items[n++] = "Eject (no CD)";
    for (size_t i = 0; i < l.n && n < 65; i++)
        items[n++] = l.v[i].name;
    k = tui_choose(cmd_fmt("CD of %s", name), items, n, 0);
    if (k >= 0)
        snprintf(iso, sizeof(iso), "%s", k ? items[k] : "none");
    keel_isos_free(&l);
    return k < 0 ? NEXT_REDRAW : ui_run(a, act, 2, argv);
}

enum next vm_log_activate(struct app *a, const struct action *act)
{
    char name[64], *text = NULL;
    struct keel_err e;

    if (!choose_any(a, act, name, sizeof(name)))
        return NEXT_REDRAW;
    if (keel_vm_log(a->b, name, &text, &e))
        tui_message(act->label, e.msg);
    else
        tui_pager(cmd_fmt("Console log of %s", name), text);
    free(text);
    return NEXT_REDRAW;
}

static int check_onoff(const char *v, void *ctx, struct keel_err *e)
{
    (void)ctx;
    if (strcmp(v, "on") && strcmp(v, "off"))
        return keel_err_set(e, KEEL_EINVAL, "say on or off");
    return 0;
}

enum next vm_autostart_activate(struct app *a, const struct action *act)
{
    char name[64], on[8] = "on", order[8] = "1", delay[8] = "0";
    char *argv[4] = { name, on, order, delay };

    if (!choose_any(a, act, name, sizeof(name)) ||
        !tui_input(act->label, cmd_fmt("Start %s with the host (on/off):",
                                       name), on, sizeof(on), 0,
                   check_onoff, NULL))
        return NEXT_REDRAW;
    if (!strcmp(on, "off"))
        return ui_run(a, act, 2, argv);
    if (!tui_input(act->label, "Start order (1 starts first):", order,
                   sizeof(order), 0, NULL, NULL) ||
        !tui_input(act->label, "Seconds to wait before the next VM:",
                   delay, sizeof(delay), 0, NULL, NULL))
        return NEXT_REDRAW;
    return ui_run(a, act, 4, argv);
}
