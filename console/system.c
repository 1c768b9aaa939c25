/*
 * system.c - Update and Rollback (the slots and mark-good; applying
 * and reverting are in update.c), Logs, Reboot or Shutdown, Local
 * Shell (system.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fallback.h"
#include "keel-log.h"
#include "keel-slot.h"
#include "keel-xen.h"
#include "system.h"
#include "tui.h"
#include "ui.h"


/* "0.2.0, trial pending (built 2026-12-02T07:00:00Z)" */
static const char *slot_line(const struct keel_slot_view *v)
{
    const char *ver = v->version[0] && strcmp(v->version, "-") ?
                      v->version : "-";

    if (!strcmp(v->state, "empty"))
        return "empty";
    return cmd_fmt("%s, %s%s%s%s", ver, v->state,
                   v->build_date[0] ? " (built " : "", v->build_date,
                   v->build_date[0] ? ")" : "");
}

void update_paint(struct app *a, int y, int x, int h, int w)
{
    (void)h;
    y = ui_row(y, x, w, "Running slot", cmd_fmt("%c", a->st.slot));
    y = ui_row(y, x, w, "Slot A", slot_line(&a->st.slots[0]));
    y = ui_row(y, x, w, "Slot B", slot_line(&a->st.slots[1]));
    if (a->st.fallback.failed) {
        y = fallback_paint(a, y + 1, x, w, 3) - 1;
        y = ui_row(y, x, w, "Fallback found", a->st.fallback.at[0] ?
                   a->st.fallback.at : "unknown");
    }
    tui_text(y + 1, x, w, "Apply an update from a bundle, an ISO or a "
             "URL; it boots once on trial and falls back by itself if it "
             "fails.", 3, TUI_DIM);
}

void logs_paint(struct app *a, int y, int x, int h, int w)
{
    const char *p;

    if (a->log_rc == KEEL_ENOENT)
        tui_put(y, x, w, "No system log yet (" KEEL_SYSLOG ")", TUI_NORMAL,
                1);
    else if (a->log_rc || !a->log_pane)
        tui_text(y, x, w, a->log_err, (size_t)(h > 0 ? h : 1), TUI_ERROR);
    if (a->log_rc || !a->log_pane)
        return;
    p = keel_log_last_lines(a->log_pane, h);
    for (int i = 0; i < h && *p; i++) {
        int l = (int)strcspn(p, "\n");

        tui_put(y + i, x, w, cmd_fmt("%.*s", l, p), TUI_NORMAL, 1);
        p += l + (p[l] == '\n');
    }
}

enum next log_activate(struct app *a, const struct action *act)
{
    char *text = NULL;
    struct keel_err e;
    int xen = strcmp(act->name, "log-xen") == 0;

    if (cmd_log_text(a, xen, &text, &e)) {
        tui_message(act->label, e.msg);
        return NEXT_REDRAW;
    }
    app_dump_log(a);
    tui_pager(act->label, text[0] ? text : "(empty)");
    free(text);
    return NEXT_REDRAW;
}

void power_paint(struct app *a, int y, int x, int h, int w)
{
    (void)h;
    y = ui_row(y, x, w, "Running VMs", cmd_fmt("%u", a->st.vms_running));
    tui_put(y + 1, x, w, "A reboot or shutdown first asks each VM",
            TUI_NORMAL, 1);
    tui_put(y + 2, x, w, cmd_fmt("to shut down, waits up to %d s, forces",
                                 CMD_POWER_TIMEOUT_S), TUI_NORMAL, 1);
    tui_put(y + 3, x, w, "off the rest, and says which.", TUI_NORMAL, 1);
}

enum next shell_activate(struct app *a, const struct action *act)
{
    tui_suspend();
    printf("\nKeel local shell: type 'exit' to return to the console.\n\n");
    fflush(stdout);
    return ui_run_tty(a, act, 0, NULL);
}
