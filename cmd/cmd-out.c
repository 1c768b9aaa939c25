/*
 * cmd-out.c - an action's output as text or JSON (cmd.h).
 *
 * Text: "key: value" lines, nested objects indented, array items
 * introduced by "-".  JSON: one value, keys in the order written.
 */
#include <string.h>

#include "cmd.h"

void out_init(struct out *o, FILE *f, int json)
{
    memset(o, 0, sizeof(*o));
    o->f = f;
    o->json = json;
    o->first[0] = 1;
}

static void json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;

        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", f);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

/* Separator and key before a value at the current depth. */
static void json_key(struct out *o, const char *key)
{
    if (!o->first[o->depth])
        fputc(',', o->f);
    o->first[o->depth] = 0;
    if (key && !o->in_arr[o->depth]) {
        json_string(o->f, key);
        fputc(':', o->f);
    }
}

static void text_key(struct out *o, const char *key, int open)
{
    int d = o->depth > 0 ? o->depth - 1 : 0;

    if (o->in_arr[o->depth] && o->first[o->depth] && !open) {
        fprintf(o->f, "%*s- ", 2 * (d ? d - 1 : 0), "");
        o->first[o->depth] = 0;
    } else {
        fprintf(o->f, "%*s", 2 * d, "");
    }
    if (key && !o->in_arr[o->depth])
        fprintf(o->f, "%s:%s", key, open ? "\n" : " ");
}

static void open_(struct out *o, const char *key, int arr)
{
    if (o->json) {
        json_key(o, key);
        fputc(arr ? '[' : '{', o->f);
    } else if (o->depth > 0 && (key || o->in_arr[o->depth])) {
        if (o->in_arr[o->depth])
            fprintf(o->f, "%*s-\n", 2 * (o->depth - 1), "");
        else
            text_key(o, key, 1);
    }
    if (o->depth + 1 < 16) {
        o->depth++;
        o->first[o->depth] = 1;
        o->in_arr[o->depth] = arr;
    }
}

void out_obj(struct out *o, const char *key)
{
    open_(o, key, 0);
}

void out_arr(struct out *o, const char *key)
{
    open_(o, key, 1);
}

void out_end(struct out *o)
{
    if (o->json)
        fputc(o->in_arr[o->depth] ? ']' : '}', o->f);
    if (o->depth > 0)
        o->depth--;
}

void out_str(struct out *o, const char *key, const char *v)
{
    if (o->json) {
        json_key(o, key);
        json_string(o->f, v ? v : "");
        return;
    }
    text_key(o, key, 0);
    fprintf(o->f, "%s\n", v ? v : "");
}

void out_num(struct out *o, const char *key, long long v)
{
    if (o->json) {
        json_key(o, key);
        fprintf(o->f, "%lld", v);
        return;
    }
    text_key(o, key, 0);
    fprintf(o->f, "%lld\n", v);
}

void out_bool(struct out *o, const char *key, int v)
{
    if (o->json) {
        json_key(o, key);
        fputs(v ? "true" : "false", o->f);
        return;
    }
    text_key(o, key, 0);
    fprintf(o->f, "%s\n", v ? "yes" : "no");
}

void out_null(struct out *o, const char *key)
{
    if (o->json) {
        json_key(o, key);
        fputs("null", o->f);
        return;
    }
    text_key(o, key, 0);
    fputs("none\n", o->f);
}

void out_finish(struct out *o)
{
    if (o->json)
        fputc('\n', o->f);
    fflush(o->f);
}
