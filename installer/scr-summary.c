/*
 * scr-summary.c - the plan (keel_plan_format(), scrollable) and the
 * one explicit confirmation: a button that names the disk to erase.
 * The plan is made here; nothing has been written before this screen
 * and nothing is until the button is pressed.
 */
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scr-summary.h"
#include "tui.h"
#include "ui.h"

#define PLAN_TOP 4
#define PLAN_ROWS 13

struct sum {
    char *text;    /* the plan, or its problems */
    int ok;        /* the plan can be applied */
    int top, lines;
    int focus;     /* 0: Back, 1: the confirmation */
    char go[80];   /* the confirmation's label */
    char warn[240];
};

static int make(struct inst *in, struct sum *s)
{
    struct keel_problems pr;
    struct keel_err e;

    if (in->have_plan)
        keel_plan_fini(&in->plan);
    keel_problems_init(&pr);
    in->have_plan = 1;
    s->ok = !keel_plan_make(in->b, &in->a, &in->plan, &pr, &e) &&
            !pr.nerrors;
    if (s->ok)
        return keel_plan_format(&in->plan, &s->text, &e);
    s->text = pr.n ? keel_problems_format(&pr, "plan") : NULL;
    if (!s->text) {
        s->text = malloc(KEEL_ERR_MSG_MAX);
        if (s->text)
            snprintf(s->text, KEEL_ERR_MSG_MAX, "%.*s\n",
                     KEEL_ERR_MSG_MAX - 2, e.msg);
    }
    return s->text ? 0 : -1;
}

static void labels(const struct inst *in, struct sum *s)
{
    const struct keel_plan *p = &in->plan;
    size_t n;

    if (!s->ok) {
        snprintf(s->warn, sizeof(s->warn), "The plan cannot be carried "
                 "out: go back and change the answers above.");
        return;
    }
    if (p->mode == KEEL_MODE_UPGRADE) {
        snprintf(s->go, sizeof(s->go), "Upgrade Keel on %s", p->disk.name);
        snprintf(s->warn, sizeof(s->warn), "The new version goes into "
                 "slot %c of %s; the settings, the VMs and the storage "
                 "repository are kept.", p->slot, p->disk.dev);
        return;
    }
    snprintf(s->go, sizeof(s->go), "Erase %s and install", p->disk.name);
    n = (size_t)snprintf(s->warn, sizeof(s->warn), "Installing ERASES "
                         "everything on %s", p->disk.dev);
    for (int i = 0; i < p->nguests && n < sizeof(s->warn); i++)
        n += (size_t)snprintf(s->warn + n, sizeof(s->warn) - n, "%s%s",
                              i + 1 == p->nguests ? " and " : ", ",
                              p->guests[i].dev);
    if (n < sizeof(s->warn))
        snprintf(s->warn + n, sizeof(s->warn) - n, ".");
}

static void draw(const struct inst *in, const struct sum *s)
{
    const char *p = s->text;
    char line[160];
    int y = ui_page(in, "Check the plan. Nothing has been written yet.",
                    " Up/Down/PgUp/PgDn: scroll   Tab: button   Enter: "
                    "press   Esc: back");

    for (int i = 0; i < s->top && *p; i++)
        p += strcspn(p, "\n") + (p[strcspn(p, "\n")] == '\n');
    for (int i = 0; i < PLAN_ROWS && *p; i++) {
        int l = (int)strcspn(p, "\n");

        snprintf(line, sizeof(line), "%.*s", l, p);
        tui_put(y + i, 0, COLS, line, TUI_NORMAL, 0);
        p += l + (p[l] == '\n');
    }
    snprintf(line, sizeof(line), "(lines %d-%d of %d)", s->top + 1,
             s->top + PLAN_ROWS < s->lines ? s->top + PLAN_ROWS : s->lines,
             s->lines);
    tui_put(y + PLAN_ROWS, UI_LEFT, UI_WIDTH, line, TUI_DIM, 0);
    ui_text(y + PLAN_ROWS + 1, s->warn, TUI_HEADING);
    tui_put(LINES - 3, UI_LEFT + 4, 10, "[ Back ]", s->focus ? TUI_NORMAL :
            TUI_SELECTED, 0);
    snprintf(line, sizeof(line), "[ %s ]", s->go);
    if (s->ok)
        tui_put(LINES - 3, UI_LEFT + 20, 50, line, s->focus ?
                TUI_SELECTED : TUI_NORMAL, 0);
    refresh();
}

static int keys(struct sum *s)
{
    int k = tui_key(-1), max = s->lines > PLAN_ROWS ? s->lines - PLAN_ROWS
                                                     : 0;

    if (ui_is_enter(k))
        return s->focus ? UI_NEXT : UI_BACK;
    if (k == UI_ESC)
        return UI_BACK;
    if ((k == '\t' || k == KEY_BTAB || k == KEY_LEFT || k == KEY_RIGHT) &&
        s->ok)
        s->focus = !s->focus;
    else if (k == KEY_DOWN && s->top < max)
        s->top++;
    else if (k == KEY_UP && s->top > 0)
        s->top--;
    else if (k == KEY_NPAGE || k == ' ')
        s->top = s->top + PLAN_ROWS < max ? s->top + PLAN_ROWS : max;
    else if (k == KEY_PPAGE)
        s->top = s->top > PLAN_ROWS ? s->top - PLAN_ROWS : 0;
    return 0;
}

enum step_result scr_summary_ask(struct inst *in)
{
    struct sum s;
    int k = 0;

    memset(&s, 0, sizeof(s));
    if (make(in, &s))
        return STEP_BACK;
    s.lines = 1;
    for (const char *p = s.text; *p; p++)
        s.lines += *p == '\n' && p[1];
    labels(in, &s);
    while (!k) {
        draw(in, &s);
        k = keys(&s);
    }
    free(s.text);
    return k == UI_NEXT ? STEP_NEXT : STEP_BACK;
}

int scr_summary_check(struct inst *in)
{
    struct keel_err e;

    if (in->claim && in->claim()) {
        keel_err_set(&e, KEEL_EEXIST, "An install is running on another "
                     "console: nothing was written here.");
        return inst_fail(in, -1, &e);
    }
    return 0;
}
