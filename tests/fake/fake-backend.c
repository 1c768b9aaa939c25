/*
 * fake-backend.c - the in-memory backend for tests (keel-backend-fake.h).
 *
 * Small and linear on purpose: a test touches a handful of files, and a
 * fake that is obviously right matters more than a fast one.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "keel-backend-fake.h"
#include "keel-disk.h"
#include "keel-xen.h"

#define FAKE_LOCKS 8

struct fake_file {
    char *path;
    char *data; /* len bytes + NUL */
    size_t len;
    unsigned mode;
};

struct fake_rule {
    char *op;      /* faults: the operation; scripts: NULL */
    char *pattern; /* NULL matches everything */
    int code;      /* faults: the error; scripts: the exit status */
    char *out;
    char *err;
};

struct fake {
    struct fake_file *files;
    size_t nfiles, files_cap;
    char **log;
    size_t nlog, log_cap;
    char *joined; /* keel_fake_log()'s result */
    struct fake_rule *faults;
    size_t nfaults, faults_cap;
    struct fake_rule *scripts;
    size_t nscripts, scripts_cap;
    char *locks[FAKE_LOCKS]; /* the lock files held, by handle */
};

/* arr (n used of *cap) with room for one more element, or NULL. */
static void *grow(void *arr, size_t *cap, size_t n, size_t elem)
{
    size_t ncap = *cap ? *cap * 2 : 8;
    void *p;

    if (n < *cap)
        return arr;
    p = realloc(arr, ncap * elem);
    if (p)
        *cap = ncap;
    return p;
}

/* strdup that accepts NULL; *ok cleared when out of memory. */
static char *dup_or_null(const char *s, int *ok)
{
    char *d;

    if (!s)
        return NULL;
    d = strdup(s);
    if (!d)
        *ok = 0;
    return d;
}

static int match(const char *pattern, const char *s)
{
    size_t n;

    if (!pattern)
        return 1;
    n = strlen(pattern);
    if (n && pattern[n - 1] == '*')
        return strncmp(pattern, s, n - 1) == 0;
    return strcmp(pattern, s) == 0;
}

static void log_add(struct fake *f, const char *verb, const char *what)
{
    size_t n = strlen(verb) + strlen(what) + 2;
    char **log = grow(f->log, &f->log_cap, f->nlog, sizeof(char *));
    char *line;

    /* A log entry lost to ENOMEM would only make a test fail. */
    if (!log)
        return;
    f->log = log;
    line = malloc(n);
    if (!line)
        return;
    strcpy(line, verb);
    strcat(line, " ");
    strcat(line, what);
    f->log[f->nlog++] = line;
}

/* The error injected for op on what, or 0. */
static int fault(struct fake *f, const char *op, const char *what,
                 struct keel_err *e)
{
    for (size_t i = 0; i < f->nfaults; i++) {
        const struct fake_rule *r = &f->faults[i];

        if (strcmp(r->op, op) == 0 && match(r->pattern, what))
            return keel_err_set(e, r->code, "cannot %s %s: %s (injected "
                                "by the fake backend)", op, what,
                                keel_strerror(r->code));
    }
    return 0;
}

static struct fake_file *find(struct fake *f, const char *path)
{
    for (size_t i = 0; i < f->nfiles; i++)
        if (strcmp(f->files[i].path, path) == 0)
            return &f->files[i];
    return NULL;
}

/* Replace or add path; the old content is freed only on success. */
static int store(struct fake *f, const char *path, const char *data,
                 size_t len, unsigned mode)
{
    struct fake_file *ff = find(f, path);
    char *copy = malloc(len + 1);

    if (!copy)
        return KEEL_ENOMEM;
    memcpy(copy, data, len);
    copy[len] = '\0';
    if (!ff) {
        char *p = strdup(path);
        struct fake_file *files = grow(f->files, &f->files_cap, f->nfiles,
                                       sizeof(*f->files));

        if (files)
            f->files = files;
        if (!p || !files) {
            free(p);
            free(copy);
            return KEEL_ENOMEM;
        }
        ff = &f->files[f->nfiles++];
        *ff = (struct fake_file){ p, NULL, 0, 0 };
    }
    free(ff->data);
    ff->data = copy;
    ff->len = len;
    ff->mode = mode;
    return 0;
}

