/*
 * elfdeps-closure.c - shared-library closure of files inside a sysroot.
 *
 * Each input is loaded as its own simulated process, breadth first, as
 * ld.so would; every path is resolved inside the sysroot (symlinks as
 * after chroot(2), by elfdeps-path.c), and each file is parsed once per
 * run whatever name reaches it.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "elfdeps.h"
#include "elfdeps-priv.h"

static const char *const default_dirs[] = {
    "lib/x86_64-linux-gnu", "usr/lib/x86_64-linux-gnu", "lib64",
    "usr/lib64", "lib", "usr/lib",
};

/* A regular file read once, whatever process or name reaches it. */
struct cached {
    char *real;
    bool regular;       /* false: a directory or device, never run */
    bool rel;           /* ET_REL: as an input, skipped like non-ELF */
    int rc;             /* 0, or -ENOEXEC / -ENOTSUP: skip as a library */
    char *why;          /* parser message when rc < 0 */
    struct keel_elfdeps_info info;
};

/* An object loaded in one input's (simulated) process. */
struct obj {
    char *name;         /* path it was loaded by, for messages */
    char *origin;       /* what $ORIGIN expands to */
    size_t ci;          /* index into ctx.cache */
};

struct proc {
    struct obj *objs;
    size_t n, cap;
    struct keel_elfdeps_strv names;  /* DT_NEEDED names already satisfied */
};

struct ctx {
    const struct keel_elfdeps_req *req;
    int dfd;
    struct cached *cache;
    size_t n_cache, cap_cache;
    struct keel_elfdeps_strv out;
    struct keel_elfdeps_missing *miss;
    size_t n_miss, cap_miss;
    char *err;
    size_t errlen;
};

static int nomem(struct ctx *c)
{
    return fail(c->err, c->errlen, -ENOMEM, "out of memory");
}

/* ---- objects, processes, output -------------------------------------- */

/* Read and parse the file REAL into E (regular, rc, why, info).  Only
 * regular files are opened: a FIFO in a staging tree must not hang us. */
static int map_parse(struct ctx *c, const char *real, struct cached *e)
{
    char msg[256] = "not an ELF file";
    struct stat st;
    void *map = MAP_FAILED;
    size_t len = 0;
    int fd = -1, rc = 0, e_no;

    if (fstatat(c->dfd, real, &st, AT_SYMLINK_NOFOLLOW) < 0)
        goto sys_err;
    e->regular = S_ISREG(st.st_mode);
    e->rc = -ENOEXEC;
    if (!e->regular) {
        snprintf(msg, sizeof(msg), "not a regular file");
    } else if (st.st_size > 0) {
        fd = openat(c->dfd, real, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
        if (fd < 0 || fstat(fd, &st) < 0)
            goto sys_err;
        len = (size_t)st.st_size;
        map = len ? mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0) : NULL;
        if (map == MAP_FAILED)
            goto sys_err;
        e->rel = keel_elfdeps_is_rel(map, len);
        e->rc = keel_elfdeps_parse(map, len, &e->info, msg, sizeof(msg));
    }
    if (e->rc < 0 && e->rc != -ENOEXEC && e->rc != -ENOTSUP)
        rc = fail(c->err, c->errlen, e->rc, "%s: %s", real, msg);
    else if (!(e->why = strdup(msg)))
        rc = nomem(c);
    goto out;
sys_err:
    e_no = errno;
    rc = fail(c->err, c->errlen, -e_no, "%s: %s", real, strerror(e_no));
out:
    if (map != MAP_FAILED && map)
        munmap(map, len);
    if (fd >= 0)
        close(fd);
    return rc;
}

/*
 * Parse the file REAL once per run.  Non-ELF and foreign-class files
 * (directories too) are remembered with their rc, since the loader
 * merely skips them as library candidates; anything worse is a hard
 * error.
 */
static int cache_load(struct ctx *c, const char *real, size_t *ci)
{
    struct cached *e;
    int rc;

    for (size_t i = 0; i < c->n_cache; i++) {
        if (strcmp(c->cache[i].real, real) == 0) {
            *ci = i;
            return 0;
        }
    }
    e = keel_elfdeps_grow(c->cache, &c->cap_cache, c->n_cache, sizeof(*e));
    if (!e)
        return nomem(c);
    c->cache = e;
    e += c->n_cache;
    memset(e, 0, sizeof(*e));
    rc = map_parse(c, real, e);
    if (rc == 0 && !(e->real = strdup(real)))
        rc = nomem(c);
    if (rc < 0) {
        free(e->why);
        keel_elfdeps_info_free(&e->info);
        return rc;
    }
    *ci = c->n_cache++;
    return 0;
}

