/*
 * scr-ntp.c - the NTP servers (names or addresses; empty: no NTP).
 */
#include <stdio.h>

#include "scr-ntp.h"
#include "ui.h"

enum step_result scr_ntp_ask(struct inst *in)
{
    struct ui_field f[1] = {
        { "NTP servers", UI_TEXT, in->ntp, sizeof(in->ntp), NULL, NULL, 0 },
    };
    struct ui_form fm = { "Up to 4 NTP servers (names or addresses) "
                          "separated by spaces, to keep the clock right; "
                          "leave it empty for none.", " Enter: next   "
                          "Esc: back", f, 1, 0 };
    int k;

    do
        k = ui_form_run(in, &fm);
    while (k == UI_CHANGED);
    return k == UI_NEXT ? STEP_NEXT : STEP_BACK;
}

int scr_ntp_check(struct inst *in)
{
    struct keel_err e;

    if (in->ntp[0] && keel_valid_ntp_list(in->ntp, &e))
        return inst_fail(in, 0, &e);
    return inst_set(in, KEEL_S_NTP, in->ntp, 0);
}