static int fake_read(struct keel_backend *b, const char *path, char **data,
                     size_t *len, struct keel_err *e)
{
    struct fake *f = b->priv;
    struct fake_file *ff;
    int rc;

    log_add(f, "read", path);
    rc = fault(f, "read", path, e);
    if (rc)
        return rc;
    ff = find(f, path);
    if (!ff)
        return keel_err_set(e, KEEL_ENOENT, "cannot open %s: no such file",
                            path);
    *data = malloc(ff->len + 1);
    if (!*data)
        return keel_err_set(e, KEEL_ENOMEM, "out of memory reading %s",
                            path);
    memcpy(*data, ff->data, ff->len + 1);
    *len = ff->len;
    return 0;
}

/* A tail is a read: logged and faulted as one. */
static int fake_read_tail(struct keel_backend *b, const char *path,
                          size_t max, char **data, size_t *len,
                          struct keel_err *e)
{
    int rc = fake_read(b, path, data, len, e);

    if (rc || *len <= max)
        return rc;
    memmove(*data, *data + *len - max, max + 1);
    *len = max;
    return 0;
}

static int fake_write(struct keel_backend *b, const char *path,
                      const void *data, size_t len, unsigned mode,
                      struct keel_err *e)
{
    struct fake *f = b->priv;
    int rc;

    log_add(f, "write", path);
    rc = fault(f, "write", path, e);
    if (!rc)
        rc = fault(f, "rename", path, e);
    if (rc)
        return rc;
    if (store(f, path, data, len, mode))
        return keel_err_set(e, KEEL_ENOMEM, "out of memory writing %s",
                            path);
    return 0;
}

static int fake_remove(struct keel_backend *b, const char *path,
                       struct keel_err *e)
{
    struct fake *f = b->priv;
    struct fake_file *ff;
    int rc;

    log_add(f, "remove", path);
    rc = fault(f, "remove", path, e);
    if (rc)
        return rc;
    ff = find(f, path);
    if (!ff)
        return keel_err_set(e, KEEL_ENOENT, "cannot remove %s: no such "
                            "file", path);
    free(ff->path);
    free(ff->data);
    f->nfiles--;
    memmove(ff, ff + 1, (size_t)(f->files + f->nfiles - ff) * sizeof(*ff));
    return 0;
}

/* argv joined by spaces, whole (the scripts match on it); NULL when
 * out of memory. */
static char *join(const char *const *argv)
{
    size_t n = keel_argv_join(argv, NULL, 0) + 1;
    char *s = malloc(n);

    if (s)
        keel_argv_join(argv, s, n);
    return s;
}

static void copy_out(char *buf, size_t size, size_t *len, const char *s,
                     int *truncated)
{
    size_t n = s ? strlen(s) : 0;

    if (size && n > size - 1) {
        n = size - 1;
        *truncated = 1;
    }
    if (!size)
        return;
    memcpy(buf, s ? s : "", n);
    buf[n] = '\0';
    *len = n;
}

/* A KEEL_FAKE_HANGS program: stopped at the limit, if it has one. */
static int hang(struct keel_run *r, const char *cmd, struct keel_err *e)
{
    if (!r->timeout_s)
        return keel_err_set(e, KEEL_EINVAL, "'%s' never finishes and was "
                            "run with no time limit (scripted by the fake "
                            "backend)", cmd);
    r->timed_out = 1;
    r->status = 128 + SIGTERM;
    r->signal = SIGTERM;
    return 0;
}

static int fake_run(struct keel_backend *b, const char *const *argv,
                    struct keel_run *r, struct keel_err *e)
{
    struct fake *f = b->priv;
    char *cmd = join(argv);
    int rc;

