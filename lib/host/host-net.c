/*
 * host-net.c - apply the hostname and the management network to the
 * running host, and put the previous ones back (host-int.h; the whole
 * apply with its rollback is keel_host_apply in host-services.c).
 *
 * The commands are the ones the boot script S60network runs: the
 * management address lives on the bridge xenbr0 (or a VLAN interface
 * on it), whose port is the management NIC.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "host-int.h"

#define UDHCPC_PID "/run/udhcpc.pid"
#define UDHCPC_SCRIPT "/usr/share/keel/udhcpc.script"

static const char *val(const struct keel_settings *s, enum keel_setting_id i)
{
    return keel_settings_value(s, i);
}

static int same(const struct keel_settings *a, const struct keel_settings *b,
                enum keel_setting_id i)
{
    return strcmp(val(a, i), val(b, i)) == 0;
}

void keel_net_mgmt_if(const struct keel_settings *s, char *buf,
                      size_t size)
{
    const char *vlan = val(s, KEEL_S_MGMT_VLAN);

    if (vlan[0])
        snprintf(buf, size, "%s.%s", KEEL_BRIDGE, vlan);
    else
        snprintf(buf, size, "%s", KEEL_BRIDGE);
}

static int run(struct keel_backend *b, struct keel_err *e, const char *a0,
               const char *a1, const char *a2, const char *a3,
               const char *a4, const char *a5, const char *a6,
               const char *a7)
{
    const char *argv[] = { a0, a1, a2, a3, a4, a5, a6, a7, NULL, NULL,
                           NULL };

    return keel_backend_run(b, argv, NULL, e);
}

/* Stop the DHCP client if one runs (its pid file says). */
static void dhcp_stop(struct keel_backend *b)
{
    char *pid = NULL, buf[16];
    size_t len;

    if (keel_backend_read(b, UDHCPC_PID, &pid, &len, NULL))
        return;
    snprintf(buf, sizeof(buf), "%.*s", (int)strcspn(pid, " \n"), pid);
    free(pid);
    if (buf[0] && strspn(buf, "0123456789") == strlen(buf)) {
        run(b, NULL, "kill", buf, NULL, NULL, NULL, NULL, NULL, NULL);
        keel_backend_remove(b, UDHCPC_PID, NULL);
    }
}

#define DNS_OWN "/run/keel/dns"

/*
 * DNS: the setting dns, when it lists servers, in both modes; it is
 * also left in DNS_OWN, where udhcpc.script takes it over a lease's
 * servers.  Without it, a static address has no servers and DHCP's
 * (written by its script) stay.
 */
static int write_resolv(struct keel_backend *b, const struct keel_settings *s,
                        struct keel_err *e)
{
    const char *list = val(s, KEEL_S_DNS);
    int dhcp = strcmp(val(s, KEEL_S_MGMT_MODE), "dhcp") == 0;
    char text[256], copy[160];
    size_t n = 0;
    char *save = NULL;
    int rc;

    if (!list[0]) {
        struct keel_err why;

        rc = keel_backend_remove(b, DNS_OWN, &why);
        if (rc && rc != KEEL_ENOENT)
            return keel_err_set(e, rc, "%s", why.msg);
        return dhcp ? 0 : keel_backend_write(b, "/run/resolv.conf", "", 0,
                                             0644, e);
    }
    rc = keel_backend_write(b, DNS_OWN, list, strlen(list), 0644, e);
    snprintf(copy, sizeof(copy), "%s", list);
    text[0] = '\0';
    for (char *d = strtok_r(copy, " ", &save); d && n < sizeof(text);
         d = strtok_r(NULL, " ", &save))
        n += (size_t)snprintf(text + n, sizeof(text) - n,
                              "nameserver %s\n", d);
    return rc ? rc : keel_backend_write(b, "/run/resolv.conf", text,
                                        strlen(text), 0644, e);
}

/* The bridge with nic as its port, and ifname up: the bridge itself, or
 * the VLAN interface on it when vlan is set. */
static int apply_links(struct keel_backend *b, const char *nic,
                       const char *vlan, const char *ifname,
                       struct keel_err *e)
{
    struct keel_net_live nl;
    int rc;

