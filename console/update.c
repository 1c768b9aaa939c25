/*
 * update.c - Update and Rollback (update.h): the library does the work
 * (keel-update.h); this file asks, shows progress (a bar on the
 * console, percent lines from keelctl, stage lines in syslog) and
 * reports.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "keel-host.h"
#include "keel-update.h"
#include "tui.h"
#include "ui.h"
#include "update.h"


enum next update_apply_activate(struct app *a, const struct action *act)
{
    char buf[256] = "", *argv[1] = { buf };

    if (!tui_input(act->label, "A bundle (.kub) or Keel ISO on the host, "
                   "/dev/DEVICE, or an http:// URL:", buf, sizeof(buf), 0,
                   NULL, NULL) || !buf[0])
        return NEXT_REDRAW;
    if (!tui_confirm(act->label, cmd_fmt("Write %s into the other slot "
                                         "now?", buf)))
        return NEXT_REDRAW;
    return ui_run(a, act, 1, argv);
}

enum next revert_activate(struct app *a, const struct action *act)
{
    enum next n;

    if (!tui_confirm(act->label, "Boot the other slot next time?"))
        return NEXT_REDRAW;
    n = ui_run(a, act, 0, NULL);
    if (!strncmp(a->msg, "Done", 4) && tui_confirm("Reboot", "Reboot now to run "
                                         "the other slot?"))
        return ui_run(a, action_find("reboot"), 0, NULL);
    return n;
}
