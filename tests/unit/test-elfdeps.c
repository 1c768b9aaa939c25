/*
 * test-elfdeps.c - unit tests for rootfs/elfdeps-{parse,path,closure}.c.
 *
 * ELF images are synthesised in memory (img_build) so each test states
 * exactly which dynamic entries exist; closure tests lay them out in a
 * throw-away sysroot under /tmp.  One test copies the host's real
 * /usr/bin/true, ld.so and libc to check against what the toolchain
 * actually produces.
 */
#include <elf.h>
#include <errno.h>
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "elfdeps.h"
#include "unit.h"

#define IMG_MAX 4096
#define IMG_BASE 0x400000ULL

struct spec {
    const char *interp;
    const char *needed[4];
    const char *soname, *rpath, *runpath;
    int is_static;          /* no PT_DYNAMIC at all */
};

/* Aligned so the Elf64 structs inside can be memcpy'd at fixed offsets. */
struct img {
    union {
        Elf64_Ehdr eh;
        unsigned char b[IMG_MAX];
    } u;
    size_t len;
};

static uint64_t strtab_add(char *tab, size_t *n, const char *s)
{
    uint64_t at = *n;

    memcpy(tab + *n, s, strlen(s) + 1);
    *n += strlen(s) + 1;
    return at;
}

static size_t img_dyns(const struct spec *sp, Elf64_Dyn *d, char *tab,
                       size_t *strn)
{
    const char *const refs[] = { sp->soname, sp->rpath, sp->runpath };
    const int64_t tags[] = { DT_SONAME, DT_RPATH, DT_RUNPATH };
    size_t n = 0;

    for (int i = 0; i < 4 && sp->needed[i]; i++)
        d[n++] = (Elf64_Dyn){ DT_NEEDED,
                              { strtab_add(tab, strn, sp->needed[i]) } };
    for (int i = 0; i < 3; i++) {
        if (refs[i])
            d[n++] = (Elf64_Dyn){ tags[i],
                                  { strtab_add(tab, strn, refs[i]) } };
    }
    d[n++] = (Elf64_Dyn){ DT_STRTAB, { 0 } };   /* filled by caller */
    d[n++] = (Elf64_Dyn){ DT_STRSZ, { *strn } };
    d[n++] = (Elf64_Dyn){ DT_NULL, { 0 } };
    return n;
}

/* Layout: ehdr, phdrs, interp, strtab, dynamic; one PT_LOAD maps it all. */
static void img_build(struct img *im, const struct spec *sp)
{
    Elf64_Phdr ph[3] = { { 0 } };
    Elf64_Dyn dyn[16];
    char tab[512] = "";
    size_t strn = 1, nph = 1, nd = 0, off, ilen = 0;
    Elf64_Ehdr *eh = &im->u.eh;

    memset(im, 0, sizeof(*im));
    nd = sp->is_static ? 0 : img_dyns(sp, dyn, tab, &strn);
    nph += !sp->is_static + (sp->interp != NULL);
    off = sizeof(*eh) + nph * sizeof(Elf64_Phdr);
    if (sp->interp) {
        ilen = strlen(sp->interp) + 1;
        ph[2] = (Elf64_Phdr){ .p_type = PT_INTERP, .p_offset = off,
                              .p_filesz = ilen, .p_memsz = ilen };
        memcpy(im->u.b + off, sp->interp, ilen);
        off += ilen;
    }
    if (nd) {
        dyn[nd - 3].d_un.d_ptr = IMG_BASE + off;
        memcpy(im->u.b + off, tab, strn);
        off = (off + strn + 7) & ~(size_t)7;
        ph[1] = (Elf64_Phdr){ .p_type = PT_DYNAMIC, .p_offset = off,
                              .p_vaddr = IMG_BASE + off,
                              .p_filesz = nd * sizeof(Elf64_Dyn) };
        memcpy(im->u.b + off, dyn, nd * sizeof(Elf64_Dyn));
        off += nd * sizeof(Elf64_Dyn);
    }
    im->len = off;
    ph[0] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_vaddr = IMG_BASE,
                          .p_filesz = off, .p_memsz = off };
    memcpy(eh->e_ident, ELFMAG, SELFMAG);
    eh->e_ident[EI_CLASS] = ELFCLASS64;
    eh->e_ident[EI_DATA] = ELFDATA2LSB;
    eh->e_ident[EI_VERSION] = EV_CURRENT;
    eh->e_type = ET_DYN;
    eh->e_machine = EM_X86_64;
    eh->e_version = EV_CURRENT;
    eh->e_phoff = sizeof(*eh);
    eh->e_ehsize = sizeof(*eh);
    eh->e_phentsize = sizeof(Elf64_Phdr);
    eh->e_phnum = (Elf64_Half)nph;
    /* PT_DYNAMIC / PT_INTERP only if present, in that order */
    memcpy(im->u.b + sizeof(*eh), &ph[0], sizeof(ph[0]));
    for (size_t i = 1, at = 1; i < 3; i++) {
        if (ph[i].p_type != PT_NULL)
            memcpy(im->u.b + sizeof(*eh) + at++ * sizeof(ph[0]), &ph[i],
                   sizeof(ph[0]));
    }
}

