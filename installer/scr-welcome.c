/*
 * scr-welcome.c - what is about to happen, and the way out to the
 * installer environment's shell (s or F2).
 */
#include <curses.h>

#include "scr-welcome.h"
#include "tui.h"
#include "ui.h"

static const char text[] =
    "Welcome to Keel, a Xen hypervisor appliance.\n"
    "\n"
    "This installer puts Keel on a disk of this machine: Xen, a small "
    "read-only dom0 in two slots (A and B, for safe upgrades), a state "
    "partition for the host's settings, and an LVM storage repository "
    "for virtual machine disks on the rest of the disk.\n"
    "\n"
    "You will be asked for the disk, the network, the host name, the "
    "time zone and a root password; nothing is written before you "
    "confirm the summary, which names every disk to be erased.\n"
    "\n"
    "Press Enter to continue.\n"
    "Press s (or F2) for a shell in the installer environment.";

enum step_result scr_welcome_ask(struct inst *in)
{
    for (;;) {
        int k;

        ui_text(ui_page(in, NULL, " Enter: next   Esc: back   s/F2: "
                        "shell"), text, TUI_NORMAL);
        refresh();
        k = tui_key(-1);
        if (ui_is_enter(k))
            return STEP_NEXT;
        if (k == UI_ESC)
            return STEP_BACK;
        if (k == 's' || k == 'S' || k == KEY_F(2))
            return STEP_SHELL;
    }
}
