/*
 * iso.c - the ISO library (iso.h): the images VMs' CD drives take,
 * their sizes and the library's room; fetch one by URL, delete one.
 * Painted from the list app_refresh gathered (APP_ISOS).
 */
#include <stdio.h>
#include <string.h>

#include "iso.h"
#include "keel-sr.h"
#include "tui.h"
#include "ui.h"

void iso_paint(struct app *a, int y, int x, int h, int w)
{
    char sz[32], fr[32];
    int end = y + h;

    if (a->isos_rc) {
        tui_put(y, x, w, a->isos_err, TUI_ERROR, 1);
        return;
    }
    y = ui_row(y, x, w, "Folder", KEEL_ISO_DIR);
    if (!a->isos.size) {
        tui_put(y + 1, x, w, "Empty: the first ISO fetched makes it (or "
                "keelctl iso-fetch URL).", TUI_NORMAL, 1);
        return;
    }
    keel_sr_format_size(a->isos.size, sz, sizeof(sz));
    keel_sr_format_size(a->isos.free, fr, sizeof(fr));
    y = ui_row(y, x, w, "Size", sz);
    y = ui_row(y, x, w, "Free", fr);
    y++;
    tui_put(y++, x, w, "ISO                                  Size",
            TUI_HEADING, 1);
    for (size_t i = 0; i < a->isos.n && y < end; i++) {
        keel_sr_format_size(a->isos.v[i].size, sz, sizeof(sz));
        tui_put(y++, x, w, cmd_fmt("%-36.36s %s", a->isos.v[i].name, sz),
                TUI_NORMAL, 1);
    }
    if (!a->isos.n && y < end)
        tui_put(y, x, w, "No ISO yet.", TUI_NORMAL, 1);
}

static int check_url(const char *v, void *ctx, struct keel_err *e)
{
    (void)ctx;
    return keel_sr_check_url(v, "fetch", e);
}

enum next iso_fetch_activate(struct app *a, const struct action *act)
{
    char url[1024] = "http://", *argv[1] = { url };

    if (!tui_input(act->label, "URL of the ISO (http or https; the "
                   "server must say its size):", url, sizeof(url), 0,
                   check_url, NULL))
        return NEXT_REDRAW;
    return ui_run(a, act, 1, argv);
}

enum next iso_delete_activate(struct app *a, const struct action *act)
{
    struct keel_isos l;
    const char *items[64];
    char name[128], *argv[1] = { name };
    size_t n = 0;
    int k;

    if (keel_iso_list(a->b, &l, NULL))
        memset(&l, 0, sizeof(l));
    for (size_t i = 0; i < l.n && n < 64; i++)
        items[n++] = l.v[i].name;
    k = n ? tui_choose(act->label, items, n, 0) : -1;
    if (!n)
        tui_message(act->label, "No ISO in the library.");
    if (k >= 0)
        snprintf(name, sizeof(name), "%s", items[k]);
    keel_isos_free(&l);
    if (k < 0 || !tui_confirm(act->label, cmd_fmt("Delete %s from the ISO "
                                                  "library?", name)))
        return NEXT_REDRAW;
    return ui_run(a, act, 1, argv);
}