/* ---- program/dynamic header access for the mutations ---------------- */

static size_t ph_off(struct img *im, uint32_t type)
{
    for (size_t i = 0; i < im->u.eh.e_phnum; i++) {
        size_t at = sizeof(Elf64_Ehdr) + i * sizeof(Elf64_Phdr);
        Elf64_Phdr ph;

        memcpy(&ph, im->u.b + at, sizeof(ph));
        if (ph.p_type == type)
            return at;
    }
    return 0;
}

static void ph_set(struct img *im, uint32_t type, size_t field, uint64_t v)
{
    memcpy(im->u.b + ph_off(im, type) + field, &v, sizeof(v));
}

/* Offset of the value (or, with TAG_FIELD, the tag) of dynamic entry TAG. */
static size_t dyn_off(struct img *im, int64_t tag, int tag_field)
{
    Elf64_Phdr ph;

    memcpy(&ph, im->u.b + ph_off(im, PT_DYNAMIC), sizeof(ph));
    for (size_t at = ph.p_offset;; at += sizeof(Elf64_Dyn)) {
        Elf64_Dyn d;

        memcpy(&d, im->u.b + at, sizeof(d));
        if (d.d_tag == tag)
            return at + (tag_field ? 0 : offsetof(Elf64_Dyn, d_un));
    }
}

static void dyn_set(struct img *im, int64_t tag, uint64_t v)
{
    memcpy(im->u.b + dyn_off(im, tag, 0), &v, sizeof(v));
}

static uint64_t dyn_get(struct img *im, int64_t tag)
{
    uint64_t v;

    memcpy(&v, im->u.b + dyn_off(im, tag, 0), sizeof(v));
    return v;
}

/* ---- parser ---------------------------------------------------------- */

static const struct spec full = {
    .interp = "/lib64/ld-linux-x86-64.so.2",
    .needed = { "libxenlight.so.4.17", "libc.so.6" },
    .soname = "libself.so.1", .rpath = "/r", .runpath = "$ORIGIN/../lib",
};

static int parse_img(const struct img *im, struct keel_elfdeps_info *info,
                     char *err)
{
    /* an exact-size heap copy, so ASan sees any read past the end */
    unsigned char *copy = malloc(im->len ? im->len : 1);
    int rc;

    memcpy(copy, im->u.b, im->len);
    rc = keel_elfdeps_parse(copy, im->len, info, err, KEEL_ELFDEPS_ERRLEN);
    free(copy);
    return rc;
}

UNIT_TEST(elfdeps_parse_synthetic)
{
    struct keel_elfdeps_info info;
    char err[KEEL_ELFDEPS_ERRLEN];
    struct img im;

    img_build(&im, &full);
    CHECK_INT(parse_img(&im, &info, err), 0);
    CHECK_STR(info.interp, full.interp);
    CHECK_INT(info.n_needed, 2);
    if (info.n_needed == 2) {
        CHECK_STR(info.needed[0], "libxenlight.so.4.17");
        CHECK_STR(info.needed[1], "libc.so.6");
    }
    CHECK_STR(info.soname, "libself.so.1");
    CHECK_STR(info.rpath, "/r");
    CHECK_STR(info.runpath, "$ORIGIN/../lib");
    keel_elfdeps_info_free(&info);

    img_build(&im, &(struct spec){ .is_static = 1 });
    CHECK_INT(parse_img(&im, &info, err), 0);
    CHECK(!info.interp && !info.n_needed && !info.runpath);
}

static void m_none(struct img *im) { (void)im; }
static void m_ident(struct img *im) { im->len = 10; }
static void m_header(struct img *im) { im->len = 40; }
static void m_script(struct img *im) { memcpy(im->u.b, "#!/bin/sh\n", 10); }
static void m_short(struct img *im) { im->len = 3; }
static void m_elf32(struct img *im) { im->u.b[EI_CLASS] = ELFCLASS32; }
static void m_msb(struct img *im) { im->u.b[EI_DATA] = ELFDATA2MSB; }
static void m_i386(struct img *im) { im->u.eh.e_machine = EM_386; }
static void m_phoff(struct img *im) { im->u.eh.e_phoff = im->len; }
static void m_phoff_wrap(struct img *im) { im->u.eh.e_phoff = ~0ULL - 8; }
static void m_phentsize(struct img *im) { im->u.eh.e_phentsize = 32; }
static void m_phnum_x(struct img *im) { im->u.eh.e_phnum = PN_XNUM; }
static void m_cut1(struct img *im) { im->len--; }

