/*
 * install-scripts.c - an answer file's <script>s during apply
 * (keel-install.h): every one fetched into KEEL_SCRIPT_DIR before a
 * disk is written, then run at its stage with a time limit, its output
 * in the install log.
 */
#include <stdio.h>
#include <string.h>

#include "install-apply-int.h"

int ap_has_scripts(const struct keel_plan *p)
{
    return p->nscripts > 0;
}

int ap_has_populated(const struct keel_plan *p)
{
    for (int i = 0; i < p->nscripts; i++)
        if (p->scripts[i].stage == KEEL_SCRIPT_POPULATED)
            return 1;
    return 0;
}

/* Script i into KEEL_SCRIPT_DIR/i, executable: wget for http://, a
 * copy for file:// (its medium may be read-only or noexec). */
static int fetch_one(struct apply *ap, int i)
{
    const struct keel_script *s = &ap->p->scripts[i];
    char dest[sizeof(ap->script[0])], what[64];
    const char *path;
    const char *cp[] = { "cp", "--", NULL, dest, NULL };
    const char *mod[] = { "chmod", "0700", dest, NULL };
    struct keel_err e;
    int rc;

    snprintf(dest, sizeof(dest), "%s/%d", KEEL_SCRIPT_DIR, (i + 1) % 100);
    snprintf(what, sizeof(what), "<script stage=\"%s\">",
             keel_script_stage_name(s->stage));
    ap_log(ap, "fetch %s %s -> %s\n", what, s->url, dest);
    rc = keel_url_fetch(ap->b, s->url, dest, what, &path, &e);
    if (rc)
        return ap_fail(ap, rc, &e);
    cp[2] = path;
    if (strcmp(path, dest) && (rc = ap_run(ap, cp)))
        return rc;
    rc = ap_run(ap, mod);
    if (!rc)
        snprintf(ap->script[i], sizeof(ap->script[i]), "%s", dest);
    return rc;
}

/* Run the scripts of stage st with arg (NULL: none). */
static int run_stage(struct apply *ap, enum keel_script_stage st,
                     const char *arg)
{
    const struct keel_plan *p = ap->p;
    int rc = 0;

    /* Soft (installation-complete): every one runs, whatever failed. */
    for (int i = 0; (!rc || ap->soft) && i < p->nscripts; i++) {
        const char *argv[] = { ap->script[i], arg, NULL };

        if (p->scripts[i].stage != st || !ap->script[i][0])
            continue;
        ap_log(ap, "script %s: %s\n", keel_script_stage_name(st),
               p->scripts[i].url);
        ap->timeout_s = KEEL_SCRIPT_TIMEOUT_S;
        ap->both = 1;
        rc = ap_run(ap, argv);
        ap->timeout_s = KEEL_STEP_LIMIT_S;
        ap->both = 0;
        if (rc && ap->f && !ap->soft) {
            char why[sizeof(ap->f->err.msg)];

            snprintf(why, sizeof(why), "%s", ap->f->err.msg);
            snprintf(ap->f->err.msg, sizeof(ap->f->err.msg), "<script "
                     "stage=\"%s\"> %.80s failed: %.*s",
                     keel_script_stage_name(st), p->scripts[i].url,
                     (int)(sizeof(why) - 140), why);
        }
    }
    return rc;
}

int ap_scripts_start(struct apply *ap)
{
    const char *mk[] = { "mkdir", "-p", KEEL_SCRIPT_DIR, NULL };
    int rc = ap_run(ap, mk), done = 0;

    /* installation-complete ones first: they hear of a failed fetch. */
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; !rc && i < ap->p->nscripts; i++) {
            if ((ap->p->scripts[i].stage == KEEL_SCRIPT_COMPLETE) == pass)
                continue;
            rc = fetch_one(ap, i);
            ap_progress(ap, 0.5 * ++done / ap->p->nscripts);
        }
    return rc ? rc : run_stage(ap, KEEL_SCRIPT_START, NULL);
}

int ap_scripts_populated(struct apply *ap)
{
    return run_stage(ap, KEEL_SCRIPT_POPULATED, STATE_DIR);
}

void ap_scripts_complete(struct apply *ap, int failed)
{
    int any = 0;

    for (int i = 0; i < ap->p->nscripts; i++)
        any |= ap->p->scripts[i].stage == KEEL_SCRIPT_COMPLETE &&
               ap->script[i][0];
    if (!any)
        return;
    ap->stage = "scripts: installation-complete";
    ap_log(ap, "== %s (%s)\n", ap->stage, failed ? "1: failed" : "0");
    ap->soft = 1;
    run_stage(ap, KEEL_SCRIPT_COMPLETE, failed ? "1" : "0");
    ap->soft = 0;
}
