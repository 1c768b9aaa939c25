/*
 * settings-file.c - the settings file: parse, format, load, save (format
 * described in keel-settings.h).
 *
 * Parsing fills a scratch copy and swaps it in only when the whole text
 * is good, so a bad file never leaves half-applied settings behind.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keel-settings.h"

#define LINE_VALUE_MAX 1100 /* more than any setting accepts */
#define SAFE_CHARS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ" \
                   "0123456789._-:/+@,"

struct parse {
    const char *label; /* "host.conf" or a path, for messages */
    int lineno;
    int seen[KEEL_S_COUNT]; /* line where each name was set, or 0 */
    struct keel_settings *tmp;
};

static int perr(const struct parse *ps, struct keel_err *e, const char *msg)
{
    return keel_err_set(e, KEEL_EINVAL, "%s:%d: %s", ps->label, ps->lineno,
                        msg);
}

/* The value inside quotes at p (just past '"'), unescaped into val. */
static int unquote(const struct parse *ps, const char *p, const char *end,
                   char val[LINE_VALUE_MAX], struct keel_err *e)
{
    size_t n = 0;

    for (; p < end && *p != '"'; p++) {
        if (*p == '\\') {
            if (++p == end)
                break;
            if (*p != '"' && *p != '\\')
                return perr(ps, e, "unknown escape after '\\'; inside "
                            "quotes only \\\" and \\\\ are escapes");
        }
        if (n == LINE_VALUE_MAX - 1)
            return perr(ps, e, "the value is too long; shorten it");
        val[n++] = *p;
    }
    if (p == end)
        return perr(ps, e, "missing closing '\"' at the end of the line");
    val[n] = '\0';
    for (p++; p < end; p++)
        if (*p != ' ' && *p != '\t')
            return perr(ps, e, "text after the closing '\"'; put comments"
                        " on a line of their own");
    return 0;
}

static int unquoted(const struct parse *ps, const char *p, const char *end,
                    char val[LINE_VALUE_MAX], struct keel_err *e)
{
    size_t n;

    while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
    n = (size_t)(end - p);
    if (memchr(p, '"', n) || memchr(p, '\\', n))
        return perr(ps, e, "a value with '\"' or '\\' must be in double "
                    "quotes, with \\\" and \\\\ inside");
    if (n >= LINE_VALUE_MAX)
        return perr(ps, e, "the value is too long; shorten it");
    memcpy(val, p, n);
    val[n] = '\0';
    return 0;
}

static int put_value(FILE *f, const char *name, const char *v);

/* A name this version does not know: kept (a newer Keel's setting meets
 * an older slot after a rollback, or it is a typo), with a warning. */
static int keep_unknown(struct parse *ps, const char *name, const char *val,
                        struct keel_err *e)
{
    struct keel_settings *s = ps->tmp;
    size_t have = s->unknown ? strlen(s->unknown) : 0, len = 0;
    char *line = NULL, *all;
    struct keel_err sub;
    const char *unused;
    FILE *f;

    if (strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789._-") !=
        strlen(name))
        return perr(ps, e, "a setting name is lower-case letters, digits,"
                    " '.', '_' and '-'");
    f = open_memstream(&line, &len);
    if (!f)
        return keel_err_set(e, KEEL_ENOMEM, "out of memory");
    if (put_value(f, name, val)) {
        fclose(f);
        free(line);
        return perr(ps, e, "control character in the value; remove it");
    }
    if (fclose(f) || !(all = realloc(s->unknown, have + len + 1))) {
        free(line);
        return keel_err_set(e, KEEL_ENOMEM, "out of memory");
    }
    memcpy(all + have, line, len + 1);
    s->unknown = all;
    free(line);
    if (!s->warning[0]) {
        const char *mean;

        keel_settings_get(s, name, &unused, &sub);
        mean = strstr(sub.msg, "did you mean");
        snprintf(s->warning, sizeof(s->warning), "%.60s:%d: unknown "
                 "setting '%.40s' kept as it is (a newer Keel's, or a "
                 "typo%s%.60s)", ps->label, ps->lineno, name,
                 mean ? ": " : "", mean ? mean : "");
    }
    return 0;
}

/* Store name=val, refusing repeated names; unknown ones are kept. */
static int assign(struct parse *ps, const char *name, const char *val,
                  struct keel_err *e)
{
    const struct keel_setting *r = keel_setting_find(name);
    struct keel_err sub;
    char msg[KEEL_ERR_MSG_MAX];

    if (!r)
        return keep_unknown(ps, name, val, e);
    if (ps->seen[r->id]) {
        snprintf(msg, sizeof(msg), "%s is already set on line %d; keep "
                 "only one of the two", r->name, ps->seen[r->id]);
        return perr(ps, e, msg);
    }
    ps->seen[r->id] = ps->lineno;
    if (keel_settings_set_id(ps->tmp, r->id, val, &sub))
        return perr(ps, e, sub.msg);
    return 0;
}