static void m_shoff(struct img *im)
{
    im->u.eh.e_shoff = im->len - 8;
    im->u.eh.e_shnum = 1;
    im->u.eh.e_shentsize = sizeof(Elf64_Shdr);
}

static void m_shnum(struct img *im)
{
    m_shoff(im);
    im->u.eh.e_shoff = sizeof(Elf64_Ehdr);
    im->u.eh.e_shnum = 0xfff0;
}

static void m_dyn_off(struct img *im)
{
    ph_set(im, PT_DYNAMIC, offsetof(Elf64_Phdr, p_offset), im->len);
}

static void m_dyn_size(struct img *im)
{
    ph_set(im, PT_DYNAMIC, offsetof(Elf64_Phdr, p_filesz), ~0ULL);
}

static void m_interp_nul(struct img *im)
{
    ph_set(im, PT_INTERP, offsetof(Elf64_Phdr, p_filesz),
           strlen(full.interp));
}

static void m_needed_idx(struct img *im)
{
    dyn_set(im, DT_NEEDED, dyn_get(im, DT_STRSZ) + 5);
}

static void m_strsz(struct img *im) { dyn_set(im, DT_STRSZ, 1ULL << 40); }
static void m_strtab(struct img *im) { dyn_set(im, DT_STRTAB, 0x10); }

static void m_str_nul(struct img *im)
{
    /* the last string is DT_RUNPATH: cut the table before its NUL */
    dyn_set(im, DT_STRSZ, dyn_get(im, DT_STRSZ) - 1);
}

static void m_no_strtab(struct img *im)
{
    int64_t tag = DT_DEBUG;

    memcpy(im->u.b + dyn_off(im, DT_STRTAB, 1), &tag, sizeof(tag));
}

static const struct {
    const char *name;
    void (*mutate)(struct img *im);
    int rc;
    const char *msg;
} parse_cases[] = {
    { "intact", m_none, 0, NULL },
    { "3 bytes", m_short, -ENOEXEC, "not an ELF" },
    { "script", m_script, -ENOEXEC, "not an ELF" },
    { "truncated ident", m_ident, -EINVAL, "truncated ELF ident" },
    { "truncated header", m_header, -EINVAL, "truncated ELF header" },
    { "ELF32", m_elf32, -ENOTSUP, "ELF32" },
    { "big-endian", m_msb, -ENOTSUP, "byte order" },
    { "i386", m_i386, -ENOTSUP, "machine 3" },
    { "phoff at end", m_phoff, -EINVAL, "program headers" },
    { "phoff wraps", m_phoff_wrap, -EINVAL, "program headers" },
    { "phentsize", m_phentsize, -EINVAL, "program headers" },
    { "PN_XNUM", m_phnum_x, -EINVAL, "extended program header" },
    { "shoff at end", m_shoff, -EINVAL, "section headers" },
    { "shnum huge", m_shnum, -EINVAL, "section headers" },
    { "last byte cut", m_cut1, -EINVAL, "PT_LOAD segment" },
    { "dynamic offset", m_dyn_off, -EINVAL, "PT_DYNAMIC segment" },
    { "dynamic size", m_dyn_size, -EINVAL, "PT_DYNAMIC segment" },
    { "interp no NUL", m_interp_nul, -EINVAL, "PT_INTERP" },
    { "needed index", m_needed_idx, -EINVAL, "DT_NEEDED: string index" },
    { "strsz huge", m_strsz, -EINVAL, "DT_STRSZ" },
    { "strtab unmapped", m_strtab, -EINVAL, "not in any PT_LOAD" },
    { "string no NUL", m_str_nul, -EINVAL, "DT_RUNPATH: string at" },
    { "no strtab", m_no_strtab, -EINVAL, "no DT_STRTAB" },
};

