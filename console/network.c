/*
 * network.c - Network and Management Interface (network.h): show the
 * management interface and the NICs; change hostname, DHCP/static,
 * VLAN, NIC, DNS, NTP (applied at once by keel_host_apply, which keeps
 * the previous configuration if the new one fails); test the network.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keel-disk.h"
#include "keel-validate.h"
#include "network.h"
#include "tui.h"
#include "ui.h"

static const char *sv(struct app *a, enum keel_setting_id id)
{
    const char *v = keel_settings_value(&a->s, id);

    return v[0] ? v : "(none)";
}

void network_paint(struct app *a, int y, int x, int h, int w)
{
    struct keel_nics nics = { 0 };
    const struct keel_host_status *st = &a->st;
    const char *vlan = keel_settings_value(&a->s, KEEL_S_MGMT_VLAN);
    int end = y + h;

    y = ui_row(y, x, w, "Management", ui_fmt("%s, %s, %s", sv(a,
               KEEL_S_MGMT_NIC), sv(a, KEEL_S_MGMT_MODE), vlan[0] ?
               ui_fmt("VLAN %s", vlan) : "no VLAN"));
    y = ui_row(y, x, w, "Address", st->net.addr[0] ?
               ui_fmt("%s/%d on %s", st->net.addr, st->net.prefix,
                      st->mgmt_if) : ui_fmt("none on %s", st->mgmt_if));
    y = ui_row(y, x, w, "Gateway", st->net.gw[0] ? st->net.gw : "none");
    y = ui_row(y, x, w, "DNS", st->dns[0] ? st->dns : "none");
    y = ui_row(y, x, w, "NTP", sv(a, KEEL_S_NTP));
    if (keel_backend_nic_list(a->b, &nics, NULL))
        return;
    tui_put(y++, x, w, "NIC    Link MAC               Driver", TUI_HEADING,
            1);
    for (size_t i = 0; i < nics.n && y < end; i++) {
        const struct keel_nic *n = &nics.v[i];

        tui_put(y++, x, w, ui_fmt("%-6s %-4s %-17s %s", n->name,
                                  n->link > 0 ? "up" : n->link == 0 ?
                                  "down" : "?", n->mac, n->driver),
                TUI_NORMAL, 1);
    }
    keel_nics_free(&nics);
}

int network_run(struct app *a, int argc, char **argv, struct out *o,
                struct keel_err *e)
{
    struct keel_nics nics = { 0 };
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
    if (!keel_backend_nic_list(a->b, &nics, NULL))
        for (size_t i = 0; i < nics.n; i++) {
            out_obj(o, NULL);
            out_str(o, "name", nics.v[i].name);
            out_str(o, "mac", nics.v[i].mac);
            out_str(o, "link", nics.v[i].link > 0 ? "up" :
                    nics.v[i].link == 0 ? "down" : "unknown");
            out_str(o, "driver", nics.v[i].driver);
            out_end(o);
        }
    keel_nics_free(&nics);
    out_end(o);
    out_end(o);
    return 0;
}

enum next hostname_activate(struct app *a, const struct action *act)
{
    return ui_activate_setting(a, act, KEEL_S_HOSTNAME);
}

int hostname_run(struct app *a, int argc, char **argv, struct out *o,
                 struct keel_err *e)
{
    (void)argc, (void)o;
    return ui_set_apply(a, KEEL_S_HOSTNAME, argv[0], e);
}

int dhcp_run(struct app *a, int argc, char **argv, struct out *o,
             struct keel_err *e)
{
    (void)argc, (void)argv, (void)o;
    return ui_set_apply(a, KEEL_S_MGMT_MODE, "dhcp", e);
}

/* Ask for one value of the static form. */
static int ask(struct app *a, enum keel_setting_id id, const char *title,
               char *buf, size_t size)
{
    struct ui_setting us = { &a->s, id };

    snprintf(buf, size, "%s", keel_settings_value(&a->s, id));
    return tui_input(title, keel_setting_row(id)->help, buf, size, 0,
                     ui_check_setting, &us);
}

