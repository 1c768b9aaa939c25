/*
 * ui.c - the installer's page widgets (ui.h).
 */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "tui.h"
#include "ui.h"

#define FIELD_X 26
#define FIELD_W 44

int ui_is_enter(int k)
{
    return k == '\n' || k == '\r' || k == KEY_ENTER;
}

int ui_text(int y, const char *text, int attr)
{
    int rows = 0;

    for (const char *p = text; *p; rows++) {
        int l = (int)strcspn(p, "\n");
        char line[UI_WIDTH + 1];

        if (l > UI_WIDTH) {
            int cut = UI_WIDTH;

            while (cut > 0 && p[cut] != ' ')
                cut--;
            l = cut > 0 ? cut : UI_WIDTH;
        }
        snprintf(line, sizeof(line), "%.*s", l, p);
        tui_put(y + rows, UI_LEFT, UI_WIDTH, line, (enum tui_attr)attr, 0);
        p += l;
        if (*p == '\n' || *p == ' ')
            p++;
    }
    return rows;
}

int ui_page(const struct inst *in, const char *intro, const char *help)
{
    char title[120];

    snprintf(title, sizeof(title), " Keel %s installer - step %d of %d: "
             "%s", in->version, in->stepno, in->nsteps, in->title);
    tui_frame(title, help);
    if (in->err[0] && in->err_field < 0)
        ui_text(LINES - 4, in->err, TUI_ERROR);
    return UI_TOP + (intro ? ui_text(UI_TOP, intro, TUI_NORMAL) + 1 : 0);
}

static void list_draw(const struct inst *in, struct ui_list *l)
{
    int y = ui_page(in, l->intro, l->help);
    int rows = l->rows > 0 ? l->rows : 10;
    int top = l->sel >= rows ? l->sel - rows + 1 : 0;

    for (int i = 0; i < rows && top + i < l->n; i++) {
        const struct ui_item *it = &l->v[top + i];
        char line[300];

        snprintf(line, sizeof(line), "%s%s%s%s%s", l->multi ? (it->on ?
                 "[x] " : "[ ] ") : "", it->text, it->note[0] ? "  (" : "",
                 it->note, it->note[0] ? ")" : "");
        tui_put(y + i, UI_LEFT, UI_WIDTH, line, top + i == l->sel ?
                TUI_SELECTED : it->note[0] ? TUI_DIM : TUI_NORMAL, 1);
    }
    if (l->detail)
        l->detail(in, l->sel, y + rows + 1);
    refresh();
}

int ui_list_run(const struct inst *in, struct ui_list *l)
{
    for (;;) {
        int k;

        list_draw(in, l);
        k = tui_key(-1);
        if (ui_is_enter(k))
            return UI_NEXT;
        if (k == UI_ESC || k == KEY_LEFT)
            return UI_BACK;
        if ((k == KEY_UP || k == KEY_BTAB) && l->sel > 0)
            l->sel--;
        else if ((k == KEY_DOWN || k == '\t') && l->sel + 1 < l->n)
            l->sel++;
        else if (k == KEY_HOME || k == KEY_PPAGE)
            l->sel = 0;
        else if ((k == KEY_END || k == KEY_NPAGE) && l->n)
            l->sel = l->n - 1;
        else if (k == ' ' && l->multi && l->n &&
                 !l->v[l->sel].note[0])
            l->v[l->sel].on = !l->v[l->sel].on;
        else if (k != KEY_UP && k != KEY_DOWN && k != '\t' &&
                 k != KEY_BTAB && k != ' ' && k != ERR)
            return k;
    }
}

