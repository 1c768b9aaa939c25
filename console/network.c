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
    const struct keel_nics *nics = &a->hw.nics;
    const struct keel_host_status *st = &a->st;
    const char *vlan = keel_settings_value(&a->s, KEEL_S_MGMT_VLAN);
    int end = y + h;

    y = ui_row(y, x, w, "Management", cmd_fmt("%s, %s, %s", sv(a,
               KEEL_S_MGMT_NIC), sv(a, KEEL_S_MGMT_MODE), vlan[0] ?
               cmd_fmt("VLAN %s", vlan) : "no VLAN"));
    y = ui_row(y, x, w, "Address", st->net.addr[0] ?
               cmd_fmt("%s/%d on %s", st->net.addr, st->net.prefix,
                       st->mgmt_if) : cmd_fmt("none on %s", st->mgmt_if));
    y = ui_row(y, x, w, "Gateway", st->net.gw[0] ? st->net.gw : "none");
    y = ui_row(y, x, w, "DNS", st->dns[0] ? st->dns : "none");
    y = ui_row(y, x, w, "NTP", sv(a, KEEL_S_NTP));
    if (!nics->n)
        return;
    tui_put(y++, x, w, "NIC    Link MAC               Driver", TUI_HEADING,
            1);
    for (size_t i = 0; i < nics->n && y < end; i++) {
        const struct keel_nic *n = &nics->v[i];

        tui_put(y++, x, w, cmd_fmt("%-6s %-4s %-17s %s", n->name,
                                   n->link > 0 ? "up" : n->link == 0 ?
                                   "down" : "?", n->mac, n->driver),
                TUI_NORMAL, 1);
    }
}

enum next hostname_activate(struct app *a, const struct action *act)
{
    return ui_activate_setting(a, act, KEEL_S_HOSTNAME);
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

enum next vlan_activate(struct app *a, const struct action *act)
{
    return ui_activate_setting(a, act, KEEL_S_MGMT_VLAN);
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

enum next dns_activate(struct app *a, const struct action *act)
{
    return ui_activate_setting(a, act, KEEL_S_DNS);
}

enum next ntp_activate(struct app *a, const struct action *act)
{
    return ui_activate_setting(a, act, KEEL_S_NTP);
}

enum next nettest_activate(struct app *a, const struct action *act)
{
    char host[256] = "", *argv[1] = { host };

    if (!tui_input("Test network", "Also ping this host (empty: only the "
                   "gateway and DNS)", host, sizeof(host), 0, NULL, NULL))
        return NEXT_REDRAW;
    return ui_run(a, act, host[0] ? 1 : 0, argv);
}
