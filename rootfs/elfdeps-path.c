/*
 * elfdeps-path.c - paths inside a sysroot, for elfdeps-closure.c.
 *
 * Spelling them (clean paths, $ORIGIN in search lists), following them
 * through symlinks as after chroot(2), and the string lists that carry
 * them.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "elfdeps-priv.h"

/* Linux's own limit (MAXSYMLINKS); a loop is reported, not followed. */
#define MAX_LINKS 40

/* ---- lists of paths -------------------------------------------------- */

void *keel_elfdeps_grow(void *arr, size_t *cap, size_t n, size_t size)
{
    size_t ncap = *cap ? *cap * 2 : 16;
    void *nv;

    if (n < *cap)
        return arr;
    nv = reallocarray(arr, ncap, size);
    if (nv)
        *cap = ncap;
    return nv;
}

bool keel_elfdeps_strv_has(const struct keel_elfdeps_strv *sv, const char *s)
{
    for (size_t i = 0; i < sv->n; i++) {
        if (strcmp(sv->v[i], s) == 0)
            return true;
    }
    return false;
}

int keel_elfdeps_strv_add(struct keel_elfdeps_strv *sv, const char *s)
{
    char **v, *dup;

    if (keel_elfdeps_strv_has(sv, s))
        return 0;
    v = keel_elfdeps_grow(sv->v, &sv->cap, sv->n, sizeof(*v));
    if (!v)
        return -ENOMEM;
    sv->v = v;
    dup = strdup(s);
    if (!dup)
        return -ENOMEM;
    sv->v[sv->n++] = dup;
    return 0;
}

void keel_elfdeps_strv_free(struct keel_elfdeps_strv *sv)
{
    for (size_t i = 0; i < sv->n; i++)
        free(sv->v[i]);
    free(sv->v);
    memset(sv, 0, sizeof(*sv));
}

/* ---- spelling paths -------------------------------------------------- */

/* ".." components are left in: only the walk below may resolve them. */
char *keel_elfdeps_clean_path(const char *p)
{
    char *out = malloc(strlen(p) + 1), *o = out;

    while (out && *p) {
        size_t n = strcspn(p, "/");

        if (n && !(n == 1 && p[0] == '.')) {
            if (o != out)
                *o++ = '/';
            memcpy(o, p, n);
            o += n;
        }
        p += n + (p[n] == '/');
    }
    if (out)
        *o = '\0';
    return out;
}

char *keel_elfdeps_dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');

    return strndup(path, slash ? (size_t)(slash - path) : 0);
}

/* ---- resolving paths inside the sysroot ------------------------------ */

struct walk {
    char cur[PATH_MAX];     /* resolved so far: real dirs only */
    char rest[PATH_MAX];    /* still to walk, from pos */
    size_t pos;
    int nlinks;
};

static bool walk_next(struct walk *w, const char **comp, size_t *len)
{
    const char *p = w->rest + w->pos + strspn(w->rest + w->pos, "/");

    *comp = p;
    *len = strcspn(p, "/");
    w->pos = (size_t)(p + *len - w->rest);
    return *len != 0;
}

static void cur_pop(char *cur)
{
    char *slash = strrchr(cur, '/');

    *(slash ? slash : cur) = '\0';
}

/* W->cur is a symlink: splice its target in front of what is left. */
static int walk_link(int dfd, struct walk *w)
{
    char target[PATH_MAX], tmp[PATH_MAX];
    ssize_t n;
    int len;

    if (++w->nlinks > MAX_LINKS)
        return -ELOOP;
    n = readlinkat(dfd, w->cur, target, sizeof(target));
    if (n < 0)
        return -errno;
    if ((size_t)n == sizeof(target))
        return -ENAMETOOLONG;
    target[n] = '\0';
    len = snprintf(tmp, sizeof(tmp), "%s/%s", target, w->rest + w->pos);
    if (len < 0 || (size_t)len >= sizeof(tmp))
        return -ENAMETOOLONG;
    memcpy(w->rest, tmp, (size_t)len + 1);
    w->pos = 0;
    if (target[0] == '/')
        w->cur[0] = '\0';
    else
        cur_pop(w->cur);
    return 0;
}

/* As the kernel would after chroot(2): absolute link targets restart at
 * the sysroot and ".." stops there. */
int keel_elfdeps_resolve(int dfd, const char *path,
                         struct keel_elfdeps_strv *links, char **real)
{
    struct walk w = { .cur = "" };
    const char *comp;
    size_t len, cl;
    struct stat st;
    int rc;

    if (strlen(path) >= sizeof(w.rest))
        return -ENAMETOOLONG;
    strcpy(w.rest, path);
    while (walk_next(&w, &comp, &len)) {
        if (len == 1 && comp[0] == '.')
            continue;
        if (len == 2 && comp[0] == '.' && comp[1] == '.') {
            cur_pop(w.cur);
            continue;
        }
        cl = strlen(w.cur);
        if (cl + len + 2 > sizeof(w.cur))
            return -ENAMETOOLONG;
        snprintf(w.cur + cl, sizeof(w.cur) - cl, "%s%.*s", cl ? "/" : "",
                 (int)len, comp);
        if (fstatat(dfd, w.cur, &st, AT_SYMLINK_NOFOLLOW) < 0)
            return -errno;
        if (S_ISLNK(st.st_mode)) {
            rc = keel_elfdeps_strv_add(links, w.cur);
            if (rc == 0)
                rc = walk_link(dfd, &w);
            if (rc < 0)
                return rc;
        } else if (!S_ISDIR(st.st_mode) &&
                   w.rest[w.pos + strspn(w.rest + w.pos, "/")]) {
            return -ENOTDIR;
        }
    }
    if (!w.cur[0])
        return -EISDIR;
    *real = strdup(w.cur);
    return *real ? 0 : -ENOMEM;
}

/* ---- search directories ---------------------------------------------- */

static bool is_ident(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
           (ch >= '0' && ch <= '9') || ch == '_';
}

int keel_elfdeps_add_dir(struct keel_elfdeps_strv *dirs, const char *s,
                         size_t n, const char *origin)
{
    size_t olen = origin ? strlen(origin) : 0;
    char *buf = malloc(n + (n / 7 + 1) * olen + 1), *b = buf, *clean;
    int rc;

    for (size_t i = 0, tl; buf && i < n; i += tl) {
        tl = 0;
        if (origin && n - i >= 9 && !memcmp(s + i, "${ORIGIN}", 9))
            tl = 9;
        else if (origin && n - i >= 7 && !memcmp(s + i, "$ORIGIN", 7) &&
                 (n - i == 7 || !is_ident(s[i + 7])))
            tl = 7;
        if (tl) {
            memcpy(b, origin, olen);
            b += olen;
        } else {
            *b++ = s[i];
            tl = 1;
        }
    }
    if (!buf)
        return -ENOMEM;
    *b = '\0';
    clean = keel_elfdeps_clean_path(buf);
    rc = clean ? keel_elfdeps_strv_add(dirs, clean) : -ENOMEM;
    free(clean);
    free(buf);
    return rc;
}

/* Empty elements mean the loader's cwd, which has no meaning in a
 * sysroot: skipped. */
int keel_elfdeps_add_dirs(struct keel_elfdeps_strv *dirs, const char *list,
                          const char *origin)
{
    int rc = 0;

    while (rc == 0 && *list) {
        size_t n = strcspn(list, ":");

        if (n)
            rc = keel_elfdeps_add_dir(dirs, list, n, origin);
        list += n + (list[n] == ':');
    }
    return rc;
}
