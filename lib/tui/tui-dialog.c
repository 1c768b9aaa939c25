/*
 * tui-dialog.c - modal dialogs: input, confirm, message, choose, pager
 * (tui.h).
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tui.h"

#define DLG_W 64
#define KEY_ESC 27

static double now_s(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A key for a dialog: ERR means "give up" (idle too long). */
static int dlg_key(void)
{
    double start = now_s();

    for (;;) {
        int k = tui_key(500);

        if (k != ERR)
            return k;
        if (tui_idle_s > 0 && now_s() - start >= tui_idle_s)
            return ERR;
    }
}

static int dlg_box(int h, const char *title, int *y, int *x)
{
    int w = DLG_W < COLS ? DLG_W : COLS;

    *y = (LINES - h) / 2;
    *x = (COLS - w) / 2;
    tui_box(*y, *x, h, w, title);
    return w;
}

/* Lines of text wrapped at w columns into out (n_max entries). */
static size_t wrap(const char *text, int w, const char **start, int *len,
                   size_t n_max)
{
    size_t n = 0;

    for (const char *p = text; *p && n < n_max;) {
        int l = (int)strcspn(p, "\n");

        if (l > w) {
            int cut = w;

            while (cut > 0 && p[cut] != ' ')
                cut--;
            l = cut > 0 ? cut : w;
        }
        start[n] = p;
        len[n++] = l;
        p += l;
        if (*p == '\n' || *p == ' ')
            p++;
    }
    return n;
}

int tui_text(int y, int x, int w, const char *text, size_t max,
             enum tui_attr a)
{
    const char *st[32];
    int len[32];
    size_t n = wrap(text, w, st, len, max < 32 ? max : 32);

    for (size_t i = 0; i < n; i++) {
        char line[256];

        snprintf(line, sizeof(line), "%.*s", len[i], st[i]);
        tui_put(y + (int)i, x, w, line, a, 1);
    }
    return (int)n;
}

static void draw_input(const char *title, const char *prompt,
                       const char *buf, int secret, const char *err)
{
    int y, x, w = dlg_box(8, title, &y, &x), n = (int)strlen(buf);
    char shown[256];
    int off = n > w - 6 ? n - (w - 6) : 0;

    tui_put(y + 1, x + 2, w - 4, prompt, TUI_NORMAL, 1);
    snprintf(shown, sizeof(shown), "%s", buf + off);
    if (secret)
        memset(shown, '*', strlen(shown));
    tui_put(y + 3, x + 2, w - 4, "", TUI_SELECTED, 1);
    tui_put(y + 3, x + 3, w - 6, shown, TUI_SELECTED, 0);
    tui_text(y + 5, x + 2, w - 4, err ? err : "", 1, TUI_ERROR);
    tui_put(y + 6, x + 2, w - 4, "Enter: OK   Esc: cancel", TUI_DIM, 1);
    curs_set(1);
    move(y + 3, x + 3 + (int)strlen(shown));
    refresh();
}

int tui_input(const char *title, const char *prompt, char *buf,
              size_t size, int secret, tui_check_fn check, void *ctx)
{
    struct keel_err e = { "" };
    size_t n = strlen(buf);

    for (;;) {
        int k;

        draw_input(title, prompt, buf, secret, e.msg);
        k = dlg_key();
        e.msg[0] = '\0';
        if (k == ERR || k == KEY_ESC) {
            curs_set(0);
            return 0;
        }
        if (k == '\n' || k == '\r' || k == KEY_ENTER) {
            if (check && check(buf, ctx, &e))
                continue;
            curs_set(0);
            return 1;
        }
        if ((k == KEY_BACKSPACE || k == 127 || k == 8) && n)
            buf[--n] = '\0';
        else if (k == 21) /* Ctrl-U */
            buf[n = 0] = '\0';
        else if (k >= 32 && k < 127 && n + 1 < size) {
            buf[n++] = (char)k;
            buf[n] = '\0';
        }
    }
}

int tui_confirm(const char *title, const char *question)
{
    int yes = 0;

    for (;;) {
        int y, x, w = dlg_box(8, title, &y, &x), k;

        tui_text(y + 1, x + 2, w - 4, question, 3, TUI_NORMAL);
        tui_put(y + 5, x + w / 2 - 10, 7, "  Yes  ", yes ? TUI_SELECTED :
                TUI_NORMAL, 1);
        tui_put(y + 5, x + w / 2 + 3, 7, "  No   ", yes ? TUI_NORMAL :
                TUI_SELECTED, 1);
        tui_put(y + 6, x + 2, w - 4, "y: yes   n or Esc: no", TUI_DIM, 1);
        refresh();
        k = dlg_key();
        if (k == 'y' || k == 'Y')
            return 1;
        if (k == ERR || k == 'n' || k == 'N' || k == KEY_ESC)
            return 0;
        if (k == '\n' || k == '\r' || k == KEY_ENTER)
            return yes;
        if (k == KEY_LEFT || k == KEY_RIGHT || k == '\t')
            yes = !yes;
    }
}

