/*
 * cmd-network.c - the management network: show it, hostname,
 * DHCP/static, VLAN, NIC, DNS, NTP (applied at once by keel_host_apply,
 * which keeps the previous configuration if the new one fails), ping
 * test.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd-runs.h"
#include "keel-disk.h"
#include "keel-validate.h"

int network_run(struct app *a, int argc, char **argv, struct out *o,
                struct keel_err *e)
{
    const struct keel_nics *nics = &a->hw.nics;
    static const enum keel_setting_id ids[] = {
        KEEL_S_HOSTNAME, KEEL_S_MGMT_NIC, KEEL_S_MGMT_MODE,
        KEEL_S_MGMT_ADDRESS, KEEL_S_MGMT_PREFIX, KEEL_S_MGMT_GATEWAY,
        KEEL_S_MGMT_VLAN, KEEL_S_DNS, KEEL_S_NTP,
    };

    (void)argc, (void)argv, (void)e;
    app_refresh(a, 0);
    out_obj(o, NULL);
    for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
        out_str(o, keel_setting_row(ids[i])->name,
                keel_settings_value(&a->s, ids[i]));
    out_obj(o, "live");
    out_str(o, "interface", a->st.mgmt_if);
    out_bool(o, "up", a->st.net.up);
    out_str(o, "address", a->st.net.addr);
    out_num(o, "prefix", a->st.net.prefix);
    out_str(o, "gateway", a->st.net.gw);
    out_end(o);
    out_arr(o, "nics");
    for (size_t i = 0; i < nics->n; i++) {
        out_obj(o, NULL);
        out_str(o, "name", nics->v[i].name);
        out_str(o, "mac", nics->v[i].mac);
        out_str(o, "link", nics->v[i].link > 0 ? "up" :
                nics->v[i].link == 0 ? "down" : "unknown");
        out_str(o, "driver", nics->v[i].driver);
        out_end(o);
    }
    out_end(o);
    out_end(o);
    return 0;
}

/* The boot's network (S60network): what keel_host_net_start() did, a
 * line ("eth0 in xenbr0, dhcp 10.0.2.15/24 on xenbr0") or JSON. */
int net_start_run(struct app *a, int argc, char **argv, struct out *o,
                  struct keel_err *e)
{
    char said[160];
    int rc = keel_host_net_start(a->b, &a->s, said, sizeof(said), e);

    (void)argc, (void)argv;
    if (rc)
        return rc;
    if (o->json) {
        out_obj(o, NULL);
        out_str(o, "network", said);
        out_end(o);
    } else {
        out_str(o, NULL, said);
    }
    return 0;
}

int hostname_run(struct app *a, int argc, char **argv, struct out *o,
                 struct keel_err *e)
{
    (void)argc, (void)o;
    return cmd_set_apply(a, KEEL_S_HOSTNAME, argv[0], e);
}

int dhcp_run(struct app *a, int argc, char **argv, struct out *o,
             struct keel_err *e)
{
    (void)argc, (void)argv, (void)o;
    return cmd_set_apply(a, KEEL_S_MGMT_MODE, "dhcp", e);
}

int static_run(struct app *a, int argc, char **argv, struct out *o,
               struct keel_err *e)
{
    struct keel_settings n;
    int rc = keel_settings_init(&n, e);

    (void)argc, (void)o;
    if (rc)
        return rc;
    rc = keel_settings_copy(&n, &a->s, e);
    if (!rc)
        rc = keel_settings_set_id(&n, KEEL_S_MGMT_MODE, "static", e);
    if (!rc)
        rc = keel_settings_set_id(&n, KEEL_S_MGMT_ADDRESS, argv[0], e);
    if (!rc)
        rc = keel_settings_set_id(&n, KEEL_S_MGMT_PREFIX, argv[1], e);
    if (!rc)
        rc = keel_settings_set_id(&n, KEEL_S_MGMT_GATEWAY, argv[2], e);
    if (!rc)
        rc = app_apply(a, &n, e);
    keel_settings_fini(&n);
    return rc;
}

int vlan_run(struct app *a, int argc, char **argv, struct out *o,
             struct keel_err *e)
{
    (void)argc, (void)o;
    return cmd_set_apply(a, KEEL_S_MGMT_VLAN, strcmp(argv[0], "none") ?
                        argv[0] : "", e);
}

int nic_run(struct app *a, int argc, char **argv, struct out *o,
            struct keel_err *e)
{
    (void)argc, (void)o;
    return cmd_set_apply(a, KEEL_S_MGMT_NIC, argv[0], e);
}

int dns_run(struct app *a, int argc, char **argv, struct out *o,
            struct keel_err *e)
{
    (void)o;
    return cmd_set_apply(a, KEEL_S_DNS, argc ? argv[0] : "", e);
}

int ntp_run(struct app *a, int argc, char **argv, struct out *o,
            struct keel_err *e)
{
    (void)o;
    return cmd_set_apply(a, KEEL_S_NTP, argc ? argv[0] : "", e);
}

static void ping(struct app *a, struct out *o, const char *what,
                 const char *host)
{
    const char *argv[] = { "ping", "-c", "1", "-W", "2", host, NULL };
    struct keel_err e;

    if (!host || !host[0])
        return;
    out_obj(o, NULL);
    out_str(o, "target", what);
    out_str(o, "host", host);
    out_bool(o, "reachable", !keel_backend_run(a->b, argv, NULL, &e));
    out_end(o);
}

int nettest_run(struct app *a, int argc, char **argv, struct out *o,
                struct keel_err *e)
{
    char dns[64];

    /* a host name or an address, never an option for ping */
    if (argc && keel_valid_hostname(argv[0], NULL) &&
        keel_valid_ipv4(argv[0], NULL))
        return keel_err_set(e, KEEL_EINVAL, "'%.60s' is not a host name "
                            "or IPv4 address", argv[0]);
    app_refresh(a, 0);
    snprintf(dns, sizeof(dns), "%.*s", (int)strcspn(a->st.dns, " "),
             a->st.dns);
    out_arr(o, NULL);
    ping(a, o, "gateway", a->st.net.gw);
    ping(a, o, "dns", dns);
    if (argc)
        ping(a, o, "host", argv[0]);
    out_end(o);
    return 0;
}
