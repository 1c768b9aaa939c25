/*
 * sr-json.h - a small strict JSON parser (RFC 8259) for the reports of
 * `lvm ... --reportformat json`; lvm2 has no supported C API.
 *
 * Strict: one value, optional white space around it, nothing after;
 * no comments, no trailing commas, no leading zeros, no control
 * characters in strings, valid \u escapes (surrogates paired) and
 * valid UTF-8.  Nesting deeper than KEEL_JSON_DEPTH is refused.
 */
#ifndef KEEL_SR_JSON_H
#define KEEL_SR_JSON_H

#include <stddef.h>

#include "keel-error.h"

#define KEEL_JSON_DEPTH 32

enum keel_json_type {
    KEEL_JSON_NULL,
    KEEL_JSON_FALSE,
    KEEL_JSON_TRUE,
    KEEL_JSON_NUMBER, /* text as written */
    KEEL_JSON_STRING, /* decoded UTF-8 (a \u0000 is refused) */
    KEEL_JSON_ARRAY,
    KEEL_JSON_OBJECT,
};

struct keel_json {
    enum keel_json_type type;
    char *key;               /* member name inside an object, else NULL */
    char *text;              /* NUMBER and STRING */
    struct keel_json *child; /* ARRAY and OBJECT: first element */
    struct keel_json *next;  /* next sibling */
};

/*
 * Parse len bytes.  On success *out is a tree the caller frees with
 * keel_json_free().  KEEL_EINVAL with the byte offset of the first
 * problem; KEEL_ENOMEM.
 */
int keel_json_parse(const char *text, size_t len, struct keel_json **out,
                    struct keel_err *e);
void keel_json_free(struct keel_json *j);

/* The member key of object obj, or NULL (also if obj is no object). */
const struct keel_json *keel_json_get(const struct keel_json *obj,
                                      const char *key);

/* The string member key of obj, or NULL if absent or not a string. */
const char *keel_json_str(const struct keel_json *obj, const char *key);

#endif
