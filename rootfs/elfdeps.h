/*
 * elfdeps.h - shared-library closure of ELF files inside a sysroot.
 *
 * The image builder copies a chosen set of files from a staging tree of
 * extracted .debs (the sysroot) into the image; this module works out
 * which interpreters and libraries must come along, resolving every
 * name inside the sysroot, never on the build host.
 *
 * Only ELF64 little-endian x86-64 is supported.  Functions return 0 or
 * a negative errno value and, on error, write a one-line message (no
 * trailing newline, no program name) into the caller's buffer.  Nothing
 * here prints or exits.
 */
#ifndef KEEL_ELFDEPS_H
#define KEEL_ELFDEPS_H

#include <stddef.h>

/* Room for any message this module writes; longer paths truncate it. */
#define KEEL_ELFDEPS_ERRLEN 8192

/* What the dynamic loader needs to know about one ELF object. */
struct keel_elfdeps_info {
    char *interp;       /* PT_INTERP path, or NULL */
    char *soname;       /* DT_SONAME, or NULL */
    char *rpath;        /* DT_RPATH, or NULL */
    char *runpath;      /* DT_RUNPATH, or NULL */
    char **needed;      /* DT_NEEDED names in file order */
    size_t n_needed;
};

/*
 * Parse the ELF image BUF[0..LEN).  Every offset, size and string index
 * is checked against LEN, so any byte string is safe to pass.  BUF need
 * not be aligned.
 *
 * Returns 0 and fills *INFO (caller frees with keel_elfdeps_info_free;
 * a file without a dynamic section yields an empty *INFO), or:
 *   -ENOEXEC  not an ELF file at all (no magic): callers usually skip it
 *   -ENOTSUP  ELF, but not ELF64 little-endian x86-64
 *   -EINVAL   malformed: truncated, offset out of range, bad string index
 *   -ENOMEM
 * On error *INFO is left empty and needs no freeing.
 */
int keel_elfdeps_parse(const void *buf, size_t len,
                       struct keel_elfdeps_info *info,
                       char *err, size_t errlen);

/* Free what keel_elfdeps_parse allocated; INFO itself is not freed. */
void keel_elfdeps_info_free(struct keel_elfdeps_info *info);

/*
 * Paths below are relative to the sysroot; a leading '/' is accepted
 * everywhere and means the same thing.
 */
struct keel_elfdeps_req {
    const char *sysroot;
    const char *const *libdirs;  /* -L dirs: after DT_RPATH, before */
    size_t n_libdirs;            /* DT_RUNPATH and the default dirs */
    const char *const *files;    /* the files the image will run */
    size_t n_files;
};

/* One soname (or interpreter) that could not be found. */
struct keel_elfdeps_missing {
    char *name;         /* the DT_NEEDED name or the PT_INTERP path */
    char *needed_by;    /* sysroot path of the object that wants it */
    char *searched;     /* dirs tried, space-separated; NULL for interp */
};

struct keel_elfdeps_result {
    char **paths;       /* sorted, unique, no leading '/' */
    size_t n_paths;
    struct keel_elfdeps_missing *missing;  /* sorted by name, needer */
    size_t n_missing;
};

/*
 * Compute what must be copied into the image so that every file of REQ
 * can run: each interpreter and each DT_NEEDED library, recursively,
 * plus every symlink (files or directories) met on the way to them.
 * The input files themselves are listed only if something else needs
 * them; if an input is a symlink, what it points to is listed.
 *
 * Each input is resolved as its own process would be: a name already
 * loaded in that process (by DT_NEEDED name or DT_SONAME) is not
 * searched again.  Search order per needing object: DT_RPATH (only
 * without DT_RUNPATH), REQ->libdirs, DT_RUNPATH, then lib/x86_64-linux-
 * gnu, usr/lib/x86_64-linux-gnu, lib64, usr/lib64, lib, usr/lib.
 * $ORIGIN / ${ORIGIN} expand to the needing object's directory.
 * Candidates that are not ELF or are of another class are skipped, as
 * the loader does.
 *
 * Inputs that are not ELF (scripts, data, directories) are skipped
 * silently; an input that does not exist, or is a dangling symlink, is
 * an error.
 *
 * Returns 0 with *RES filled (caller frees with keel_elfdeps_result_
 * free), or:
 *   -ENOENT with RES->n_missing > 0: some libraries were not found;
 *           *RES holds the partial closure and every missing name.
 *   any other negative value (and -ENOENT with n_missing == 0, meaning
 *   an input file does not exist): a hard error; *RES is left empty.
 *           -ELOOP symlink loop, -EINVAL malformed ELF, -ENOTSUP input
 *           of the wrong ELF class, -ENOMEM, or an errno from the
 *           file system.
 */
int keel_elfdeps_closure(const struct keel_elfdeps_req *req,
                         struct keel_elfdeps_result *res,
                         char *err, size_t errlen);

/* Free what keel_elfdeps_closure allocated; RES itself is not freed. */
void keel_elfdeps_result_free(struct keel_elfdeps_result *res);

#endif