static bool proc_has(const struct ctx *c, const struct proc *p,
                     const char *name)
{
    if (keel_elfdeps_strv_has(&p->names, name))
        return true;
    for (size_t i = 0; i < p->n; i++) {
        const char *so = c->cache[p->objs[i].ci].info.soname;

        if (so && strcmp(so, name) == 0)
            return true;
    }
    return false;
}

/* Cache entry CI is loaded by PATH (as DT_NEEDED NAME, if not NULL);
 * $ORIGIN is the directory of ORIGIN_OF. */
static int proc_add(struct ctx *c, struct proc *p, const char *name,
                    const char *path, const char *origin_of, size_t ci)
{
    struct obj *o;

    if (name && keel_elfdeps_strv_add(&p->names, name) < 0)
        return nomem(c);
    for (size_t i = 0; i < p->n; i++) {
        if (p->objs[i].ci == ci)
            return 0;
    }
    o = keel_elfdeps_grow(p->objs, &p->cap, p->n, sizeof(*o));
    if (!o)
        return nomem(c);
    p->objs = o;
    o += p->n;
    o->ci = ci;
    o->name = strdup(path);
    o->origin = keel_elfdeps_dir_of(origin_of);
    if (!o->name || !o->origin) {
        free(o->name);
        free(o->origin);
        return nomem(c);
    }
    p->n++;
    return 0;
}

static void proc_free(struct proc *p)
{
    for (size_t i = 0; i < p->n; i++) {
        free(p->objs[i].name);
        free(p->objs[i].origin);
    }
    free(p->objs);
    keel_elfdeps_strv_free(&p->names);
}

/* Every link met on the way to a needed file goes into the image too. */
static int emit(struct ctx *c, const struct keel_elfdeps_strv *links,
                const char *real, const char *except)
{
    for (size_t i = 0; i <= links->n; i++) {
        const char *s = i < links->n ? links->v[i] : real;

        if ((!except || strcmp(s, except) != 0) &&
            keel_elfdeps_strv_add(&c->out, s))
            return nomem(c);
    }
    return 0;
}

static char *join_dirs(const struct keel_elfdeps_strv *dirs)
{
    size_t len = 1;
    char *s, *p;

    for (size_t i = 0; i < dirs->n; i++)
        len += strlen(dirs->v[i]) + 2;
    s = p = malloc(len);
    for (size_t i = 0; s && i < dirs->n; i++)
        p += sprintf(p, "%s%s", i ? " " : "",
                     dirs->v[i][0] ? dirs->v[i] : ".");
    if (s)
        *p = '\0';
    return s;
}

static int add_missing(struct ctx *c, const char *name, const char *by,
                       const struct keel_elfdeps_strv *dirs)
{
    struct keel_elfdeps_missing *m;

    for (size_t i = 0; i < c->n_miss; i++) {
        if (!strcmp(c->miss[i].name, name) &&
            !strcmp(c->miss[i].needed_by, by))
            return 0;
    }
    m = keel_elfdeps_grow(c->miss, &c->cap_miss, c->n_miss, sizeof(*m));
    if (!m)
        return nomem(c);
    c->miss = m;
    m += c->n_miss;
    m->name = strdup(name);
    m->needed_by = strdup(by);
    m->searched = dirs ? join_dirs(dirs) : NULL;
    if (!m->name || !m->needed_by || (dirs && !m->searched)) {
        free(m->name);
        free(m->needed_by);
        free(m->searched);
        return nomem(c);
    }
    c->n_miss++;
    return 0;
}


static int build_search(struct ctx *c, const struct obj *o,
                        struct keel_elfdeps_strv *dirs)
{
    const struct keel_elfdeps_info *in = &c->cache[o->ci].info;
    const struct keel_elfdeps_req *r = c->req;
    int rc = 0;

    if (in->rpath && !in->runpath)
        rc = keel_elfdeps_add_dirs(dirs, in->rpath, o->origin);
    for (size_t i = 0; rc == 0 && i < r->n_libdirs; i++)
        rc = keel_elfdeps_add_dir(dirs, r->libdirs[i],
                                  strlen(r->libdirs[i]), NULL);
    if (rc == 0 && in->runpath)
        rc = keel_elfdeps_add_dirs(dirs, in->runpath, o->origin);
    for (size_t i = 0; rc == 0 && i < sizeof(default_dirs) /
                                      sizeof(default_dirs[0]); i++)
        rc = keel_elfdeps_strv_add(dirs, default_dirs[i]);
    return rc < 0 ? nomem(c) : 0;
}

