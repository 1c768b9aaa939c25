/*
 * prefs.c - Keyboard and Timezone, Remote Services, get/set (prefs.h).
 * A change is saved and made live at once (keel_host_apply restarts
 * the service that uses it); if the service refuses it, the previous
 * value stays.  The console's idle time is its own: app_apply sets
 * the running console's logout timer.
 */
#include <stdio.h>
#include <string.h>

#include "keel-auth.h"
#include "prefs.h"
#include "tui.h"
#include "ui.h"

/* The setting each row is about. */

static void show(struct app *a, int *y, int x, int w, enum keel_setting_id i)
{
    const char *v = keel_settings_display(&a->s, i);

    *y = ui_row(*y, x, w, keel_setting_row(i)->name, v[0] ? v : "(none)");
    tui_put((*y)++, x + 2, w - 2, keel_setting_row(i)->help, TUI_DIM, 1);
}

void keyboard_paint(struct app *a, int y, int x, int h, int w)
{
    (void)h;
    show(a, &y, x, w, KEEL_S_KEYMAP);
    show(a, &y, x, w, KEEL_S_TIMEZONE);
}

void remote_paint(struct app *a, int y, int x, int h, int w)
{
    (void)h;
    show(a, &y, x, w, KEEL_S_SSH);
    show(a, &y, x, w, KEEL_S_SYSLOG_REMOTE);
}

enum next pref_activate(struct app *a, const struct action *act)
{
    int id = cmd_pref_setting(act);

    if (id < 0)
        return NEXT_REDRAW;
    return ui_activate_setting(a, act, (enum keel_setting_id)id);
}
