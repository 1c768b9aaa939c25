/*
 * sr-json.c - strict JSON parser (sr-json.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sr-json.h"

struct parser {
    const char *s;
    size_t len, pos;
    struct keel_err *e;
};

static int fail(struct parser *p, const char *what)
{
    return keel_err_set(p->e, KEEL_EINVAL, "JSON: %s at byte %zu", what,
                        p->pos);
}

static void skip_ws(struct parser *p)
{
    while (p->pos < p->len && strchr(" \t\r\n", p->s[p->pos]) &&
           p->s[p->pos])
        p->pos++;
}

static int peek(const struct parser *p)
{
    return p->pos < p->len ? (unsigned char)p->s[p->pos] : -1;
}

static int literal(struct parser *p, const char *word)
{
    size_t n = strlen(word);

    if (p->len - p->pos < n || memcmp(p->s + p->pos, word, n) != 0)
        return fail(p, "unexpected character");
    p->pos += n;
    return 0;
}

static int digits(struct parser *p)
{
    size_t start = p->pos;

    while (peek(p) >= '0' && peek(p) <= '9')
        p->pos++;
    return p->pos > start ? 0 : fail(p, "digit expected");
}

static int number(struct parser *p, struct keel_json *j)
{
    size_t start = p->pos;

    if (peek(p) == '-')
        p->pos++;
    if (peek(p) == '0')
        p->pos++;
    else if (digits(p))
        return KEEL_EINVAL;
    if (peek(p) == '.') {
        p->pos++;
        if (digits(p))
            return KEEL_EINVAL;
    }
    if (peek(p) == 'e' || peek(p) == 'E') {
        p->pos++;
        if (peek(p) == '+' || peek(p) == '-')
            p->pos++;
        if (digits(p))
            return KEEL_EINVAL;
    }
    j->text = strndup(p->s + start, p->pos - start);
    return j->text ? 0 : keel_err_set(p->e, KEEL_ENOMEM, "out of memory");
}

static int hex4(struct parser *p, unsigned *v)
{
    *v = 0;
    for (int i = 0; i < 4; i++) {
        int c = peek(p);

        *v <<= 4;
        if (c >= '0' && c <= '9')
            *v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            *v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            *v |= (unsigned)(c - 'A' + 10);
        else
            return fail(p, "bad \\u escape");
        p->pos++;
    }
    return 0;
}

static size_t put_utf8(char *o, unsigned cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xc0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xe0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        o[2] = (char)(0x80 | (cp & 0x3f));
        return 3;
    }
    o[0] = (char)(0xf0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
    o[3] = (char)(0x80 | (cp & 0x3f));
    return 4;
}

/* A \uXXXX escape (after the 'u'), surrogate pairs joined. */
static int escape_u(struct parser *p, unsigned *cp)
{
    unsigned lo;

    if (hex4(p, cp))
        return KEEL_EINVAL;
    if (*cp >= 0xdc00 && *cp <= 0xdfff)
        return fail(p, "lone low surrogate");
    if (*cp >= 0xd800 && *cp <= 0xdbff) {
        if (literal(p, "\\u") || hex4(p, &lo))
            return fail(p, "high surrogate without its pair");
        if (lo < 0xdc00 || lo > 0xdfff)
            return fail(p, "high surrogate without its pair");
        *cp = 0x10000 + ((*cp - 0xd800) << 10) + (lo - 0xdc00);
    }
    if (*cp == 0)
        return fail(p, "\\u0000 is not allowed");
    return 0;
}

/* Length of a valid UTF-8 sequence at s (n bytes left), or 0. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
    size_t len;
    unsigned cp;

    if (s[0] < 0x80)
        return 1;
    if (s[0] >= 0xc2 && s[0] <= 0xdf)
        len = 2, cp = s[0] & 0x1fu;
    else if (s[0] >= 0xe0 && s[0] <= 0xef)
        len = 3, cp = s[0] & 0x0fu;
    else if (s[0] >= 0xf0 && s[0] <= 0xf4)
        len = 4, cp = s[0] & 0x07u;
    else
        return 0;
    if (len > n)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3fu);
    }
    if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
        (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
        return 0;
    return len;
}

static int string_char(struct parser *p, char *o, size_t *n)
{
    static const char esc_in[] = "\"\\/bfnrt", esc_out[] = "\"\\/\b\f\n\r\t";
    int c = peek(p);
    unsigned cp;
    size_t u;

    if (c < 0x20)
        return fail(p, c < 0 ? "unterminated string" : "control character "
                    "in string");
    if (c != '\\') {
        u = utf8_len((const unsigned char *)p->s + p->pos, p->len - p->pos);
        if (!u)
            return fail(p, "invalid UTF-8");
        memcpy(o + *n, p->s + p->pos, u);
        *n += u;
        p->pos += u;
        return 0;
    }
    p->pos++;
    c = peek(p);
    p->pos++;
    if (c == 'u') {
        if (escape_u(p, &cp))
            return KEEL_EINVAL;
        *n += put_utf8(o + *n, cp);
        return 0;
    }
    if (c <= 0 || !strchr(esc_in, c)) {
        p->pos--;
        return fail(p, "bad escape");
    }
    o[(*n)++] = esc_out[strchr(esc_in, c) - esc_in];
    return 0;
}

/* A string at p (at its '"'); *out malloc'd. */
static int string(struct parser *p, char **out)
{
    /* decoded text is never longer than the source */
    char *o = malloc(p->len - p->pos + 1);
    size_t n = 0;

    if (!o)
        return keel_err_set(p->e, KEEL_ENOMEM, "out of memory");
    p->pos++;
    while (peek(p) != '"') {
        if (string_char(p, o, &n)) {
            free(o);
            return KEEL_EINVAL;
        }
    }
    p->pos++;
    o[n] = '\0';
    *out = o;
    return 0;
}

