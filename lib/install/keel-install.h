/*
 * keel-install.h - the installer's engine: answers -> plan -> apply.
 *
 * The plan is data (partition table, file systems, what is written
 * where, boot loader, settings) made from the answers and what the
 * backend sees (disks, NICs, the boot medium, the firmware); nothing is
 * written while planning.  keel_plan_format() prints it as stable text
 * (what `keel-install --dry-run` shows).  keel_install_apply() carries
 * it out through the backend, stage by stage.
 */
#ifndef KEEL_INSTALL_H
#define KEEL_INSTALL_H

#include <stddef.h>

#include "keel-answers.h"
#include "keel-backend.h"
#include "keel-disk.h"
#include "keel-grubenv.h"
#include "keel-layout.h"

/* Where things are, in the installer environment and on the target. */
#define KEEL_MEDIUM_IMAGE "/run/keel/medium/keel/dom0.img"
/* Its signed header (keel-bundle.h), verified before the plan. */
#define KEEL_MEDIUM_HEADER "/run/keel/medium/keel/dom0.kubh"
#define KEEL_BOOT_CONF "/usr/share/keel/boot.conf"
#define KEEL_VERSION_FILE "/usr/share/keel/version"
#define KEEL_TARGET "/run/keel/target"     /* mount points under here */
#define KEEL_VG_NAME "keel-sr"
#define KEEL_INSTALL_LOG "keel-install.log" /* in the state's log/ */
#define KEEL_ESP_LABEL "KEEL-ESP"
#define KEEL_STATE_LABEL "keel-state"
#define KEEL_SCRIPT_DIR "/run/keel/scripts" /* fetched <script>s */
#define KEEL_SCRIPT_TIMEOUT_S 600           /* each script's limit */
/* The first stage when there are scripts: it writes no disk. */
#define KEEL_STAGE_SCRIPTS_START "scripts: installation-start"

/* hypervisor/boot.conf: KEY=VALUE lines, '#' comments. */
enum keel_bootconf_key {
    KEEL_BC_XEN_MEM,
    KEEL_BC_XEN_LOG,
    KEEL_BC_XEN_CONSOLE,
    KEEL_BC_XEN_CONSOLE_SERIAL,
    KEEL_BC_DOM0_CONSOLE,
    KEEL_BC_DOM0_CONSOLE_SERIAL,
    KEEL_BC_COUNT
};
struct keel_bootconf {
    char v[KEEL_BC_COUNT][256];
};

/* Parse boot.conf text.  Unknown keys are ignored (newer files);
 * every key above must be present.  KEEL_EINVAL names the line. */
int keel_bootconf_parse(struct keel_bootconf *bc, const char *text,
                        size_t len, struct keel_err *e);

/*
 * The grub.cfg on the ESP (design section 5): load grubenv, walk ORDER,
 * mark the chosen slot tried, save, boot it; one menu entry per slot
 * (the one not chosen titled "previous version"), serial-console
 * variants, each slot found as partition 3 or 4 of the disk GRUB runs
 * from.  Pure; *text malloc'd (free()).
 */
int keel_grubcfg_make(const struct keel_bootconf *bc, char **text,
                      struct keel_err *e);

struct keel_plan {
    enum keel_install_mode mode;
    struct keel_disk disk;         /* primary, or the installed disk */
    struct keel_layout layout;     /* install: the new partition table */
    struct keel_disk guests[KEEL_GUESTS_MAX];
    int nguests;
    int sr_on_primary;             /* install: keel-sr in the layout */
    struct keel_script scripts[KEEL_SCRIPTS_MAX]; /* in file order */
    int nscripts;
    char slot;                     /* the slot the image goes into */
    struct keel_slots slots;       /* grubenv after applying */
    struct keel_settings settings; /* install: written to keel-state */
    char nic_mac[18];              /* of the management NIC */
    char image[128];
    unsigned long long image_size;
    char version[32];              /* of the image being installed */
    int efi;                       /* booted with UEFI: add a boot entry */
    enum keel_atexit atexit;
    char *grubcfg;                 /* the text for the ESP */
    char other_keel[256];          /* other disks holding Keel, left as
                                      they are: "sdb (Keel 0.0.9) ..." */
    char other_vg[512];            /* install: disks left as they are
                                      that hold a keel-sr group */
};

/*
 * Make the plan for a on what b sees.  Every problem goes into pr
 * (lines from a); KEEL_EINVAL if any is an error.  Other codes for
 * backend failures (with e).  p needs keel_plan_fini() whatever the
 * result.
 */
int keel_plan_make(struct keel_backend *b, const struct keel_answers *a,
                   struct keel_plan *p, struct keel_problems *pr,
                   struct keel_err *e);
void keel_plan_fini(struct keel_plan *p);

/* The plan as stable text (no secrets); *text malloc'd (free()). */
int keel_plan_format(const struct keel_plan *p, char **text,
                     struct keel_err *e);

/*
 * Fill keel_version and keel_active of the disks in l that hold Keel
 * (has_keel) and where they are unknown: mounts each ESP and active
 * slot read-only under KEEL_TARGET/inspect and unmounts them again.
 * A disk whose installation cannot be read keeps "" and 0.
 */
void keel_install_inspect(struct keel_backend *b, struct keel_disks *l);

/* Progress: stage n of total (1-based) named name, fraction 0..1 of
 * it done.  Called with 0 when a stage starts and 1 when it ends. */
typedef void (*keel_stage_fn)(void *ctx, int n, int total,
                              const char *name, double fraction);

/* What went wrong, when apply fails. */
struct keel_apply_fail {
    char stage[32];
    char command[256];  /* the program run, "" if none */
    char output[1024];  /* its stderr (or stdout), cut to fit */
    struct keel_err err;
};

/*
 * Carry out the plan.  0 when every stage succeeded; otherwise the code
 * of the stage that failed, with f filled (f may be NULL), and nothing
 * after that stage done.  The plan's scripts: all fetched first, before
 * any disk write, in the stage "scripts: installation-start", which
 * then runs that stage's; filesystem-populated ones are the stage before
 * "finish"; a script failing there fails the install with its output in
 * f.  installation-complete scripts run after the last stage (or the
 * failed one), with "0" or "1", every one whatever the others did; their
 * failure is logged only.  The log of every command and its output goes
 * to the state partition (install; up to "finish", so without the
 * installation-complete scripts) and to /run/keel/install.log.
 */
int keel_install_apply(struct keel_backend *b, const struct keel_plan *p,
                       keel_stage_fn fn, void *ctx,
                       struct keel_apply_fail *f);

/* The stage names of a plan's apply, in order (static strings);
 * returns how many there are (at most max are stored). */
int keel_install_stages(const struct keel_plan *p, const char **names,
                        int max);

#endif
