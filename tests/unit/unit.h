/*
 * unit.h - the smallest test harness that does the job.
 *
 * A test file defines tests with UNIT_TEST(name) { ... } and checks with
 * CHECK*().  Tests register themselves at load time; tests/unit/runner.c
 * runs them all (or those whose name contains argv[1]) and prints one
 * closing line "N passed, N failed".  A failed CHECK marks the test
 * failed and carries on, so one run shows every broken expectation.
 */
#ifndef KEEL_UNIT_H
#define KEEL_UNIT_H

#include <string.h>

typedef void (*unit_fn)(void);

void unit_register(const char *name, const char *file, unit_fn fn);
void unit_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Directory holding test data files (tests/unit/data), set by the runner. */
const char *unit_data_dir(void);

/*
 * Compare text with the data file rel (under unit_data_dir()); when they
 * differ the failure shows a unified diff.  KEEL_UPDATE_GOLDEN=1
 * rewrites the file and still fails, so a rewrite is never a silent
 * pass (tests/tui/run follows the same rule).
 */
void unit_golden(const char *file, int line, const char *rel,
                 const char *text);
#define CHECK_GOLDEN(rel, text) unit_golden(__FILE__, __LINE__, rel, text)

#define UNIT_TEST(name)                                                   \
    static void name(void);                                               \
    __attribute__((constructor)) static void unit_reg_##name(void)        \
    {                                                                     \
        unit_register(#name, __FILE__, name);                             \
    }                                                                     \
    static void name(void)

#define CHECK(cond)                                                       \
    do {                                                                  \
        if (!(cond))                                                      \
            unit_fail(__FILE__, __LINE__, "%s", #cond);                   \
    } while (0)

#define CHECK_INT(got, want)                                              \
    do {                                                                  \
        long long g_ = (long long)(got), w_ = (long long)(want);          \
        if (g_ != w_)                                                     \
            unit_fail(__FILE__, __LINE__, "%s == %lld, want %lld", #got,  \
                      g_, w_);                                            \
    } while (0)

#define CHECK_STR(got, want)                                              \
    do {                                                                  \
        const char *g_ = (got), *w_ = (want);                             \
        if (!g_ || !w_ || strcmp(g_, w_) != 0)                            \
            unit_fail(__FILE__, __LINE__, "%s == \"%s\", want \"%s\"",    \
                      #got, g_ ? g_ : "(null)", w_ ? w_ : "(null)");      \
    } while (0)

#endif
