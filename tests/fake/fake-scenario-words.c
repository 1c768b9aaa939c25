/*
 * fake-scenario-words.c - cut a scenario line into words, for both of
 * the fake backend's scenario loaders (fake-scenario.h).
 */
#include <string.h>

#include "fake-scenario.h"

#define STR_(x) #x
#define STR(x) STR_(x)

/*
 * Cut the word starting at r in place (it only shrinks, so the output
 * never overtakes the input) and return where the line goes on: past
 * the blank that ends the word, or at the end.  NULL for a quote left
 * open.
 */
static char *cut(char *r)
{
    char *o = r;
    int quoted = 0;

    for (; *r && (quoted || (*r != ' ' && *r != '\t')); r++) {
        if (*r == '"') {
            quoted = !quoted;
            continue;
        }
        if (quoted && *r == '\\' && (r[1] == '"' || r[1] == '\\'))
            r++;
        *o++ = *r;
    }
    if (quoted)
        return NULL;
    if (*r)
        r++;
    *o = '\0';
    return r;
}

int keel_fake_words(char *line, char *w[FAKE_WORDS_MAX], int *n,
                    const char **text, const char **why)
{
    char *r = line + strspn(line, " \t");

    *n = 0;
    *text = "";
    if (*r == '#')
        return 0;
    while (*r) {
        if (*n == FAKE_WORDS_MAX) {
            *why = "more than " STR(FAKE_WORDS_MAX) " words";
            return -1;
        }
        w[*n] = r;
        r = cut(r);
        if (!r) {
            *why = "unbalanced quotes";
            return -1;
        }
        /* The rest is untouched by cut(): TEXT as written. */
        if (++*n == 2 && strcmp(w[0], "file") == 0) {
            *text = r;
            return 0;
        }
        r += strspn(r, " \t");
    }
    return 0;
}
