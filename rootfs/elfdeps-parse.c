/*
 * elfdeps-parse.c - in-memory ELF dependency parser.
 *
 * The parser reads only what the dynamic loader reads: program headers,
 * PT_INTERP and PT_DYNAMIC, with string offsets mapped through PT_LOAD.
 * Section headers are not needed for that but are bounds-checked too,
 * because they sit at the end of the file and so reveal a truncated
 * copy.  Every struct is memcpy'd out of the buffer: the fuzzer hands
 * us unaligned bytes.
 */
#include <elf.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "elfdeps.h"
#include "elfdeps-priv.h"

typedef unsigned long long ull;

struct elf_img {
    const unsigned char *buf;
    size_t len;
    Elf64_Ehdr eh;
    char *err;
    size_t errlen;
};

/* [off, off + size) lies in the image; written so nothing overflows. */
static bool in_image(const struct elf_img *im, uint64_t off, uint64_t size)
{
    return off <= im->len && size <= im->len - off;
}

static Elf64_Phdr phdr_at(const struct elf_img *im, size_t i)
{
    Elf64_Phdr ph;

    memcpy(&ph, im->buf + im->eh.e_phoff + i * sizeof(ph), sizeof(ph));
    return ph;
}

static int parse_header(struct elf_img *im)
{
    const unsigned char *b = im->buf;

    if (im->len < SELFMAG || memcmp(b, ELFMAG, SELFMAG) != 0)
        return fail(im->err, im->errlen, -ENOEXEC, "not an ELF file");
    if (im->len < EI_NIDENT)
        return fail(im->err, im->errlen, -EINVAL,
                    "truncated ELF identification (%zu bytes)", im->len);
    if (b[EI_CLASS] != ELFCLASS64)
        return fail(im->err, im->errlen, -ENOTSUP,
                    "ELF class %s not supported (only ELF64)",
                    b[EI_CLASS] == ELFCLASS32 ? "ELF32" : "unknown");
    if (b[EI_DATA] != ELFDATA2LSB)
        return fail(im->err, im->errlen, -ENOTSUP,
                    "byte order %u not supported (only little-endian)",
                    b[EI_DATA]);
    if (im->len < sizeof(im->eh))
        return fail(im->err, im->errlen, -EINVAL,
                    "truncated ELF header (%zu of %zu bytes)", im->len,
                    sizeof(im->eh));
    memcpy(&im->eh, b, sizeof(im->eh));
    if (im->eh.e_machine != EM_X86_64)
        return fail(im->err, im->errlen, -ENOTSUP,
                    "machine %u not supported (only x86-64)",
                    im->eh.e_machine);
    return 0;
}

static int check_tables(struct elf_img *im)
{
    const Elf64_Ehdr *eh = &im->eh;
    uint64_t n;
    Elf64_Shdr sh0;

    if (eh->e_phnum == PN_XNUM)
        return fail(im->err, im->errlen, -EINVAL,
                    "extended program header numbering not supported");
    if (eh->e_phnum && (eh->e_phentsize != sizeof(Elf64_Phdr) ||
        !in_image(im, eh->e_phoff, eh->e_phnum * sizeof(Elf64_Phdr))))
        return fail(im->err, im->errlen, -EINVAL,
                    "program headers (offset %#llx, %u of size %u) "
                    "beyond end of file (%zu bytes) or malformed",
                    (ull)eh->e_phoff, eh->e_phnum, eh->e_phentsize,
                    im->len);
    if (eh->e_shoff == 0)
        return 0;
    n = eh->e_shnum;
    if (eh->e_shentsize == sizeof(sh0) &&
        in_image(im, eh->e_shoff, sizeof(sh0))) {
        /* e_shnum == 0 means the real count is in section 0 */
        memcpy(&sh0, im->buf + eh->e_shoff, sizeof(sh0));
        if (n == 0)
            n = sh0.sh_size;
        if (n <= im->len / sizeof(sh0) &&
            in_image(im, eh->e_shoff, n * sizeof(sh0)))
            return 0;
    }
    return fail(im->err, im->errlen, -EINVAL,
                "section headers (offset %#llx, %llu of size %u) beyond "
                "end of file (%zu bytes) or malformed",
                (ull)eh->e_shoff, (ull)n, eh->e_shentsize, im->len);
}

struct elf_segs {
    bool has_interp, has_dyn;
    Elf64_Phdr interp, dyn;
};