UNIT_TEST(elfdeps_parse_malformed)
{
    for (size_t i = 0; i < sizeof(parse_cases) / sizeof(*parse_cases);
         i++) {
        struct keel_elfdeps_info info = { .n_needed = 99 };
        char err[KEEL_ELFDEPS_ERRLEN] = "";
        struct img im;
        int rc;

        img_build(&im, &full);
        parse_cases[i].mutate(&im);
        rc = parse_img(&im, &info, err);
        if (rc != parse_cases[i].rc)
            unit_fail(__FILE__, __LINE__, "%s: rc %d, want %d (%s)",
                      parse_cases[i].name, rc, parse_cases[i].rc, err);
        if (parse_cases[i].msg && !strstr(err, parse_cases[i].msg))
            unit_fail(__FILE__, __LINE__, "%s: message \"%s\" lacks \"%s\"",
                      parse_cases[i].name, err, parse_cases[i].msg);
        if (rc < 0 && (info.n_needed || info.needed || info.interp))
            unit_fail(__FILE__, __LINE__, "%s: info not left empty",
                      parse_cases[i].name);
        keel_elfdeps_info_free(&info);
    }
}

/* Any prefix of a valid image is an error, never a partial success. */
UNIT_TEST(elfdeps_parse_every_truncation)
{
    struct keel_elfdeps_info info;
    char err[KEEL_ELFDEPS_ERRLEN];
    struct img im;
    size_t full_len;

    img_build(&im, &full);
    full_len = im.len;
    for (im.len = 0; im.len < full_len; im.len++) {
        int rc = parse_img(&im, &info, err);
        int want = im.len < SELFMAG ? -ENOEXEC : -EINVAL;

        if (rc != want)
            unit_fail(__FILE__, __LINE__, "cut at %zu: rc %d, want %d",
                      im.len, rc, want);
        keel_elfdeps_info_free(&info);
    }
}

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf = NULL;
    long n;

    if (f && fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 &&
        fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n)) &&
        fread(buf, 1, (size_t)n, f) == (size_t)n) {
        *len = (size_t)n;
    } else {
        free(buf);
        buf = NULL;
    }
    if (f)
        fclose(f);
    return buf;
}

UNIT_TEST(elfdeps_parse_host_true)
{
    struct keel_elfdeps_info info;
    char err[KEEL_ELFDEPS_ERRLEN] = "";
    size_t len = 0;
    unsigned char *buf = slurp("/usr/bin/true", &len);

    CHECK(buf != NULL);
    if (!buf)
        return;
    CHECK_INT(keel_elfdeps_parse(buf, len, &info, err, sizeof(err)), 0);
    CHECK_STR(info.interp, "/lib64/ld-linux-x86-64.so.2");
    CHECK_INT(info.n_needed, 1);
    if (info.n_needed == 1)
        CHECK_STR(info.needed[0], "libc.so.6");
    CHECK(info.rpath == NULL && info.runpath == NULL);
    keel_elfdeps_info_free(&info);
    free(buf);
}

/* ---- sysroots --------------------------------------------------------- */

/*
 * One file in a test sysroot.  KIND: E ELF of spec DATA, C ELF32, B ELF
 * cut short, R / M / K relocatable (ET_REL) ELF32 little-endian / ELF32
 * big-endian / ELF64, T text DATA, L symlink to DATA, D directory.
 */
struct ent {
    const char *path;
    char kind;
    const void *data;
};

/* Make IM a relocatable object, as GRUB's .mod and the kernel's .ko. */
static void img_rel(struct img *im, char kind)
{
    if (kind == 'K') {
        im->u.eh.e_type = ET_REL;
        return;
    }
    im->u.b[EI_CLASS] = ELFCLASS32;
    im->u.b[EI_DATA] = kind == 'M' ? ELFDATA2MSB : ELFDATA2LSB;
    /* e_type and e_machine in the file's byte order */
    im->u.b[EI_NIDENT] = kind == 'M' ? 0 : ET_REL;
    im->u.b[EI_NIDENT + 1] = kind == 'M' ? ET_REL : 0;
    im->u.b[EI_NIDENT + 2] = kind == 'M' ? 0 : EM_386;
    im->u.b[EI_NIDENT + 3] = kind == 'M' ? EM_PPC : 0;
}

static int rm_one(const char *p, const struct stat *st, int flag,
                  struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(p);
}

static void rm_tree(const char *dir)
{
    CHECK_INT(nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS), 0);
}

static int mkdir_parents(char *path)
{
    for (char *s = strchr(path + 1, '/'); s; s = strchr(s + 1, '/')) {
        *s = '\0';
        if (mkdir(path, 0755) < 0 && errno != EEXIST)
            return -1;
        *s = '/';
    }
    return 0;
}

static int write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    int ok = f && fwrite(data, 1, len, f) == len;

    if (f && fclose(f) != 0)
        ok = 0;
    return ok ? 0 : -1;
}

