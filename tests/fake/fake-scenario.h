/*
 * fake-scenario.h - private to the fake backend's two scenario loaders
 * (fake-scenario-xen.c, fake-scenario-disk.c) and their unit test
 * (tests/unit/test-fake-words.c): the one tokenizer of the scenario
 * format (keel-backend-fake.h), so that both loaders, which read the
 * same file, cut every line into the same words.
 */
#ifndef KEEL_FAKE_SCENARIO_H
#define KEEL_FAKE_SCENARIO_H

/* The longest record, a disk with every attribute, has 16 words. */
#define FAKE_WORDS_MAX 24

/*
 * Cut line (modified in place) into words w[0..*n-1], separated by
 * spaces and tabs.  A word may hold double-quoted parts
 * (model="QEMU HARDDISK" is the word model=QEMU HARDDISK): blanks in
 * them do not separate, and \" and \\ in them stand for " and \; a
 * backslash elsewhere is an ordinary character.  A line whose first
 * non-blank is '#' is a comment: no words, as for a blank line ('#'
 * anywhere else is an ordinary character).
 *
 * "file PATH TEXT" is cut only up to PATH: TEXT is free text to the end
 * of the line, not words (its quotes are its own, and it may be long).
 * *text is where it starts: just after the blank that ends PATH, as
 * written.  On any other line *text is "".
 *
 * 0, or -1 with *why saying what is wrong: unbalanced quotes, or more
 * than FAKE_WORDS_MAX words.
 */
int keel_fake_words(char *line, char *w[FAKE_WORDS_MAX], int *n,
                    const char **text, const char **why);

#endif
