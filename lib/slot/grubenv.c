/*
 * grubenv.c - GRUB environment blocks and the A/B slot variables
 * (keel-grubenv.h).
 */
#include <stdio.h>
#include <string.h>

#include "keel-grubenv.h"

static const char header[] = "# GRUB Environment Block\n";

void keel_grubenv_init(struct keel_grubenv *g)
{
    memset(g, 0, sizeof(*g));
}

static int valid_name(const char *s, size_t n)
{
    if (!n || n >= sizeof(((struct keel_grubenv *)0)->v[0].name))
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!(s[i] == '_' || (s[i] >= 'A' && s[i] <= 'Z') ||
              (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9')))
            return 0;
    return 1;
}

/* One "NAME=VALUE" line of n bytes into tmp. */
static int parse_var(struct keel_grubenv *tmp, const char *p, size_t n,
                     int lineno, struct keel_err *e)
{
    const char *eq = memchr(p, '=', n);
    size_t vn = 0;
    char *val;

    if (!eq || !valid_name(p, (size_t)(eq - p)))
        return keel_err_set(e, KEEL_EINVAL, "grubenv line %d is not "
                            "NAME=VALUE", lineno);
    if (tmp->n == KEEL_GRUBENV_VARS)
        return keel_err_set(e, KEEL_EINVAL, "grubenv holds more than %d "
                            "variables", KEEL_GRUBENV_VARS);
    memcpy(tmp->v[tmp->n].name, p, (size_t)(eq - p));
    tmp->v[tmp->n].name[eq - p] = '\0';
    val = tmp->v[tmp->n].value;
    for (const char *q = eq + 1; q < p + n; q++) {
        if (*q == '\\' && q + 1 < p + n)
            q++;
        if (vn + 1 == sizeof(tmp->v[0].value))
            return keel_err_set(e, KEEL_EINVAL, "grubenv line %d: the "
                                "value is too long", lineno);
        val[vn++] = *q;
    }
    val[vn] = '\0';
    tmp->n++;
    return 0;
}

int keel_grubenv_parse(struct keel_grubenv *g, const char *text,
                       size_t len, struct keel_err *e)
{
    struct keel_grubenv tmp;
    const char *p, *end = text + len;
    int lineno = 1, rc;

    if (len > 65536 || len < sizeof(header) - 1 ||
        memcmp(text, header, sizeof(header) - 1) != 0)
        return keel_err_set(e, KEEL_EINVAL, "not a GRUB environment "
                            "block (no '# GRUB Environment Block' "
                            "header)");
    keel_grubenv_init(&tmp);
    for (p = text + sizeof(header) - 1; p < end;) {
        const char *nl = p;
        size_t n;

        /* A line ends at a newline not escaped by a backslash. */
        while (nl < end && *nl != '\n')
            nl += (*nl == '\\' && nl + 1 < end) ? 2 : 1;
        n = (size_t)((nl < end ? nl : end) - p);
        lineno++;
        if (n && *p != '#') {
            rc = parse_var(&tmp, p, n, lineno, e);
            if (rc)
                return rc;
        }
        p += n + 1;
    }
    *g = tmp;
    return 0;
}

int keel_grubenv_format(const struct keel_grubenv *g,
                        char out[KEEL_GRUBENV_SIZE], struct keel_err *e)
{
    size_t n = sizeof(header) - 1;

    memcpy(out, header, n);
    for (int i = 0; i < g->n; i++) {
        size_t need = strlen(g->v[i].name) + 2;

        for (const char *q = g->v[i].value; *q; q++)
            need += (*q == '\\' || *q == '\n') ? 2 : 1;
        if (n + need > KEEL_GRUBENV_SIZE)
            return keel_err_set(e, KEEL_EINVAL, "the GRUB environment "
                                "does not fit in %d bytes",
                                KEEL_GRUBENV_SIZE);
        n += (size_t)sprintf(out + n, "%s=", g->v[i].name);
        for (const char *q = g->v[i].value; *q; q++) {
            if (*q == '\\' || *q == '\n')
                out[n++] = '\\';
            out[n++] = *q;
        }
        out[n++] = '\n';
    }
    memset(out + n, '#', KEEL_GRUBENV_SIZE - n);
    return 0;
}

const char *keel_grubenv_get(const struct keel_grubenv *g,
                             const char *name)
{
    for (int i = 0; i < g->n; i++)
        if (strcmp(g->v[i].name, name) == 0)
            return g->v[i].value;
    return NULL;
}

int keel_grubenv_set(struct keel_grubenv *g, const char *name,
                     const char *value, struct keel_err *e)
{
    int i;

    if (!valid_name(name, strlen(name)) ||
        strlen(value) >= sizeof(g->v[0].value))
        return keel_err_set(e, KEEL_EINVAL, "grubenv: bad name or value "
                            "too long for %.64s", name);
    for (i = 0; i < g->n; i++)
        if (strcmp(g->v[i].name, name) == 0)
            break;
    if (i == KEEL_GRUBENV_VARS)
        return keel_err_set(e, KEEL_ENOMEM, "grubenv is full");
    if (i == g->n)
        snprintf(g->v[g->n++].name, sizeof(g->v[0].name), "%s", name);
    snprintf(g->v[i].value, sizeof(g->v[0].value), "%s", value);
    return 0;
}
