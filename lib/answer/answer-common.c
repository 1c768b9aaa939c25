/*
 * answer-common.c - answers, problems and password hashing
 * (keel-answers.h).
 */
#include <crypt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keel-answers.h"

int keel_answers_init(struct keel_answers *a, struct keel_err *e)
{
    memset(a, 0, sizeof(*a));
    a->mode = KEEL_MODE_INSTALL;
    a->atexit = KEEL_ATEXIT_REBOOT;
    a->sr_on_primary = 1;
    return keel_settings_init(&a->settings, e);
}

void keel_answers_fini(struct keel_answers *a)
{
    keel_settings_fini(&a->settings);
    explicit_bzero(a->password, sizeof(a->password));
}

static const char *const atexit_names[] = { "reboot", "poweroff",
                                            "shell" };

int keel_atexit_parse(const char *s)
{
    for (int i = 0; i < 3; i++)
        if (strcmp(s, atexit_names[i]) == 0)
            return i;
    return -1;
}

const char *keel_atexit_name(enum keel_atexit a)
{
    return (unsigned)a < 3 ? atexit_names[a] : "?";
}

static const char *const stage_names[KEEL_SCRIPT_STAGES] = {
    "installation-start", "filesystem-populated", "installation-complete"
};

const char *keel_script_stage_name(enum keel_script_stage s)
{
    return (unsigned)s < KEEL_SCRIPT_STAGES ? stage_names[s] : "?";
}

int keel_script_stage_parse(const char *s)
{
    for (int i = 0; i < KEEL_SCRIPT_STAGES; i++)
        if (!strcmp(s, stage_names[i]))
            return i;
    return -1;
}

void keel_problems_init(struct keel_problems *p)
{
    memset(p, 0, sizeof(*p));
}

void keel_problems_add(struct keel_problems *p, int line, int warning,
                       const char *fmt, ...)
{
    va_list ap;

    if (warning)
        p->nwarnings++;
    else
        p->nerrors++;
    if (p->n == KEEL_PROBLEMS_MAX)
        return;
    p->p[p->n].line = line;
    p->p[p->n].warning = warning;
    va_start(ap, fmt);
    vsnprintf(p->p[p->n].msg, sizeof(p->p[0].msg), fmt, ap);
    va_end(ap);
    p->n++;
}

char *keel_problems_format(const struct keel_problems *p,
                           const char *label)
{
    char *s = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&s, &len);

    if (!f)
        return NULL;
    for (int i = 0; i < p->n; i++) {
        fputs(label, f);
        if (p->p[i].line)
            fprintf(f, ":%d", p->p[i].line);
        fprintf(f, ": %s: %s\n", p->p[i].warning ? "warning" : "error",
                p->p[i].msg);
    }
    if (p->n < p->nerrors + p->nwarnings)
        fprintf(f, "%s: ... and %d more\n", label,
                p->nerrors + p->nwarnings - p->n);
    if (fclose(f)) {
        free(s);
        return NULL;
    }
    return s;
}

/* The rules between settings, each problem at its setting's line. */
static void check_settings(const struct keel_answers *a,
                           struct keel_problems *p)
{
    struct keel_check *c = malloc(sizeof(*c));

    if (!c) {
        keel_problems_add(p, 0, 0, "out of memory");
        return;
    }
    if (keel_settings_check(&a->settings, c, NULL))
        for (int i = 0; i < c->n && i < KEEL_CHECK_MAX; i++)
            keel_problems_add(p, a->setting_line[c->p[i].id], 0, "%s",
                              c->p[i].msg);
    free(c);
}

int keel_answers_check(const struct keel_answers *a,
                       struct keel_problems *p)
{
    int before = p->nerrors;

    if (a->mode == KEEL_MODE_UPGRADE) {
        if (!a->existing[0])
            keel_problems_add(p, 0, 0, "upgrade: say which disk holds the"
                              " installation (existing-installation)");
        return p->nerrors > before ? KEEL_EINVAL : 0;
    }
    if (!a->primary[0])
        keel_problems_add(p, 0, 0, "no primary disk: say which disk to "
                          "install to (primary-disk)");
    if (!a->password[0] &&
        !keel_settings_value(&a->settings, KEEL_S_ROOT_HASH)[0])
        keel_problems_add(p, 0, 0, "no root password (root-password)");
    if (!a->nic[0])
        keel_problems_add(p, 0, 0, "no management interface "
                          "(admin-interface with name or hwaddr)");
    if (!a->sr_on_primary && !a->nguests)
        keel_problems_add(p, a->sr_line, 0, "guest-storage=\"false\" "
                          "leaves the storage repository without a disk: "
                          "name one with <guest-disk>, or write "
                          "guest-storage=\"true\"");
    check_settings(a, p);
    return p->nerrors > before ? KEEL_EINVAL : 0;
}

int keel_password_hash(const char *password, char **hash,
                       struct keel_err *e)
{
    static const char *const prefixes[] = { "$y$", "$6$" };
    struct crypt_data *cd;

    *hash = NULL;
    if (strlen(password) < KEEL_PASSWORD_MIN)
        return keel_err_set(e, KEEL_EINVAL, "the root password is too "
                            "short; use at least %d characters",
                            KEEL_PASSWORD_MIN);
    cd = calloc(1, sizeof(*cd));
    if (!cd)
        return keel_err_set(e, KEEL_ENOMEM, "out of memory");
    for (size_t i = 0; i < 2 && !*hash; i++) {
        char *salt = crypt_gensalt_ra(prefixes[i], 0, NULL, 0);
        const char *h = salt ? crypt_r(password, salt, cd) : NULL;

        if (h && h[0] == '$')
            *hash = strdup(h);
        free(salt);
    }
    explicit_bzero(cd, sizeof(*cd));
    free(cd);
    if (!*hash)
        return keel_err_set(e, KEEL_EIO, "libcrypt can make neither a "
                            "yescrypt nor a SHA-512 password hash");
    return 0;
}
