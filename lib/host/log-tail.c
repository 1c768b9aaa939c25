/*
 * log-tail.c - the end of a log (keel-log.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keel-log.h"

/* The end of one file, max bytes at most, from a line's start. */
static int tail_of(struct keel_backend *b, const char *path, size_t max,
                   char **text, size_t *len, int *cut, struct keel_err *e)
{
    size_t skip = 1;
    char *nl;
    /* One byte more than asked says whether the first line is whole. */
    int rc = keel_backend_read_tail(b, path, max + 1, text, len, e);

    *cut = 0;
    if (rc || *len <= max)
        return rc;
    /* a line cut at the front goes, unless it is all there is */
    if ((*text)[0] != '\n' && (nl = memchr(*text + 1, '\n', *len - 1)) &&
        (size_t)(nl - *text) + 1 < *len)
        skip = (size_t)(nl - *text) + 1;
    *len -= skip;
    memmove(*text, *text + skip, *len + 1);
    *cut = 1;
    return 0;
}

/* old's text, then *text's, into *text. */
static int join(char *old, size_t olen, char **text, size_t len,
                struct keel_err *e)
{
    char *t = realloc(old, olen + len + 1);

    if (!t) {
        free(old);
        return keel_err_set(e, KEEL_ENOMEM, "out of memory");
    }
    memcpy(t + olen, *text ? *text : "", len + 1);
    free(*text);
    *text = t;
    return 0;
}

int keel_log_tail(struct keel_backend *b, const char *path, size_t max,
                  char **text, int *cut, struct keel_err *e)
{
    char rotated[256], *old = NULL;
    size_t len = 0, olen;
    int c = 0, rc;

    *text = NULL;
    if (max == 0 || max >= KEEL_READ_MAX)
        return keel_err_set(e, KEEL_EINVAL, "cannot read the last %zu "
                            "bytes of %s: 1 to %u bytes", max, path,
                            KEEL_READ_MAX - 1);
    rc = tail_of(b, path, max, text, &len, &c, e);
    if (cut)
        *cut = c;
    if ((rc && rc != KEEL_ENOENT) || (!rc && (c || len == max)))
        return rc;
    /* Short or missing: just rotated.  The rest from before that. */
    snprintf(rotated, sizeof(rotated), "%s.0", path);
    if (tail_of(b, rotated, max - len, &old, &olen, &c, NULL))
        return rc;
    keel_err_clear(e);
    if (cut)
        *cut = c;
    return join(old, olen, text, len, e);
}

const char *keel_log_last_lines(const char *text, int n)
{
    const char *p = text + strlen(text);

    if (p > text && p[-1] == '\n')
        p--;
    while (p > text && n > 0) {
        p--;
        if (*p == '\n' && --n == 0)
            return p + 1;
    }
    return text;
}
