/*
 * fuzz-settings.c - libFuzzer target for the settings-file parser.
 *
 * Any input must parse or be refused without a crash, leak or UB; and
 * whatever parses must survive a round trip: format, parse again, same
 * values, same text.  A mismatch aborts so libFuzzer keeps the input.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keel-settings.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_roundtrip(const struct keel_settings *a)
{
    struct keel_settings b;
    struct keel_err e;
    char *t1 = NULL, *t2 = NULL;
    size_t n1, n2;

    if (keel_settings_init(&b, &e))
        return;
    if (keel_settings_format(a, &t1, &n1, &e) ||
        keel_settings_parse(&b, t1, n1, "fuzz", &e) ||
        !keel_settings_equal(a, &b) ||
        keel_settings_format(&b, &t2, &n2, &e) || n1 != n2 ||
        memcmp(t1, t2, n1) != 0) {
        fprintf(stderr, "round trip failed: %s\n", e.msg);
        abort();
    }
    free(t1);
    free(t2);
    keel_settings_fini(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct keel_settings s;
    struct keel_err e;

    if (keel_settings_init(&s, &e))
        return 0;
    if (keel_settings_parse(&s, (const char *)data, size, "fuzz", &e) == 0) {
        check_roundtrip(&s);
        /* Exercise the cross-setting rules on every parsed input too. */
        keel_settings_check(&s, NULL, &e);
    } else if (e.msg[0] == '\0') {
        abort(); /* every refusal must say why */
    }
    keel_settings_fini(&s);
    return 0;
}
