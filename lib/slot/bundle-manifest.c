/*
 * bundle-manifest.c - an update bundle's manifest: parsing, versions,
 * and whether this host may take it (keel-bundle.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keel-bundle.h"

enum form { F_WORD, F_VERSION, F_DATE, F_HEX16, F_HEX64, F_SIZE };

/* The manifest's keys: name, form, where the value goes. */
static const struct key {
    const char *name;
    enum form form;
    size_t off, size;
} keys[] = {
#define K(n, f, field) { n, f, offsetof(struct keel_manifest, field), \
                         sizeof(((struct keel_manifest *)0)->field) }
    { "keel-bundle", F_WORD, 0, 0 },
    K("product", F_WORD, product),
    K("version", F_VERSION, version),
    K("arch", F_WORD, arch),
    K("min-version", F_VERSION, min_version),
    K("build-date", F_DATE, build_date),
    K("signing", F_WORD, signing),
    K("key-id", F_HEX16, key_id),
    { "payload-size", F_SIZE, 0, 0 },
    K("payload-sha256", F_HEX64, payload_sha256),
#undef K
};
#define NKEYS (sizeof(keys) / sizeof(keys[0]))

int keel_version_valid(const char *v)
{
    int digits = 0;

    if (!*v || strlen(v) > 31)
        return 0;
    for (; *v; v++) {
        if (*v >= '0' && *v <= '9')
            digits++;
        else if (*v == '.' && digits)
            digits = 0;
        else
            return 0;
    }
    return digits > 0;
}

int keel_version_cmp(const char *a, const char *b)
{
    while (*a || *b) {
        unsigned long x = strtoul(a, (char **)&a, 10);
        unsigned long y = strtoul(b, (char **)&b, 10);

        if (x != y)
            return x < y ? -1 : 1;
        a += *a == '.';
        b += *b == '.';
    }
    return 0;
}

static int all_of(const char *v, const char *set, size_t n)
{
    return strlen(v) == n && strspn(v, set) == n;
}

/* Does v have form f?  The reason it does not into why. */
static int form_ok(enum form f, const char *v, const char **why)
{
    switch (f) {
    case F_WORD:
        *why = "a word of letters, digits, '_' or '-'";
        return *v && strspn(v, "abcdefghijklmnopqrstuvwxyz0123456789_-")
                         == strlen(v);
    case F_VERSION:
        *why = "a version such as 1.2.3";
        return keel_version_valid(v);
    case F_DATE:
        *why = "a UTC time such as 2026-12-02T07:00:00Z";
        return strlen(v) == 20 && v[4] == '-' && v[7] == '-' &&
               v[10] == 'T' && v[13] == ':' && v[16] == ':' && v[19] == 'Z';
    case F_HEX16:
        *why = "16 lowercase hex digits";
        return all_of(v, "0123456789abcdef", 16);
    case F_HEX64:
        *why = "64 lowercase hex digits";
        return all_of(v, "0123456789abcdef", 64);
    case F_SIZE:
        *why = "a size in bytes";
        return *v && strlen(v) < 16 && strspn(v, "0123456789") == strlen(v)
               && strtoull(v, NULL, 10) > 0;
    }
    return 0;
}

static int set_key(struct keel_manifest *m, const struct key *k,
                   const char *v, int line, struct keel_err *e)
{
    const char *why = "";

    if (!form_ok(k->form, v, &why))
        return keel_err_set(e, KEEL_EINVAL, "manifest line %d: %s must be "
                            "%s, not '%.40s'", line, k->name, why, v);
    if (!strcmp(k->name, "keel-bundle") && strcmp(v, "1"))
        return keel_err_set(e, KEEL_EINVAL, "manifest line %d: bundle "
                            "format %.8s is not one this host reads (1): "
                            "update in steps", line, v);
    if (!strcmp(k->name, "payload-size"))
        m->payload_size = strtoull(v, NULL, 10);
    else if (k->size)
        snprintf((char *)m + k->off, k->size, "%s", v);
    return 0;
}

