/*
 * steps.c - the interactive installer's step table and the loop that
 * walks it (inst.h).  A row: name, title, the screen, its check, and
 * whether an upgrade skips it.  Enter goes forward through the check,
 * Esc goes back; the progress and done screens never go back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inst.h"
#include "scr-action.h"
#include "scr-disk.h"
#include "scr-done.h"
#include "scr-guestdisks.h"
#include "scr-hostname.h"
#include "scr-keymap.h"
#include "scr-network.h"
#include "scr-nic.h"
#include "scr-ntp.h"
#include "scr-password.h"
#include "scr-progress.h"
#include "scr-ssh.h"
#include "scr-summary.h"
#include "scr-timezone.h"
#include "scr-welcome.h"

struct step {
    const char *name;
    const char *title;
    enum step_result (*ask)(struct inst *in);
    int (*check)(struct inst *in); /* NULL: nothing to check */
    int install_only;              /* skipped by an upgrade */
};

static const struct step steps[] = {
    { "keymap", "Keyboard layout", scr_keymap_ask, scr_keymap_check, 0 },
    { "welcome", "Welcome", scr_welcome_ask, NULL, 0 },
    { "action", "Install or upgrade", scr_action_ask, scr_action_check, 0 },
    { "disk", "Primary disk", scr_disk_ask, scr_disk_check, 1 },
    { "guestdisks", "Storage repository disks", scr_guestdisks_ask,
      scr_guestdisks_check, 1 },
    { "nic", "Management interface", scr_nic_ask, scr_nic_check, 1 },
    { "network", "Management network", scr_network_ask, scr_network_check,
      1 },
    { "hostname", "Host name and DNS", scr_hostname_ask,
      scr_hostname_check, 1 },
    { "ssh", "Remote access", scr_ssh_ask, scr_ssh_check, 1 },
    { "timezone", "Time zone", scr_timezone_ask, scr_timezone_check, 1 },
    { "ntp", "Time servers", scr_ntp_ask, scr_ntp_check, 1 },
    { "password", "Root password", scr_password_ask, scr_password_check,
      1 },
    { "summary", "Summary", scr_summary_ask, scr_summary_check, 0 },
    { "progress", "Installing", scr_progress_ask, NULL, 0 },
    { "done", "Done", scr_done_ask, NULL, 0 },
};
#define NSTEPS ((int)(sizeof(steps) / sizeof(steps[0])))

static int shown(const struct inst *in, int i)
{
    return !(steps[i].install_only && inst_upgrading(in));
}

/* The next (dir 1) or previous (dir -1) step shown from i; i if none. */
static int neighbour(const struct inst *in, int i, int dir)
{
    for (int j = i + dir; j >= 0 && j < NSTEPS; j += dir)
        if (shown(in, j))
            return j;
    return i;
}

static void frame(struct inst *in, int i)
{
    in->title = steps[i].title;
    in->stepno = in->nsteps = 0;
    for (int j = 0; j < NSTEPS; j++)
        if (shown(in, j)) {
            in->nsteps++;
            in->stepno += j <= i;
        }
}

static int walk(struct inst *in)
{
    int i = 0;

    for (;;) {
        enum step_result r;

        frame(in, i);
        r = steps[i].ask(in);
        if (r == STEP_SHELL)
            return INST_EXIT_SHELL;
        if (r == STEP_EXIT)
            return in->rc;
        if (r == STEP_NEXT && steps[i].check && steps[i].check(in))
            continue; /* in->err says why, next to its field */
        in->err[0] = '\0';
        in->err_field = -1;
        if (r == STEP_NEXT)
            i = neighbour(in, i, 1);
        else
            i = neighbour(in, i, -1);
    }
}

int inst_run(struct keel_backend *b, int (*claim)(void),
             struct inst_out *out)
{
    struct inst *in = calloc(1, sizeof(*in));
    struct keel_err e;
    int rc;

    if (!in)
        return 1;
    in->claim = claim;
    rc = inst_init(in, b, &e);
    memset(out, 0, sizeof(*out));
    if (rc) {
        snprintf(out->msg, sizeof(out->msg), "%s", e.msg);
        rc = 1;
    } else
        rc = walk(in);
    out->nlines = in->nstage_lines;
    memcpy(out->lines, in->stage_lines, sizeof(out->lines));
    inst_fini(in);
    free(in);
    return rc;
}
