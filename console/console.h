/*
 * console.h - what keel-console's screens and keelctl's subcommands
 * share: the application state, the action table's row, and the
 * output writer (text or JSON) that every action's run() fills.
 */
#ifndef KEEL_CONSOLE_H
#define KEEL_CONSOLE_H

#include <stdio.h>

#include "keel-auth.h"
#include "keel-backend.h"
#include "keel-host.h"
#include "keel-settings.h"
#include "keel-sr.h"

/* What must happen after a handler. */
enum next {
    NEXT_NONE,   /* nothing changed */
    NEXT_REDRAW, /* repaint from what we have */
    NEXT_RESCAN, /* read the host again (SR included), then repaint */
    NEXT_QUIT,
};

struct app {
    struct keel_backend *b;
    struct keel_settings s;          /* as saved in KEEL_HOST_CONF */
    struct keel_auth_session auth;
    struct keel_host_status st;
    double sr_read_at;               /* when the SR was last asked */
    struct keel_sr sr;               /* as lvm said then */
    const char *fake_log;            /* fake backend: dump the log here */
    const char *keys_dir;            /* trusted update keys; NULL: the
                                        image's KEEL_KEYS_DIR */
    int is_console;                  /* 0 in keelctl */
    const struct action *cur;        /* the action being run */
    char msg[KEEL_ERR_MSG_MAX];      /* the console's message line */
    /* Why KEEL_HOST_CONF could not be read ("" if it could): the
     * programs then run on the defaults and refuse to save over it. */
    char settings_bad[KEEL_ERR_MSG_MAX];
};

/* Output of an action: text ("key: value" lines) or one JSON value. */
struct out {
    FILE *f;
    int json;
    int depth;
    int first[16];  /* per depth: nothing written yet */
    int in_arr[16]; /* per depth: inside an array */
};

void out_init(struct out *o, FILE *f, int json);
void out_obj(struct out *o, const char *key); /* begin an object */
void out_arr(struct out *o, const char *key); /* begin an array */
void out_end(struct out *o);                  /* end either */
void out_str(struct out *o, const char *key, const char *v);
void out_num(struct out *o, const char *key, long long v);
void out_bool(struct out *o, const char *key, int v);
void out_null(struct out *o, const char *key); /* JSON null; "none" */
void out_finish(struct out *o);               /* newline after JSON */

struct action {
    const char *name;  /* keelctl subcommand and --goto name */
    const char *menu;  /* left menu entry; NULL: keelctl only */
    const char *label; /* what the console shows */
    int needs_login;   /* console: log in first */
    int modifies_host; /* changes the host (keelctl: needs root) */
    int confirm;       /* destructive: ask first */
    const char *args;  /* keelctl usage of the arguments, "" if none */
    /* The right pane of this menu (set on the menu's first row). */
    void (*paint)(struct app *a, int y, int x, int h, int w);
    /* Console: ask for the arguments, then call run. */
    enum next (*activate)(struct app *a, const struct action *act);
    /* Both: do it with argc arguments; 0 or a KEEL_E* code with e. */
    int (*run)(struct app *a, int argc, char **argv, struct out *o,
               struct keel_err *e);
    int min_args, max_args;
};

extern const struct action actions[];
extern const size_t n_actions;

const struct action *action_find(const char *name);

/* Host status into a->st; SR too when sr or when it is older than a
 * minute. */
void app_refresh(struct app *a, int sr);

/* Load settings from the backend (defaults if there is no file). */
int app_load_settings(struct app *a, struct keel_err *e);

/* Apply a changed copy of the settings, live (keel_host_apply); on
 * success a->s becomes new_s. */
int app_apply(struct app *a, struct keel_settings *new_s,
              struct keel_err *e);

/* Monotonic seconds. */
double app_now(void);

/* 0 if settings may be saved; else KEEL_EINVAL saying why not (the
 * file on disk could not be read: saving would overwrite it). */
int app_settings_writable(const struct app *a, struct keel_err *e);

/* Write the fake backend's call log to a->fake_log (if set). */
void app_dump_log(struct app *a);

/* Open the backend: real, or fake with the scenario at path. */
struct keel_backend *app_backend(const char *fake_state,
                                 struct keel_err *e);

#endif
