/*
 * runner.c - runs every registered unit test, prints one line per test
 * and a closing "N passed, N failed"; exits 1 if any test failed.
 * Usage: unit-runner [-d DATADIR] [SUBSTRING]
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#define UNIT_MAX 1024

struct unit_test {
    const char *name;
    const char *file;
    unit_fn fn;
    int seq;
};

static struct unit_test tests[UNIT_MAX];
static int ntests;
static int cur_failures;
static const char *data_dir = "tests/unit/data";

void unit_register(const char *name, const char *file, unit_fn fn)
{
    if (ntests == UNIT_MAX) {
        fprintf(stderr, "unit: more than %d tests\n", UNIT_MAX);
        exit(2);
    }
    tests[ntests] = (struct unit_test){ name, file, fn, ntests };
    ntests++;
}

void unit_fail(const char *file, int line, const char *fmt, ...)
{
    va_list ap;

    fprintf(stdout, "    %s:%d: ", file, line);
    va_start(ap, fmt);
    vfprintf(stdout, fmt, ap);
    va_end(ap);
    fputc('\n', stdout);
    cur_failures++;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t len = 0;
    FILE *m;
    int c;

    if (!f)
        return NULL;
    m = open_memstream(&buf, &len);
    while (m && (c = getc(f)) != EOF)
        putc(c, m);
    if (m)
        fclose(m);
    fclose(f);
    return buf;
}

void unit_golden(const char *file, int line, const char *rel,
                 const char *text)
{
    char path[512], got[] = "/tmp/keel-golden-XXXXXX", cmd[1200];
    char *want, *diff;
    FILE *f;
    int fd, rc;

    snprintf(path, sizeof(path), "%s/%s", unit_data_dir(), rel);
    if (getenv("KEEL_UPDATE_GOLDEN")) {
        f = fopen(path, "w");
        if (f) {
            fputs(text, f);
            fclose(f);
        }
        unit_fail(file, line, "rewrote %s (KEEL_UPDATE_GOLDEN=1): review "
                  "the change with git diff", path);
        return;
    }
    want = slurp(path);
    if (!want) {
        unit_fail(file, line, "no golden file %s (run with "
                  "KEEL_UPDATE_GOLDEN=1)", path);
        return;
    }
    if (!strcmp(want, text)) {
        free(want);
        return;
    }
    free(want);
    fd = mkstemp(got);
    f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (f) {
        fputs(text, f);
        fclose(f);
    }
    snprintf(cmd, sizeof(cmd), "diff -u '%s' %s >%s.diff 2>&1", path, got,
             got);
    rc = system(cmd); /* 1: they differ, as we know */
    (void)rc;
    snprintf(cmd, sizeof(cmd), "%s.diff", got);
    diff = slurp(cmd);
    unit_fail(file, line, "%s differs:\n%s", rel, diff ? diff : "");
    free(diff);
    remove(cmd);
    remove(got);
}

const char *unit_data_dir(void)
{
    return data_dir;
}

static int by_file_then_order(const void *a, const void *b)
{
    const struct unit_test *x = a, *y = b;
    int c = strcmp(x->file, y->file);

    if (c)
        return c;
    return x->seq - y->seq;
}

int main(int argc, char **argv)
{
    const char *filter = NULL;
    int passed = 0, failed = 0;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-d") == 0 && i + 1 < argc)
            data_dir = argv[++i];
        else
            filter = argv[i];
    }
    qsort(tests, (size_t)ntests, sizeof(tests[0]), by_file_then_order);
    for (int i = 0; i < ntests; i++) {
        if (filter && !strstr(tests[i].name, filter))
            continue;
        cur_failures = 0;
        printf("  %s\n", tests[i].name);
        fflush(stdout);
        tests[i].fn();
        if (cur_failures) {
            printf("FAIL %s\n", tests[i].name);
            failed++;
        } else {
            passed++;
        }
        fflush(stdout);
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
