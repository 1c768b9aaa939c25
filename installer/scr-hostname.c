/*
 * scr-hostname.c - the host name (RFC 1123, FQDN allowed) and the DNS
 * servers (empty: those DHCP gives).
 */
#include <stdio.h>

#include "scr-hostname.h"
#include "ui.h"

enum { F_NAME, F_DNS, NFIELDS };

enum step_result scr_hostname_ask(struct inst *in)
{
    struct ui_field f[NFIELDS] = {
        { "Host name", UI_TEXT, in->hostname, sizeof(in->hostname), NULL,
          NULL, 0 },
        { "DNS servers", UI_TEXT, in->dns, sizeof(in->dns), NULL, NULL,
          0 },
    };
    struct ui_form fm = { NULL, " Tab/Up/Down: field   Enter: next   "
                          "Esc: back", f, NFIELDS,
                          in->err[0] ? in->err_field : 0 };
    int k;

    fm.intro = in->dhcp ? "The name of this host (e.g. xen1 or "
               "xen1.example.com), and up to 3 DNS server addresses "
               "separated by spaces; leave them empty to use those from "
               "DHCP." : "The name of this host (e.g. xen1 or "
               "xen1.example.com), and 1 to 3 DNS server addresses "
               "separated by spaces.";
    do
        k = ui_form_run(in, &fm);
    while (k == UI_CHANGED);
    return k == UI_NEXT ? STEP_NEXT : STEP_BACK;
}

int scr_hostname_check(struct inst *in)
{
    struct keel_err e;

    if (keel_valid_own_hostname(in->hostname, &e))
        return inst_fail(in, F_NAME, &e);
    if ((in->dns[0] || !in->dhcp) && keel_valid_dns_list(in->dns, &e))
        return inst_fail(in, F_DNS, &e);
    if (inst_set(in, KEEL_S_HOSTNAME, in->hostname, F_NAME))
        return -1;
    return inst_set(in, KEEL_S_DNS, in->dns, F_DNS);
}