/* One "key=value" line (NUL-terminated, no newline); seen[] marks. */
static int one_line(struct keel_manifest *m, char *l, int line,
                    int *seen, struct keel_err *e)
{
    char *eq = strchr(l, '=');
    size_t i;

    if (!eq)
        return keel_err_set(e, KEEL_EINVAL, "manifest line %d: no '=' in "
                            "'%.40s'", line, l);
    *eq = '\0';
    for (i = 0; i < NKEYS && strcmp(keys[i].name, l); i++)
        ;
    if (i == NKEYS)
        return keel_err_set(e, KEEL_EINVAL, "manifest line %d: unknown "
                            "key '%.40s'", line, l);
    if (seen[i]++)
        return keel_err_set(e, KEEL_EINVAL, "manifest line %d: %s is "
                            "given twice", line, l);
    return set_key(m, &keys[i], eq + 1, line, e);
}

int keel_manifest_parse(struct keel_manifest *out, const char *text,
                        size_t len, struct keel_err *e)
{
    struct keel_manifest m;
    int seen[NKEYS] = { 0 }, line = 0, rc = 0;
    char l[160];

    memset(&m, 0, sizeof(m));
    if (len == 0 || text[len - 1] != '\n')
        return keel_err_set(e, KEEL_EINVAL, "manifest: empty, or its last "
                            "line has no newline");
    for (size_t p = 0; !rc && p < len;) {
        const char *nl = memchr(text + p, '\n', len - p);
        size_t n = (size_t)(nl - (text + p));

        line++;
        if (n >= sizeof(l))
            return keel_err_set(e, KEEL_EINVAL, "manifest line %d is "
                                "longer than %zu bytes", line,
                                sizeof(l) - 1);
        for (size_t k = 0; k < n; k++)
            if (text[p + k] < 0x20 || text[p + k] > 0x7e)
                return keel_err_set(e, KEEL_EINVAL, "manifest line %d: "
                                    "a byte that is not printable ASCII",
                                    line);
        memcpy(l, text + p, n);
        l[n] = '\0';
        rc = one_line(&m, l, line, seen, e);
        p += n + 1;
    }
    for (size_t i = 0; !rc && i < NKEYS; i++)
        if (!seen[i])
            rc = keel_err_set(e, KEEL_EINVAL, "manifest: no %s line",
                              keys[i].name);
    if (!rc)
        *out = m;
    return rc;
}

int keel_bundle_accept(const struct keel_manifest *m, const char *running,
                       int allow_downgrade, struct keel_err *e)
{
    if (strcmp(m->product, KEEL_PRODUCT))
        return keel_err_set(e, KEEL_EINVAL, "this bundle is for '%s', not "
                            "Keel", m->product);
    if (strcmp(m->arch, KEEL_ARCH))
        return keel_err_set(e, KEEL_EINVAL, "this bundle is for %s hosts; "
                            "this one is %s", m->arch, KEEL_ARCH);
    if (!keel_version_valid(running))
        return keel_err_set(e, KEEL_EINVAL, "the running version ('%.31s')"
                            " is unknown: cannot tell an upgrade from a "
                            "downgrade", running);
    if (keel_version_cmp(running, m->min_version) < 0)
        return keel_err_set(e, KEEL_EINVAL, "Keel %s upgrades %s or newer;"
                            " this host runs %s: apply an update in "
                            "between first", m->version, m->min_version,
                            running);
    if (!allow_downgrade && keel_version_cmp(m->version, running) <= 0)
        return keel_err_set(e, KEEL_EINVAL, "this bundle holds %s and the "
                            "host runs %s: not an upgrade (use "
                            "--allow-downgrade to install it anyway)",
                            m->version, running);
    return 0;
}

void keel_hex32(const unsigned char in[32], char out[65])
{
    for (int i = 0; i < 32; i++)
        snprintf(out + 2 * i, 3, "%02x", in[i]);
}
