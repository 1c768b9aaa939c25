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