static int put_ent(const char *root, const struct ent *e)
{
    char path[4096];
    struct img im;

    snprintf(path, sizeof(path), "%s/%s", root, e->path);
    if (mkdir_parents(path) < 0)
        return -1;
    switch (e->kind) {
    case 'L':
        return symlink(e->data, path);
    case 'T':
        return write_file(path, e->data, strlen(e->data));
    case 'D':
        return mkdir(path, 0755);
    }
    img_build(&im, e->data);
    if (e->kind == 'C')
        im.u.b[EI_CLASS] = ELFCLASS32;
    if (e->kind == 'B')
        im.len /= 2;
    if (strchr("RMK", e->kind))
        img_rel(&im, e->kind);
    return write_file(path, im.u.b, im.len);
}

/* Lay ENTS out in a fresh directory; caller removes it with rm_tree. */
static char *make_sysroot(const struct ent *ents)
{
    char tmpl[] = "/tmp/keel-elfdeps-XXXXXX";
    char *root = mkdtemp(tmpl);

    CHECK(root != NULL);
    if (!root)
        return NULL;
    for (const struct ent *e = ents; e && e->path; e++) {
        if (put_ent(root, e) < 0)
            unit_fail(__FILE__, __LINE__, "cannot create %s", e->path);
    }
    return strdup(root);
}

/* Paths one per line, as the CLI prints them. */
static char *join_paths(const struct keel_elfdeps_result *res)
{
    size_t len = 1;
    char *s, *p;

    for (size_t i = 0; i < res->n_paths; i++)
        len += strlen(res->paths[i]) + 1;
    s = p = calloc(1, len);
    for (size_t i = 0; i < res->n_paths; i++)
        p += sprintf(p, "%s\n", res->paths[i]);
    return s;
}

/* "name|needed_by|searched" per line. */
static char *join_missing(const struct keel_elfdeps_result *res)
{
    size_t len = 1;
    char *s, *p;

    for (size_t i = 0; i < res->n_missing; i++) {
        const struct keel_elfdeps_missing *m = &res->missing[i];

        len += strlen(m->name) + strlen(m->needed_by) + 4 +
               strlen(m->searched ? m->searched : "-");
    }
    s = p = calloc(1, len);
    for (size_t i = 0; i < res->n_missing; i++) {
        const struct keel_elfdeps_missing *m = &res->missing[i];

        p += sprintf(p, "%s|%s|%s\n", m->name, m->needed_by,
                     m->searched ? m->searched : "-");
    }
    return s;
}

#define ELF(p, ...) { p, 'E', &(const struct spec){ __VA_ARGS__ } }
#define ELF32(p) { p, 'C', &(const struct spec){ .needed = { "x" } } }
#define CUT(p) { p, 'B', &(const struct spec){ .needed = { "x" } } }
#define REL(p, k) { p, k, &(const struct spec){ .needed = { "x" } } }
#define LINK(p, target) { p, 'L', target }
#define TEXT(p, text) { p, 'T', text }
#define DIR(p) { p, 'D', NULL }
#define ENTS(...) (const struct ent[]){ __VA_ARGS__, { NULL, 0, NULL } }
#define NEED(...) .needed = { __VA_ARGS__ }
#define DEFAULTS "lib/x86_64-linux-gnu usr/lib/x86_64-linux-gnu lib64 " \
                 "usr/lib64 lib usr/lib"

