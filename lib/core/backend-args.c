/*
 * backend-args.c - the keel_backend_*() wrappers: the argument rules and the
 * exit-status rule live here once instead of in every backend.
 */
#include <stdio.h>
#include <string.h>

#include "keel-backend.h"

/* Absolute, no "." or ".." components, no trailing '/'. */
static int check_path(const char *path, struct keel_err *e)
{
    const char *p;

    if (!path || path[0] != '/' || path[1] == '\0')
        return keel_err_set(e, KEEL_EINVAL,
                            "'%s' is not a file path; use an absolute "
                            "path such as /etc/keel/host.conf",
                            path ? path : "(null)");
    for (p = path; *p; p++) {
        if (*p != '/')
            continue;
        if (p[1] == '\0' || p[1] == '/' ||
            (p[1] == '.' && (p[2] == '/' || p[2] == '\0')) ||
            (p[1] == '.' && p[2] == '.' && (p[3] == '/' || !p[3])))
            return keel_err_set(e, KEEL_EINVAL,
                                "'%s': empty, '.' or '..' path component;"
                                " write the path in its plain form",
                                path);
    }
    return 0;
}

static int check_backend(struct keel_backend *b, int has_op,
                         const char *what, struct keel_err *e)
{
    if (!b)
        return keel_err_set(e, KEEL_EINVAL, "no backend given to %s",
                            what);
    if (!has_op)
        return keel_err_set(e, KEEL_ENOTSUP,
                            "the %s backend cannot %s", b->name, what);
    return 0;
}

int keel_backend_log_write(struct keel_backend *b, const char *path,
                           struct keel_err *e)
{
    return b->log_write ? b->log_write(b, path, e) : 0;
}

void keel_backend_free(struct keel_backend *b)
{
    if (b && b->destroy)
        b->destroy(b);
}

int keel_backend_read(struct keel_backend *b, const char *path,
                      char **data, size_t *len, struct keel_err *e)
{
    int rc;

    *data = NULL;
    *len = 0;
    rc = check_backend(b, b && b->read_file,
                       "read files", e);
    if (!rc)
        rc = check_path(path, e);
    if (!rc)
        rc = b->read_file(b, path, data, len, e);
    return rc;
}

int keel_backend_read_tail(struct keel_backend *b, const char *path,
                           size_t max, char **data, size_t *len,
                           struct keel_err *e)
{
    int rc;

    *data = NULL;
    *len = 0;
    rc = check_backend(b, b && b->read_tail, "read files", e);
    if (!rc)
        rc = check_path(path, e);
    if (!rc && (max == 0 || max > KEEL_READ_MAX))
        rc = keel_err_set(e, KEEL_EINVAL, "cannot read the last %zu bytes "
                          "of %s: 1 to %u bytes", max, path,
                          KEEL_READ_MAX);
    if (!rc)
        rc = b->read_tail(b, path, max, data, len, e);
    return rc;
}

int keel_backend_write(struct keel_backend *b, const char *path,
                       const void *data, size_t len, unsigned mode,
                       struct keel_err *e)
{
    int rc;

    rc = check_backend(b, b && b->write_file,
                       "write files", e);
    if (!rc)
        rc = check_path(path, e);
    if (!rc && mode > 07777)
        rc = keel_err_set(e, KEEL_EINVAL, "mode %o for %s is not a "
                          "permission mode; use e.g. 0644", mode, path);
    if (!rc)
        rc = b->write_file(b, path, data, len, mode, e);
    return rc;
}

int keel_backend_remove(struct keel_backend *b, const char *path,
                        struct keel_err *e)
{
    int rc;

    rc = check_backend(b, b && b->remove_file,
                       "remove files", e);
    if (!rc)
        rc = check_path(path, e);
    if (!rc)
        rc = b->remove_file(b, path, e);
    return rc;
}

int keel_backend_lock(struct keel_backend *b, const char *path,
                      unsigned timeout_s, int *handle, struct keel_err *e)
{
    int rc = check_backend(b, b && b->lock && b->unlock, "lock files", e);

    *handle = -1;
    if (!rc)
        rc = check_path(path, e);
    if (!rc)
        rc = b->lock(b, path, timeout_s, handle, e);
    return rc;
}

void keel_backend_unlock(struct keel_backend *b, int handle)
{
    if (b && b->unlock && handle >= 0)
        b->unlock(b, handle);
}

size_t keel_argv_join(const char *const *argv, char *buf, size_t size)
{
    size_t n = 0;

    if (size)
        buf[0] = '\0';
    for (int i = 0; argv[i]; i++) {
        int w = snprintf(n < size ? buf + n : NULL, n < size ? size - n : 0,
                         "%s%s", i ? " " : "", argv[i]);

        n += w > 0 ? (size_t)w : 0;
    }
    return n;
}

/* How the run failed ("exited with status 3"), then its stderr. */
static int status_error(const char *const *argv, const struct keel_run *r,
                        struct keel_err *e)
{
    char cmd[96], how[64];
    const char *why = r->err_len ? r->err : "(nothing on stderr)";
    int wlen = (int)strcspn(why, "\n");

    keel_argv_join(argv, cmd, sizeof(cmd));
    if (r->timed_out)
        snprintf(how, sizeof(how), "did not finish within %u s and was "
                 "stopped", r->timeout_s);
    else if (r->signal)
        snprintf(how, sizeof(how), "was killed by signal %d", r->signal);
    else
        snprintf(how, sizeof(how), "exited with status %d", r->status);
    return keel_err_set(e, KEEL_ECMD, "'%s' %s: %.*s", cmd, how, wlen,
                        why);
}

int keel_backend_run(struct keel_backend *b, const char *const *argv,
                     struct keel_run *r, struct keel_err *e)
{
    struct keel_run local;
    char errbuf[256];
    int rc;

    if (!r) {
        memset(&local, 0, sizeof(local));
        local.err = errbuf;
        local.err_size = sizeof(errbuf);
        r = &local;
    }
    if (!r->timeout_s)
        r->timeout_s = KEEL_RUN_DEFAULT_S;
    r->out_len = r->err_len = 0;
    r->truncated = r->timed_out = 0;
    r->status = -1;
    r->signal = 0;
    if (r->out_size)
        r->out[0] = '\0';
    if (r->err_size)
        r->err[0] = '\0';
    rc = check_backend(b, b && b->run,
                       "run programs", e);
    if (rc)
        return rc;
    if (!argv || !argv[0] || !argv[0][0])
        return keel_err_set(e, KEEL_EINVAL, "no program given to run");
    rc = b->run(b, argv, r, e);
    if (!rc && (r->status != 0 || r->timed_out))
        rc = status_error(argv, r, e);
    return rc;
}
