/*
 * tui.h - the shared curses widgets of keel-console (and later
 * keel-install): screen set-up with colours that degrade to plain
 * attributes, the frame (title line, help line), and modal dialogs.
 *
 * The only part of lib/ that includes curses.  Dialogs own the screen
 * until they return; the caller repaints afterwards.  Every dialog
 * gives up (as if Esc was pressed) after tui_idle_s seconds without a
 * key, so an idle logout is never held up by an open dialog.
 */
#ifndef KEEL_TUI_H
#define KEEL_TUI_H

#include <stddef.h>

#include "keel-error.h"

enum tui_attr {
    TUI_NORMAL,
    TUI_TITLE,    /* the title and help lines */
    TUI_SELECTED, /* the highlighted entry */
    TUI_HEADING,
    TUI_ERROR,
    TUI_DIM,
    TUI_ATTR_COUNT
};

#define TUI_MIN_COLS 80
#define TUI_MIN_LINES 24

/* Dialogs cancel after this many seconds without a key (0: never). */
extern double tui_idle_s;

/*
 * Start curses on the terminal.  plain (or a terminal without colours,
 * e.g. TERM=vt100 on a serial line) uses bold/reverse instead of
 * colours.  0, or KEEL_EIO if the terminal cannot be used.
 */
int tui_start(int plain, struct keel_err *e);
void tui_stop(void);

/* After tui_start: Ctrl-C, Ctrl-\ and Ctrl-Z are keys, not signals
 * (raw mode, which also leaves Ctrl-S/Ctrl-Q to the program), until
 * tui_suspend hands the terminal back in the mode it had. */
void tui_keys_raw(void);

/* Leave curses for a program that needs the terminal, and come back. */
void tui_suspend(void);
void tui_resume(void);

int tui_attr(enum tui_attr a);

/* Print s at y, x in at most w columns (cut, padded with spaces if
 * pad), in attribute a. */
void tui_put(int y, int x, int w, const char *s, enum tui_attr a, int pad);

/* text wrapped at w columns (at word boundaries and '\n') from y, x,
 * in at most max (<= 32) lines, padded, in attribute a.  Returns the
 * number of lines drawn. */
int tui_text(int y, int x, int w, const char *text, size_t max,
             enum tui_attr a);

/* Clear the screen with a title line and a help line.  Returns 0, or
 * -1 if the terminal is smaller than 80x24 (a message says so). */
int tui_frame(const char *title, const char *help);

/* A box with a title. */
void tui_box(int y, int x, int h, int w, const char *title);

/* A key, or ERR after timeout_ms (-1: wait).  Ctrl-L is no key: it
 * repaints the whole screen (tui_repaint_all) and the wait goes on. */
int tui_key(int timeout_ms);
#define TUI_KEY_REPAINT 12 /* Ctrl-L */

/* Paint every cell of the screen again, as curses last drew it: what
 * something else wrote over it (a kernel line, a daemon) is gone. */
void tui_repaint_all(void);

/* Validator for tui_input: 0, or an error whose message is shown. */
typedef int (*tui_check_fn)(const char *value, void *ctx,
                            struct keel_err *e);

/*
 * Ask for one line of text; buf holds the initial value and the result.
 * secret shows '*'.  check (may be NULL) runs on Enter; its message is
 * shown and the dialog stays.  1 on Enter with a valid value, 0 on Esc.
 */
int tui_input(const char *title, const char *prompt, char *buf,
              size_t size, int secret, tui_check_fn check, void *ctx);

/* Yes/no question; 1 for yes (y, Enter on Yes), 0 otherwise. */
int tui_confirm(const char *title, const char *question);

/* Text (lines split at '\n', long ones wrapped) until a key. */
void tui_message(const char *title, const char *text);

/* A progress box: label and a bar done (0 to 1) full; returns at once
 * (call again as the work goes on). */
void tui_bar(const char *title, const char *label, double done);

/* Pick one of n items; the index, or -1 on Esc. */
int tui_choose(const char *title, const char *const *items, size_t n,
               size_t sel);

/* Scroll through text (Up/Down/PgUp/PgDn/Home/End, q or Esc to close). */
void tui_pager(const char *title, const char *text);

#endif
