/*
 * fuzz-slotnote.c - libFuzzer target for the fallback record's parser
 * (keel_slot_fallback_read) and for cutting a log's end at a line
 * (keel_log_tail), both through the fake backend.
 *
 * A record must be read or refused with a message; one that is read
 * names two different slots and makes a sentence.  A log's end is
 * never longer than asked and is the end of the file.  A broken rule
 * aborts so libFuzzer keeps the input.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keel-backend-fake.h"
#include "keel-log.h"
#include "keel-slot.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void record(struct keel_backend *b, const char *text, size_t n)
{
    struct keel_slot_fallback f;
    struct keel_err e = { "" };
    char sentence[160];

    keel_fake_put(b, KEEL_SLOT_FALLBACK, text, n, 0644);
    if (keel_slot_fallback_read(b, &f, &e)) {
        if (!e.msg[0] || f.failed)
            abort();
        return;
    }
    if (!strchr("AB", f.failed) || !f.failed || f.failed == f.running)
        abort();
    keel_slot_fallback_text(&f, sentence, sizeof(sentence));
}

static void tail(struct keel_backend *b, const char *text, size_t n,
                 size_t max)
{
    char *got = NULL;
    size_t len;

    keel_fake_put(b, KEEL_SYSLOG, text, n, 0644);
    if (keel_log_tail(b, KEEL_SYSLOG, max, &got, NULL, NULL))
        abort();
    len = strlen(got);
    /* the file's end (up to its first NUL, as the tail is a C string) */
    if (len > max || (len && memcmp(got, text + n - len, len) != 0 &&
                      memchr(text, '\0', n) == NULL))
        abort();
    free(got);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct keel_backend *b = keel_fake_new();

    if (!b)
        return 0;
    record(b, (const char *)data, size);
    if (size > 0)
        tail(b, (const char *)data + 1, size - 1, 1 + data[0] % 64);
    keel_backend_free(b);
    return 0;
}