/* One line, without its '\n'. */
static int parse_line(struct parse *ps, const char *p, const char *end,
                      struct keel_err *e)
{
    char name[64], val[LINE_VALUE_MAX];
    const char *eq;
    size_t n;
    int rc;

    if (end > p && end[-1] == '\r')
        end--;
    for (const char *q = p; q < end; q++)
        if ((unsigned char)*q < 0x20 ? *q != '\t' : *q == 0x7f)
            return perr(ps, e, "control character in the line; remove "
                        "it");
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    if (p == end || *p == '#')
        return 0;
    eq = memchr(p, '=', (size_t)(end - p));
    if (!eq)
        return perr(ps, e, "expected name=value, e.g. hostname=keel");
    for (n = (size_t)(eq - p); n && (p[n - 1] == ' ' || p[n - 1] == '\t');)
        n--;
    if (n == 0 || n >= sizeof(name))
        return perr(ps, e, "expected name=value, e.g. hostname=keel");
    snprintf(name, sizeof(name), "%.*s", (int)n, p);
    for (p = eq + 1; p < end && (*p == ' ' || *p == '\t');)
        p++;
    if (p < end && *p == '"')
        rc = unquote(ps, p + 1, end, val, e);
    else
        rc = unquoted(ps, p, end, val, e);
    if (!rc)
        rc = assign(ps, name, val, e);
    return rc;
}

int keel_settings_parse(struct keel_settings *s, const char *text,
                        size_t len, const char *label, struct keel_err *e)
{
    struct keel_settings tmp;
    struct parse ps = { label ? label : "settings", 0, { 0 }, &tmp };
    const char *p = text, *end = text + len;
    int rc = keel_settings_init(&tmp, e);

    if (rc)
        return rc;
    tmp.zones = s->zones;
    while (!rc && p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));

        ps.lineno++;
        rc = parse_line(&ps, p, nl ? nl : end, e);
        p = nl ? nl + 1 : end;
    }
    if (!rc) {
        keel_settings_fini(s);
        *s = tmp;
        return 0;
    }
    keel_settings_fini(&tmp);
    return rc;
}

static int put_value(FILE *f, const char *name, const char *v)
{
    if (strspn(v, SAFE_CHARS) == strlen(v)) {
        fprintf(f, "%s=%s\n", name, v);
        return 0;
    }
    fprintf(f, "%s=\"", name);
    for (; *v; v++) {
        if ((unsigned char)*v < 0x20 || *v == 0x7f)
            return KEEL_EINVAL;
        if (*v == '"' || *v == '\\')
            fputc('\\', f);
        fputc(*v, f);
    }
    fputs("\"\n", f);
    return 0;
}

int keel_settings_format(const struct keel_settings *s, char **text,
                         size_t *len, struct keel_err *e)
{
    FILE *f;
    int rc = 0;

    *text = NULL;
    *len = 0;
    f = open_memstream(text, len);
    if (!f)
        return keel_err_set(e, KEEL_ENOMEM, "out of memory formatting the "
                            "host settings");
    fputs("# Keel host settings, one name=value per line.  Written by the "
          "installer,\n# the console and keelctl; comments are not "
          "kept.\n", f);
    for (int i = 0; i < KEEL_S_COUNT && !rc; i++) {
        const struct keel_setting *r = keel_setting_row(i);

        fprintf(f, "\n# %s\n", r->help);
        if (put_value(f, r->name, s->val[i]))
            rc = keel_err_set(e, KEEL_EINVAL, "%s: the value has a control"
                              " character; set it again", r->name);
    }
    if (s->unknown)
        fprintf(f, "\n# Not known to this version of Keel: kept as they "
                "are.\n%s", s->unknown);
    if (fclose(f) != 0 && !rc)
        rc = keel_err_set(e, KEEL_ENOMEM, "out of memory formatting the "
                          "host settings");
    if (rc) {
        free(*text);
        *text = NULL;
        *len = 0;
    }
    return rc;
}

int keel_settings_load(struct keel_settings *s, struct keel_backend *b,
                       const char *path, struct keel_err *e)
{
    char *text = NULL;
    size_t len = 0;
    int rc;

    if (!path)
        path = KEEL_HOST_CONF;
    rc = keel_backend_read(b, path, &text, &len, e);
    if (rc)
        goto out;
    rc = keel_settings_parse(s, text, len, path, e);
out:
    free(text);
    return rc;
}

int keel_settings_save(const struct keel_settings *s, struct keel_backend *b,
                       const char *path, struct keel_err *e)
{
    struct keel_err sub;
    char *text = NULL;
    size_t len = 0;
    int rc;

    if (!path)
        path = KEEL_HOST_CONF;
    rc = keel_settings_check(s, NULL, &sub);
    if (rc) {
        keel_err_set(e, rc, "not saving %s: %s", path, sub.msg);
        goto out;
    }
    rc = keel_settings_format(s, &text, &len, e);
    if (rc)
        goto out;
    rc = keel_backend_write(b, path, text, len, 0600, e);
out:
    free(text);
    return rc;
}