static void field_draw(const struct ui_field *f, int y, int focus)
{
    char shown[FIELD_W + 1];
    size_t n;

    tui_put(y, UI_LEFT, FIELD_X - UI_LEFT - 1, f->label, TUI_NORMAL, 1);
    if (f->kind == UI_CHOICE) {
        snprintf(shown, sizeof(shown), "< %s >", f->choices[*f->choice]);
        tui_put(y, FIELD_X, FIELD_W, shown, focus ? TUI_SELECTED :
                TUI_NORMAL, 0);
        return;
    }
    n = strlen(f->buf);
    snprintf(shown, sizeof(shown), "%s",
             f->buf + (n > FIELD_W - 1 ? n - (FIELD_W - 1) : 0));
    if (f->kind == UI_SECRET)
        memset(shown, '*', strlen(shown));
    tui_put(y, FIELD_X - 1, 1, "[", TUI_NORMAL, 0);
    tui_put(y, FIELD_X, FIELD_W, shown, focus ? TUI_SELECTED : TUI_NORMAL,
            1);
    tui_put(y, FIELD_X + FIELD_W, 1, "]", TUI_NORMAL, 0);
}

/* Draws the form; returns the cursor's row and column in *cy, *cx. */
static void form_draw(const struct inst *in, const struct ui_form *fm,
                      int *cy, int *cx)
{
    int y = ui_page(in, fm->intro, fm->help);

    *cy = *cx = -1;
    for (int i = 0; i < fm->n; i++) {
        const struct ui_field *f = &fm->f[i];

        if (f->hidden)
            continue;
        field_draw(f, y, i == fm->focus);
        if (i == fm->focus && f->kind != UI_CHOICE) {
            size_t n = strlen(f->buf);

            *cy = y;
            *cx = FIELD_X + (int)(n > FIELD_W - 1 ? FIELD_W - 1 : n);
        }
        y++;
        if (in->err[0] && in->err_field == i) {
            y += ui_text(y, in->err, TUI_ERROR);
        }
        y++;
    }
}

static void form_move(struct ui_form *fm, int dir)
{
    for (int i = fm->focus + dir; i >= 0 && i < fm->n; i += dir)
        if (!fm->f[i].hidden) {
            fm->focus = i;
            return;
        }
}

/* A key for the focused field; UI_CHANGED or 0. */
static int field_key(struct ui_field *f, int k)
{
    size_t n;

    if (f->kind == UI_CHOICE) {
        int last = 0;

        while (f->choices[last + 1])
            last++;
        if (k == ' ' || k == KEY_RIGHT)
            *f->choice = *f->choice < last ? *f->choice + 1 : 0;
        else if (k == KEY_LEFT)
            *f->choice = *f->choice > 0 ? *f->choice - 1 : last;
        else
            return 0;
        return UI_CHANGED;
    }
    n = strlen(f->buf);
    if ((k == KEY_BACKSPACE || k == 127 || k == 8) && n)
        f->buf[n - 1] = '\0';
    else if (k == 21) /* Ctrl-U */
        f->buf[0] = '\0';
    else if (k >= 32 && k < 127 && n + 1 < f->size) {
        f->buf[n] = (char)k;
        f->buf[n + 1] = '\0';
    }
    return 0;
}

int ui_form_run(const struct inst *in, struct ui_form *fm)
{
    if (fm->focus < 0 || fm->focus >= fm->n || fm->f[fm->focus].hidden) {
        fm->focus = -1;
        form_move(fm, 1);
    }
    for (;;) {
        int k, cy, cx;

        form_draw(in, fm, &cy, &cx);
        curs_set(cy >= 0);
        if (cy >= 0)
            move(cy, cx);
        refresh();
        k = tui_key(-1);
        if (ui_is_enter(k) || k == UI_ESC)
            curs_set(0);
        if (ui_is_enter(k))
            return UI_NEXT;
        if (k == UI_ESC)
            return UI_BACK;
        if (k == '\t' || k == KEY_DOWN)
            form_move(fm, 1);
        else if (k == KEY_BTAB || k == KEY_UP)
            form_move(fm, -1);
        else if (fm->focus >= 0 &&
                 field_key(&fm->f[fm->focus], k) == UI_CHANGED) {
            curs_set(0);
            return UI_CHANGED;
        }
    }
}
