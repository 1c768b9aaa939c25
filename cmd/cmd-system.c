/*
 * cmd-system.c - the slots and mark-good, the logs, reboot and power off,
 * the local shell.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd-runs.h"
#include "keel-log.h"
#include "keel-slot.h"
#include "keel-xen.h"

static const char *slot_version(struct app *a, char slot)
{
    if (slot == a->st.slot)
        return a->st.version[0] ? a->st.version : "unknown";
    return a->st.other_version[0] ? a->st.other_version : "empty or unknown";
}

int update_run(struct app *a, int argc, char **argv, struct out *o,
               struct keel_err *e)
{
    (void)argc, (void)argv, (void)e;
    app_refresh(a, 0);
    out_obj(o, NULL);
    out_str(o, "running", a->st.slot == '?' ? "" : cmd_fmt("%c",
                                                           a->st.slot));
    out_str(o, "A", a->st.slot == '?' ? "" : slot_version(a, 'A'));
    out_str(o, "B", a->st.slot == '?' ? "" : slot_version(a, 'B'));
    out_arr(o, "slots");
    for (int i = 0; i < 2; i++) {
        const struct keel_slot_view *v = &a->st.slots[i];

        out_obj(o, NULL);
        out_str(o, "slot", cmd_fmt("%c", "AB"[i]));
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
    char msg[160];
    int rc = keel_slot_mark_good(a->b, &r, e);

    (void)argc, (void)argv;
    if (rc)
        return rc;
    keel_slot_state_cache(a->b, &r.slots);
    if (r.failed)
        snprintf(msg, sizeof(msg), "slot %c failed to boot and is marked "
                 "bad; running slot %c", r.failed, r.booted);
    else if (r.repaired)
        snprintf(msg, sizeof(msg), "slot %c marked good; grubenv was "
                 "missing or damaged and is written anew (slot %c is not "
                 "booted by itself until an update)", r.booted,
                 keel_slot_other(r.booted));
    else
        snprintf(msg, sizeof(msg), "slot %c marked good%s", r.booted,
                 r.changed ? "" : " (it already was)");
    if (!o->json) {
        out_str(o, NULL, msg); /* one line: dom0's boot prints it */
        return 0;
    }
    out_obj(o, NULL);
    out_str(o, "slot", cmd_fmt("%c", r.booted));
    out_str(o, "failed", r.failed ? cmd_fmt("%c", r.failed) : "");
    out_bool(o, "changed", r.changed);
    out_bool(o, "repaired", r.repaired);
    out_str(o, "message", msg);
    out_end(o);
    return 0;
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
int cmd_log_text(struct app *a, int xen, char **text, struct keel_err *e)
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

int log_run(struct app *a, int argc, char **argv, struct out *o,
            struct keel_err *e)
{
    char *text = NULL;
    int rc = cmd_log_text(a, strcmp(a->cur->name, "log-xen") == 0, &text, e);

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

int power_show_run(struct app *a, int argc, char **argv, struct out *o,
                   struct keel_err *e)
{
    (void)argc, (void)argv, (void)e;
    app_refresh(a, 0);
    out_obj(o, NULL);
    out_num(o, "vms_running", a->st.vms_running);
    out_num(o, "shutdown_timeout_s", CMD_POWER_TIMEOUT_S);
    out_end(o);
    return 0;
}

void quick_reboot(struct app *a, int timeout_s, char *report, size_t size,
                  struct out *o)
{
    struct keel_err qe;
    char slot;

    /* The VMs first: Xen copies the load into its free memory. */
    keel_host_guests_stop(a->b, timeout_s, report, size);
    if (keel_quick_load(a->b, &slot, &qe)) {
        out_str(o, "quick_boot", cmd_fmt("not done: %s; the reboot goes "
                                         "through the firmware", qe.msg));
        return;
    }
    out_str(o, "quick_boot", cmd_fmt("slot %c loaded; the reboot skips the "
                                     "firmware and GRUB", slot));
}

int power_run(struct app *a, int argc, char **argv, struct out *o,
              struct keel_err *e)
{
    char report[2048] = "", rest[1024];
    int reboot = strcmp(a->cur->name, "reboot") == 0, rc;

    if (argc && (!reboot || strcmp(argv[0], "--quick")))
        return keel_err_set(e, KEEL_EINVAL, "unknown option %.40s%s",
                            argv[0], reboot ? " (--quick)" : "");
    keel_quick_forget(a->b);
    if (argc)
        quick_reboot(a, CMD_POWER_TIMEOUT_S, report, sizeof(report), o);
    /* after a quick load no VM is left: rest is empty then */
    rc = keel_host_power(a->b, reboot, CMD_POWER_TIMEOUT_S, rest,
                         sizeof(rest), e);
    if (rc && argc)
        keel_quick_cancel(a->b);
    if (report[0] || rest[0])
        out_str(o, "vms", report[0] ? report : rest);
    return rc;
}

int quick_arm_run(struct app *a, int argc, char **argv, struct out *o,
                  struct keel_err *e)
{
    const char *msg;
    char slot;
    int rc = keel_quick_arm(a->b, &slot, e);

    (void)argc, (void)argv;
    if (rc)
        return rc;
    msg = cmd_fmt("slot %c marked tried in grubenv, as GRUB does; jumping "
                  "to it", slot);
    if (!o->json) {
        out_str(o, NULL, msg); /* one line: the shutdown prints it */
        return 0;
    }
    out_obj(o, NULL);
    out_str(o, "slot", cmd_fmt("%c", slot));
    out_str(o, "message", msg);
    out_end(o);
    return 0;
}

int guests_stop_run(struct app *a, int argc, char **argv, struct out *o,
                    struct keel_err *e)
{
    char report[2048];

    (void)argc, (void)argv, (void)e;
    keel_host_guests_stop(a->b, CMD_POWER_TIMEOUT_S, report, sizeof(report));
    out_str(o, "vms", report[0] ? report : "none running\n");
    return 0;
}

int shell_run(struct app *a, int argc, char **argv, struct out *o,
              struct keel_err *e)
{
    const char *sh[] = { "/bin/sh", "-l", NULL };
    int rc = keel_backend_run_tty(a->b, sh, e);

    (void)argc, (void)argv, (void)o;
    return rc == KEEL_ECMD ? 0 : rc; /* the shell's own exit status */
}
