/*
 * validate-tz.c - time zone names and the zone list from tzdata's
 * zone.tab / zone1970.tab (see keel-validate.h).
 *
 * The list comes from the caller (the host's tzdata) rather than being
 * compiled in: tzdata changes several times a year, Keel does not.
 */
#include <stdlib.h>
#include <string.h>

#include "keel-validate.h"

#define TZ_MAX 64 /* the longest real zone name is about 30 */
#define LETTERS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

static int tz_part(const char *s, const char *p, size_t len,
                   struct keel_err *e)
{
    if (len == 0)
        return keel_err_set(e, KEEL_EINVAL, "%s: empty part between '/'; "
                            "write Region/City, e.g. Europe/Berlin", s);
    if (!strchr(LETTERS, p[0]))
        return keel_err_set(e, KEEL_EINVAL, "%s: each part of a zone name "
                            "starts with a letter, e.g. Europe/Berlin", s);
    return 0;
}

int keel_valid_tz_name(const char *s, struct keel_err *e)
{
    size_t len = strlen(s);
    const char *p = s;
    int rc;

    if (strcmp(s, "UTC") == 0)
        return 0;
    if (len == 0 || len > TZ_MAX)
        return keel_err_set(e, KEEL_EINVAL, "'%.40s': a time zone name has"
                            " 1-%d characters, e.g. Europe/Berlin or UTC",
                            s, TZ_MAX);
    if (strspn(s, LETTERS "0123456789_+-/") != len)
        return keel_err_set(e, KEEL_EINVAL, "'%s': a time zone name has "
                            "only letters, digits, '_', '+', '-' and '/' "
                            "(no '.' or spaces), e.g. Europe/Berlin", s);
    if (!strchr(s, '/'))
        return keel_err_set(e, KEEL_EINVAL, "%s: write Region/City, e.g. "
                            "Europe/Berlin, or UTC", s);
    for (;;) {
        size_t n = strcspn(p, "/");

        rc = tz_part(s, p, n, e);
        if (rc || !p[n])
            return rc;
        p += n + 1;
    }
}

void keel_tz_free(struct keel_tzlist *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++)
        free(l->names[i]);
    free(l->names);
    free(l);
}

static int add_name(struct keel_tzlist *l, size_t *cap, const char *s,
                    size_t len)
{
    char **names = l->names;

    if (l->n == *cap) {
        names = realloc(l->names, (*cap ? *cap * 2 : 512) * sizeof(*names));
        if (!names)
            return KEEL_ENOMEM;
        l->names = names;
        *cap = *cap ? *cap * 2 : 512;
    }
    names[l->n] = strndup(s, len);
    if (!names[l->n])
        return KEEL_ENOMEM;
    l->n++;
    return 0;
}

/* The third tab-separated field of line (len bytes), as zone name. */
static int zone_field(const char *line, size_t len, int lineno,
                      char name[TZ_MAX + 1], struct keel_err *e)
{
    const char *p = line, *end = line + len;
    struct keel_err sub;
    size_t n;

    for (int tabs = 0; tabs < 2; tabs++) {
        p = memchr(p, '\t', (size_t)(end - p));
        if (!p)
            return keel_err_set(e, KEEL_EINVAL, "zone list line %d: "
                                "expected CODE<tab>COORDINATES<tab>ZONE",
                                lineno);
        p++;
    }
    n = 0;
    while (p + n < end && p[n] != '\t' && p[n] != '\r' && p[n] != '\n')
        n++;
    if (n == 0 || n > TZ_MAX || memchr(p, '\0', n))
        return keel_err_set(e, KEEL_EINVAL, "zone list line %d: the zone "
                            "name (third field) is missing or malformed",
                            lineno);
    memcpy(name, p, n);
    name[n] = '\0';
    if (keel_valid_tz_name(name, &sub))
        return keel_err_set(e, KEEL_EINVAL, "zone list line %d: %s",
                            lineno, sub.msg);
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void sort_unique(struct keel_tzlist *l)
{
    size_t w = 0;

    qsort(l->names, l->n, sizeof(*l->names), by_name);
    for (size_t i = 0; i < l->n; i++) {
        if (w && strcmp(l->names[w - 1], l->names[i]) == 0)
            free(l->names[i]);
        else
            l->names[w++] = l->names[i];
    }
    l->n = w;
}

int keel_tz_load(const char *text, size_t len, struct keel_tzlist **out,
                 struct keel_err *e)
{
    struct keel_tzlist *l = calloc(1, sizeof(*l));
    const char *p = text, *end = text + len;
    char name[TZ_MAX + 1];
    size_t cap = 0;
    int rc = l ? add_name(l, &cap, "UTC", 3) : KEEL_ENOMEM;

    for (int lineno = 1; !rc && p < end; lineno++) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

        if (n && p[0] != '#') {
            rc = zone_field(p, n, lineno, name, e);
            if (!rc)
                rc = add_name(l, &cap, name, strlen(name));
        }
        p = nl ? nl + 1 : end;
    }
    if (rc == KEEL_ENOMEM)
        keel_err_set(e, rc, "out of memory loading the zone list");
    if (rc) {
        keel_tz_free(l);
        l = NULL;
    } else {
        sort_unique(l);
    }
    *out = l;
    return rc;
}

int keel_valid_tz(const char *s, const struct keel_tzlist *zones,
                  struct keel_err *e)
{
    int rc = keel_valid_tz_name(s, e);

    if (rc || !zones || strcmp(s, "UTC") == 0)
        return rc;
    if (!bsearch(&s, zones->names, zones->n, sizeof(*zones->names),
                 by_name))
        return keel_err_set(e, KEEL_EINVAL, "%s is not a known time zone "
                            "(names are case-sensitive), e.g. "
                            "Europe/Berlin, America/New_York or UTC", s);
    return 0;
}