static const struct closure_case {
    const char *name;
    const struct ent *ents;
    const char *files[3];
    const char *libdirs[2];
    int rc;
    const char *out;        /* expected paths, one per line */
    const char *missing;    /* expected join_missing() */
    const char *msg;        /* expected in the error message */
} closure_cases[] = {
    { "recursive, interp satisfies a soname",
      ENTS(ELF("bin/app", .interp = "/opt/rtld/ld.so",
               NEED("liba.so.1", "libb.so.2")),
           ELF("opt/rtld/ld.so", .soname = "ld.so"),
           ELF("lib/x86_64-linux-gnu/liba.so.1", NEED("libc.so.6")),
           ELF("lib/x86_64-linux-gnu/libc.so.6", NEED("ld.so")),
           ELF("usr/lib/libb.so.2"), ELF("usr/lib/libunused.so")),
      { "bin/app" }, { NULL }, 0,
      "lib/x86_64-linux-gnu/liba.so.1\nlib/x86_64-linux-gnu/libc.so.6\n"
      "opt/rtld/ld.so\nusr/lib/libb.so.2\n", "", NULL },
    { "RUNPATH with $ORIGIN and ${ORIGIN}",
      ENTS(ELF("opt/x/bin/app", .runpath = "$ORIGIN/../lib:${ORIGIN}/../l2",
               NEED("libp.so", "libq.so")),
           ELF("opt/x/lib/libp.so"), ELF("opt/x/l2/libq.so"),
           ELF("lib/x86_64-linux-gnu/libp.so")),
      { "opt/x/bin/app" }, { NULL }, 0,
      "opt/x/l2/libq.so\nopt/x/lib/libp.so\n", "", NULL },
    { "RUNPATH disables RPATH",
      ENTS(ELF("app", .rpath = "/r", .runpath = "/u", NEED("libx.so")),
           ELF("r/libx.so"), ELF("u/libx.so")),
      { "app" }, { NULL }, 0, "u/libx.so\n", "", NULL },
    { "RPATH before -L",
      ENTS(ELF("app", .rpath = "/r", NEED("libx.so")), ELF("r/libx.so"),
           ELF("l/libx.so")),
      { "app" }, { "l" }, 0, "r/libx.so\n", "", NULL },
    { "-L before RUNPATH",
      ENTS(ELF("app", .runpath = "/u", NEED("libx.so")), ELF("u/libx.so"),
           ELF("l/libx.so")),
      { "app" }, { "/l" }, 0, "l/libx.so\n", "", NULL },
    { "RUNPATH before defaults",
      ENTS(ELF("app", .runpath = "u", NEED("libx.so")), ELF("u/libx.so"),
           ELF("lib/libx.so")),
      { "app" }, { NULL }, 0, "u/libx.so\n", "", NULL },
    { "RUNPATH only for direct deps",
      ENTS(ELF("app", .runpath = "/u", NEED("liba.so")),
           ELF("u/liba.so", NEED("libb.so")), ELF("u/libb.so")),
      { "app" }, { NULL }, -ENOENT, "u/liba.so\n",
      "libb.so|u/liba.so|" DEFAULTS "\n", NULL },
    { "loaded soname is reused",
      ENTS(ELF("bin/app", .runpath = "$ORIGIN", NEED("liba.so", "libb.so")),
           ELF("bin/liba.so"), ELF("lib/libb.so", NEED("liba.so"))),
      { "bin/app" }, { NULL }, 0, "bin/liba.so\nlib/libb.so\n", "", NULL },
    { "every missing soname, with needer",
      ENTS(ELF("bin/app", NEED("libnope.so.1", "libok.so")),
           ELF("lib/libok.so", NEED("libnope2.so", "libnope.so.1"))),
      { "/bin/app" }, { "/opt/L" }, -ENOENT, "lib/libok.so\n",
      "libnope.so.1|bin/app|opt/L " DEFAULTS "\n"
      "libnope.so.1|lib/libok.so|opt/L " DEFAULTS "\n"
      "libnope2.so|lib/libok.so|opt/L " DEFAULTS "\n", "3 needed" },
    { "missing interpreter",
      ENTS(ELF("bin/app", .interp = "/lib64/ld-gone.so")),
      { "bin/app" }, { NULL }, -ENOENT, "",
      "/lib64/ld-gone.so|bin/app|-\n", NULL },
    { "symlink chain",
      ENTS(ELF("bin/app", NEED("libz.so.1")),
           LINK("lib/x86_64-linux-gnu/libz.so.1", "libz.so.1.2"),
           LINK("lib/x86_64-linux-gnu/libz.so.1.2",
                "../../usr/lib/x86_64-linux-gnu/libz.so.1.2.13"),
           ELF("usr/lib/x86_64-linux-gnu/libz.so.1.2.13")),
      { "bin/app" }, { NULL }, 0,
      "lib/x86_64-linux-gnu/libz.so.1\nlib/x86_64-linux-gnu/libz.so.1.2\n"
      "usr/lib/x86_64-linux-gnu/libz.so.1.2.13\n", "", NULL },
    { "absolute symlink stays in the sysroot",
      /* the first link's target exists on the host, not in the sysroot */
      ENTS(ELF("bin/app", NEED("libc.so.6")),
           LINK("lib/x86_64-linux-gnu/libc.so.6",
                "/usr/lib/x86_64-linux-gnu/libc.so.6"),
           LINK("lib/libc.so.6", "/opt/real/libc.so.6"),
           ELF("opt/real/libc.so.6")),
      { "bin/app" }, { NULL }, 0, "lib/libc.so.6\nopt/real/libc.so.6\n",
      "", NULL },
    { "directory symlinks are listed",
      ENTS(ELF("bin/app", .interp = "/lib64/ld.so", NEED("libd.so")),
           LINK("lib", "usr/lib"), LINK("lib64", "/lib"),
           ELF("usr/lib/ld.so"), ELF("usr/lib/x86_64-linux-gnu/libd.so")),
      { "bin/app" }, { NULL }, 0,
      "lib\nlib64\nusr/lib/ld.so\nusr/lib/x86_64-linux-gnu/libd.so\n", "",
      NULL },
    { "symlink loop",
      ENTS(ELF("bin/app", NEED("libloop.so")),
           LINK("lib/libloop.so", "libloop2.so"),
           LINK("lib/libloop2.so", "/lib/libloop.so")),
      { "bin/app" }, { NULL }, -ELOOP, NULL, NULL, "lib/libloop.so: " },
    { "input is a symlink, given with a slash",
      ENTS(LINK("usr/sbin/tool", "../lib/tool/tool-bin"),
           ELF("usr/lib/tool/tool-bin", NEED("libt.so")), ELF("lib/libt.so")),
      { "/usr/sbin/tool" }, { NULL }, 0,
      "lib/libt.so\nusr/lib/tool/tool-bin\n", "", NULL },
    { "input symlink to a script: target listed",
      ENTS(LINK("usr/sbin/wrap", "/usr/share/w/wrap.sh"),
           TEXT("usr/share/w/wrap.sh", "#!/bin/sh\n")),
      { "usr/sbin/wrap" }, { NULL }, 0, "usr/share/w/wrap.sh\n", "", NULL },
    { "DT_NEEDED with a slash is a path",
      ENTS(ELF("app", NEED("/opt/p/libslash.so", "opt/q/libq.so")),
           ELF("opt/p/libslash.so"), ELF("lib/libq.so")),
      { "app" }, { NULL }, -ENOENT, "opt/p/libslash.so\n",
      "opt/q/libq.so|app|opt/q\n", NULL },
    { "input listed when another input needs it",
      ENTS(ELF("bin/app", NEED("liba.so")), ELF("lib/liba.so"),
           ELF("bin/other")),
      { "lib/liba.so", "bin/app", "bin/other" }, { NULL }, 0,
      "lib/liba.so\n", "", NULL },
    { "scripts and static binaries need nothing",
      ENTS(TEXT("usr/bin/script", "#!/bin/sh\necho hi\n"), TEXT("e", ""),
           ELF("bin/busybox", .is_static = 1)),
      { "usr/bin/script", "bin/busybox", "e" }, { NULL }, 0, "", "",
      NULL },
    { "directories need nothing",
      ENTS(LINK("usr/share/doc/d", "/usr/lib"), ELF("usr/lib/x.so")),
      { "usr/share/doc/d", "usr", "/" }, { NULL }, 0, "", "", NULL },
    { "foreign, non-ELF and directory candidates skipped",
      ENTS(ELF("app", NEED("libw.so", "libn.so", "libd.so")),
           ELF32("lib/x86_64-linux-gnu/libw.so"),
           TEXT("lib/x86_64-linux-gnu/libn.so", "INPUT(-lfoo)\n"),
           DIR("lib/x86_64-linux-gnu/libd.so"), ELF("usr/lib/libd.so"),
           ELF("usr/lib/libw.so"), ELF("usr/lib/libn.so")),
      { "app" }, { NULL }, 0,
      "usr/lib/libd.so\nusr/lib/libn.so\nusr/lib/libw.so\n", "", NULL },
    { "dangling link skipped",
      ENTS(ELF("app", NEED("libx.so")),
           LINK("lib/x86_64-linux-gnu/libx.so", "libx.so.9"),
           ELF("lib/libx.so")),
      { "app" }, { NULL }, 0, "lib/libx.so\n", "", NULL },
    { "ELF32 input rejected",
      ENTS(ELF32("bin/app32")), { "bin/app32" }, { NULL }, -ENOTSUP, NULL,
      NULL, "bin/app32: ELF class ELF32" },
    { "relocatable objects (any class) skipped as inputs",
      ENTS(REL("boot/grub/i386-pc/normal.mod", 'R'),
           REL("boot/grub/powerpc-ieee1275/normal.mod", 'M'),
           REL("lib/modules/6.1.0/kernel/x.ko", 'K'),
           LINK("boot/grub/normal.mod", "powerpc-ieee1275/normal.mod")),
      { "boot/grub/i386-pc/normal.mod", "lib/modules/6.1.0/kernel/x.ko",
        "boot/grub/normal.mod" }, { NULL }, 0,
      "boot/grub/powerpc-ieee1275/normal.mod\n", "", NULL },
    { "malformed library is an error",
      ENTS(ELF("app", NEED("libbad.so")), CUT("lib/libbad.so")),
      { "app" }, { NULL }, -EINVAL, NULL, NULL, "lib/libbad.so: " },
    { "missing input",
      ENTS(ELF("app")), { "app", "bin/nothere" }, { NULL }, -ENOENT, NULL,
      NULL, "bin/nothere: not found" },
    { "dangling input symlink",
      ENTS(LINK("bin/app", "/usr/bin/app")), { "/bin/app" }, { NULL },
      -ENOENT, NULL, NULL, "/bin/app: not found in the sysroot (dangling "
      "symlink bin/app)" },
};

