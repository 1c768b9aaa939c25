/*
 * tui-screen.c - curses set-up, attributes, the frame and boxes
 * (tui.h).  Boxes are drawn in ASCII so they look the same on every
 * serial terminal and in every capture.
 */
#include <curses.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "tui.h"

double tui_idle_s;

static int attrs[TUI_ATTR_COUNT];
static int started;

static void set_attrs(int colour)
{
    static const short fg[] = { COLOR_WHITE, COLOR_BLACK, COLOR_BLACK,
                                COLOR_YELLOW, COLOR_RED, COLOR_CYAN };
    static const short bg[] = { COLOR_BLUE, COLOR_CYAN, COLOR_WHITE,
                                COLOR_BLUE, COLOR_WHITE, COLOR_BLUE };

    attrs[TUI_NORMAL] = A_NORMAL;
    attrs[TUI_TITLE] = A_REVERSE;
    attrs[TUI_SELECTED] = A_REVERSE;
    attrs[TUI_HEADING] = A_BOLD;
    attrs[TUI_ERROR] = A_BOLD;
    attrs[TUI_DIM] = A_NORMAL;
    if (!colour)
        return;
    start_color();
    for (short i = 0; i < TUI_ATTR_COUNT; i++) {
        init_pair((short)(i + 1), fg[i], bg[i]);
        attrs[i] = (int)COLOR_PAIR(i + 1);
    }
    attrs[TUI_HEADING] |= A_BOLD;
    attrs[TUI_ERROR] |= A_BOLD;
    bkgdset((chtype)attrs[TUI_NORMAL] | ' ');
}

#define TUI_ESC_DELAY_MS 400

int tui_start(int plain, struct keel_err *e)
{
    setlocale(LC_ALL, "");
    if (!newterm(NULL, stdout, stdin))
        return keel_err_set(e, KEEL_EIO, "cannot use this terminal (TERM "
                            "unset or unknown?)");
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    /* A key's escape sequence split on a slow serial line or IPMI SOL
     * must still read as the key, not Esc plus text: a lone Esc waits
     * this long (TUI test t_split_escape_sequence). */
    set_escdelay(TUI_ESC_DELAY_MS);
    curs_set(0);
    set_attrs(!plain && has_colors());
    started = 1;
    return 0;
}

void tui_keys_raw(void)
{
    if (started)
        raw();
}

void tui_stop(void)
{
    if (started)
        endwin();
    started = 0;
}

void tui_suspend(void)
{
    def_prog_mode();
    endwin();
}

void tui_resume(void)
{
    reset_prog_mode();
    clearok(stdscr, TRUE);
    refresh();
}

int tui_attr(enum tui_attr a)
{
    return (unsigned)a < TUI_ATTR_COUNT ? attrs[a] : (int)A_NORMAL;
}

void tui_put(int y, int x, int w, const char *s, enum tui_attr a, int pad)
{
    int n = 0;

    if (w <= 0 || y < 0 || y >= LINES)
        return;
    attrset(tui_attr(a));
    move(y, x);
    for (; s && *s && n < w; s++, n++)
        addch((chtype)(unsigned char)(*s == '\t' ? ' ' : *s));
    for (; pad && n < w; n++)
        addch(' ');
    attrset(tui_attr(TUI_NORMAL));
}

int tui_frame(const char *title, const char *help)
{
    erase();
    if (COLS < TUI_MIN_COLS || LINES < TUI_MIN_LINES) {
        char msg[80];

        snprintf(msg, sizeof(msg), "Terminal too small: %dx%d, need "
                 "80x24.", COLS, LINES);
        tui_put(0, 0, COLS, msg, TUI_ERROR, 0);
        return -1;
    }
    tui_put(0, 0, COLS, title, TUI_TITLE, 1);
    tui_put(LINES - 1, 0, COLS, help, TUI_TITLE, 1);
    return 0;
}

void tui_box(int y, int x, int h, int w, const char *title)
{
    attrset(tui_attr(TUI_NORMAL));
    for (int i = 0; i < h; i++) {
        char c = (i == 0 || i == h - 1) ? '-' : ' ';

        move(y + i, x);
        addch(i == 0 || i == h - 1 ? '+' : '|');
        for (int j = 1; j < w - 1; j++)
            addch((chtype)c);
        addch(i == 0 || i == h - 1 ? '+' : '|');
    }
    if (title && *title) {
        char t[96];

        snprintf(t, sizeof(t), " %s ", title);
        tui_put(y, x + 2, w - 4, t, TUI_HEADING, 0);
    }
}

void tui_repaint_all(void)
{
    clearok(curscr, TRUE);
    wrefresh(curscr);
}

int tui_key(int timeout_ms)
{
    int k;

    timeout(timeout_ms);
    while ((k = getch()) == TUI_KEY_REPAINT)
        tui_repaint_all();
    return k;
}
