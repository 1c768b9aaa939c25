/*
 * cmd-update.c - apply an update bundle, verify one, revert to the other slot,
 * fall back from a failed trial boot.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include "cmd-runs.h"
#include "keel-host.h"
#include "keel-slot.h"
#include "keel-update.h"

#define REBOOT_TIMEOUT_S 120

static const char *keys_dir(const struct app *a)
{
    return a->keys_dir ? a->keys_dir : KEEL_KEYS_DIR;
}

/* A relative path is the caller's: made absolute here, as the library
 * takes absolute paths only.  URLs and missing files pass unchanged. */
static const char *absolute(const char *what, char *buf)
{
    if (what[0] == '/' || strstr(what, "://") || !realpath(what, buf))
        return what;
    return buf;
}

static void manifest_out(struct out *o, const struct keel_manifest *m)
{
    out_str(o, "product", m->product);
    out_str(o, "version", m->version);
    out_str(o, "arch", m->arch);
    out_str(o, "min_version", m->min_version);
    out_str(o, "build_date", m->build_date);
    out_str(o, "signing", m->signing);
    out_str(o, "key_id", m->key_id);
    out_num(o, "payload_size", (long long)m->payload_size);
    out_str(o, "payload_sha256", m->payload_sha256);
}

/* The real file, whatever backend the program runs with: a bundle on
 * the build machine is checked by the code the host runs. */
int update_verify_run(struct app *a, int argc, char **argv, struct out *o,
                      struct keel_err *e)
{
    struct keel_backend *real = keel_backend_real_new(NULL);
    struct keel_bundle_src s;
    struct keel_manifest m;
    char path[PATH_MAX];
    int rc;

    (void)argc;
    if (!real)
        return keel_err_set(e, KEEL_ENOMEM, "out of memory");
    keel_bundle_src_file(&s, absolute(argv[0], path));
    rc = keel_bundle_verify(real, keys_dir(a), &s, &m, NULL, NULL, e);
    keel_backend_free(real);
    if (rc)
        return rc;
    out_obj(o, NULL);
    out_bool(o, "verified", 1);
    manifest_out(o, &m);
    out_end(o);
    return 0;
}

struct shown {
    struct app *a;
    int stage, percent;
};

static void progress(void *ctx, int stage, double done)
{
    struct shown *sh = ctx;
    int pct = (int)(done * 100);

    if (stage != sh->stage) {
        sh->stage = stage;
        syslog(LOG_INFO, "update: [stage %d/%d] %s", stage + 1,
               KEEL_UPDATE_STAGES, keel_update_stage_names[stage]);
        if (!sh->a->progress)
            fprintf(stderr, "update: [stage %d/%d] %s\n", stage + 1,
                    KEEL_UPDATE_STAGES, keel_update_stage_names[stage]);
    }
    if (sh->a->progress) {
        sh->a->progress("Applying the update",
                        keel_update_stage_names[stage], done);
    } else if (pct / 10 != sh->percent / 10) {
        fprintf(stderr, "update: %d%%\n", pct);
    }
    sh->percent = pct;
}

static int parse_flags(int argc, char **argv, const char **what,
                       int *downgrade, int *reboot, struct keel_err *e)
{
    *what = NULL;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--allow-downgrade"))
            *downgrade = 1;
        else if (!strcmp(argv[i], "--reboot"))
            *reboot = 1;
        else if (argv[i][0] == '-' && argv[i][1] == '-')
            return keel_err_set(e, KEEL_EINVAL, "unknown option %.40s "
                                "(--allow-downgrade, --reboot)", argv[i]);
        else if (*what)
            return keel_err_set(e, KEEL_EINVAL, "give one bundle, URL or "
                                "ISO, not '%.60s' as well", argv[i]);
        else
            *what = argv[i];
    }
    if (!*what)
        return keel_err_set(e, KEEL_EINVAL, "give a bundle file, an "
                            "http:// URL, a Keel ISO or /dev/DEVICE");
    return 0;
}

int update_apply_run(struct app *a, int argc, char **argv, struct out *o,
                     struct keel_err *e)
{
    struct shown sh = { a, -1, -1 };
    struct keel_update_opts opt = { keys_dir(a), 0, progress, &sh };
    struct keel_update_result r;
    struct keel_update_fetch f;
    struct keel_bundle_src s;
    const char *what;
    char msg[200], report[1024], path[PATH_MAX];
    int reboot = 0, rc = parse_flags(argc, argv, &what,
                                     &opt.allow_downgrade, &reboot, e);

    if (rc)
        return rc;
    openlog("keel", 0, LOG_USER);
    keel_quick_forget(a->b);
    rc = keel_update_fetch(a->b, absolute(what, path), &s, &f, e);
    if (!rc)
        rc = keel_update_apply(a->b, &s, &opt, &r, e);
    keel_update_release(a->b, &f);
    if (rc) {
        syslog(LOG_ERR, "update: failed: %s", e->msg);
        return rc;
    }
    snprintf(msg, sizeof(msg), "Keel %s is in slot %c and boots next, on "
             "trial (slot %c, %s, stays as the fallback); %s", r.m.version,
             r.slot, r.booted, r.running_version[0] ? r.running_version :
             "?", reboot ? "rebooting now." : "reboot to activate it.");
    syslog(LOG_INFO, "update: %s", msg);
    out_obj(o, NULL);
    out_str(o, "slot", cmd_fmt("%c", r.slot));
    out_str(o, "version", r.m.version);
    out_str(o, "from_version", r.running_version);
    out_str(o, "signing", r.m.signing);
    out_str(o, "message", msg);
    if (reboot)
        quick_reboot(a, REBOOT_TIMEOUT_S, report, sizeof(report), o);
    out_end(o);
    if (reboot) {
        rc = keel_host_power(a->b, 1, REBOOT_TIMEOUT_S, report,
                             sizeof(report), e);
        if (rc)
            keel_quick_cancel(a->b);
    }
    return rc;
}

int revert_run(struct app *a, int argc, char **argv, struct out *o,
               struct keel_err *e)
{
    char slot = 0, msg[160];
    int rc;

    (void)argc, (void)argv;
    keel_quick_forget(a->b);
    rc = keel_slot_revert(a->b, &slot, e);
    if (rc)
        return rc;
    snprintf(msg, sizeof(msg), "slot %c boots next (on trial); reboot to "
             "run it", slot);
    out_obj(o, NULL);
    out_str(o, "slot", cmd_fmt("%c", slot));
    out_str(o, "message", msg);
    out_end(o);
    return 0;
}

int trial_failed_run(struct app *a, int argc, char **argv, struct out *o,
                     struct keel_err *e)
{
    int reboot = 0, rc = keel_slot_trial_failed(a->b, argv[0], &reboot, e);

    (void)argc;
    if (rc)
        return rc;
    out_obj(o, NULL);
    out_bool(o, "reboot", reboot);
    out_str(o, "message", reboot ? "trial boot failed: rebooting into the "
            "previous slot" : "not a trial boot: staying up");
    out_end(o);
    return 0;
}