static void run_closure_case(const struct closure_case *cc)
{
    struct keel_elfdeps_req req = { .files = cc->files,
                                    .libdirs = cc->libdirs };
    struct keel_elfdeps_result res;
    char err[KEEL_ELFDEPS_ERRLEN] = "";
    char *root = make_sysroot(cc->ents), *out, *miss;
    int rc;

    if (!root)
        return;
    req.sysroot = root;
    while (req.n_files < 3 && cc->files[req.n_files])
        req.n_files++;
    while (req.n_libdirs < 2 && cc->libdirs[req.n_libdirs])
        req.n_libdirs++;
    rc = keel_elfdeps_closure(&req, &res, err, sizeof(err));
    out = join_paths(&res);
    miss = join_missing(&res);
    if (rc != cc->rc)
        unit_fail(__FILE__, __LINE__, "%s: rc %d, want %d (%s)", cc->name,
                  rc, cc->rc, err);
    if (cc->out && strcmp(out, cc->out) != 0)
        unit_fail(__FILE__, __LINE__, "%s: paths\n%s want\n%s", cc->name,
                  out, cc->out);
    if (cc->missing && strcmp(miss, cc->missing) != 0)
        unit_fail(__FILE__, __LINE__, "%s: missing\n%s want\n%s", cc->name,
                  miss, cc->missing);
    if (cc->msg && !strstr(err, cc->msg))
        unit_fail(__FILE__, __LINE__, "%s: message \"%s\" lacks \"%s\"",
                  cc->name, err, cc->msg);
    if (rc < 0 && rc != -ENOENT && (res.n_paths || res.n_missing))
        unit_fail(__FILE__, __LINE__, "%s: result not empty", cc->name);
    keel_elfdeps_result_free(&res);
    free(out);
    free(miss);
    rm_tree(root);
    free(root);
}

