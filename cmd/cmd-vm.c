/*
 * cmd-vm.c - virtual machines: list, start, shut down, reboot, force off,
 * pause, resume, text console, create from a template, delete,
 * autostart, console log.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd-runs.h"
#include "keel-vm.h"

static const struct {
    const char *name;
    int op; /* enum keel_dom_op, or -1 start, -2 console, -3 delete */
} ops[] = {
    { "vm-start", -1 }, { "vm-shutdown", KEEL_DOM_SHUTDOWN },
    { "vm-reboot", KEEL_DOM_REBOOT }, { "vm-force-off", KEEL_DOM_DESTROY },
    { "vm-pause", KEEL_DOM_PAUSE }, { "vm-resume", KEEL_DOM_UNPAUSE },
    { "vm-console", -2 }, { "vm-delete", -3 },
};

int cmd_vm_op(const struct action *act)
{
    for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
        if (strcmp(ops[i].name, act->name) == 0)
            return ops[i].op;
    return -99;
}

int vm_list_run(struct app *a, int argc, char **argv, struct out *o,
                struct keel_err *e)
{
    const struct keel_vms *l = &a->vms;

    (void)argc, (void)argv;
    app_refresh_vms(a);
    if (a->vms_rc)
        return keel_err_set(e, a->vms_rc, "%s", a->vms_err);
    out_arr(o, NULL);
    for (size_t i = 0; i < l->n; i++) {
        out_obj(o, NULL);
        out_str(o, "name", l->v[i].name);
        out_str(o, "state", keel_vm_state_name(l->v[i].state));
        out_num(o, "domid", l->v[i].domid);
        out_num(o, "memory_mib", (long long)(l->v[i].mem_kib / 1024));
        out_num(o, "vcpus", l->v[i].vcpus);
        out_num(o, "uptime_s", l->v[i].uptime_s);
        out_bool(o, "autostart", l->v[i].autostart);
        out_num(o, "order", l->v[i].order);
        out_num(o, "delay_s", l->v[i].delay_s);
        out_end(o);
    }
    out_end(o);
    return 0;
}

int vm_op_run(struct app *a, int argc, char **argv, struct out *o,
              struct keel_err *e)
{
    int op = a->cur ? cmd_vm_op(a->cur) : -99, rc;

    (void)argc, (void)o;
    if (op == -1)
        return keel_vm_start(a->b, argv[0], e);
    if (op == -2) {
        rc = keel_vm_console(a->b, argv[0], e);
        return rc;
    }
    if (op == -3)
        return keel_vm_delete(a->b, argv[0], e);
    if (op < 0)
        return keel_err_set(e, KEEL_EINVAL, "unknown VM operation");
    return keel_vm_control(a->b, argv[0], (enum keel_dom_op)op, e);
}

int vm_create_run(struct app *a, int argc, char **argv, struct out *o,
                  struct keel_err *e)
{
    unsigned long mem, cpus;
    uint64_t disk;

    (void)argc, (void)o;
    if (keel_parse_uint(argv[2], 1u << 20, &mem))
        return keel_err_set(e, KEEL_EINVAL, "memory: MiB as a whole "
                            "number");
    if (keel_parse_uint(argv[3], 128, &cpus))
        return keel_err_set(e, KEEL_EINVAL, "vcpus: 1 to 128");
    if (keel_sr_parse_size(argv[4], &disk, e))
        return KEEL_EINVAL;
    return keel_vm_create(a->b, argv[0], argv[1], (unsigned)mem,
                          (unsigned)cpus, disk, e);
}

int vm_autostart_run(struct app *a, int argc, char **argv, struct out *o,
                     struct keel_err *e)
{
    unsigned long order = 0, delay = 0;
    int on = strcmp(argv[1], "on") == 0;

    (void)o;
    if (!on && strcmp(argv[1], "off") != 0)
        return keel_err_set(e, KEEL_EINVAL, "autostart: say on or off, "
                            "not '%s'", argv[1]);
    if (argc > 2 && keel_parse_uint(argv[2], 999, &order))
        return keel_err_set(e, KEEL_EINVAL, "order: give 1 to 999 (lower "
                            "starts first), or 0 for after those");
    if (argc > 3 && keel_parse_uint(argv[3], 3600, &delay))
        return keel_err_set(e, KEEL_EINVAL, "delay: give 0 to 3600 "
                            "seconds");
    return keel_vm_autostart(a->b, argv[0], on, (unsigned)order,
                             (unsigned)delay, e);
}

int vm_log_run(struct app *a, int argc, char **argv, struct out *o,
               struct keel_err *e)
{
    char *text = NULL;
    int rc = keel_vm_log(a->b, argv[0], &text, e);

    (void)argc;
    if (!rc)
        out_str(o, "log", text);
    free(text);
    return rc;
}

int vm_cd_run(struct app *a, int argc, char **argv, struct out *o,
              struct keel_err *e)
{
    int eject = strcmp(argv[1], "none") == 0;

    (void)argc, (void)o;
    return keel_vm_cd(a->b, argv[0], eject ? NULL : argv[1], e);
}

int guests_start_run(struct app *a, int argc, char **argv, struct out *o,
                     struct keel_err *e)
{
    char report[4096];
    int failed = keel_vm_autostart_all(a->b, report, sizeof(report));

    (void)argc, (void)argv;
    out_str(o, "vms", report[0] ? report : "none to start\n");
    return failed ? keel_err_set(e, KEEL_ECMD, "%d VM%s set to start with "
                                 "the host did not start", failed,
                                 failed == 1 ? "" : "s") : 0;
}
