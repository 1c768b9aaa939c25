/*
 * scr-nic.c - the management interface: every physical NIC with its
 * MAC, link state and driver.  The first one with a link is the
 * default.
 */
#include <stdio.h>
#include <string.h>

#include "scr-nic.h"
#include "ui.h"

static const char *link_name(int link)
{
    return link > 0 ? "link up" : link == 0 ? "no link" : "link unknown";
}

static int default_nic(const struct keel_nics *l)
{
    for (size_t i = 0; i < l->n; i++)
        if (l->v[i].link > 0)
            return (int)i;
    return 0;
}

enum step_result scr_nic_ask(struct inst *in)
{
    struct ui_item v[16];
    int n = in->nics.n < 16 ? (int)in->nics.n : 16, k;
    struct ui_list l = { "Choose the network interface for management "
                         "(the console, SSH and the management bridge "
                         "xenbr0).", " Up/Down: move   Enter: next   Esc:"
                         " back", v, n, in->nic_sel, 0, 10, NULL };

    if (in->nic_sel < 0)
        l.sel = default_nic(&in->nics);
    memset(v, 0, sizeof(v));
    for (int i = 0; i < n; i++) {
        const struct keel_nic *c = &in->nics.v[i];
        char speed[16] = "";

        if (c->speed)
            snprintf(speed, sizeof(speed), "%u Mb/s", c->speed);
        snprintf(v[i].text, sizeof(v[i].text), "%-8s %s  %-12s %-8s %s",
                 c->name, c->mac, link_name(c->link), c->driver, speed);
    }
    do
        k = ui_list_run(in, &l);
    while (k != UI_NEXT && k != UI_BACK);
    in->nic_sel = l.sel;
    return k == UI_NEXT ? STEP_NEXT : STEP_BACK;
}

int scr_nic_check(struct inst *in)
{
    struct keel_err e;

    if (!in->nics.n) {
        keel_err_set(&e, KEEL_ENOENT, "No network interface was found: "
                     "Keel needs one for management.");
        return inst_fail(in, -1, &e);
    }
    snprintf(in->a.nic, sizeof(in->a.nic), "%s",
             in->nics.v[in->nic_sel].name);
    return inst_set(in, KEEL_S_MGMT_NIC, in->a.nic, -1);
}
