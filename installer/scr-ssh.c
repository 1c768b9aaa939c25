/*
 * scr-ssh.c - remote access: the SSH server, on by default (as on
 * XCP-ng), for ssh and scp as root.
 */
#include <stdio.h>

#include "scr-ssh.h"
#include "ui.h"

enum step_result scr_ssh_ask(struct inst *in)
{
    struct ui_item v[2] = {
        { "Enable the SSH server (ssh and scp as root)", "", 0 },
        { "Disable the SSH server (console access only)", "", 0 },
    };
    struct ui_list l = { "Remote access: the SSH server lets you log in "
                         "as root with the password you will set. It can "
                         "be changed later on the console.",
                         " Up/Down: move   Enter: next   Esc: back", v, 2,
                         in->ssh_sel, 0, 2, NULL };
    int k;

    do
        k = ui_list_run(in, &l);
    while (k != UI_NEXT && k != UI_BACK);
    in->ssh_sel = l.sel;
    return k == UI_NEXT ? STEP_NEXT : STEP_BACK;
}

int scr_ssh_check(struct inst *in)
{
    return inst_set(in, KEEL_S_SSH, in->ssh_sel ? "off" : "on", -1);
}
