/*
 * fallback.c - the notice of a slot fallback (fallback.h).  Painted
 * from a->st.fallback, which the status refresh reads.
 */
#include <stdio.h>

#include "fallback.h"
#include "keel-slot.h"
#include "tui.h"
#include "ui.h"

int fallback_paint(struct app *a, int y, int x, int w, int max)
{
    const struct keel_slot_fallback *f = &a->st.fallback;
    char text[160];

    if (!f->failed || max < 1)
        return y;
    keel_slot_fallback_text(f, text, sizeof(text));
    return y + tui_text(y, x, w, text, (size_t)max, TUI_ERROR) + 1;
}
