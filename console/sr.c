/*
 * sr.c - Storage Repository (sr.h): capacity, free space, virtual
 * disks with their owner VMs; create and delete a disk.  Painted from
 * the SR as lvm last reported it (app_refresh).
 */
#include <stdio.h>
#include <string.h>

#include "keel-sr.h"
#include "sr.h"
#include "tui.h"
#include "ui.h"

void sr_paint(struct app *a, int y, int x, int h, int w)
{
    char sz[32], fr[32];
    int end = y + h;

    if (!a->st.sr_ok) {
        tui_put(y, x, w, a->st.sr_err, TUI_ERROR, 1);
        return;
    }
    keel_sr_format_size(a->sr.size, sz, sizeof(sz));
    keel_sr_format_size(a->sr.free, fr, sizeof(fr));
    y = ui_row(y, x, w, "Volume group", a->sr.vg);
    y = ui_row(y, x, w, "Capacity", sz);
    y = ui_row(y, x, w, "Free", fr);
    y++;
    tui_put(y++, x, w, "Virtual disk       Size       Owner VM",
            TUI_HEADING, 1);
    for (size_t i = 0; i < a->sr.n && y < end; i++) {
        keel_sr_format_size(a->sr.vdis[i].size, sz, sizeof(sz));
        tui_put(y++, x, w, cmd_fmt("%-18.18s %-10s %s", a->sr.vdis[i].name,
                                   sz, a->sr.vdis[i].owner[0] ?
                                   a->sr.vdis[i].owner : "-"),
                TUI_NORMAL, 1);
    }
}

static int check_name(const char *v, void *ctx, struct keel_err *e)
{
    (void)ctx;
    return keel_sr_valid_name(v, e);
}

static int check_size(const char *v, void *ctx, struct keel_err *e)
{
    uint64_t n;

    (void)ctx;
    return keel_sr_parse_size(v, &n, e);
}

enum next vdi_create_activate(struct app *a, const struct action *act)
{
    char name[64] = "", size[32] = "8G", owner[64] = "";
    char *argv[3] = { name, size, owner };

    if (!tui_input(act->label, "Name of the virtual disk:", name,
                   sizeof(name), 0, check_name, NULL) ||
        !tui_input(act->label, "Size (e.g. 20G):", size, sizeof(size), 0,
                   check_size, NULL) ||
        !tui_input(act->label, "Owner VM (empty for none):", owner,
                   sizeof(owner), 0, NULL, NULL))
        return NEXT_REDRAW;
    return ui_run(a, act, owner[0] ? 3 : 2, argv);
}

enum next vdi_delete_activate(struct app *a, const struct action *act)
{
    const char *items[64];
    char name[64], *argv[1] = { name };
    size_t n = a->sr.n < 64 ? a->sr.n : 64;
    int k;

    for (size_t i = 0; i < n; i++)
        items[i] = a->sr.vdis[i].name;
    if (!n) {
        tui_message(act->label, "No virtual disks.");
        return NEXT_REDRAW;
    }
    k = tui_choose(act->label, items, n, 0);
    if (k < 0)
        return NEXT_REDRAW;
    snprintf(name, sizeof(name), "%s", items[k]);
    if (!tui_confirm(act->label, cmd_fmt("Delete %s and everything on it?",
                                         name)))
        return NEXT_REDRAW;
    return ui_run(a, act, 1, argv);
}

/* Import: the image file on the host (copied there with scp) or a URL,
 * then the new disk's name.  Export: the disk, then the file to write. */
enum next vdi_image_activate(struct app *a, const struct action *act)
{
    char file[256] = "/var/lib/keel/", name[64] = "";
    char *argv[2];
    int import = strcmp(act->name, "vdi-import") == 0;

    if (import) {
        argv[0] = file;
        argv[1] = name;
        if (!tui_input(act->label, "Image file on the host, or an http(s) "
                       "URL (raw, qcow2, vmdk, vhd, vhdx):", file,
                       sizeof(file), 0, NULL, NULL) ||
            !tui_input(act->label, "Name of the new virtual disk:", name,
                       sizeof(name), 0, check_name, NULL))
            return NEXT_REDRAW;
    } else {
        argv[0] = name;
        argv[1] = file;
        if (!tui_input(act->label, "Virtual disk to export:", name,
                       sizeof(name), 0, check_name, NULL) ||
            !tui_input(act->label, "qcow2 file to write on the host:", file,
                       sizeof(file), 0, NULL, NULL))
            return NEXT_REDRAW;
    }
    return ui_run(a, act, 2, argv);
}
