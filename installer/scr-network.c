/*
 * scr-network.c - IPv4 of the management interface: DHCP (the
 * default) or a static address/prefix/gateway, and an optional VLAN.
 * Each field's message comes from keel-validate.h.
 */
#include <stdio.h>
#include <string.h>

#include "scr-network.h"
#include "ui.h"

enum { F_MODE, F_ADDR, F_PREFIX, F_GW, F_VLAN, NFIELDS };

static const char *const modes[] = { "DHCP", "static", NULL };

enum step_result scr_network_ask(struct inst *in)
{
    int choice = in->dhcp ? 0 : 1, k;
    struct ui_field f[NFIELDS] = {
        { "Address from", UI_CHOICE, NULL, 0, modes, &choice, 0 },
        { "IPv4 address", UI_TEXT, in->addr, sizeof(in->addr), NULL, NULL,
          0 },
        { "Prefix or netmask", UI_TEXT, in->prefix, sizeof(in->prefix),
          NULL, NULL, 0 },
        { "Gateway", UI_TEXT, in->gw, sizeof(in->gw), NULL, NULL, 0 },
        { "VLAN (empty: none)", UI_TEXT, in->vlan, sizeof(in->vlan), NULL,
          NULL, 0 },
    };
    char intro[200];
    struct ui_form fm = { intro, " Tab/Up/Down: field   Space/Left/Right: "
                          "change   Enter: next   Esc: back", f, NFIELDS,
                          in->err[0] ? in->err_field : 0 };

    snprintf(intro, sizeof(intro), "How does %s get its IPv4 address? "
             "DHCP, or a static address with its prefix (24, or "
             "255.255.255.0) and default gateway.", in->a.nic);
    for (;;) {
        for (int i = F_ADDR; i <= F_GW; i++)
            f[i].hidden = choice == 0;
        k = ui_form_run(in, &fm);
        in->dhcp = choice == 0;
        if (k != UI_CHANGED)
            return k == UI_NEXT ? STEP_NEXT : STEP_BACK;
    }
}

/* The prefix as digits: a netmask is turned into its length. */
static int prefix_of(struct inst *in, char *buf, size_t size)
{
    struct keel_err e;
    int p;

    if (!strchr(in->prefix, '.')) {
        snprintf(buf, size, "%.*s", (int)size - 1, in->prefix);
        return keel_valid_prefix(buf, &e) ? inst_fail(in, F_PREFIX, &e) : 0;
    }
    if (keel_netmask_to_prefix(in->prefix, &p, &e))
        return inst_fail(in, F_PREFIX, &e);
    snprintf(buf, size, "%d", p);
    return keel_valid_prefix(buf, &e) ? inst_fail(in, F_PREFIX, &e) : 0;
}

static int check_static(struct inst *in)
{
    struct keel_err e;
    char prefix[8];

    if (keel_valid_ipv4_host(in->addr, &e))
        return inst_fail(in, F_ADDR, &e);
    if (prefix_of(in, prefix, sizeof(prefix)))
        return -1;
    if (keel_valid_address(in->addr, prefix, &e))
        return inst_fail(in, F_ADDR, &e);
    if (keel_valid_gateway(in->addr, prefix, in->gw, &e))
        return inst_fail(in, F_GW, &e);
    if (keel_valid_vlan(in->vlan, &e))
        return inst_fail(in, F_VLAN, &e);
    if (inst_set(in, KEEL_S_MGMT_MODE, "static", F_MODE) ||
        inst_set(in, KEEL_S_MGMT_ADDRESS, in->addr, F_ADDR) ||
        inst_set(in, KEEL_S_MGMT_PREFIX, prefix, F_PREFIX) ||
        inst_set(in, KEEL_S_MGMT_GATEWAY, in->gw, F_GW))
        return -1;
    return inst_set(in, KEEL_S_MGMT_VLAN, in->vlan, F_VLAN);
}

int scr_network_check(struct inst *in)
{
    struct keel_err e;

    if (!in->dhcp)
        return check_static(in);
    if (keel_valid_vlan(in->vlan, &e))
        return inst_fail(in, F_VLAN, &e);
    if (inst_set(in, KEEL_S_MGMT_MODE, "dhcp", F_MODE) ||
        inst_set(in, KEEL_S_MGMT_ADDRESS, "", F_ADDR) ||
        inst_set(in, KEEL_S_MGMT_PREFIX, "", F_PREFIX) ||
        inst_set(in, KEEL_S_MGMT_GATEWAY, "", F_GW))
        return -1;
    return inst_set(in, KEEL_S_MGMT_VLAN, in->vlan, F_VLAN);
}
