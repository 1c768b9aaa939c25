/*
 * loop.c - the console's loop (loop.h): paint, wait for a key or the
 * refresh tick, turn the key into a command through the key table,
 * run handlers, do what they return.
 */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "auth.h"
#include "loop.h"
#include "tui.h"
#include "ui.h"

#define MENU_W 36
#define TICK_MS 1000
#define MAX_MENUS 16
#define REPAINT_TICKS 30 /* every cell painted again, in case another
                            program wrote over the screen */

enum cmd { C_NONE, C_UP, C_DOWN, C_ENTER, C_BACK, C_HELP, C_LOGIN,
           C_REFRESH, C_QUIT };

/* The key table: F-keys and letters both, for serial terminals. */
static const struct binding {
    int key;
    enum cmd cmd;
} keys[] = {
    { KEY_UP, C_UP }, { 'k', C_UP }, { KEY_DOWN, C_DOWN }, { 'j', C_DOWN },
    { '\n', C_ENTER }, { '\r', C_ENTER }, { KEY_ENTER, C_ENTER },
    { KEY_RIGHT, C_ENTER }, { 27, C_BACK }, { KEY_LEFT, C_BACK },
    { KEY_F(1), C_HELP }, { 'h', C_HELP }, { '?', C_HELP },
    { KEY_F(2), C_LOGIN }, { 'l', C_LOGIN }, { KEY_F(5), C_REFRESH },
    { 'r', C_REFRESH }, { KEY_F(10), C_QUIT }, { 'q', C_QUIT },
};

static const char help_line[] =
    " F1/h Help  F2/l Login  F5/r Refresh  Enter Select  Esc Back  "
    "F10/q Quit";

struct view {
    const struct action *menus[MAX_MENUS]; /* first row of each menu */
    size_t nmenus, menu, item;
    int right; /* focus in the action list */
    unsigned gathered; /* app_refresh parts gathered for the pane */
};

static enum cmd cmd_of(int key)
{
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
        if (keys[i].key == key)
            return keys[i].cmd;
    return C_NONE;
}

static void menus_init(struct view *v)
{
    memset(v, 0, sizeof(*v));
    for (size_t i = 0; i < n_actions && v->nmenus < MAX_MENUS; i++)
        if (actions[i].menu && (i == 0 || !actions[i - 1].menu ||
                                strcmp(actions[i - 1].menu,
                                       actions[i].menu) != 0))
            v->menus[v->nmenus++] = &actions[i];
}

/* The action list of the current menu: *n rows from the returned one.
 * The menu's first row paints the pane; it is listed only when it is
 * the menu's only row. */
static const struct action *items(const struct view *v, size_t *n)
{
    const struct action *first = v->menus[v->menu];

    *n = 0;
    while (first + *n < actions + n_actions && first[*n].menu &&
           strcmp(first[*n].menu, first->menu) == 0)
        (*n)++;
    if (*n > 1) {
        (*n)--;
        return first + 1;
    }
    return first;
}

static void paint(struct app *a, struct view *v)
{
    const struct action *first;
    const struct screen *pane;
    size_t n;
    int h = LINES - 3, rx = MENU_W, rw = COLS - MENU_W, list_y;
    char title[128];

    snprintf(title, sizeof(title), " Keel %s | slot %c | %s", a->st.version,
             a->st.slot, a->st.hostname);
    if (tui_frame(title, help_line))
        return;
    tui_put(0, COLS - 16, 16, keel_auth_active(&a->auth, app_now()) ?
            "root logged in " : "  not logged in", TUI_TITLE, 0);
    tui_box(1, 0, h, MENU_W, "Menu");
    for (size_t i = 0; i < v->nmenus; i++)
        tui_put(2 + (int)i, 1, MENU_W - 2, cmd_fmt("%c %s", i == v->menu ?
                                                   '>' : ' ',
                                                   v->menus[i]->menu),
                i == v->menu ? (v->right ? TUI_HEADING : TUI_SELECTED)
                             : TUI_NORMAL, 1);
    first = items(v, &n);
    tui_box(1, rx, h, rw, first->menu);
    list_y = 1 + h - 1 - (int)n;
    pane = screen_of(v->menus[v->menu]);
    if (pane && pane->paint)
        pane->paint(a, 2, rx + 2, list_y - 3, rw - 4);
    tui_put(list_y - 1, rx + 1, rw - 2, "", TUI_NORMAL, 1);
    for (size_t i = 0; i < n; i++)
        tui_put(list_y + (int)i, rx + 2, rw - 4,
                cmd_fmt("%c %s%s", v->right && i == v->item ? '>' : ' ',
                        first[i].label, first[i].needs_login ? " *" : ""),
                v->right && i == v->item ? TUI_SELECTED : TUI_NORMAL, 1);
    tui_put(LINES - 2, 0, COLS, a->msg, TUI_NORMAL, 1);
    refresh();
}

/* The login gate and the row's handler. */
static enum next activate(struct app *a, const struct action *act)
{
    const struct screen *sc = screen_of(act);

    if (!sc || !sc->activate)
        return NEXT_NONE;
    if (act->needs_login && !keel_auth_active(&a->auth, app_now()) &&
        !auth_login_dialog(a))
        return NEXT_REDRAW;
    return sc->activate(a, act);
}