/* The gateway must fit the address typed before it. */
struct gw_ctx {
    const char *addr, *prefix;
};

static int check_gw(const char *v, void *ctx, struct keel_err *e)
{
    const struct gw_ctx *g = ctx;

    return keel_valid_gateway(g->addr, g->prefix, v, e);
}

enum next static_activate(struct app *a, const struct action *act)
{
    char ad[64], pr[64], gw[64], *argv[3] = { ad, pr, gw };
    struct gw_ctx g = { ad, pr };
    int prefix;

    if (!ask(a, KEEL_S_MGMT_ADDRESS, "Static IP: address", ad, sizeof(ad))
        || !ask(a, KEEL_S_MGMT_PREFIX, "Static IP: prefix or netmask", pr,
                sizeof(pr)))
        return NEXT_REDRAW;
    if (strchr(pr, '.') && !keel_netmask_to_prefix(pr, &prefix, NULL))
        snprintf(pr, sizeof(pr), "%d", prefix);
    snprintf(gw, sizeof(gw), "%s", keel_settings_value(&a->s,
                                                       KEEL_S_MGMT_GATEWAY));
    if (!tui_input("Static IP: gateway", keel_setting_row(
                       KEEL_S_MGMT_GATEWAY)->help, gw, sizeof(gw), 0,
                   check_gw, &g))
        return NEXT_REDRAW;
    return ui_run(a, act, 3, argv);
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

enum next vlan_activate(struct app *a, const struct action *act)
{
    return ui_activate_setting(a, act, KEEL_S_MGMT_VLAN);
}

int vlan_run(struct app *a, int argc, char **argv, struct out *o,
             struct keel_err *e)
{
    (void)argc, (void)o;
    return ui_set_apply(a, KEEL_S_MGMT_VLAN, strcmp(argv[0], "none") ?
                        argv[0] : "", e);
}

enum next nic_activate(struct app *a, const struct action *act)
{
    struct keel_nics nics = { 0 };
    const char *items[32];
    char *argv[1];
    int k;
    enum next nx;

    if (keel_backend_nic_list(a->b, &nics, NULL) || !nics.n) {
        keel_nics_free(&nics);
        return ui_activate_setting(a, act, KEEL_S_MGMT_NIC);
    }
    for (size_t i = 0; i < nics.n && i < 32; i++)
        items[i] = nics.v[i].name;
    k = tui_choose("Management NIC", items, nics.n < 32 ? nics.n : 32, 0);
    if (k < 0) {
        keel_nics_free(&nics);
        return NEXT_REDRAW;
    }
    argv[0] = nics.v[k].name;
    nx = ui_run(a, act, 1, argv);
    keel_nics_free(&nics);
    return nx;
}

int nic_run(struct app *a, int argc, char **argv, struct out *o,
            struct keel_err *e)
{
    (void)argc, (void)o;
    return ui_set_apply(a, KEEL_S_MGMT_NIC, argv[0], e);
}

enum next dns_activate(struct app *a, const struct action *act)
{
    return ui_activate_setting(a, act, KEEL_S_DNS);
}

int dns_run(struct app *a, int argc, char **argv, struct out *o,
            struct keel_err *e)
{
    (void)o;
    return ui_set_apply(a, KEEL_S_DNS, argc ? argv[0] : "", e);
}

enum next ntp_activate(struct app *a, const struct action *act)
{
    return ui_activate_setting(a, act, KEEL_S_NTP);
}

int ntp_run(struct app *a, int argc, char **argv, struct out *o,
            struct keel_err *e)
{
    (void)o;
    return ui_set_apply(a, KEEL_S_NTP, argc ? argv[0] : "", e);
}

enum next nettest_activate(struct app *a, const struct action *act)
{
    char host[256] = "", *argv[1] = { host };

    if (!tui_input("Test network", "Also ping this host (empty: only the "
                   "gateway and DNS)", host, sizeof(host), 0, NULL, NULL))
        return NEXT_REDRAW;
    return ui_run(a, act, host[0] ? 1 : 0, argv);
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