    rc = run(b, e, "ip", "link", "set", nic, "master", KEEL_BRIDGE, NULL,
             NULL);
    if (!rc)
        rc = run(b, e, "ip", "link", "set", nic, "up", NULL, NULL, NULL);
    if (!rc && vlan[0])
        rc = run(b, e, "ip", "link", "set", KEEL_BRIDGE, "up", NULL, NULL,
                 NULL);
    if (!rc && vlan[0] && !keel_backend_net_live(b, ifname, &nl, NULL) &&
        !nl.exists) {
        const char *argv[] = { "ip", "link", "add", "link", KEEL_BRIDGE,
                               "name", ifname, "type", "vlan", "id", vlan,
                               NULL };

        /* (8021q is a module; the kernel would load it too) */
        run(b, NULL, "modprobe", "-q", "8021q", NULL, NULL, NULL, NULL,
            NULL);
        rc = keel_backend_run(b, argv, NULL, e);
    }
    if (!rc)
        rc = run(b, e, "ip", "link", "set", ifname, "up", NULL, NULL, NULL);
    return rc;
}

/*
 * The DHCP client on ifname: it waits about 8 s for a lease (4 tries,
 * 2 s apart), then goes on trying in the background; it sends the
 * hostname, so the DHCP server's leases name the host.
 */
static int dhcp_start(struct keel_backend *b, const struct keel_settings *s,
                      const char *ifname, struct keel_err *e)
{
    char host[80];
    const char *argv[] = { "udhcpc", "-i", ifname, "-b", "-t", "4", "-T",
                           "2", "-A", "5", "-x", host, "-S", "-p",
                           UDHCPC_PID, "-s", UDHCPC_SCRIPT, NULL };

    snprintf(host, sizeof(host), "hostname:%s", val(s, KEEL_S_HOSTNAME));
    return keel_backend_run(b, argv, NULL, e);
}

/* Bring the management interface up as s says, nic its bridge port. */
static int apply_addr(struct keel_backend *b, const struct keel_settings *s,
                      const char *nic, struct keel_err *e)
{
    const char *gw = val(s, KEEL_S_MGMT_GATEWAY);
    char ifname[24], cidr[40];
    int rc;

    keel_net_mgmt_if(s, ifname, sizeof(ifname));
    rc = apply_links(b, nic, val(s, KEEL_S_MGMT_VLAN), ifname, e);
    if (rc)
        return rc;
    dhcp_stop(b);
    rc = run(b, e, "ip", "addr", "flush", "dev", ifname, NULL, NULL, NULL);
    if (!rc)
        rc = write_resolv(b, s, e);
    if (!rc && strcmp(val(s, KEEL_S_MGMT_MODE), "dhcp") == 0)
        return dhcp_start(b, s, ifname, e);
    snprintf(cidr, sizeof(cidr), "%s/%s", val(s, KEEL_S_MGMT_ADDRESS),
             val(s, KEEL_S_MGMT_PREFIX));
    if (!rc)
        rc = run(b, e, "ip", "addr", "add", cidr, "dev", ifname, NULL, NULL);
    if (!rc && gw[0])
        rc = run(b, e, "ip", "route", "replace", "default", "via", gw,
                 "dev", ifname);
    return rc;
}

static int net_changed(const struct keel_settings *a,
                       const struct keel_settings *b)
{
    static const enum keel_setting_id ids[] = {
        KEEL_S_MGMT_NIC, KEEL_S_MGMT_MODE, KEEL_S_MGMT_ADDRESS,
        KEEL_S_MGMT_PREFIX, KEEL_S_MGMT_GATEWAY, KEEL_S_MGMT_VLAN, KEEL_S_DNS,
    };

    for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
        if (!same(a, b, ids[i]))
            return 1;
    return 0;
}

static int apply_hostname(struct keel_backend *b, const char *name,
                          struct keel_err *e)
{
    int rc = run(b, e, "hostname", name, NULL, NULL, NULL, NULL, NULL, NULL);

    if (!rc)
        rc = keel_backend_write(b, "/run/keel/hostname", name, strlen(name),
                                0644, e);
    return rc;
}

