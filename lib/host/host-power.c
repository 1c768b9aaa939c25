/*
 * host-power.c - reboot and power off with the VMs shut down first
 * (keel_host_power, keel_host_guests_stop in keel-host.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "keel-host.h"

static size_t running(struct keel_backend *b)
{
    struct keel_dom *d = NULL;
    size_t n = 0;

    if (keel_backend_dom_list(b, &d, &n, NULL))
        return 0;
    free(d);
    return n;
}

static void add(char *report, size_t size, const char *name,
                const char *what)
{
    size_t n = strlen(report);

    if (n < size)
        snprintf(report + n, size - n, "%s: %s\n", name, what);
}

void keel_host_guests_stop(struct keel_backend *b, int timeout_s,
                           char *report, size_t size)
{
    struct keel_dom *d = NULL;
    size_t n = 0;

    if (size)
        report[0] = '\0';
    if (!keel_backend_dom_list(b, &d, &n, NULL))
        for (size_t i = 0; i < n; i++)
            keel_backend_dom_op(b, d[i].name, KEEL_DOM_SHUTDOWN, NULL);
    for (int t = 0; t < timeout_s && n && running(b); t++)
        nanosleep(&(struct timespec){ 1, 0 }, NULL);
    for (size_t i = 0; i < n; i++) {
        struct keel_dom *now = NULL;
        size_t m = 0;
        int still = 0;

        if (!keel_backend_dom_list(b, &now, &m, NULL))
            for (size_t j = 0; j < m; j++)
                still |= strcmp(now[j].name, d[i].name) == 0;
        free(now);
        if (still) {
            keel_backend_dom_op(b, d[i].name, KEEL_DOM_DESTROY, NULL);
            add(report, size, d[i].name, "forced off after the timeout");
        } else {
            add(report, size, d[i].name, "shut down cleanly");
        }
    }
    free(d);
}

int keel_host_power(struct keel_backend *b, int reboot, int timeout_s,
                    char *report, size_t size, struct keel_err *e)
{
    const char *argv[] = { reboot ? "reboot" : "poweroff", NULL };

    keel_host_guests_stop(b, timeout_s, report, size);
    return keel_backend_run(b, argv, NULL, e);
}
