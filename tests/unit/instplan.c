/*
 * instplan.c - the installer tests' fixture (instplan.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "instplan.h"
#include "keel-backend-fake.h"
#include "unit.h"

char *inst_data(const char *rel, size_t *len)
{
    char path[512], *s;
    FILE *f;
    long n;

    snprintf(path, sizeof(path), "%s/install/%s", unit_data_dir(), rel);
    f = fopen(path, "rb");
    CHECK(f != NULL);
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    rewind(f);
    s = calloc(1, (size_t)n + 1);
    if (s && fread(s, 1, (size_t)n, f) != (size_t)n)
        CHECK(0);
    fclose(f);
    *len = (size_t)n;
    return s;
}

struct keel_backend *inst_host(void)
{
    struct keel_backend *b = keel_fake_new();
    size_t len;
    char *s = inst_data("host.scenario", &len);
    struct keel_err e;

    CHECK(b && s);
    if (b && s)
        CHECK_INT(keel_fake_disk_load(b, s, len, "host.scenario", &e), 0);
    free(s);
    return b;
}

/* Answers from a data file, then the plan; 0 or the plan's error. */
int inst_plan_from(struct keel_backend *b, const char *rel,
                   struct keel_answers *a, struct keel_plan *p,
                   struct keel_problems *pr)
{
    size_t len;
    char *s = inst_data(rel, &len);
    struct keel_err e;
    int rc;

    keel_problems_init(pr);
    CHECK_INT(keel_answers_init(a, NULL), 0);
    rc = s ? keel_answers_parse(a, s, len, pr) : KEEL_ENOENT;
    free(s);
    if (rc)
        return rc;
    return keel_plan_make(b, a, p, pr, &e);
}