void keel_host_net_undo(struct keel_backend *b,
                        const struct keel_settings *old,
                        const struct keel_settings *new_s)
{
    if (!same(old, new_s, KEEL_S_HOSTNAME))
        apply_hostname(b, val(old, KEEL_S_HOSTNAME), NULL);
    if (net_changed(old, new_s)) {
        if (!same(old, new_s, KEEL_S_MGMT_NIC))
            run(b, NULL, "ip", "link", "set", val(new_s, KEEL_S_MGMT_NIC),
                "nomaster", NULL, NULL, NULL);
        apply_addr(b, old, val(old, KEEL_S_MGMT_NIC), NULL);
    }
}

int keel_host_net_set(struct keel_backend *b,
                      const struct keel_settings *old,
                      const struct keel_settings *new_s, struct keel_err *e)
{
    int net = net_changed(old, new_s), rc = 0;

    if (!same(old, new_s, KEEL_S_HOSTNAME))
        rc = apply_hostname(b, val(new_s, KEEL_S_HOSTNAME), e);
    if (!rc && net && !same(old, new_s, KEEL_S_MGMT_NIC))
        rc = run(b, e, "ip", "link", "set", val(old, KEEL_S_MGMT_NIC),
                 "nomaster", NULL, NULL, NULL);
    if (!rc && net)
        rc = apply_addr(b, new_s, val(new_s, KEEL_S_MGMT_NIC), e);
    return rc;
}

/* The bridge, made once a boot: it carries its port's MAC, so DHCP
 * reservations made for the NIC still match. */
static int make_bridge(struct keel_backend *b, const struct keel_nic *n,
                       struct keel_err *e)
{
    struct keel_net_live nl;
    int rc;

    if (!keel_backend_net_live(b, KEEL_BRIDGE, &nl, NULL) && nl.exists)
        return 0;
    {
        const char *argv[] = { "ip", "link", "add", KEEL_BRIDGE, "type",
                               "bridge", "forward_delay", "0", "stp_state",
                               "0", NULL };

        rc = keel_backend_run(b, argv, NULL, e);
    }
    if (!rc && n->mac[0])
        rc = run(b, e, "ip", "link", "set", KEEL_BRIDGE, "address", n->mac,
                 NULL, NULL);
    return rc;
}

/* What keel_host_net_start() did, in a line: "eth0 in xenbr0, dhcp
 * 10.0.2.15/24 on xenbr0". */
static void started(struct keel_backend *b, const struct keel_settings *s,
                    const char *nic, const char *note, char *said,
                    size_t size)
{
    struct keel_net_live nl = { 0 };
    char ifname[24], addr[40] = "pending";

    keel_net_mgmt_if(s, ifname, sizeof(ifname));
    if (!keel_backend_net_live(b, ifname, &nl, NULL) && nl.addr[0])
        snprintf(addr, sizeof(addr), "%s/%d", nl.addr, nl.prefix);
    snprintf(said, size, "%s in %s, %s %s on %s%s", nic, KEEL_BRIDGE,
             val(s, KEEL_S_MGMT_MODE), addr, ifname, note);
}

int keel_host_net_start(struct keel_backend *b, const struct keel_settings *s,
                        char *said, size_t size, struct keel_err *e)
{
    struct keel_nics l = { 0 };
    const struct keel_nic *n = NULL;
    const char *want = val(s, KEEL_S_MGMT_NIC);
    char note[64] = "";
    int rc = apply_hostname(b, val(s, KEEL_S_HOSTNAME), e);

    if (!rc)
        rc = run(b, e, "ip", "link", "set", "lo", "up", NULL, NULL, NULL);
    if (!rc)
        rc = keel_backend_nic_list(b, &l, e);
    if (!rc) {
        n = keel_nic_find(&l, want);
        if (!n && l.n) {
            n = &l.v[0];
            snprintf(note, sizeof(note), " (mgmt.nic %s is absent)", want);
        }
        if (!n)
            rc = keel_err_set(e, KEEL_ENOENT, "no network interface found "
                              "(mgmt.nic is %s)", want);
    }
    if (!rc)
        rc = make_bridge(b, n, e);
    if (!rc)
        rc = apply_addr(b, s, n->name, e);
    if (!rc)
        started(b, s, n->name, note, said, size);
    keel_nics_free(&l);
    return rc;
}