void tui_message(const char *title, const char *text)
{
    const char *st[16];
    int len[16], y, x, w;
    size_t n = wrap(text, DLG_W - 4, st, len, 16);

    w = dlg_box((int)n + 4, title, &y, &x);
    tui_text(y + 1, x + 2, w - 4, text, n, TUI_NORMAL);
    tui_put(y + (int)n + 2, x + 2, w - 4, "Press any key", TUI_DIM, 1);
    refresh();
    dlg_key();
}

void tui_bar(const char *title, const char *label, double done)
{
    int y, x, w = dlg_box(5, title, &y, &x), fill;
    char pct[8];

    done = done < 0 ? 0 : done > 1 ? 1 : done;
    snprintf(pct, sizeof(pct), "%3d%%", (int)(done * 100));
    tui_put(y + 1, x + 2, w - 4, label, TUI_NORMAL, 1);
    fill = (int)((w - 10) * done);
    for (int i = 0; i < w - 10; i++)
        tui_put(y + 2, x + 2 + i, 1, i < fill ? "#" : ".", TUI_NORMAL, 0);
    tui_put(y + 2, x + w - 7, 5, pct, TUI_NORMAL, 0);
    refresh();
}

int tui_choose(const char *title, const char *const *items, size_t n,
               size_t sel)
{
    int rows = n < 12 ? (int)n : 12;

    if (!n)
        return -1;
    for (;;) {
        int y, x, w = dlg_box(rows + 4, title, &y, &x), k;
        size_t top = sel >= (size_t)rows ? sel - (size_t)rows + 1 : 0;

        for (int i = 0; i < rows; i++)
            tui_put(y + 1 + i, x + 2, w - 4, items[top + (size_t)i],
                    top + (size_t)i == sel ? TUI_SELECTED : TUI_NORMAL, 1);
        tui_put(y + rows + 2, x + 2, w - 4, "Enter: choose   Esc: cancel",
                TUI_DIM, 1);
        refresh();
        k = dlg_key();
        if (k == ERR || k == KEY_ESC)
            return -1;
        if (k == '\n' || k == '\r' || k == KEY_ENTER)
            return (int)sel;
        if ((k == KEY_UP || k == 'k') && sel > 0)
            sel--;
        else if ((k == KEY_DOWN || k == 'j') && sel + 1 < n)
            sel++;
    }
}

static size_t count_lines(const char *text)
{
    size_t n = 1;

    for (const char *p = text; *p; p++)
        n += *p == '\n' && p[1];
    return n;
}

void tui_pager(const char *title, const char *text)
{
    size_t total = count_lines(text), top = 0;

    for (;;) {
        int h = LINES - 2, k;
        const char *p = text;

        tui_frame(title, " Up/Down PgUp/PgDn Home/End: scroll    q/Esc: "
                  "close");
        for (size_t i = 0; i < top && *p; i++)
            p += strcspn(p, "\n") + (p[strcspn(p, "\n")] == '\n');
        for (int i = 0; i < h && *p; i++) {
            char line[512];
            int l = (int)strcspn(p, "\n");

            snprintf(line, sizeof(line), "%.*s", l, p);
            tui_put(1 + i, 0, COLS, line, TUI_NORMAL, 1);
            p += l + (p[l] == '\n');
        }
        refresh();
        k = dlg_key();
        if (k == ERR || k == 'q' || k == KEY_ESC)
            return;
        if ((k == KEY_DOWN || k == 'j') && top + (size_t)h < total)
            top++;
        else if ((k == KEY_UP || k == 'k') && top)
            top--;
        else if (k == KEY_NPAGE || k == ' ')
            top = top + 2 * (size_t)h < total ? top + (size_t)h :
                  (total > (size_t)h ? total - (size_t)h : 0);
        else if (k == KEY_PPAGE)
            top = top > (size_t)h ? top - (size_t)h : 0;
        else if (k == KEY_HOME || k == 'g')
            top = 0;
        else if (k == KEY_END || k == 'G')
            top = total > (size_t)h ? total - (size_t)h : 0;
    }
}
