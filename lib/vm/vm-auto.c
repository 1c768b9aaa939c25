/*
 * vm-auto.c - VMs that start with the host, in Keel's order, and the
 * guests' console logs (keel-vm.h).
 *
 * libvirt's autostart flag says which VMs start with the host (virsh
 * autostart and virt-manager set it too); libvirtd does not start them
 * itself (S92libvirt marks its autostart done), because it would start
 * them before the network is up and in no order.  Keel starts them
 * after the network, by the order and delay kept in each definition.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "keel-vm.h"

int keel_vm_log(struct keel_backend *b, const char *name, char **text,
                struct keel_err *e)
{
    char path[160];
    size_t len;
    int rc = keel_vm_valid_name(name, e);

    *text = NULL;
    if (rc)
        return rc;
    snprintf(path, sizeof(path), "%s/guest-%s.log", KEEL_VM_LOG_DIR, name);
    rc = keel_backend_read_tail(b, path, KEEL_VM_LOG_MAX, text, &len, e);
    if (rc == KEEL_ENOENT)
        return keel_err_set(e, rc, "%s has no console log yet (%s is "
                            "written while it runs)", name, path);
    for (size_t i = 0; !rc && i < len; i++) {
        unsigned char c = (unsigned char)(*text)[i];

        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
            (*text)[i] = '?';
    }
    return rc;
}

int keel_vm_autostart(struct keel_backend *b, const char *name, int on,
                      unsigned order, unsigned delay_s, struct keel_err *e)
{
    struct keel_vms l;
    const struct keel_vm *v;
    int rc = keel_vm_valid_name(name, e), defined;

    if (rc)
        return rc;
    if (order > 999)
        return keel_err_set(e, KEEL_EINVAL, "order: give 1 to 999 (lower "
                            "starts first), or 0 for after those");
    if (delay_s > 3600)
        return keel_err_set(e, KEEL_EINVAL, "delay: give 0 to 3600 "
                            "seconds");
    rc = keel_vm_list(b, &l, e);
    if (rc)
        return rc;
    v = keel_vm_find(&l, name);
    defined = v && v->defined;
    keel_vms_free(&l);
    if (!defined)
        return keel_err_set(e, KEEL_ENOENT, "no VM named '%s' is defined "
                            "(keelctl vm-list shows them)", name);
    return keel_backend_vm_autostart(b, name, on, on ? order : 0,
                                     on ? delay_s : 0, e);
}

/* Order 0 sorts after every set order; then by name. */
static int cmp_start(const void *pa, const void *pb)
{
    const struct keel_vm *a = pa, *b = pb;
    unsigned oa = a->order ? a->order : 1000, ob = b->order ? b->order
                                                             : 1000;

    if (oa != ob)
        return oa < ob ? -1 : 1;
    return strcmp(a->name, b->name);
}

int keel_vm_autostart_plan(struct keel_backend *b, struct keel_vms *out,
                           struct keel_err *e)
{
    size_t k = 0;
    int rc = keel_vm_list(b, out, e);

    if (rc)
        return rc;
    for (size_t i = 0; i < out->n; i++)
        if (out->v[i].defined && out->v[i].autostart)
            out->v[k++] = out->v[i];
    out->n = k;
    if (k)
        qsort(out->v, k, sizeof(*out->v), cmp_start);
    return 0;
}

/* "NAME: WHAT" as a line at the end of report. */
static void say(char *report, size_t size, const char *name,
                const char *what)
{
    size_t n = strlen(report);

    if (n < size)
        snprintf(report + n, size - n, "%s: %s\n", name, what);
}

int keel_vm_autostart_all(struct keel_backend *b, char *report,
                          size_t size)
{
    struct keel_vms plan;
    struct keel_err e;
    char what[KEEL_ERR_MSG_MAX + 32];
    int failed = 0;

    if (size)
        report[0] = '\0';
    if (keel_vm_autostart_plan(b, &plan, &e)) {
        say(report, size, "no VM started", e.msg);
        return 1;
    }
    for (size_t i = 0; i < plan.n; i++) {
        const struct keel_vm *v = &plan.v[i];

        if (v->state != KEEL_VM_HALTED) {
            snprintf(what, sizeof(what), "already %s",
                     keel_vm_state_name(v->state));
        } else if (keel_vm_start(b, v->name, &e)) {
            snprintf(what, sizeof(what), "not started: %s", e.msg);
            failed++;
        } else {
            snprintf(what, sizeof(what), v->order ? "started (order %u)"
                     : "started", v->order);
            if (v->delay_s && i + 1 < plan.n)
                nanosleep(&(struct timespec){ (time_t)v->delay_s, 0 },
                          NULL);
        }
        say(report, size, v->name, what);
    }
    keel_vms_free(&plan);
    return failed;
}
