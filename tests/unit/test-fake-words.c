/*
 * test-fake-words.c - the scenario tokenizer both fake loaders share
 * (tests/fake/fake-scenario.h), and that both loaders use it.
 */
#include <stdio.h>
#include <string.h>

#include "fake-scenario.h"
#include "keel-backend-fake.h"
#include "unit.h"

/* A line and what keel_fake_words() must make of it (render()). */
struct wcase {
    const char *line, *want;
};

/*
 * keel_fake_words() on a copy of line (it writes into it), as one
 * string: each word in brackets, then '+' and the file record's TEXT
 * when there is one; or "error: " and the reason.
 */
static void render(const char *line, char *out, size_t size)
{
    char buf[1024], *w[FAKE_WORDS_MAX];
    const char *text = NULL, *why = NULL;
    size_t len = 0;
    int n = -1;

    snprintf(buf, sizeof(buf), "%s", line);
    if (keel_fake_words(buf, w, &n, &text, &why)) {
        snprintf(out, size, "error: %s", why ? why : "(no reason)");
        return;
    }
    /* Unset outputs must show, or an empty line would pass unseen. */
    if (n < 0 || n > FAKE_WORDS_MAX || !text) {
        snprintf(out, size, "n %d, text %s", n, text ? "set" : "unset");
        return;
    }
    out[0] = '\0';
    for (int i = 0; i < n && len < size; i++)
        len += (size_t)snprintf(out + len, size - len, "[%s]", w[i]);
    if (*text && len < size)
        snprintf(out + len, size - len, "+%s", text);
}

static void check_words(const struct wcase *t, size_t n)
{
    char got[2048];

    for (size_t i = 0; i < n; i++) {
        render(t[i].line, got, sizeof(got));
        if (strcmp(got, t[i].want) != 0)
            unit_fail(__FILE__, __LINE__, "\"%s\" gives \"%s\", want "
                      "\"%s\"", t[i].line, got, t[i].want);
    }
}

#define CHECK_WORDS(t) check_words(t, sizeof(t) / sizeof((t)[0]))

UNIT_TEST(fake_words_spaces_and_tabs)
{
    static const struct wcase t[] = {
        { "  vm\tweb \t running\t\t1024 2  3700 \t",
          "[vm][web][running][1024][2][3700]" },
        { "a\tb c", "[a][b][c]" },
    };

    CHECK_WORDS(t);
}

UNIT_TEST(fake_words_quotes_group)
{
    /* Quotes may open mid-word; blanks and '#' in them are the word's. */
    static const struct wcase t[] = {
        { "disk sda model=\"QEMU  HARD\tDISK\" ro=0",
          "[disk][sda][model=QEMU  HARD\tDISK][ro=0]" },
        { "\"a b\"c x\"# not a comment\"", "[a bc][x# not a comment]" },
        { "a \"\" b", "[a][][b]" },
    };

    CHECK_WORDS(t);
}

UNIT_TEST(fake_words_escapes)
{
    /* In quotes \" and \\ only; elsewhere a backslash is itself. */
    static const struct wcase t[] = {
        { "a \"say \\\"hi\\\" \\\\ \\n\"", "[a][say \"hi\" \\ \\n]" },
        { "b\\\\c\\n", "[b\\\\c\\n]" },
        { "a\\\"b\"", "[a\\b]" },
    };

    CHECK_WORDS(t);
}

UNIT_TEST(fake_words_unbalanced_quotes)
{
    static const struct wcase t[] = {
        { "disk sda model=\"QEMU HARDDISK", "error: unbalanced quotes" },
        { "a \"b\" \"c", "error: unbalanced quotes" },
        { "a \"escaped \\\" is no end", "error: unbalanced quotes" },
        { "file \"/etc/x text", "error: unbalanced quotes" },
    };

    CHECK_WORDS(t);
}

UNIT_TEST(fake_words_limit)
{
    char most[256] = "", want[256] = "", over[sizeof(most) + 16];
    const struct wcase t[] = {
        { most, want },
        { over, "error: more than 24 words" },
    };

    for (int i = 0; i < FAKE_WORDS_MAX; i++) {
        snprintf(most + strlen(most), sizeof(most) - strlen(most),
                 "w%d ", i);
        snprintf(want + strlen(want), sizeof(want) - strlen(want),
                 "[w%d]", i);
    }
    snprintf(over, sizeof(over), "%sone-more", most);
    CHECK_WORDS(t);
}

UNIT_TEST(fake_words_comments)
{
    /* A comment line is not cut: an open quote or 30 words are fine;
     * '#' anywhere but first is an ordinary character. */
    static const struct wcase t[] = {
        { "# a \"quote left open", "" },
        { " \t#1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0",
          "" },
        { "lv data 1G #owner a#b", "[lv][data][1G][#owner][a#b]" },
    };

    CHECK_WORDS(t);
}

UNIT_TEST(fake_words_empty_line)
{
    static const struct wcase t[] = {
        { "", "" },
        { " \t \t", "" },
    };

    CHECK_WORDS(t);
}

UNIT_TEST(fake_words_file_text)
{
    /* TEXT as written, from just after PATH's blank: not words, so no
     * limit and no quotes; only the file record is cut short. */
    static const struct wcase t[] = {
        { " file\t/etc/motd  say \"hi #1\\n",
          "[file][/etc/motd]+ say \"hi #1\\n" },
        { "file /etc/log 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5",
          "[file][/etc/log]+1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 "
          "4 5" },
        { "file /etc/empty", "[file][/etc/empty]" },
        { "file", "[file]" },
        { "files /etc/motd a b", "[files][/etc/motd][a][b]" },
    };

    CHECK_WORDS(t);
}

/* Both loaders cut lines alike: the same errors, the same file TEXT. */
UNIT_TEST(fake_words_in_both_loaders)
{
    static const char text[] = "file /etc/motd\t\"Hi\" he said, \"that's "
                               "it\\n\n";
    static const char open_quote[] = "# fine\n\nlv \"data 1G\n";
    struct keel_backend *b = keel_fake_new();
    struct keel_err e = { "" };
    const char *got = NULL;

    CHECK(b != NULL);
    CHECK_INT(keel_fake_xen_load(b, text, strlen(text), "t", &e), 0);
    CHECK_INT(keel_fake_get(b, "/etc/motd", &got, NULL, NULL), 0);
    CHECK_STR(got, "\"Hi\" he said, \"that's it\n");
    CHECK_INT(keel_fake_put(b, "/etc/motd", "", 0, 0644), 0);
    CHECK_INT(keel_fake_disk_load(b, text, strlen(text), "t", &e), 0);
    got = NULL;
    CHECK_INT(keel_fake_get(b, "/etc/motd", &got, NULL, NULL), 0);
    CHECK_STR(got, "\"Hi\" he said, \"that's it\n");
    CHECK_INT(keel_fake_xen_load(b, open_quote, strlen(open_quote), "t",
                                 &e), KEEL_EINVAL);
    CHECK_STR(e.msg, "t:3: unbalanced quotes");
    CHECK_INT(keel_fake_disk_load(b, open_quote, strlen(open_quote), "t",
                                  &e), KEEL_EINVAL);
    CHECK_STR(e.msg, "t:3: unbalanced quotes");
    keel_backend_free(b);
}
