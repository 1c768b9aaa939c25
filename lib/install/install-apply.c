/*
 * install-apply.c - carry out a plan stage by stage (keel-install.h):
 * the runner, the log and the failure report; the stages themselves
 * are rows of the tables in install-stages.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "install-apply-int.h"

#define RUN_OUT 8192

void ap_log(struct apply *ap, const char *fmt, ...)
{
    va_list ap_, again;
    char line[1024], *text = line;
    int n;

    va_start(ap_, fmt);
    va_copy(again, ap_);
    n = vsnprintf(line, sizeof(line), fmt, ap_);
    va_end(ap_);
    /* A command's whole output, however long (scripts print a lot). */
    if (n >= 0 && (size_t)n >= sizeof(line) && (text = malloc((size_t)n + 1)))
        vsnprintf(text, (size_t)n + 1, fmt, again);
    va_end(again);
    if (!text) {
        text = line;
        n = sizeof(line) - 1;
    }
    if (n >= 0 && ap->log_len + (size_t)n + 1 > ap->log_cap) {
        size_t cap = (ap->log_len + (size_t)n + 1) * 2;
        char *s = realloc(ap->log, cap);

        if (!s)
            n = -1; /* a shorter log, not a failed install */
        else {
            ap->log = s;
            ap->log_cap = cap;
        }
    }
    if (n >= 0) {
        memcpy(ap->log + ap->log_len, text, (size_t)n + 1);
        ap->log_len += (size_t)n;
    }
    if (text != line)
        free(text);
}

int ap_run(struct apply *ap, const char *const *argv)
{
    char *out = malloc(RUN_OUT), *err = malloc(RUN_OUT), cmd[256];
    struct keel_run r = { .out = out, .out_size = RUN_OUT, .err = err,
                          .err_size = RUN_OUT, .status = -1,
                          .timeout_s = ap->timeout_s };
    struct keel_err e;
    int rc;

    if (!out || !err) {
        free(out);
        free(err);
        keel_err_set(&e, KEEL_ENOMEM, "out of memory");
        return ap_fail(ap, KEEL_ENOMEM, &e);
    }
    keel_argv_join(argv, cmd, sizeof(cmd));
    ap_log(ap, "$ %s\n", cmd);
    rc = keel_backend_run(ap->b, argv, &r, &e);
    if (r.out_len)
        ap_log(ap, "%s%s", out, out[r.out_len - 1] == '\n' ? "" : "\n");
    if (r.err_len)
        ap_log(ap, "%s%s", err, err[r.err_len - 1] == '\n' ? "" : "\n");
    if (rc && ap->soft) {
        ap_log(ap, "(ignored) %s\n", e.msg);
    } else if (rc) {
        ap_fail(ap, rc, &e);
        if (ap->f) {
            snprintf(ap->f->command, sizeof(ap->f->command), "%s", cmd);
            /* stderr first: the reason survives the cut. */
            snprintf(ap->f->output, sizeof(ap->f->output), "%s%s",
                     r.err_len ? err : "", ap->both || !r.err_len ? out
                                                                  : "");
        }
    }
    free(out);
    free(err);
    return rc;
}

int ap_run_soft(struct apply *ap, const char *const *argv)
{
    int rc;

    ap->soft = 1;
    rc = ap_run(ap, argv);
    ap->soft = 0;
    return rc;
}

int ap_fail(struct apply *ap, int rc, const struct keel_err *e)
{
    ap_log(ap, "FAILED in stage %s: %s\n", ap->stage, e->msg);
    if (ap->f) {
        snprintf(ap->f->stage, sizeof(ap->f->stage), "%s", ap->stage);
        ap->f->err = *e;
        ap->f->command[0] = ap->f->output[0] = '\0';
    }
    return rc;
}

void ap_progress(struct apply *ap, double fraction)
{
    if (ap->fn)
        ap->fn(ap->ctx, ap->n, ap->total, ap->stage, fraction);
}

static const struct stage *table_of(const struct keel_plan *p)
{
    return p->mode == KEEL_MODE_INSTALL ? keel_install_stage_table
                                        : keel_upgrade_stage_table;
}

static int wanted(const struct keel_plan *p, const struct stage *s)
{
    return !s->wanted || s->wanted(p);
}

int keel_install_stages(const struct keel_plan *p, const char **names,
                        int max)
{
    const struct stage *t = table_of(p);
    int n = 0;

    for (int i = 0; t[i].name; i++) {
        if (!wanted(p, &t[i]))
            continue;
        if (n < max)
            names[n] = t[i].name;
        n++;
    }
    return n;
}

/* After a failure: leave nothing mounted, keep the log in RAM. */
static void cleanup(struct apply *ap)
{
    if (ap->esp_mounted && !keel_umount(ap->b, ESP_DIR, NULL))
        ap->esp_mounted = 0;
    if (ap->state_mounted && !keel_umount(ap->b, STATE_DIR, NULL))
        ap->state_mounted = 0;
}

int keel_install_apply(struct keel_backend *b, const struct keel_plan *p,
                       keel_stage_fn fn, void *ctx,
                       struct keel_apply_fail *f)
{
    struct apply ap = { .b = b, .p = p, .fn = fn, .ctx = ctx,
                        .stage = "", .f = f,
                        .timeout_s = KEEL_STEP_LIMIT_S };
    const struct stage *t = table_of(p);
    int rc = 0;

    if (f)
        memset(f, 0, sizeof(*f));
    ap.total = keel_install_stages(p, NULL, 0);
    for (int i = 1; i <= KEEL_LAYOUT_PARTS; i++)
        keel_disk_part_dev(p->disk.name, i, ap.dev[i], sizeof(ap.dev[i]));
    ap_log(&ap, "keel-install: %s Keel %s on %s\n",
           p->mode == KEEL_MODE_INSTALL ? "installing" : "upgrading to",
           p->version, p->disk.dev);
    for (int i = 0; !rc && t[i].name; i++) {
        if (!wanted(p, &t[i]))
            continue;
        ap.n++;
        ap.stage = t[i].name;
        ap_log(&ap, "== stage %d/%d: %s\n", ap.n, ap.total, ap.stage);
        ap_progress(&ap, 0);
        rc = t[i].fn(&ap);
        if (!rc)
            ap_progress(&ap, 1);
    }
    if (rc)
        cleanup(&ap);
    ap_scripts_complete(&ap, rc != 0);
    ap_log(&ap, "keel-install: %s\n", rc ? "FAILED" : "complete");
    if (ap.log)
        keel_backend_write(b, "/run/keel/install.log", ap.log, ap.log_len,
                           0600, NULL);
    free(ap.log);
    return rc;
}
