/*
 * install-apply-int.h - private to install-apply.c and
 * install-stages.c: the state of one apply and its stage table.
 */
#ifndef KEEL_INSTALL_APPLY_INT_H
#define KEEL_INSTALL_APPLY_INT_H

#include "install-int.h"

#define ESP_DIR KEEL_TARGET "/esp"
#define STATE_DIR KEEL_TARGET "/state"

/* The limit of one installer command (sgdisk, mkfs, pvcreate,
 * grub-install, ...): well past what a slow USB stick or a big disk
 * takes, short of a hang nobody sees end. */
#define KEEL_STEP_LIMIT_S 900

struct apply {
    struct keel_backend *b;
    const struct keel_plan *p;
    keel_stage_fn fn;
    void *ctx;
    int n, total;
    const char *stage;
    struct keel_apply_fail *f;
    char *log;          /* every command and its output */
    size_t log_len, log_cap;
    char dev[KEEL_LAYOUT_PARTS + 1][48]; /* [i]: partition i's device */
    int esp_mounted, state_mounted;
    int soft; /* ap_run_soft() is running */
    unsigned timeout_s; /* for ap_run(): KEEL_STEP_LIMIT_S, or a script's */
    int both;           /* a failure shows stdout and stderr */
    /* The plan's scripts once fetched ("" not yet), by index. */
    char script[KEEL_SCRIPTS_MAX][sizeof(KEEL_SCRIPT_DIR) + 8];
};

struct stage {
    const char *name;
    int (*fn)(struct apply *ap);
    int (*wanted)(const struct keel_plan *p); /* NULL: always */
};

/* Run argv; logged; on failure f gets the command and its output. */
int ap_run(struct apply *ap, const char *const *argv);
/* The same, for a command whose failure is not the stage's: logged only. */
int ap_run_soft(struct apply *ap, const char *const *argv);
/* Note a failure that is not a command's (e: what went wrong). */
int ap_fail(struct apply *ap, int rc, const struct keel_err *e);
void ap_log(struct apply *ap, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void ap_progress(struct apply *ap, double fraction);

/* install-scripts.c: the stages of the plan's <script>s (fetch all and
 * run installation-start; run filesystem-populated), when the plan has
 * any; and the installation-complete ones after the last stage. */
int ap_scripts_start(struct apply *ap);
int ap_scripts_populated(struct apply *ap);
void ap_scripts_complete(struct apply *ap, int failed);
int ap_has_scripts(const struct keel_plan *p);
int ap_has_populated(const struct keel_plan *p);

extern const struct stage keel_install_stage_table[];
extern const struct stage keel_upgrade_stage_table[];

#endif
