/*
 * fuzz-lvmjson.c - libFuzzer target for the strict JSON parser and the
 * lvm report reader built on it (sr-json.h, keel-sr.h).
 *
 * Any input must parse or be refused without a crash, leak or UB; a
 * parsed string member must be NUL-free text of at most the input's
 * length; sizes read from a report must be consistent (free <= size).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "keel-sr.h"
#include "sr-json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void walk(const struct keel_json *j, size_t size, int depth)
{
    for (; j; j = j->next) {
        if (depth > KEEL_JSON_DEPTH + 1)
            abort();
        if (j->text && strlen(j->text) > size)
            abort();
        walk(j->child, size, depth + 1);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    struct keel_json *j = NULL;
    struct keel_sr sr;

    if (keel_json_parse(text, size, &j, NULL) == 0) {
        walk(j, size, 0);
        keel_json_free(j);
    }
    if (keel_sr_parse(&sr, "keel-sr", text, size, text, size, NULL) == 0) {
        if (sr.free > sr.size)
            abort();
        keel_sr_fini(&sr);
    }
    return 0;
}
