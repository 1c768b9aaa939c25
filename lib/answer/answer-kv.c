/*
 * answer-kv.c - Keel's own answer format (KEY=VALUE lines, the host
 * settings' names plus the installer's own keys), and the dispatch
 * between it and XML.
 */
#include <stdio.h>
#include <string.h>

#include "keel-answers.h"

#define VALUE_MAX 1100

/* The value of a line, unquoted ("..." with \" and \\) into v. */
static int value_of(const char *s, char *v, size_t size)
{
    size_t n = 0;

    if (*s != '"') {
        if (strlen(s) >= size)
            return -1;
        strcpy(v, s);
        return 0;
    }
    for (s++; *s && *s != '"'; s++) {
        if (*s == '\\' && (s[1] == '"' || s[1] == '\\'))
            s++;
        if (n + 1 == size)
            return -1;
        v[n++] = *s;
    }
    v[n] = '\0';
    return *s == '"' && s[1] == '\0' ? 0 : -1;
}

static int copy(char *dst, size_t size, const char *v)
{
    if (!v[0] || strlen(v) >= size)
        return -1;
    strcpy(dst, v);
    return 0;
}

/* An installer key; 1 if key is not one. */
static int own_key(struct keel_answers *a, const char *k, const char *v,
                   int line, struct keel_problems *p)
{
    int rc = 0, x;

    if (!strcmp(k, "mode")) {
        rc = strcmp(v, "install") && strcmp(v, "upgrade") &&
             strcmp(v, "reinstall");
        a->mode = v[0] == 'u' ? KEEL_MODE_UPGRADE : KEEL_MODE_INSTALL;
        a->reinstall = v[0] == 'r';
    } else if (!strcmp(k, "disk")) {
        rc = copy(a->primary, sizeof(a->primary), v);
        a->primary_line = line;
    } else if (!strcmp(k, "guest-disk")) {
        rc = a->nguests == KEEL_GUESTS_MAX ||
             copy(a->guests[a->nguests], KEEL_REF_MAX, v);
        if (!rc)
            a->guest_line[a->nguests++] = line;
    } else if (!strcmp(k, "existing")) {
        rc = copy(a->existing, sizeof(a->existing), v);
        a->existing_line = line;
    } else if (!strcmp(k, "root-password")) {
        rc = strlen(v) < KEEL_PASSWORD_MIN ||
             copy(a->password, sizeof(a->password), v);
        a->password_line = line;
    } else if (!strcmp(k, "mgmt.nic")) {
        rc = copy(a->nic, sizeof(a->nic), v);
        a->nic_line = line;
    } else if (!strcmp(k, "atexit")) {
        x = keel_atexit_parse(v);
        rc = x < 0;
        if (!rc)
            a->atexit = (enum keel_atexit)x;
    } else {
        return 1;
    }
    if (rc)
        keel_problems_add(p, line, 0, "%s: bad value (see ANSWERFILE.md)",
                          k);
    return 0;
}

/* v: room for the value, VALUE_MAX bytes (the caller wipes it). */
static void one_line(struct keel_answers *a, char *line, char *v,
                     int lineno, struct keel_problems *p)
{
    char *eq;
    const struct keel_setting *row;
    struct keel_err e;

    line += strspn(line, " \t");
    if (!line[0] || line[0] == '#')
        return;
    eq = strchr(line, '=');
    if (!eq) {
        keel_problems_add(p, lineno, 0, "expected KEY=VALUE");
        return;
    }
    *eq = '\0';
    if (value_of(eq + 1, v, VALUE_MAX)) {
        keel_problems_add(p, lineno, 0, "%.40s: value too long or badly "
                          "quoted", line);
        return;
    }
    if (!own_key(a, line, v, lineno, p))
        return;
    row = keel_setting_find(line);
    if (!row || row->id == KEEL_S_MGMT_NIC)
        keel_problems_add(p, lineno, 0, "unknown key '%.40s'", line);
    else if (keel_settings_set_id(&a->settings, row->id, v, &e))
        keel_problems_add(p, lineno, 0, "%s", e.msg);
    else
        a->setting_line[row->id] = lineno;
}

int keel_answers_parse_kv(struct keel_answers *a, const char *text,
                          size_t len, struct keel_problems *p)
{
    const char *s = text, *end = text + len;
    int lineno = 0, before = p->nerrors;
    char line[1200], v[VALUE_MAX];

    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        size_t n = (size_t)((nl ? nl : end) - s);

        lineno++;
        if (n >= sizeof(line) || memchr(s, '\0', n))
            keel_problems_add(p, lineno, 0, "line too long or holds a "
                              "NUL byte");
        else {
            memcpy(line, s, n);
            line[n] = '\0';
            if (n && line[n - 1] == '\r')
                line[n - 1] = '\0';
            one_line(a, line, v, lineno, p);
        }
        s += n + 1;
    }
    /* They held the lines, a root-password= too. */
    explicit_bzero(line, sizeof(line));
    explicit_bzero(v, sizeof(v));
    keel_answers_check(a, p);
    return p->nerrors > before ? KEEL_EINVAL : 0;
}

int keel_answers_parse(struct keel_answers *a, const char *text,
                       size_t len, struct keel_problems *p)
{
    size_t i = 0;

    if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3))
        i = 3;
    while (i < len && strchr(" \t\r\n", text[i]))
        i++;
    if (i < len && text[i] == '<')
        return keel_answers_parse_xml(a, text, len, p);
    return keel_answers_parse_kv(a, text, len, p);
}