    if (!cmd)
        return keel_err_set(e, KEEL_ENOMEM, "out of memory running %s",
                            argv[0]);
    log_add(f, "run", cmd);
    rc = fault(f, "run", cmd, e);
    if (rc)
        goto out;
    r->status = 0;
    r->signal = 0;
    for (size_t i = 0; i < f->nscripts; i++) {
        const struct fake_rule *s = &f->scripts[i];

        if (!match(s->pattern, cmd))
            continue;
        r->status = s->code;
        copy_out(r->out, r->out_size, &r->out_len, s->out, &r->truncated);
        copy_out(r->err, r->err_size, &r->err_len, s->err, &r->truncated);
        if (r->on_out && s->out && s->out[0])
            r->on_out(r->on_out_ctx, s->out, strlen(s->out));
        if (r->on_err && s->err && s->err[0])
            r->on_err(r->on_err_ctx, s->err, strlen(s->err));
        if (s->code == KEEL_FAKE_HANGS)
            rc = hang(r, cmd, e);
        break;
    }
out:
    free(cmd);
    return rc;
}

/* One process: a lock already held is another writer's, and waiting
 * for it would never end, so it fails at once as at the time limit. */
static int fake_lock(struct keel_backend *b, const char *path,
                     unsigned timeout_s, int *handle, struct keel_err *e)
{
    struct fake *f = b->priv;
    int rc, free_at = -1;

    log_add(f, "lock", path);
    rc = fault(f, "lock", path, e);
    for (int i = FAKE_LOCKS - 1; !rc && i >= 0; i--) {
        if (!f->locks[i])
            free_at = i;
        else if (strcmp(f->locks[i], path) == 0)
            rc = keel_err_set(e, KEEL_EBUSY, "%s is held by another writer "
                              "(the fake backend), still after %u s",
                              path, timeout_s);
    }
    if (!rc && (free_at < 0 || !(f->locks[free_at] = strdup(path))))
        rc = keel_err_set(e, KEEL_ENOMEM, "cannot lock %s: out of memory"
                          " or too many locks", path);
    if (!rc)
        *handle = free_at;
    return rc;
}

static void fake_unlock(struct keel_backend *b, int handle)
{
    struct fake *f = b->priv;

    if (handle >= FAKE_LOCKS || !f->locks[handle])
        return;
    log_add(f, "unlock", f->locks[handle]);
    free(f->locks[handle]);
    f->locks[handle] = NULL;
}

static void free_rules(struct fake_rule *r, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(r[i].op);
        free(r[i].pattern);
        free(r[i].out);
        free(r[i].err);
    }
}

static void fake_destroy(struct keel_backend *b)
{
    struct fake *f = b->priv;

    for (size_t i = 0; i < f->nfiles; i++) {
        free(f->files[i].path);
        free(f->files[i].data);
    }
    free(f->files);
    for (int i = 0; i < FAKE_LOCKS; i++)
        free(f->locks[i]);
    keel_fake_log_clear(b);
    free(f->log);
    free_rules(f->faults, f->nfaults);
    free(f->faults);
    free_rules(f->scripts, f->nscripts);
    free(f->scripts);
    free(f);
    free(b);
}

int keel_fake_call(struct keel_backend *b, const char *op,
                   const char *what, struct keel_err *e)
{
    log_add(b->priv, op, what);
    return fault(b->priv, op, what, e);
}

struct keel_backend *keel_fake_new(void)
{
    struct keel_backend *b = calloc(1, sizeof(*b));
    struct fake *f = calloc(1, sizeof(*f));

    if (!b || !f) {
        free(b);
        free(f);
        return NULL;
    }
    b->name = "fake";
    b->read_file = fake_read;
    b->read_tail = fake_read_tail;
    b->write_file = fake_write;
    b->remove_file = fake_remove;
    b->run = fake_run;
    b->lock = fake_lock;
    b->unlock = fake_unlock;
    b->log_write = keel_fake_log_write;
    b->destroy = fake_destroy;
    b->priv = f;
    if (keel_fake_xen_setup(b)) { /* console operations */
        keel_backend_free(b);
        return NULL;
    }
    if (keel_fake_virt_setup(b)) { /* VM definitions (libvirt's) */
        keel_backend_free(b);
        return NULL;
    }
    if (keel_fake_disk_setup(b)) { /* disks and install (installer) */
        keel_backend_free(b);
        return NULL;
    }
    return b;
}

