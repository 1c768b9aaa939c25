/*
 * scr-done.c - the end: what was installed, the hint to remove the
 * medium, and Enter to reboot (the caller reboots after curses ends).
 */
#include <curses.h>
#include <stdio.h>

#include "scr-done.h"
#include "tui.h"
#include "ui.h"

enum step_result scr_done_ask(struct inst *in)
{
    const struct keel_plan *p = &in->plan;
    char text[600];
    int y = ui_page(in, NULL, " Enter: reboot");

    snprintf(text, sizeof(text), "Installation complete: Keel %s is %s on "
             "%s (slot %c).\n\nRemove the installation medium (CD, DVD, "
             "USB stick or ISO image), then press Enter to reboot into "
             "Keel.\n\nAfter the reboot the console shows the host's "
             "address; log in as root with the password you set.",
             p->version, p->mode == KEEL_MODE_UPGRADE ? "ready" :
             "installed", p->disk.dev, p->slot);
    ui_text(y, text, TUI_NORMAL);
    refresh();
    while (!ui_is_enter(tui_key(-1)))
        ;
    in->rc = 0;
    return STEP_EXIT;
}
