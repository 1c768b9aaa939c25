/*
 * scr-keymap.c - the keyboard layout (console keymap names of Debian's
 * kbd).  Stored as the host's keymap setting; the installer's own
 * console keeps its layout (the keys it needs are the same on all).
 */
#include <stdio.h>

#include "scr-keymap.h"
#include "ui.h"

static const char *const maps[][2] = {
    { "us", "English (US)" },
    { "uk", "English (UK)" },
    { "de", "German" },
    { "de-latin1", "German (latin1)" },
    { "fr", "French" },
    { "fr-latin1", "French (latin1)" },
    { "es", "Spanish" },
    { "it", "Italian" },
    { "se-latin1", "Swedish" },
    { "no-latin1", "Norwegian" },
    { "dk-latin1", "Danish" },
    { "jp106", "Japanese (106 keys)" },
};
#define NMAPS ((int)(sizeof(maps) / sizeof(maps[0])))

enum step_result scr_keymap_ask(struct inst *in)
{
    struct ui_item v[NMAPS] = { { "", "", 0 } };
    struct ui_list l = { "Choose the keyboard layout of the installed "
                         "host.", " Up/Down: move   Enter: next", v, NMAPS,
                         in->keymap_sel, 0, 12, NULL };
    int k;

    for (int i = 0; i < NMAPS; i++)
        snprintf(v[i].text, sizeof(v[i].text), "%-12s %s", maps[i][0],
                 maps[i][1]);
    do
        k = ui_list_run(in, &l);
    while (k != UI_NEXT && k != UI_BACK);
    in->keymap_sel = l.sel;
    /* The first step: there is nothing to go back to. */
    return k == UI_NEXT ? STEP_NEXT : STEP_BACK;
}

int scr_keymap_check(struct inst *in)
{
    return inst_set(in, KEEL_S_KEYMAP, maps[in->keymap_sel][0], -1);
}
