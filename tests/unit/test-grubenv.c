/*
 * test-grubenv.c - GRUB environment blocks (checked against
 * grub-editenv's own output) and the A/B slot walk.
 */
#include <stdio.h>
#include <string.h>

#include "keel-grubenv.h"
#include "unit.h"

UNIT_TEST(grubenv_format_exact_block)
{
    struct keel_grubenv g;
    struct keel_slots s;
    char out[KEEL_GRUBENV_SIZE];
    static const char want[] = "# GRUB Environment Block\n"
                               "ORDER=A B\nA_OK=1\nA_TRY=0\nB_OK=0\n"
                               "B_TRY=0\n";

    keel_grubenv_init(&g);
    keel_slots_initial(&s);
    CHECK_INT(keel_slots_put(&s, &g, NULL), 0);
    CHECK_INT(keel_grubenv_format(&g, out, NULL), 0);
    CHECK(memcmp(out, want, sizeof(want) - 1) == 0);
    CHECK(out[sizeof(want) - 1] == '#');
    CHECK(out[KEEL_GRUBENV_SIZE - 1] == '#');
}

UNIT_TEST(grubenv_parse_roundtrip_and_escapes)
{
    struct keel_grubenv g, h;
    char out[KEEL_GRUBENV_SIZE];
    static const char text[] = "# GRUB Environment Block\n"
                               "saved_entry=keel-a\nX=a\\\\b\\\nc\n"
                               "##########";

    CHECK_INT(keel_grubenv_parse(&g, text, sizeof(text) - 1, NULL), 0);
    CHECK_INT(g.n, 2);
    CHECK_STR(keel_grubenv_get(&g, "saved_entry"), "keel-a");
    CHECK_STR(keel_grubenv_get(&g, "X"), "a\\b\nc");
    CHECK(keel_grubenv_get(&g, "Y") == NULL);
    CHECK_INT(keel_grubenv_format(&g, out, NULL), 0);
    CHECK_INT(keel_grubenv_parse(&h, out, sizeof(out), NULL), 0);
    CHECK_STR(keel_grubenv_get(&h, "X"), "a\\b\nc");
    CHECK_INT(keel_grubenv_set(&h, "X", "new", NULL), 0);
    CHECK_INT(h.n, 2);
    CHECK_STR(h.v[1].value, "new");
}

UNIT_TEST(grubenv_parse_errors)
{
    struct keel_grubenv g;
    struct keel_err e;
    static const char *const bad[] = {
        "", "GRUB\n", "# GRUB Environment Block\nnovalue\n",
        "# GRUB Environment Block\nbad-name=1\n",
    };

    keel_grubenv_init(&g);
    keel_grubenv_set(&g, "KEEP", "1", NULL);
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        CHECK_INT(keel_grubenv_parse(&g, bad[i], strlen(bad[i]), &e),
                  KEEL_EINVAL);
    CHECK_STR(keel_grubenv_get(&g, "KEEP"), "1");
    CHECK_INT(keel_grubenv_set(&g, "a b", "1", &e), KEEL_EINVAL);
}

UNIT_TEST(grubenv_too_big)
{
    struct keel_grubenv g;
    char out[KEEL_GRUBENV_SIZE], val[250];
    struct keel_err e;

    memset(val, 'x', sizeof(val) - 1);
    val[sizeof(val) - 1] = '\0';
    keel_grubenv_init(&g);
    for (int i = 0; i < 5; i++) {
        char name[16];

        snprintf(name, sizeof(name), "V%d", i);
        CHECK_INT(keel_grubenv_set(&g, name, val, NULL), 0);
    }
    CHECK_INT(keel_grubenv_format(&g, out, &e), KEEL_EINVAL);
}

/* The block grub-editenv 2.06 writes for `set ORDER="A B" A_OK=1`. */
UNIT_TEST(grubenv_reads_grub_editenv_output)
{
    char path[512], buf[KEEL_GRUBENV_SIZE + 1];
    struct keel_grubenv g;
    struct keel_slots s;
    FILE *f;
    size_t n;

    snprintf(path, sizeof(path), "%s/install/grubenv-editenv",
             unit_data_dir());
    f = fopen(path, "rb");
    CHECK(f != NULL);
    if (!f)
        return;
    n = fread(buf, 1, sizeof(buf), f);
    fclose(f);
    CHECK_INT(n, KEEL_GRUBENV_SIZE);
    CHECK_INT(keel_grubenv_parse(&g, buf, n, NULL), 0);
    CHECK_INT(keel_slots_get(&s, &g, NULL), 0);
    CHECK_INT(s.order[0], 'B');
    CHECK_INT(s.ok[0], 1);
    CHECK_INT(s.ok[1], 1);
    CHECK_INT(s.try_[1], 1);
}

UNIT_TEST(grubenv_slots_walk)
{
    struct keel_slots s;

    keel_slots_initial(&s);
    CHECK_INT(keel_slots_pick(&s), 'A');
    CHECK_INT(s.try_[0], 1);
    /* A was tried and never marked good, B empty: A again, TRY reset. */
    CHECK_INT(keel_slots_pick(&s), 'A');
    CHECK_INT(s.try_[0], 1);
    keel_slots_mark_good(&s, 'A');
    CHECK_INT(s.try_[0], 0);
    /* An update into B. */
    keel_slots_mark_bad(&s, 'B');
    keel_slots_activate(&s, 'B');
    CHECK_INT(s.order[0], 'B');
    CHECK_INT(keel_slots_active(&s), 'B');
    CHECK_INT(keel_slots_pick(&s), 'B');
    /* B hangs before mark-good: the next boot falls back to A. */
    CHECK_INT(keel_slots_pick(&s), 'A');
    CHECK_INT(s.try_[0], 1);
    CHECK_INT(s.try_[1], 1);
    /* Both tried: clear and start again with B (first in ORDER). */
    CHECK_INT(keel_slots_pick(&s), 'B');
    keel_slots_mark_bad(&s, 'A');
    keel_slots_mark_bad(&s, 'B');
    CHECK_INT(keel_slots_pick(&s), 0);
    CHECK_INT(keel_slots_active(&s), 0);
}

UNIT_TEST(grubenv_slots_get_put)
{
    struct keel_grubenv g;
    struct keel_slots s;
    struct keel_err e;

    keel_grubenv_init(&g);
    CHECK_INT(keel_slots_get(&s, &g, NULL), 0);
    CHECK_INT(s.order[0], 'A');
    CHECK_INT(s.ok[0], 0); /* GRUB's defaults: nothing is OK */
    keel_grubenv_set(&g, "ORDER", "B A", NULL);
    keel_grubenv_set(&g, "B_OK", "1", NULL);
    CHECK_INT(keel_slots_get(&s, &g, NULL), 0);
    CHECK_INT(keel_slots_active(&s), 'B');
    keel_grubenv_set(&g, "ORDER", "C", NULL);
    CHECK_INT(keel_slots_get(&s, &g, &e), KEEL_EINVAL);
    CHECK(strstr(e.msg, "ORDER") != NULL);
    keel_grubenv_set(&g, "ORDER", "A B", NULL);
    keel_grubenv_set(&g, "A_TRY", "yes", NULL);
    CHECK_INT(keel_slots_get(&s, &g, &e), KEEL_EINVAL);
}
