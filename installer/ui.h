/*
 * ui.h - the installer's page widgets over lib/tui: the step frame, a
 * list (single or multiple choice, with entries that are shown but
 * cannot be chosen) and a form of text and choice fields.  Keys work
 * alike on tty1 and on a serial line: arrows, Tab, Space, Enter, Esc
 * and letters; F-keys are extras.
 */
#ifndef KEEL_INST_UI_H
#define KEEL_INST_UI_H

#include "inst.h"

#define UI_ESC 27
#define UI_TOP 2      /* first row under the title line */
#define UI_LEFT 2
#define UI_WIDTH 76

/* What the widgets return besides a key they do not handle. */
enum { UI_NEXT = -100, UI_BACK, UI_CHANGED };

/* 1 for Enter in any of its forms. */
int ui_is_enter(int k);

/* The frame: title line with the step, the help line, and in->err at
 * the bottom when err_field is -1.  Returns the row under intro. */
int ui_page(const struct inst *in, const char *intro, const char *help);

/* Wrapped text from row y in UI_WIDTH columns; rows used. */
int ui_text(int y, const char *text, int attr);

struct ui_item {
    char text[160];
    char note[96]; /* why it cannot be chosen, "" if it can */
    int on;        /* multiple choice: ticked */
};

struct ui_list {
    const char *intro, *help;
    struct ui_item *v;
    int n, sel, multi;
    int rows; /* rows for the list (scrolls beyond) */
    /* Details of the selected entry under the list (may be NULL). */
    void (*detail)(const struct inst *in, int sel, int y);
};

/* UI_NEXT (Enter), UI_BACK (Esc), or another key (a letter, F-key). */
int ui_list_run(const struct inst *in, struct ui_list *l);

enum ui_kind { UI_TEXT, UI_SECRET, UI_CHOICE };

struct ui_field {
    const char *label;
    enum ui_kind kind;
    char *buf;                  /* UI_TEXT, UI_SECRET */
    size_t size;
    const char *const *choices; /* UI_CHOICE: NULL-terminated */
    int *choice;
    int hidden;
};

struct ui_form {
    const char *intro, *help;
    struct ui_field *f;
    int n, focus;
};

/* UI_NEXT (Enter), UI_BACK (Esc), UI_CHANGED (a choice changed: the
 * caller may hide fields and run again). */
int ui_form_run(const struct inst *in, struct ui_form *fm);

#endif