static void show_help(const struct view *v)
{
    size_t n;
    const struct action *act = items(v, &n) + (v->right ? v->item : 0);

    tui_message("Help", cmd_fmt(
        "Up/Down (or j/k) choose, Enter (or Right) opens a menu and runs "
        "an action, Esc (or Left) goes back. F2 or l logs in and out; F5 "
        "or r reads the host again and paints the whole screen (Ctrl-L "
        "only paints it); F10 or q quits.\nActions marked * "
        "need the root password.\nFrom a shell: keelctl %s %s",
        act->name, act->args));
}

static enum next command(struct app *a, struct view *v, enum cmd c)
{
    size_t n;
    const struct action *first = items(v, &n);

    switch (c) {
    case C_UP:
        if (v->right && v->item > 0)
            v->item--;
        else if (!v->right && v->menu > 0)
            v->menu--;
        return NEXT_REDRAW;
    case C_DOWN:
        if (v->right && v->item + 1 < n)
            v->item++;
        else if (!v->right && v->menu + 1 < v->nmenus)
            v->menu++;
        return NEXT_REDRAW;
    case C_ENTER:
        if (!v->right) {
            v->right = 1;
            v->item = 0;
            return NEXT_REDRAW;
        }
        return activate(a, &first[v->item]);
    case C_BACK:
        v->right = 0;
        return NEXT_REDRAW;
    case C_HELP:
        show_help(v);
        return NEXT_REDRAW;
    case C_LOGIN:
        return (keel_auth_active(&a->auth, app_now()) ?
                logout_activate : login_activate)(a, NULL);
    case C_REFRESH:
        tui_repaint_all();
        return NEXT_RESCAN;
    case C_QUIT:
        return NEXT_QUIT;
    default:
        return NEXT_NONE;
    }
}

/* What the shown menu's pane draws beyond the status (screens.c). */
static unsigned needs(const struct view *v)
{
    const struct screen *sc = screen_of(v->menus[v->menu]);

    return sc ? sc->needs : 0;
}

/* Read the host for the shown pane (and the slow parts if slow). */
static void gather(struct app *a, struct view *v, unsigned slow)
{
    v->gathered = needs(v);
    app_refresh(a, slow | v->gathered);
}

static void tick(struct app *a, struct view *v)
{
    int was = a->auth.logged_in;

    gather(a, v, 0);
    if (was && !keel_auth_active(&a->auth, app_now()))
        snprintf(a->msg, sizeof(a->msg), "Logged out after %.0f s without "
                 "a key", a->auth.idle_s);
}

static void go_to(struct app *a, struct view *v, const char *name)
{
    const struct action *act = action_find(name);

    for (size_t m = 0; act && act->menu && m < v->nmenus; m++) {
        if (strcmp(v->menus[m]->menu, act->menu) != 0)
            continue;
        v->menu = m;
        v->right = 1;
        v->item = (size_t)(act - v->menus[m]);
        v->item -= v->item > 0; /* the first row is not listed */
        gather(a, v, 0);
        paint(a, v);
        if (activate(a, act) != NEXT_NONE)
            gather(a, v, APP_SLOW);
        return;
    }
    snprintf(a->msg, sizeof(a->msg), "--goto: no console action '%s'", name);
}

void console_self_check(struct app *a)
{
    struct view v;

    menus_init(&v);
    app_refresh(a, APP_SLOW | APP_LOG | APP_VMS); /* every pane's */
    for (v.menu = 0; v.menu < v.nmenus; v.menu++)
        paint(a, &v);
}

int console_loop(struct app *a, const char *goto_name, const char *timing)
{
    struct view v;
    enum next nx = NEXT_REDRAW;

    unsigned ticks = 0;

    menus_init(&v);
    gather(a, &v, APP_SLOW);
    if (goto_name)
        go_to(a, &v, goto_name);
    for (;;) {
        double t0;
        int k;

        if (nx == NEXT_RESCAN)
            gather(a, &v, APP_SLOW);
        else if (needs(&v) != v.gathered) /* another menu's pane */
            gather(a, &v, 0);
        if (nx != NEXT_NONE)
            paint(a, &v);
        k = tui_key(TICK_MS);
        t0 = app_now();
        if (k == ERR) {
            tick(a, &v);
            if (++ticks % REPAINT_TICKS == 0)
                tui_repaint_all();
            nx = NEXT_REDRAW;
            continue;
        }
        keel_auth_active(&a->auth, t0); /* idle time counts up to here */
        keel_auth_touch(&a->auth, t0);
        nx = k == KEY_RESIZE ? NEXT_REDRAW : command(a, &v, cmd_of(k));
        if (nx == NEXT_QUIT) {
            keel_auth_logout(&a->auth); /* nothing of it outlives us */
            return 0;
        }
        if (timing && nx != NEXT_NONE) {
            FILE *f = fopen(timing, "a");

            gather(a, &v, nx == NEXT_RESCAN ? APP_SLOW : 0);
            paint(a, &v);
            nx = NEXT_NONE;
            if (f) {
                fprintf(f, "%.3f\n", (app_now() - t0) * 1000);
                fclose(f);
            }
        }
    }
}
