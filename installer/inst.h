/*
 * inst.h - the interactive installer: what the screens share, and the
 * step driver (steps.c) that walks them back and forth.
 *
 * Each step is one screen (scr-*.c): ask() paints it and reads keys
 * until the user goes forward or back; check() validates what was
 * entered and stores it in the answers.  A failed check keeps the user
 * on the step with the message next to the field it names.  Nothing
 * is written to any disk before the summary's confirmation.
 */
#ifndef KEEL_INST_H
#define KEEL_INST_H

#include "keel-install.h"
#include "keel-validate.h"

/* Exit status of keel-install when the user asked for the shell. */
#define INST_EXIT_SHELL 3

/* What a step's ask() returns. */
enum step_result {
    STEP_NEXT,  /* validate, then go on */
    STEP_BACK,  /* the previous step */
    STEP_SHELL, /* leave the installer for the shell */
    STEP_EXIT,  /* the end: leave with in->rc */
};

struct inst {
    struct keel_backend *b;
    int (*claim)(void);     /* take the install lock: 0, or -1 if held */
    struct keel_answers a;
    struct keel_disks disks;
    struct keel_nics nics;
    struct keel_tzlist *zones;
    int tz_builtin;         /* the host has no zone1970.tab */
    char version[32];       /* of the medium */
    /* The frame of the current step. */
    const char *title;
    int stepno, nsteps;
    /* The message of a failed check, and the field it belongs to
     * (-1: the screen as a whole). */
    char err[KEEL_ERR_MSG_MAX];
    int err_field;
    /* What the screens hold between visits. */
    int keymap_sel, action_sel, disk_sel, nic_sel, ssh_sel;
    int region_sel, city_sel;
    int guest_on[64];
    int dhcp;
    char addr[KEEL_IPV4_BUFSZ + 8], prefix[KEEL_IPV4_BUFSZ + 8];
    char gw[KEEL_IPV4_BUFSZ + 8], vlan[8];
    char hostname[80], dns[128], ntp[256];
    char pw1[256], pw2[256];
    /* The plan, made on the summary; apply's outcome. */
    struct keel_plan plan;
    int have_plan;
    char stage_lines[16][80];
    int nstage_lines;
    int rc;
};

/* What the caller prints once curses has ended. */
struct inst_out {
    char msg[KEEL_ERR_MSG_MAX];   /* why the screens could not start */
    char lines[16][80];           /* "keel-install: [stage 1/8] ..." */
    int nlines;
};

/*
 * Run the screens on a started tui: keyboard layout to done.  Returns
 * the exit status: 0 installed (the caller reboots), 1 failed,
 * INST_EXIT_SHELL.  out is filled whatever the result.
 */
int inst_run(struct keel_backend *b, int (*claim)(void),
             struct inst_out *out);

/* Read what the screens show (disks and their installations, NICs,
 * time zones, the medium's version) into in (zeroed by the caller).
 * 0 or an error; inst_fini() either way. */
int inst_init(struct inst *in, struct keel_backend *b, struct keel_err *e);
void inst_fini(struct inst *in);

/* Set in->err (and err_field) from e; returns e's code. */
int inst_fail(struct inst *in, int field, const struct keel_err *e);

/* Store value as setting id, failing the step on field if refused. */
int inst_set(struct inst *in, enum keel_setting_id id, const char *value,
             int field);

/* 1 in upgrade mode: the install-only steps are skipped. */
int inst_upgrading(const struct inst *in);

#endif