/* Try DIR/NAME for a DT_NEEDED entry; *FOUND says whether it is loaded. */
static int try_candidate(struct ctx *c, struct proc *p, const char *dir,
                         const char *name, bool *found)
{
    struct keel_elfdeps_strv links = { 0 };
    char *path = NULL, *real = NULL;
    size_t ci;
    int rc;

    *found = false;
    if (asprintf(&path, "%s%s%s", dir, *dir ? "/" : "", name) < 0) {
        path = NULL;
        rc = nomem(c);
        goto out;
    }
    rc = keel_elfdeps_resolve(c->dfd, path, &links, &real);
    if (rc == -ENOENT || rc == -ENOTDIR) {
        rc = 0;
        goto out;
    }
    if (rc < 0) {
        rc = fail(c->err, c->errlen, rc, "%s: %s", path, strerror(-rc));
        goto out;
    }
    rc = cache_load(c, real, &ci);
    if (rc < 0 || c->cache[ci].rc < 0)
        goto out;
    rc = emit(c, &links, real, NULL);
    if (rc == 0)
        rc = proc_add(c, p, name, path, path, ci);
    *found = rc == 0;
out:
    keel_elfdeps_strv_free(&links);
    free(path);
    free(real);
    return rc;
}

/* Satisfy NAME, needed by P->objs[I], or record it as missing. */
static int find_needed(struct ctx *c, struct proc *p, size_t i,
                       const char *name)
{
    struct keel_elfdeps_strv dirs = { 0 };
    char *path = NULL, *dir = NULL;
    const char *base = name;
    bool found = false;
    int rc;

    if (proc_has(c, p, name))
        return 0;
    if (!strchr(name, '/')) {
        rc = build_search(c, &p->objs[i], &dirs);
    } else if ((path = keel_elfdeps_clean_path(name)) &&
               (dir = keel_elfdeps_dir_of(path))) {
        /* a name with a slash is a path, not searched for (ld.so(8)) */
        base = path + strlen(dir) + (*dir != '\0');
        rc = keel_elfdeps_strv_add(&dirs, dir) < 0 ? nomem(c) : 0;
    } else {
        rc = nomem(c);
    }
    for (size_t j = 0; rc == 0 && !found && j < dirs.n; j++)
        rc = try_candidate(c, p, dirs.v[j], base, &found);
    if (rc == 0 && !found)
        rc = add_missing(c, name, p->objs[i].name, &dirs);
    keel_elfdeps_strv_free(&dirs);
    free(path);
    free(dir);
    return rc;
}

static int load_interp(struct ctx *c, struct proc *p, const char *interp)
{
    struct keel_elfdeps_strv links = { 0 };
    char *path = keel_elfdeps_clean_path(interp), *real = NULL;
    size_t ci;
    int rc;

    if (!path)
        return nomem(c);
    rc = keel_elfdeps_resolve(c->dfd, path, &links, &real);
    if (rc == -ENOENT || rc == -ENOTDIR) {
        rc = add_missing(c, interp, p->objs[0].name, NULL);
        goto out;
    }
    if (rc < 0) {
        rc = fail(c->err, c->errlen, rc, "%s: %s", path, strerror(-rc));
        goto out;
    }
    rc = cache_load(c, real, &ci);
    if (rc == 0 && c->cache[ci].rc < 0)
        rc = fail(c->err, c->errlen, -EINVAL, "%s: interpreter %s: %s",
                  p->objs[0].name, interp, c->cache[ci].why);
    if (rc == 0)
        rc = emit(c, &links, real, NULL);
    if (rc == 0)
        rc = proc_add(c, p, NULL, path, path, ci);
out:
    keel_elfdeps_strv_free(&links);
    free(path);
    free(real);
    return rc;
}