UNIT_TEST(elfdeps_closure_table)
{
    for (size_t i = 0; i < sizeof(closure_cases) / sizeof(*closure_cases);
         i++)
        run_closure_case(&closure_cases[i]);
}

/* The host's own /usr/bin/true, ld.so and libc in a usrmerged layout
 * with a relative dir link, an absolute link and a two-link chain. */
UNIT_TEST(elfdeps_closure_host_true)
{
    static const char *const copies[][2] = {
        { "/usr/bin/true", "usr/bin/true" },
        { "/lib64/ld-linux-x86-64.so.2",
          "usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2" },
        { "/lib/x86_64-linux-gnu/libc.so.6",
          "usr/lib/x86_64-linux-gnu/libc-real.so" },
    };
    const struct ent links[] = {
        LINK("lib", "usr/lib"),
        LINK("lib64/ld-linux-x86-64.so.2",
             "/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2"),
        LINK("usr/lib/x86_64-linux-gnu/libc.so.6", "libc.so.6.1"),
        LINK("usr/lib/x86_64-linux-gnu/libc.so.6.1",
             "../x86_64-linux-gnu/libc-real.so"),
        { NULL, 0, NULL },
    };
    const char *files[] = { "usr/bin/true" };
    struct keel_elfdeps_req req = { .files = files, .n_files = 1 };
    struct keel_elfdeps_result res;
    char err[KEEL_ELFDEPS_ERRLEN] = "", path[4096], *root, *out;

    root = make_sysroot(links);
    if (!root)
        return;
    for (size_t i = 0; i < 3; i++) {
        size_t len = 0;
        unsigned char *buf = slurp(copies[i][0], &len);

        snprintf(path, sizeof(path), "%s/%s", root, copies[i][1]);
        CHECK(buf && mkdir_parents(path) == 0 &&
              write_file(path, buf, len) == 0);
        free(buf);
    }
    req.sysroot = root;
    CHECK_INT(keel_elfdeps_closure(&req, &res, err, sizeof(err)), 0);
    out = join_paths(&res);
    CHECK_STR(out, "lib\n"
                   "lib64/ld-linux-x86-64.so.2\n"
                   "usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2\n"
                   "usr/lib/x86_64-linux-gnu/libc-real.so\n"
                   "usr/lib/x86_64-linux-gnu/libc.so.6\n"
                   "usr/lib/x86_64-linux-gnu/libc.so.6.1\n");
    free(out);
    keel_elfdeps_result_free(&res);
    rm_tree(root);
    free(root);
}
