/*
 * host-status.c - read the host's status (keel-host.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keel-host.h"
#include "keel-sr.h"
#include "keel-vm.h"

/* The first line of file path into buf ("" if unreadable). */
static void read_line(struct keel_backend *b, const char *path, char *buf,
                      size_t size)
{
    char *data = NULL;
    size_t len;

    buf[0] = '\0';
    if (keel_backend_read(b, path, &data, &len, NULL))
        return;
    snprintf(buf, size, "%.*s", (int)strcspn(data, "\r\n"), data);
    free(data);
}

char keel_host_slot_from_cmdline(const char *cmdline)
{
    static const char key[] = "keel.root=PARTLABEL=keel-";
    const char *p = cmdline;

    while ((p = strstr(p, key))) {
        const char *v = p + sizeof(key) - 1;

        if ((p == cmdline || p[-1] == ' ') &&
            (v[1] == '\0' || v[1] == ' ' || v[1] == '\n')) {
            if (v[0] == 'a' || v[0] == 'A')
                return 'A';
            if (v[0] == 'b' || v[0] == 'B')
                return 'B';
        }
        p = v;
    }
    return '?';
}

void keel_host_format_uptime(long s, char *buf, size_t size)
{
    if (s < 0)
        s = 0;
    if (s >= 86400)
        snprintf(buf, size, "%ldd %02ld:%02ld", s / 86400, s / 3600 % 24,
                 s / 60 % 60);
    else
        snprintf(buf, size, "%02ld:%02ld:%02ld", s / 3600, s / 60 % 60,
                 s % 60);
}

static void read_slots(struct keel_host_status *st, struct keel_backend *b)
{
    char line[256], *data = NULL;
    size_t len;
    char other;

    read_line(b, "/proc/cmdline", line, sizeof(line));
    st->slot = keel_host_slot_from_cmdline(line);
    other = st->slot == 'A' ? 'B' : st->slot == 'B' ? 'A' : 0;
    st->other_version[0] = '\0';
    /* a record that cannot be read is as good as none: not shown */
    keel_slot_fallback_read(b, &st->fallback, NULL);
    keel_slot_views(b, st->slot, st->version, &st->fallback, st->slots);
    if (!other || keel_backend_read(b, KEEL_SLOT_VERSIONS, &data, &len,
                                    NULL))
        return;
    keel_slot_version_in(data, other, st->other_version,
                         sizeof(st->other_version));
    free(data);
}

static void read_dns(struct keel_host_status *st, struct keel_backend *b)
{
    char *data = NULL;
    size_t len, n = 0;

    st->dns[0] = '\0';
    if (keel_backend_read(b, "/etc/resolv.conf", &data, &len, NULL))
        return;
    for (char *p = data; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : p) {
        if (strncmp(p, "nameserver ", 11) != 0 || n >= sizeof(st->dns) - 1)
            continue;
        n += (size_t)snprintf(st->dns + n, sizeof(st->dns) - n, "%s%.*s",
                              n ? " " : "", (int)strcspn(p + 11, " \n"),
                              p + 11);
    }
    free(data);
}

static void read_vms(struct keel_host_status *st, struct keel_backend *b)
{
    struct keel_vms vms;

    st->vms_running = st->vms_total = 0;
    if (keel_vm_list(b, &vms, NULL))
        return;
    st->vms_total = (unsigned)vms.n;
    for (size_t i = 0; i < vms.n; i++)
        st->vms_running += vms.v[i].state != KEEL_VM_HALTED;
    keel_vms_free(&vms);
}

static void read_sr(struct keel_host_status *st, struct keel_backend *b)
{
    struct keel_sr sr;
    struct keel_err e;

    st->sr_err[0] = '\0';
    st->sr_ok = !keel_sr_read(&sr, b, &e);
    if (!st->sr_ok) {
        snprintf(st->sr_err, sizeof(st->sr_err), "%s", e.msg);
        return;
    }
    st->sr_size = sr.size;
    st->sr_free = sr.free;
    st->sr_vdis = (unsigned)sr.n;
    keel_sr_fini(&sr);
}

int keel_host_status_read(struct keel_host_status *st,
                          struct keel_backend *b,
                          const struct keel_settings *s, unsigned what,
                          struct keel_err *e)
{
    char line[128];
    struct keel_err xe;

    (void)e;
    read_line(b, "/proc/sys/kernel/hostname", st->hostname,
              sizeof(st->hostname));
    if (!st->hostname[0])
        snprintf(st->hostname, sizeof(st->hostname), "%s",
                 keel_settings_value(s, KEEL_S_HOSTNAME));
    read_line(b, KEEL_VERSION_FILE, st->version, sizeof(st->version));
    read_line(b, KEEL_SIGNING_FILE, st->signing, sizeof(st->signing));
    read_slots(st, b);
    st->xen_ok = !keel_backend_xen_info(b, &st->xi, &xe);
    snprintf(st->xen_err, sizeof(st->xen_err), "%s",
             st->xen_ok ? "" : xe.msg);
    keel_net_mgmt_if(s, st->mgmt_if, sizeof(st->mgmt_if));
    snprintf(st->mode, sizeof(st->mode), "%s",
             keel_settings_value(s, KEEL_S_MGMT_MODE));
    keel_backend_net_live(b, st->mgmt_if, &st->net, NULL);
    read_dns(st, b);
    read_vms(st, b);
    if (what & KEEL_HOST_SR)
        read_sr(st, b);
    read_line(b, "/proc/uptime", line, sizeof(line));
    st->uptime_s = atol(line);
    return 0;
}