static int value(struct parser *p, struct keel_json **out, int depth);

/* Elements of an array or members of an object, after the bracket. */
static int items(struct parser *p, struct keel_json *j, int depth)
{
    int obj = j->type == KEEL_JSON_OBJECT, close = obj ? '}' : ']';
    struct keel_json **tail = &j->child;
    char *key = NULL;

    skip_ws(p);
    if (peek(p) == close) {
        p->pos++;
        return 0;
    }
    for (;;) {
        skip_ws(p);
        if (obj) {
            if (peek(p) != '"')
                return fail(p, "member name expected");
            if (string(p, &key))
                return KEEL_EINVAL;
            skip_ws(p);
            if (peek(p) != ':') {
                free(key);
                return fail(p, "':' expected");
            }
            p->pos++;
        }
        if (value(p, tail, depth + 1)) {
            free(key);
            return KEEL_EINVAL;
        }
        (*tail)->key = key;
        key = NULL;
        tail = &(*tail)->next;
        skip_ws(p);
        if (peek(p) == close) {
            p->pos++;
            return 0;
        }
        if (peek(p) != ',')
            return fail(p, obj ? "',' or '}' expected" :
                        "',' or ']' expected");
        p->pos++;
    }
}

static int value(struct parser *p, struct keel_json **out, int depth)
{
    struct keel_json *j;
    int c, rc;

    if (depth > KEEL_JSON_DEPTH)
        return fail(p, "nested too deeply");
    skip_ws(p);
    j = calloc(1, sizeof(*j));
    if (!j)
        return keel_err_set(p->e, KEEL_ENOMEM, "out of memory");
    *out = j;
    c = peek(p);
    if (c == '{' || c == '[') {
        j->type = c == '{' ? KEEL_JSON_OBJECT : KEEL_JSON_ARRAY;
        p->pos++;
        rc = items(p, j, depth);
    } else if (c == '"') {
        j->type = KEEL_JSON_STRING;
        rc = string(p, &j->text);
    } else if (c == '-' || (c >= '0' && c <= '9')) {
        j->type = KEEL_JSON_NUMBER;
        rc = number(p, j);
    } else if (c == 't') {
        j->type = KEEL_JSON_TRUE;
        rc = literal(p, "true");
    } else if (c == 'f') {
        j->type = KEEL_JSON_FALSE;
        rc = literal(p, "false");
    } else {
        rc = c == 'n' ? literal(p, "null") : fail(p, c < 0 ?
                                                  "unexpected end" :
                                                  "value expected");
    }
    return rc;
}

void keel_json_free(struct keel_json *j)
{
    while (j) {
        struct keel_json *next = j->next;

        keel_json_free(j->child);
        free(j->key);
        free(j->text);
        free(j);
        j = next;
    }
}

int keel_json_parse(const char *text, size_t len, struct keel_json **out,
                    struct keel_err *e)
{
    struct parser p = { text, len, 0, e };
    struct keel_json *j = NULL;
    int rc = value(&p, &j, 0);

    if (!rc) {
        skip_ws(&p);
        if (p.pos != len)
            rc = fail(&p, "text after the value");
    }
    if (rc) {
        keel_json_free(j);
        j = NULL;
    }
    *out = j;
    return rc;
}

const struct keel_json *keel_json_get(const struct keel_json *obj,
                                      const char *key)
{
    if (!obj || obj->type != KEEL_JSON_OBJECT)
        return NULL;
    for (const struct keel_json *c = obj->child; c; c = c->next)
        if (strcmp(c->key, key) == 0)
            return c;
    return NULL;
}

const char *keel_json_str(const struct keel_json *obj, const char *key)
{
    const struct keel_json *v = keel_json_get(obj, key);

    return v && v->type == KEEL_JSON_STRING ? v->text : NULL;
}