/* One input is one process: load it as ld.so would, breadth first. */
static int do_input(struct ctx *c, const char *file)
{
    struct proc p = { 0 };
    struct keel_elfdeps_strv links = { 0 };
    char *path = keel_elfdeps_clean_path(file), *real = NULL;
    size_t ci;
    int rc;

    if (!path)
        return nomem(c);
    rc = keel_elfdeps_resolve(c->dfd, path, &links, &real);
    if (rc == -EISDIR) {
        rc = 0;     /* the sysroot itself: a directory, nothing to run */
        goto out;
    }
    if (rc == -ENOENT && links.n) {
        rc = fail(c->err, c->errlen, rc, "%s: not found in the sysroot "
                  "(dangling symlink %s)", file, links.v[links.n - 1]);
        goto out;
    }
    if (rc < 0) {
        rc = fail(c->err, c->errlen, rc, "%s: %s", file,
                  rc == -ENOENT ? "not found in the sysroot" : strerror(-rc));
        goto out;
    }
    rc = cache_load(c, real, &ci);
    if (rc < 0 || !c->cache[ci].regular)
        goto out;
    /* the input itself is the caller's to copy; where it points is not */
    rc = emit(c, &links, real, path);
    if (rc < 0 || c->cache[ci].rc == -ENOEXEC || c->cache[ci].rel)
        goto out;
    if (c->cache[ci].rc < 0) {
        rc = fail(c->err, c->errlen, c->cache[ci].rc, "%s: %s", file,
                  c->cache[ci].why);
        goto out;
    }
    rc = proc_add(c, &p, NULL, path, real, ci);
    if (rc == 0 && c->cache[ci].info.interp)
        rc = load_interp(c, &p, c->cache[ci].info.interp);
    for (size_t i = 0; rc == 0 && i < p.n; i++) {
        for (size_t j = 0; rc == 0 &&
                           j < c->cache[p.objs[i].ci].info.n_needed; j++)
            rc = find_needed(c, &p, i, c->cache[p.objs[i].ci].info.needed[j]);
    }
out:
    proc_free(&p);
    keel_elfdeps_strv_free(&links);
    free(path);
    free(real);
    return rc;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmp_missing(const void *a, const void *b)
{
    const struct keel_elfdeps_missing *x = a, *y = b;
    int d = strcmp(x->name, y->name);

    return d ? d : strcmp(x->needed_by, y->needed_by);
}

static void ctx_free(struct ctx *c)
{
    for (size_t i = 0; i < c->n_cache; i++) {
        free(c->cache[i].real);
        free(c->cache[i].why);
        keel_elfdeps_info_free(&c->cache[i].info);
    }
    free(c->cache);
    keel_elfdeps_strv_free(&c->out);
    keel_elfdeps_result_free(&(struct keel_elfdeps_result){
        .missing = c->miss, .n_missing = c->n_miss });
    if (c->dfd >= 0)
        close(c->dfd);
}

int keel_elfdeps_closure(const struct keel_elfdeps_req *req,
                         struct keel_elfdeps_result *res,
                         char *err, size_t errlen)
{
    struct ctx c = { .req = req, .dfd = -1, .err = err, .errlen = errlen };
    int rc = 0, e_no;

    memset(res, 0, sizeof(*res));
    c.dfd = open(req->sysroot, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (c.dfd < 0) {
        e_no = errno;
        rc = fail(err, errlen, -e_no, "%s: %s", req->sysroot,
                  strerror(e_no));
        goto out;
    }
    for (size_t i = 0; rc == 0 && i < req->n_files; i++)
        rc = do_input(&c, req->files[i]);
    if (rc < 0)
        goto out;
    if (c.out.n)
        qsort(c.out.v, c.out.n, sizeof(*c.out.v), cmp_str);
    if (c.n_miss)
        qsort(c.miss, c.n_miss, sizeof(*c.miss), cmp_missing);
    *res = (struct keel_elfdeps_result){ c.out.v, c.out.n, c.miss,
                                         c.n_miss };
    memset(&c.out, 0, sizeof(c.out));
    c.miss = NULL;
    c.n_miss = 0;
    if (res->n_missing)
        rc = fail(err, errlen, -ENOENT, "%zu needed %s not found",
                  res->n_missing,
                  res->n_missing == 1 ? "library was" : "libraries were");
out:
    ctx_free(&c);
    return rc;
}

void keel_elfdeps_result_free(struct keel_elfdeps_result *res)
{
    for (size_t i = 0; i < res->n_paths; i++)
        free(res->paths[i]);
    free(res->paths);
    for (size_t i = 0; i < res->n_missing; i++) {
        free(res->missing[i].name);
        free(res->missing[i].needed_by);
        free(res->missing[i].searched);
    }
    free(res->missing);
    memset(res, 0, sizeof(*res));
}
