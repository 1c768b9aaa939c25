/*
 * sr-lvm.c - the storage repository through lvm's JSON reports
 * (keel-sr.h).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keel-sr.h"
#include "sr-json.h"

#define REPORT_MAX (256 * 1024)

static int parse_u64(const char *s, uint64_t *v)
{
    uint64_t n = 0;

    if (!s || !*s)
        return -1;
    for (; *s; s++) {
        if (*s < '0' || *s > '9' || n > (UINT64_MAX - 9) / 10)
            return -1;
        n = n * 10 + (uint64_t)(*s - '0');
    }
    *v = n;
    return 0;
}

/* The array `what` ("vg" or "lv") of report[0]. */
static const struct keel_json *rows(const struct keel_json *root,
                                    const char *what)
{
    const struct keel_json *rep = keel_json_get(root, "report");
    const struct keel_json *r;

    if (!rep || rep->type != KEEL_JSON_ARRAY || !rep->child)
        return NULL;
    r = keel_json_get(rep->child, what);
    return r && r->type == KEEL_JSON_ARRAY ? r : NULL;
}

static int parse_vgs(struct keel_sr *sr, const char *vg,
                     const struct keel_json *root, struct keel_err *e)
{
    const struct keel_json *a = rows(root, "vg");

    if (!a)
        return keel_err_set(e, KEEL_EINVAL, "lvm vgs: no report.vg array");
    for (const struct keel_json *r = a->child; r; r = r->next) {
        const char *name = keel_json_str(r, "vg_name");

        if (!name || strcmp(name, vg) != 0)
            continue;
        if (parse_u64(keel_json_str(r, "vg_size"), &sr->size) ||
            parse_u64(keel_json_str(r, "vg_free"), &sr->free) ||
            sr->free > sr->size)
            return keel_err_set(e, KEEL_EINVAL, "lvm vgs: bad vg_size or "
                                "vg_free for %s", vg);
        snprintf(sr->vg, sizeof(sr->vg), "%s", vg);
        return 0;
    }
    return keel_err_set(e, KEEL_ENOENT, "no volume group %s: is the "
                        "storage repository set up?", vg);
}

/* The owner VM in an lv_tags list ("a,keel.owner=web1,b"). */
static void owner_of(const char *tags, char *owner, size_t size)
{
    size_t tl = strlen(KEEL_SR_TAG);

    owner[0] = '\0';
    for (const char *p = tags; p && *p; p = strchr(p, ','), p = p ? p + 1 : p)
        if (strncmp(p, KEEL_SR_TAG, tl) == 0) {
            snprintf(owner, size, "%.*s", (int)strcspn(p + tl, ","), p + tl);
            return;
        }
}

static int cmp_vdi(const void *a, const void *b)
{
    return strcmp(((const struct keel_vdi *)a)->name,
                  ((const struct keel_vdi *)b)->name);
}

static int parse_lvs(struct keel_sr *sr, const char *vg,
                     const struct keel_json *root, struct keel_err *e)
{
    const struct keel_json *a = rows(root, "lv");
    size_t n = 0;

    if (!a)
        return keel_err_set(e, KEEL_EINVAL, "lvm lvs: no report.lv array");
    for (const struct keel_json *r = a->child; r; r = r->next)
        n++;
    sr->vdis = calloc(n + 1, sizeof(*sr->vdis));
    if (!sr->vdis)
        return keel_err_set(e, KEEL_ENOMEM, "out of memory");
    for (const struct keel_json *r = a->child; r; r = r->next) {
        struct keel_vdi *v = &sr->vdis[sr->n];
        const char *name = keel_json_str(r, "lv_name");
        const char *g = keel_json_str(r, "vg_name");

        if (!name || !g || strlen(name) >= sizeof(v->name) ||
            parse_u64(keel_json_str(r, "lv_size"), &v->size))
            return keel_err_set(e, KEEL_EINVAL, "lvm lvs: a row without "
                                "lv_name, vg_name or a byte lv_size");
        if (strcmp(g, vg) != 0)
            continue;
        snprintf(v->name, sizeof(v->name), "%s", name);
        owner_of(keel_json_str(r, "lv_tags"), v->owner, sizeof(v->owner));
        sr->n++;
    }
    qsort(sr->vdis, sr->n, sizeof(*sr->vdis), cmp_vdi);
    return 0;
}

static int parse_one(struct keel_sr *sr, const char *vg, const char *text,
                     size_t len, int lvs, struct keel_err *e)
{
    struct keel_json *root = NULL;
    int rc;

    if (!text)
        return 0;
    rc = keel_json_parse(text, len, &root, e);
    if (!rc)
        rc = lvs ? parse_lvs(sr, vg, root, e) : parse_vgs(sr, vg, root, e);
    keel_json_free(root);
    return rc;
}

int keel_sr_parse(struct keel_sr *sr, const char *vg, const char *vgs_json,
                  size_t vgs_len, const char *lvs_json, size_t lvs_len,
                  struct keel_err *e)
{
    int rc;

    memset(sr, 0, sizeof(*sr));
    rc = parse_one(sr, vg, vgs_json, vgs_len, 0, e);
    if (!rc)
        rc = parse_one(sr, vg, lvs_json, lvs_len, 1, e);
    if (rc)
        keel_sr_fini(sr);
    return rc;
}

void keel_sr_fini(struct keel_sr *sr)
{
    free(sr->vdis);
    memset(sr, 0, sizeof(*sr));
}

static int report(struct keel_backend *b, const char *what,
                  const char *fields, char *buf, size_t *len,
                  struct keel_err *e)
{
    const char *argv[] = { "lvm", what, "--reportformat", "json",
                           "--units", "b", "--nosuffix", "-o", fields,
                           KEEL_SR_VG, NULL };
    struct keel_run r = { .out = buf, .out_size = REPORT_MAX };
    int rc = keel_backend_run(b, argv, &r, e);

    if (!rc && r.truncated)
        rc = keel_err_set(e, KEEL_EIO, "lvm %s: report too large", what);
    *len = r.out_len;
    return rc;
}

int keel_sr_read(struct keel_sr *sr, struct keel_backend *b,
                 struct keel_err *e)
{
    char *vgs = malloc(REPORT_MAX), *lvs = malloc(REPORT_MAX);
    size_t nv = 0, nl = 0;
    int rc;

    memset(sr, 0, sizeof(*sr));
    rc = vgs && lvs ? 0 : keel_err_set(e, KEEL_ENOMEM, "out of memory");
    if (!rc)
        rc = report(b, "vgs", "vg_name,vg_size,vg_free", vgs, &nv, e);
    if (!rc)
        rc = report(b, "lvs", "lv_name,vg_name,lv_size,lv_tags", lvs, &nl,
                    e);
    if (!rc)
        rc = keel_sr_parse(sr, KEEL_SR_VG, vgs, nv, lvs, nl, e);
    free(vgs);
    free(lvs);
    return rc;
}