static int scan_phdrs(struct elf_img *im, struct elf_segs *s)
{
    static const char *const names[] = {
        [PT_LOAD] = "PT_LOAD", [PT_DYNAMIC] = "PT_DYNAMIC",
        [PT_INTERP] = "PT_INTERP",
    };

    for (size_t i = 0; i < im->eh.e_phnum; i++) {
        Elf64_Phdr ph = phdr_at(im, i);

        if (ph.p_type != PT_LOAD && ph.p_type != PT_DYNAMIC &&
            ph.p_type != PT_INTERP)
            continue;
        if (!in_image(im, ph.p_offset, ph.p_filesz))
            return fail(im->err, im->errlen, -EINVAL,
                        "%s segment (offset %#llx, size %#llx) beyond "
                        "end of file (%zu bytes)", names[ph.p_type],
                        (ull)ph.p_offset, (ull)ph.p_filesz, im->len);
        if (ph.p_type == PT_INTERP && !s->has_interp) {
            s->interp = ph;
            s->has_interp = true;
        } else if (ph.p_type == PT_DYNAMIC && !s->has_dyn) {
            s->dyn = ph;
            s->has_dyn = true;
        }
    }
    return 0;
}

static int read_interp(struct elf_img *im, const Elf64_Phdr *ph,
                       char **out)
{
    const char *s = (const char *)im->buf + ph->p_offset;

    if (ph->p_filesz == 0 || s[0] == '\0' ||
        !memchr(s, '\0', (size_t)ph->p_filesz))
        return fail(im->err, im->errlen, -EINVAL,
                    "PT_INTERP is empty or not NUL-terminated");
    *out = strdup(s);
    return *out ? 0 : fail(im->err, im->errlen, -ENOMEM, "out of memory");
}

enum { REF_STRTAB, REF_STRSZ, REF_SONAME, REF_RPATH, REF_RUNPATH, REF_N };

static const int64_t ref_tag[REF_N] = {
    DT_STRTAB, DT_STRSZ, DT_SONAME, DT_RPATH, DT_RUNPATH,
};
static const char *const ref_name[REF_N] = {
    "DT_STRTAB", "DT_STRSZ", "DT_SONAME", "DT_RPATH", "DT_RUNPATH",
};

struct dyn_scan {
    uint64_t val[REF_N];
    bool set[REF_N];
    size_t n_needed;
    size_t n_dyn;       /* entries before DT_NULL */
    uint64_t stroff, strsz;
};

static Elf64_Dyn dyn_at(const struct elf_img *im, const Elf64_Phdr *ph,
                        size_t i)
{
    Elf64_Dyn d;

    memcpy(&d, im->buf + ph->p_offset + i * sizeof(d), sizeof(d));
    return d;
}

static void scan_dyn(const struct elf_img *im, const Elf64_Phdr *ph,
                     struct dyn_scan *ds)
{
    size_t n = (size_t)(ph->p_filesz / sizeof(Elf64_Dyn));

    memset(ds, 0, sizeof(*ds));
    for (ds->n_dyn = 0; ds->n_dyn < n; ds->n_dyn++) {
        Elf64_Dyn d = dyn_at(im, ph, ds->n_dyn);

        if (d.d_tag == DT_NULL)
            break;
        if (d.d_tag == DT_NEEDED)
            ds->n_needed++;
        for (int r = 0; r < REF_N; r++) {
            if (d.d_tag == ref_tag[r] && !ds->set[r]) {
                ds->val[r] = d.d_un.d_val;
                ds->set[r] = true;
            }
        }
    }
}

/* DT_STRTAB is an address; the loader finds it through PT_LOAD. */
static int locate_strtab(const struct elf_img *im, struct dyn_scan *ds)
{
    uint64_t va = ds->val[REF_STRTAB];

    if (!ds->set[REF_STRTAB])
        return fail(im->err, im->errlen, -EINVAL,
                    "dynamic section has strings but no DT_STRTAB");
    for (size_t i = 0; i < im->eh.e_phnum; i++) {
        Elf64_Phdr ph = phdr_at(im, i);
        uint64_t avail;

        if (ph.p_type != PT_LOAD || va < ph.p_vaddr ||
            va - ph.p_vaddr >= ph.p_filesz)
            continue;
        avail = ph.p_filesz - (va - ph.p_vaddr);
        ds->stroff = ph.p_offset + (va - ph.p_vaddr);
        ds->strsz = ds->set[REF_STRSZ] ? ds->val[REF_STRSZ] : avail;
        if (ds->strsz > avail)
            return fail(im->err, im->errlen, -EINVAL,
                        "DT_STRSZ %#llx runs past its segment",
                        (ull)ds->strsz);
        return 0;
    }
    return fail(im->err, im->errlen, -EINVAL,
                "DT_STRTAB address %#llx not in any PT_LOAD segment",
                (ull)va);
}