int keel_fake_drop(struct keel_backend *b, const char *path)
{
    struct fake *f = b->priv;
    struct fake_file *ff = find(f, path);

    if (!ff)
        return KEEL_ENOENT;
    free(ff->path);
    free(ff->data);
    f->nfiles--;
    memmove(ff, ff + 1, (size_t)(f->files + f->nfiles - ff) * sizeof(*ff));
    return 0;
}

int keel_fake_put(struct keel_backend *b, const char *path,
                  const char *data, size_t len, unsigned mode)
{
    return store(b->priv, path, data, len, mode);
}

int keel_fake_get(struct keel_backend *b, const char *path,
                  const char **data, size_t *len, unsigned *mode)
{
    struct fake_file *ff = find(b->priv, path);

    if (!ff)
        return KEEL_ENOENT;
    if (data)
        *data = ff->data;
    if (len)
        *len = ff->len;
    if (mode)
        *mode = ff->mode;
    return 0;
}

size_t keel_fake_nfiles(struct keel_backend *b)
{
    return ((struct fake *)b->priv)->nfiles;
}

const char *keel_fake_path_at(struct keel_backend *b, size_t i)
{
    struct fake *f = b->priv;

    return i < f->nfiles ? f->files[i].path : NULL;
}

size_t keel_fake_log_count(struct keel_backend *b)
{
    return ((struct fake *)b->priv)->nlog;
}

const char *keel_fake_log_at(struct keel_backend *b, size_t i)
{
    struct fake *f = b->priv;

    return i < f->nlog ? f->log[i] : NULL;
}

const char *keel_fake_log(struct keel_backend *b)
{
    struct fake *f = b->priv;
    size_t n = 1;
    char *s;

    for (size_t i = 0; i < f->nlog; i++)
        n += strlen(f->log[i]) + 1;
    s = malloc(n);
    if (!s)
        return NULL;
    s[0] = '\0';
    for (size_t i = 0; i < f->nlog; i++) {
        strcat(s, f->log[i]);
        strcat(s, "\n");
    }
    free(f->joined);
    f->joined = s;
    return s;
}

void keel_fake_log_clear(struct keel_backend *b)
{
    struct fake *f = b->priv;

    for (size_t i = 0; i < f->nlog; i++)
        free(f->log[i]);
    f->nlog = 0;
    free(f->joined);
    f->joined = NULL;
}

struct rule_spec {
    const char *op, *pattern;
    int code;
    const char *out, *err;
};

static int add_rule(struct fake_rule **arr, size_t *n, size_t *cap,
                    struct rule_spec spec)
{
    int ok = 1;
    struct fake_rule r = {
        dup_or_null(spec.op, &ok), dup_or_null(spec.pattern, &ok),
        spec.code, dup_or_null(spec.out, &ok), dup_or_null(spec.err, &ok),
    };
    struct fake_rule *rules = grow(*arr, cap, *n, sizeof(**arr));

    if (rules)
        *arr = rules;
    if (!ok || !rules) {
        free_rules(&r, 1);
        return KEEL_ENOMEM;
    }
    rules[(*n)++] = r;
    return 0;
}

int keel_fake_fail(struct keel_backend *b, const char *op,
                   const char *pattern, int code)
{
    static const char *const ops[] = { "read", "write", "rename",
                                       "remove", "run", "zero",
                                       "image", "sha256", "lock" };
    struct fake *f = b->priv;

    if (code >= 0 || !op)
        return KEEL_EINVAL;
    for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
        if (strcmp(op, ops[i]) == 0)
            return add_rule(&f->faults, &f->nfaults, &f->faults_cap,
                            (struct rule_spec){ op, pattern, code,
                                                NULL, NULL });
    return KEEL_EINVAL;
}

void keel_fake_fail_clear(struct keel_backend *b)
{
    struct fake *f = b->priv;

    free_rules(f->faults, f->nfaults);
    f->nfaults = 0;
}

int keel_fake_script(struct keel_backend *b, const char *pattern,
                     int status, const char *out, const char *err)
{
    struct fake *f = b->priv;

    return add_rule(&f->scripts, &f->nscripts, &f->scripts_cap,
                    (struct rule_spec){ NULL, pattern, status, out,
                                        err });
}
