/*
 * cmd.h - the command layer keelctl and keel-console share, no curses
 * here: the application state, the action table's row, and the output
 * writer (text or JSON) that every action's run() fills.  The console's
 * screens (console/) add a painter and an activate handler to the rows
 * that have a menu; keelctl (cli/) links this layer and libkeel only.
 */
#ifndef KEEL_CMD_H
#define KEEL_CMD_H

#include <stdio.h>

#include "keel-auth.h"
#include "keel-backend.h"
#include "keel-host.h"
#include "keel-settings.h"
#include "keel-sr.h"
#include "keel-vm.h"

struct app {
    struct keel_backend *b;
    struct keel_settings s;          /* as saved in KEEL_HOST_CONF */
    struct keel_auth_session auth;
    struct keel_host_status st;
    double sr_read_at;               /* when the SR was last asked */
    struct keel_sr sr;               /* as lvm said then */
    int sr_rc;                       /* and its code (st.sr_err says) */
    struct keel_host_hw hw;          /* NICs every refresh, the rest
                                        with the SR */
    char *log_pane;                  /* APP_LOG: the syslog's end, or
                                        NULL (log_rc, log_err say why) */
    int log_rc;
    char log_err[KEEL_ERR_MSG_MAX];
    struct keel_vms vms;             /* APP_VMS: the VMs (vms_rc, vms_err
                                        say why not) */
    int vms_rc;
    char vms_err[KEEL_ERR_MSG_MAX];
    struct keel_isos isos;           /* APP_ISOS: the ISO library (isos_rc,
                                        isos_err say why not) */
    int isos_rc;
    char isos_err[KEEL_ERR_MSG_MAX];
    enum app_pw { APP_PW_UNSET, APP_PW_SET, APP_PW_LOCKED } root_pw;
                                     /* the root password, with the SR */
    const char *fake_log;            /* fake backend: dump the log here */
    const char *keys_dir;            /* trusted update keys; NULL: the
                                        image's KEEL_KEYS_DIR */
    /* How a long run shows its progress (done 0..1): the console's bar;
     * NULL: stage and percent lines on stderr (keelctl). */
    void (*progress)(const char *title, const char *stage, double done);
    const struct action *cur;        /* the action being run */
    char msg[KEEL_ERR_MSG_MAX];      /* the console's message line */
    /* Why KEEL_HOST_CONF could not be read ("" if it could): the
     * programs then run on the defaults and refuse to save over it. */
    char settings_bad[KEEL_ERR_MSG_MAX];
};

/* Output of an action: text ("key: value" lines) or one JSON value. */
struct out {
    FILE *f;
    int json;
    int depth;
    int first[16];  /* per depth: nothing written yet */
    int in_arr[16]; /* per depth: inside an array */
};

void out_init(struct out *o, FILE *f, int json);
void out_obj(struct out *o, const char *key); /* begin an object */
void out_arr(struct out *o, const char *key); /* begin an array */
void out_end(struct out *o);                  /* end either */
void out_str(struct out *o, const char *key, const char *v);
void out_num(struct out *o, const char *key, long long v);
void out_bool(struct out *o, const char *key, int v);
void out_null(struct out *o, const char *key); /* JSON null; "none" */
void out_finish(struct out *o);               /* newline after JSON */

struct action {
    const char *name;  /* keelctl subcommand and --goto name */
    const char *menu;  /* left menu entry; NULL: keelctl only */
    const char *label; /* what the console shows */
    int needs_login;   /* console: log in first */
    int modifies_host; /* changes the host (keelctl: needs root) */
    int confirm;       /* destructive: ask first */
    const char *args;  /* keelctl usage of the arguments, "" if none */
    /* Do it with argc arguments; 0 or a KEEL_E* code with e.  The
     * console's screen for the row (console/screens.c) asks for the
     * arguments first. */
    int (*run)(struct app *a, int argc, char **argv, struct out *o,
               struct keel_err *e);
    int min_args, max_args;
};

extern const struct action actions[];
extern const size_t n_actions;

const struct action *action_find(const char *name);

/* printf into one of four static buffers (for one out_str or pane row). */
const char *cmd_fmt(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/* Change one setting and apply it (keel_host_apply): for run()s. */
int cmd_set_apply(struct app *a, enum keel_setting_id id, const char *v,
                  struct keel_err *e);

/* What the console's screens need of the commands' own tables: */

/* The VM operation of a vm-* row (enum keel_dom_op, or -1 start, -2
 * console, -3 delete; -99 not a VM row). */
int cmd_vm_op(const struct action *act);

/* The setting a preference row (keymap, ssh, ...) changes, or -1. */
int cmd_pref_setting(const struct action *act);

/* The log a log-* row shows (syslog, or Xen's dmesg when xen); *text
 * malloc'd, the caller frees it. */
int cmd_log_text(struct app *a, int xen, char **text, struct keel_err *e);

/* How long reboot and poweroff wait for the VMs before forcing them. */
#define CMD_POWER_TIMEOUT_S 60

/* Gather what the panes and the runs show, so that they show it
 * without reading: the host status into a->st and the NICs every time;
 * the SR, CPU, disks and root password when APP_SLOW or when they are
 * older than a minute (lvm is a process); the Logs pane's text when
 * APP_LOG; the VM list when APP_VMS; the ISO library when APP_ISOS. */
#define APP_SLOW 0x1u
#define APP_LOG 0x2u
#define APP_VMS 0x4u
#define APP_ISOS 0x8u
void app_refresh(struct app *a, unsigned what);

/* Just the VM list (APP_VMS's part) / just the root password state
 * (part of APP_SLOW): for keelctl's vm-list and auth, which need no
 * more (no status, no lvm). */
void app_refresh_vms(struct app *a);
void app_refresh_pw(struct app *a);

/* Free what app_refresh gathered. */
void app_fini(struct app *a);

/* Load settings from the backend (defaults if there is no file). */
int app_load_settings(struct app *a, struct keel_err *e);

/* Apply the changes in a copy of the settings, live, on top of the
 * file as it is now (keel_host_change); on success a->s is the file's
 * settings: new_s's changes and what others saved. */
int app_apply(struct app *a, struct keel_settings *new_s,
              struct keel_err *e);

/* Monotonic seconds. */
double app_now(void);

/* 0 if settings may be saved; else KEEL_EINVAL saying why not (the
 * file on disk could not be read: saving would overwrite it). */
int app_settings_writable(const struct app *a, struct keel_err *e);

/* Write the fake backend's call log to a->fake_log (if set). */
void app_dump_log(struct app *a);

/* Open the backend: real, or fake with the scenario at path. */
struct keel_backend *app_backend(const char *fake_state,
                                 struct keel_err *e);

#endif