static int get_str(const struct elf_img *im, const struct dyn_scan *ds,
                   uint64_t idx, const char *what, char **out)
{
    const char *s = (const char *)im->buf + ds->stroff + idx;

    if (idx >= ds->strsz)
        return fail(im->err, im->errlen, -EINVAL,
                    "%s: string index %#llx out of range (string table "
                    "size %#llx)", what, (ull)idx, (ull)ds->strsz);
    if (!memchr(s, '\0', (size_t)(ds->strsz - idx)))
        return fail(im->err, im->errlen, -EINVAL,
                    "%s: string at index %#llx not NUL-terminated", what,
                    (ull)idx);
    *out = strdup(s);
    return *out ? 0 : fail(im->err, im->errlen, -ENOMEM, "out of memory");
}

static int read_needed(const struct elf_img *im, const Elf64_Phdr *ph,
                       const struct dyn_scan *ds,
                       struct keel_elfdeps_info *info)
{
    int rc;

    info->needed = calloc(ds->n_needed, sizeof(*info->needed));
    if (!info->needed)
        return fail(im->err, im->errlen, -ENOMEM, "out of memory");
    for (size_t i = 0; i < ds->n_dyn; i++) {
        Elf64_Dyn d = dyn_at(im, ph, i);
        char **slot = &info->needed[info->n_needed];

        if (d.d_tag != DT_NEEDED)
            continue;
        rc = get_str(im, ds, d.d_un.d_val, "DT_NEEDED", slot);
        if (rc < 0)
            return rc;
        info->n_needed++;
        if (**slot == '\0')
            return fail(im->err, im->errlen, -EINVAL, "empty DT_NEEDED");
    }
    return 0;
}

static int read_dynamic(struct elf_img *im, const Elf64_Phdr *ph,
                        struct keel_elfdeps_info *info)
{
    char **dst[REF_N] = {
        [REF_SONAME] = &info->soname, [REF_RPATH] = &info->rpath,
        [REF_RUNPATH] = &info->runpath,
    };
    struct dyn_scan ds;
    int rc;

    scan_dyn(im, ph, &ds);
    if (!ds.n_needed && !ds.set[REF_SONAME] && !ds.set[REF_RPATH] &&
        !ds.set[REF_RUNPATH])
        return 0;
    rc = locate_strtab(im, &ds);
    for (int r = 0; r < REF_N && rc == 0; r++) {
        if (dst[r] && ds.set[r])
            rc = get_str(im, &ds, ds.val[r], ref_name[r], dst[r]);
    }
    if (rc == 0 && ds.n_needed)
        rc = read_needed(im, ph, &ds, info);
    return rc;
}

int keel_elfdeps_parse(const void *buf, size_t len,
                       struct keel_elfdeps_info *info,
                       char *err, size_t errlen)
{
    struct elf_img im = { .buf = buf, .len = len, .err = err,
                          .errlen = errlen };
    struct elf_segs segs = { 0 };
    int rc;

    memset(info, 0, sizeof(*info));
    rc = parse_header(&im);
    if (rc < 0)
        goto out;
    rc = check_tables(&im);
    if (rc < 0)
        goto out;
    rc = scan_phdrs(&im, &segs);
    if (rc < 0)
        goto out;
    if (segs.has_interp)
        rc = read_interp(&im, &segs.interp, &info->interp);
    if (rc == 0 && segs.has_dyn)
        rc = read_dynamic(&im, &segs.dyn, info);
out:
    if (rc < 0)
        keel_elfdeps_info_free(info);
    return rc;
}

void keel_elfdeps_info_free(struct keel_elfdeps_info *info)
{
    for (size_t i = 0; i < info->n_needed; i++)
        free(info->needed[i]);
    free(info->needed);
    free(info->interp);
    free(info->soname);
    free(info->rpath);
    free(info->runpath);
    memset(info, 0, sizeof(*info));
}

bool keel_elfdeps_is_rel(const void *buf, size_t len)
{
    const unsigned char *b = buf;
    unsigned type;

    /* e_type follows e_ident in both classes; its byte order is EI_DATA */
    if (len < EI_NIDENT + 2 || memcmp(b, ELFMAG, SELFMAG) != 0)
        return false;
    if (b[EI_DATA] == ELFDATA2LSB)
        type = b[EI_NIDENT] | (unsigned)b[EI_NIDENT + 1] << 8;
    else if (b[EI_DATA] == ELFDATA2MSB)
        type = (unsigned)b[EI_NIDENT] << 8 | b[EI_NIDENT + 1];
    else
        return false;
    return type == ET_REL;
}
