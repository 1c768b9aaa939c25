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

#define POWER_TIMEOUT_S 60

static const char *slot_version(struct app *a, char slot)
{
    if (slot == a->st.slot)
        return a->st.version[0] ? a->st.version : "unknown";
    return a->st.other_version[0] ? a->st.other_version : "empty or unknown";
}

/* "0.2.0, trial pending (built 2026-12-02T07:00:00Z)" */
static const char *slot_line(const struct keel_slot_view *v)
{
    const char *ver = v->version[0] && strcmp(v->version, "-") ?
                      v->version : "-";

    if (!strcmp(v->state, "empty"))
        return "empty";
    return ui_fmt("%s, %s%s%s%s", ver, v->state,
                  v->build_date[0] ? " (built " : "", v->build_date,
                  v->build_date[0] ? ")" : "");
}

void update_paint(struct app *a, int y, int x, int h, int w)
{
    (void)h;
    y = ui_row(y, x, w, "Running slot", ui_fmt("%c", a->st.slot));
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

int update_run(struct app *a, int argc, char **argv, struct out *o,
               struct keel_err *e)
{
    (void)argc, (void)argv, (void)e;
    app_refresh(a, 0);
    out_obj(o, NULL);
    out_str(o, "running", a->st.slot == '?' ? "" : ui_fmt("%c",
                                                          a->st.slot));
    out_str(o, "A", a->st.slot == '?' ? "" : slot_version(a, 'A'));
    out_str(o, "B", a->st.slot == '?' ? "" : slot_version(a, 'B'));
    out_arr(o, "slots");
    for (int i = 0; i < 2; i++) {
        const struct keel_slot_view *v = &a->st.slots[i];

        out_obj(o, NULL);
        out_str(o, "slot", ui_fmt("%c", "AB"[i]));
        out_str(o, "version", v->version);
        out_str(o, "state", v->state);
        out_str(o, "build_date", v->build_date);
        out_end(o);
    }
    out_end(o);
    fallback_out(a, o);
    out_end(o);
    return 0;
}

int mark_good_run(struct app *a, int argc, char **argv, struct out *o,
                  struct keel_err *e)
{
    struct keel_slot_good r;
    char msg[96];
    int rc = keel_slot_mark_good(a->b, &r, e);

    (void)argc, (void)argv;
    if (rc)
        return rc;
    keel_slot_state_cache(a->b, &r.slots);
    if (r.failed)
        snprintf(msg, sizeof(msg), "slot %c failed to boot and is marked "
                 "bad; running slot %c", r.failed, r.booted);
    else
        snprintf(msg, sizeof(msg), "slot %c marked good%s", r.booted,
                 r.changed ? "" : " (it already was)");
    if (!o->json) {
        out_str(o, NULL, msg); /* one line: dom0's boot prints it */
        return 0;
    }
    out_obj(o, NULL);
    out_str(o, "slot", ui_fmt("%c", r.booted));
    out_str(o, "failed", r.failed ? ui_fmt("%c", r.failed) : "");
    out_bool(o, "changed", r.changed);
    out_str(o, "message", msg);
    out_end(o);
    return 0;
}

void logs_paint(struct app *a, int y, int x, int h, int w)
{
    char *text = NULL;
    struct keel_err e;
    const char *p;
    int rc = keel_log_tail(a->b, KEEL_SYSLOG, KEEL_LOG_PANE_MAX, &text,
                           NULL, &e);

    if (rc == KEEL_ENOENT)
        tui_put(y, x, w, "No system log yet (" KEEL_SYSLOG ")", TUI_NORMAL,
                1);
    else if (rc)
        tui_text(y, x, w, e.msg, (size_t)(h > 0 ? h : 1), TUI_ERROR);
    if (rc)
        return;
    p = keel_log_last_lines(text, h);
    for (int i = 0; i < h && *p; i++) {
        int l = (int)strcspn(p, "\n");

        tui_put(y + i, x, w, ui_fmt("%.*s", l, p), TUI_NORMAL, 1);
        p += l + (p[l] == '\n');
    }
    free(text);
}

/* dom0's syslog, its last KEEL_LOG_VIEW_MAX bytes; *text malloc'd. */
static int syslog_text(struct app *a, char **text, struct keel_err *e)
{
    static const char note[] = "[earlier lines left out: see "
                               KEEL_SYSLOG "]\n";
    int cut, rc = keel_log_tail(a->b, KEEL_SYSLOG, KEEL_LOG_VIEW_MAX, text,
                                &cut, e);
    char *t;

    if (rc || !cut)
        return rc;
    t = malloc(sizeof(note) + strlen(*text));
    if (t) {
        strcpy(t, note);
        strcat(t, *text);
    }
    free(*text);
    *text = t;
    return t ? 0 : keel_err_set(e, KEEL_ENOMEM, "out of memory");
}

/* The text of a log: Xen's (xl dmesg) or dom0's syslog. *text malloc'd. */
static int log_text(struct app *a, int xen, char **text,
                    struct keel_err *e)
{
    if (!xen)
        return syslog_text(a, text, e);
    {
        const char *argv[] = { "xl", "dmesg", NULL };
        size_t size = 1 << 20;
        struct keel_run r = { .out = malloc(size), .out_size = size };
        int rc;

        if (!r.out)
            return keel_err_set(e, KEEL_ENOMEM, "out of memory");
        rc = keel_backend_run(a->b, argv, &r, e);
        if (rc)
            free(r.out);
        else
            *text = r.out;
        return rc;
    }
}

enum next log_activate(struct app *a, const struct action *act)
{
    char *text = NULL;
    struct keel_err e;
    int xen = strcmp(act->name, "log-xen") == 0;

    if (log_text(a, xen, &text, &e)) {
        tui_message(act->label, e.msg);
        return NEXT_REDRAW;
    }
    app_dump_log(a);
    tui_pager(act->label, text[0] ? text : "(empty)");
    free(text);
    return NEXT_REDRAW;
}

int log_run(struct app *a, int argc, char **argv, struct out *o,
            struct keel_err *e)
{
    char *text = NULL;
    int rc = log_text(a, strcmp(a->cur->name, "log-xen") == 0, &text, e);

    /* "logs" (the pane's row) prints the same as log-syslog */

    (void)argc, (void)argv;
    if (rc)
        return rc;
    if (o->json)
        out_str(o, NULL, text);
    else
        fputs(text, o->f);
    free(text);
    return 0;
}

void power_paint(struct app *a, int y, int x, int h, int w)
{
    (void)h;
    y = ui_row(y, x, w, "Running VMs", ui_fmt("%u", a->st.vms_running));
    tui_put(y + 1, x, w, "A reboot or shutdown first asks each VM",
            TUI_NORMAL, 1);
    tui_put(y + 2, x, w, ui_fmt("to shut down, waits up to %d s, forces",
                                POWER_TIMEOUT_S), TUI_NORMAL, 1);
    tui_put(y + 3, x, w, "off the rest, and says which.", TUI_NORMAL, 1);
}

int power_show_run(struct app *a, int argc, char **argv, struct out *o,
                   struct keel_err *e)
{
    (void)argc, (void)argv, (void)e;
    app_refresh(a, 0);
    out_obj(o, NULL);
    out_num(o, "vms_running", a->st.vms_running);
    out_num(o, "shutdown_timeout_s", POWER_TIMEOUT_S);
    out_end(o);
    return 0;
}

int power_run(struct app *a, int argc, char **argv, struct out *o,
              struct keel_err *e)
{
    char report[2048];
    int rc = keel_host_power(a->b, strcmp(a->cur->name, "reboot") == 0,
                             POWER_TIMEOUT_S, report, sizeof(report), e);

    (void)argc, (void)argv;
    if (report[0])
        out_str(o, "vms", report);
    return rc;
}

int guests_stop_run(struct app *a, int argc, char **argv, struct out *o,
                    struct keel_err *e)
{
    char report[2048];

    (void)argc, (void)argv, (void)e;
    keel_host_guests_stop(a->b, POWER_TIMEOUT_S, report, sizeof(report));
    out_str(o, "vms", report[0] ? report : "none running\n");
    return 0;
}

enum next shell_activate(struct app *a, const struct action *act)
{
    tui_suspend();
    printf("\nKeel local shell: type 'exit' to return to the console.\n\n");
    fflush(stdout);
    return ui_run(a, act, 0, NULL);
}

int shell_run(struct app *a, int argc, char **argv, struct out *o,
              struct keel_err *e)
{
    const char *sh[] = { "/bin/sh", "-l", NULL };
    int rc = keel_backend_run_tty(a->b, sh, e);

    (void)argc, (void)argv, (void)o;
    if (a->is_console)
        tui_resume();
    return rc == KEEL_ECMD ? 0 : rc; /* the shell's own exit status */
}
