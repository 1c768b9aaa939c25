/*
 * host-power.c - reboot and power off with the VMs shut down first
 * (keel_host_power, keel_host_guests_stop in keel-host.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "keel-host.h"
#include "keel-vm.h"

/* Whether name is among the running domains (an unreadable list
 * counts as gone: nothing to wait for). */
static int runs(struct keel_backend *b, const char *name)
{
    struct keel_dom *d = NULL;
    size_t n = 0;
    int found = 0;

    if (keel_backend_dom_list(b, &d, &n, NULL))
        return 0;
    for (size_t i = 0; i < n; i++)
        found |= strcmp(d[i].name, name) == 0;
    free(d);
    return found;
}

static void add(char *report, size_t size, const char *name,
                const char *what)
{
    size_t n = strlen(report);

    if (n < size)
        snprintf(report + n, size - n, "%s: %s\n", name, what);
}

/* One stage: names[0..n) asked at once, waited for up to timeout_s,
 * the ones still running forced off. */
static void stop_stage(struct keel_backend *b, char (*names)[64], size_t n,
                       int timeout_s, char *report, size_t size)
{
    int left = 1;

    for (size_t i = 0; i < n; i++)
        keel_backend_dom_op(b, names[i], KEEL_DOM_SHUTDOWN, NULL);
    for (int t = 0; t < timeout_s && left; t++) {
        left = 0;
        for (size_t i = 0; i < n && !left; i++)
            left = runs(b, names[i]);
        if (left)
            nanosleep(&(struct timespec){ 1, 0 }, NULL);
    }
    for (size_t i = 0; i < n; i++) {
        if (runs(b, names[i])) {
            keel_backend_dom_op(b, names[i], KEEL_DOM_DESTROY, NULL);
            add(report, size, names[i], "forced off after the timeout");
        } else {
            add(report, size, names[i], "shut down cleanly");
        }
    }
}

void keel_host_guests_stop(struct keel_backend *b, int timeout_s,
                           char *report, size_t size)
{
    struct keel_dom *d = NULL;
    struct keel_vms plan = { NULL, 0 };
    char (*names)[64];
    size_t n = 0, k = 0;

    if (size)
        report[0] = '\0';
    if (keel_backend_dom_list(b, &d, &n, NULL) || !n) {
        free(d);
        return;
    }
    names = calloc(n, sizeof(*names));
    if (!names) { /* no room to order them: all at once */
        for (size_t i = 0; i < n; i++)
            keel_backend_dom_op(b, d[i].name, KEEL_DOM_SHUTDOWN, NULL);
        free(d);
        return;
    }
    /* without the plan (libvirtd gone) every VM is in the first stage */
    keel_vm_autostart_plan(b, &plan, NULL);
    for (size_t i = 0; i < n; i++)
        if (!keel_vm_find(&plan, d[i].name))
            snprintf(names[k++], sizeof(*names), "%s", d[i].name);
    if (k)
        stop_stage(b, names, k, timeout_s, report, size);
    for (size_t i = plan.n; i-- > 0;) {
        if (!runs(b, plan.v[i].name))
            continue;
        snprintf(names[0], sizeof(*names), "%s", plan.v[i].name);
        stop_stage(b, names, 1, timeout_s, report, size);
    }
    keel_vms_free(&plan);
    free(names);
    free(d);
}

int keel_host_power(struct keel_backend *b, int reboot, int timeout_s,
                    char *report, size_t size, struct keel_err *e)
{
    const char *argv[] = { reboot ? "reboot" : "poweroff", NULL };

    keel_host_guests_stop(b, timeout_s, report, size);
    return keel_backend_run(b, argv, NULL, e);
}
