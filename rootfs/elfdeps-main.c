/*
 * keel-elfdeps - print the shared-library closure of files in a sysroot.
 *
 * Usage: keel-elfdeps [-L DIR]... SYSROOT FILE...
 *
 * Prints, sorted, one per line and relative to SYSROOT, every path the
 * image needs so that each FILE can run.  Exits 1 (printing nothing on
 * stdout) if anything is missing or malformed, 2 on bad usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "elfdeps.h"

static const char prog[] = "keel-elfdeps";

static int usage(void)
{
    fprintf(stderr, "usage: %s [-L DIR]... SYSROOT FILE...\n", prog);
    return 2;
}

static void report_missing(const char *sysroot,
                           const struct keel_elfdeps_result *res)
{
    for (size_t i = 0; i < res->n_missing; i++) {
        const struct keel_elfdeps_missing *m = &res->missing[i];

        if (m->searched)
            fprintf(stderr, "%s: %s (needed by %s) not found in %s "
                    "(searched: %s)\n", prog, m->name, m->needed_by,
                    sysroot, m->searched);
        else
            fprintf(stderr, "%s: %s (interpreter of %s) not found in %s\n",
                    prog, m->name, m->needed_by, sysroot);
    }
}

int main(int argc, char **argv)
{
    struct keel_elfdeps_req req = { 0 };
    struct keel_elfdeps_result res = { 0 };
    const char **libdirs;
    char err[KEEL_ELFDEPS_ERRLEN];
    int opt, rc, status = 1;

    /* at most one -L per two argv slots: argc bounds the count */
    libdirs = calloc((size_t)argc, sizeof(*libdirs));
    if (!libdirs) {
        fprintf(stderr, "%s: out of memory\n", prog);
        return 1;
    }
    while ((opt = getopt(argc, argv, "L:")) != -1) {
        if (opt != 'L') {
            status = usage();
            goto out;
        }
        libdirs[req.n_libdirs++] = optarg;
    }
    if (argc - optind < 2) {
        status = usage();
        goto out;
    }
    req.sysroot = argv[optind];
    req.libdirs = libdirs;
    req.files = (const char *const *)argv + optind + 1;
    req.n_files = (size_t)(argc - optind - 1);

    rc = keel_elfdeps_closure(&req, &res, err, sizeof(err));
    if (rc < 0 && res.n_missing) {
        report_missing(req.sysroot, &res);
    } else if (rc < 0) {
        fprintf(stderr, "%s: %s\n", prog, err);
    } else {
        for (size_t i = 0; i < res.n_paths; i++)
            printf("%s\n", res.paths[i]);
        status = fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
        if (status)
            fprintf(stderr, "%s: error writing output\n", prog);
    }
out:
    keel_elfdeps_result_free(&res);
    free(libdirs);
    return status;
}
