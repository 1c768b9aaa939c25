/*
 * scr-progress.c - apply the plan: one line a stage with its own bar,
 * and a bar for the whole.  A failure stops with the stage, the command
 * and its output on the screen.  Either outcome goes to
 * /run/keel/install.result (as in an unattended install).
 */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "scr-progress.h"
#include "tui.h"
#include "ui.h"

#define MAX_STAGES 16
#define BAR_W 30
#define RESULT "/run/keel/install.result"

struct prog {
    struct inst *in;
    const char *names[MAX_STAGES];
    int n, cur;
    double frac;
};

static void bar(int y, int x, double f, enum tui_attr a)
{
    char s[BAR_W + 16];
    int fill = (int)(f * BAR_W + 0.5);

    fill = fill < 0 ? 0 : fill > BAR_W ? BAR_W : fill;
    snprintf(s, sizeof(s), "[%.*s%*s] %3d%%", fill,
             "##############################", BAR_W - fill, "",
             (int)(f * 100 + 0.5));
    tui_put(y, x, BAR_W + 8, s, a, 0);
}

static void draw(struct prog *g)
{
    int y = ui_page(g->in, "Installing. This takes a few minutes; do not "
                    "turn the machine off.", " Please wait");

    for (int i = 0; i < g->n; i++) {
        char line[80];
        double f = i < g->cur - 1 ? 1 : i == g->cur - 1 ? g->frac : 0;

        snprintf(line, sizeof(line), "stage %d/%d: %s", i + 1, g->n,
                 g->names[i]);
        tui_put(y + i, UI_LEFT, 36, line, i == g->cur - 1 ? TUI_HEADING :
                TUI_NORMAL, 1);
        bar(y + i, UI_LEFT + 38, f, TUI_NORMAL);
    }
    tui_put(y + g->n + 1, UI_LEFT, 36, "All", TUI_HEADING, 1);
    bar(y + g->n + 1, UI_LEFT + 38, g->n ? ((g->cur ? g->cur - 1 : 0) +
        g->frac) / g->n : 0, TUI_HEADING);
    refresh();
}

static void on_stage(void *ctx, int n, int total, const char *name,
                     double fraction)
{
    struct prog *g = ctx;
    struct inst *in = g->in;

    g->cur = n;
    g->frac = fraction;
    if (fraction >= 1 && in->nstage_lines < 16)
        snprintf(in->stage_lines[in->nstage_lines++],
                 sizeof(in->stage_lines[0]), "keel-install: [stage %d/%d] "
                 "%s ... ok", n, total, name);
    draw(g);
}

static void failed(struct inst *in, const struct keel_apply_fail *f)
{
    char text[2048];
    int y = ui_page(in, NULL, " Enter: leave the installer (a shell "
                    "follows)");

    snprintf(text, sizeof(text), "The install FAILED in stage '%s': %s",
             f->stage, f->err.msg);
    y += ui_text(y, text, TUI_ERROR) + 1;
    if (f->command[0]) {
        snprintf(text, sizeof(text), "Command: %s", f->command);
        y += ui_text(y, text, TUI_NORMAL);
        y += ui_text(y, f->output, TUI_NORMAL) + 1;
    }
    snprintf(text, sizeof(text), "The log is /run/keel/install.log. %s is "
             "not bootable.", in->plan.disk.dev);
    ui_text(y < LINES - 4 ? y : LINES - 4, text, TUI_NORMAL);
    refresh();
    while (!ui_is_enter(tui_key(-1)))
        ;
}

enum step_result scr_progress_ask(struct inst *in)
{
    struct prog g = { in, { NULL }, 0, 0, 0 };
    struct keel_apply_fail f;
    char result[600];
    int rc;

    g.n = keel_install_stages(&in->plan, g.names, MAX_STAGES);
    g.n = g.n < MAX_STAGES ? g.n : MAX_STAGES;
    draw(&g);
    rc = keel_install_apply(in->b, &in->plan, on_stage, &g, &f);
    if (rc)
        snprintf(result, sizeof(result), "failed in stage %s: %s\n",
                 f.stage, f.err.msg);
    else
        snprintf(result, sizeof(result), "complete\n");
    keel_backend_write(in->b, RESULT, result, strlen(result), 0644, NULL);
    if (!rc)
        return STEP_NEXT;
    snprintf(in->stage_lines[in->nstage_lines < 16 ? in->nstage_lines++ :
             15], sizeof(in->stage_lines[0]), "keel-install: stage '%s' "
             "failed", f.stage);
    failed(in, &f);
    in->rc = 1;
    return STEP_EXIT;
}
