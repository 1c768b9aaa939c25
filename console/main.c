/*
 * main.c - keel-console: the host's text console on tty1 and the
 * serial line (xsconsole / DCUI style).
 *
 *   keel-console [--plain] [--fake-state FILE] [--fake-log FILE]
 *                [--idle-seconds N] [--goto ACTION] [--timing FILE]
 *   keel-console --self-check
 *
 * --fake-state (or KEEL_FAKE_STATE) runs against the fake backend
 * (build machine only); --fake-log writes its call log after every
 * action; --idle-seconds, --goto and --timing are for tests and
 * benchmarks.  --self-check reads the host and paints every menu once
 * to the terminal it is given (dom0's health check, with /dev/null),
 * then exits 0: the console can start.
 */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "console.h"
#include "loop.h"
#include "tui.h"

static void usage(FILE *f)
{
    fprintf(f, "usage: keel-console [--plain] [--fake-state FILE] "
            "[--fake-log FILE]\n"
            "                    [--idle-seconds N] [--goto ACTION] "
            "[--timing FILE]\n"
            "       keel-console --self-check\n");
}

struct opts {
    int plain, self_check;
    const char *fake, *goto_name, *timing;
    double idle;
};

static int parse(int argc, char **argv, struct opts *o, struct app *a)
{
    static const struct option lo[] = {
        { "plain", no_argument, NULL, 'p' },
        { "fake-state", required_argument, NULL, 'f' },
        { "fake-log", required_argument, NULL, 'L' },
        { "idle-seconds", required_argument, NULL, 'i' },
        { "goto", required_argument, NULL, 'g' },
        { "timing", required_argument, NULL, 't' },
        { "self-check", no_argument, NULL, 's' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int c;

    while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1) {
        if (c == 'p')
            o->plain = 1;
        else if (c == 'f')
            o->fake = optarg;
        else if (c == 'L')
            a->fake_log = optarg;
        else if (c == 'i')
            o->idle = atof(optarg);
        else if (c == 'g')
            o->goto_name = optarg;
        else if (c == 't')
            o->timing = optarg;
        else if (c == 's')
            o->self_check = 1;
        else {
            usage(c == 'h' ? stdout : stderr);
            return c == 'h' ? 1 : 2;
        }
    }
    return optind < argc ? (usage(stderr), 2) : 0;
}

/*
 * The keyboard cannot stop the console: killed, init would start a new
 * one (an apply left half done), stopped, the terminal would hang.
 * While curses has the terminal its keys send no signals (raw); while a
 * shell or a VM's console has it, Ctrl-C reaches them, not us (the
 * backend puts the signals back to default for what it starts).
 */
static void keyboard_signals_off(void)
{
    tui_keys_raw();
    signal(SIGINT, SIG_IGN);
    signal(SIGQUIT, SIG_IGN);
    signal(SIGTSTP, SIG_IGN);
}

int main(int argc, char **argv)
{
    struct app a;
    struct opts o = { 0, 0, getenv("KEEL_FAKE_STATE"), NULL, NULL, 0 };
    struct keel_err e;
    int rc;

    memset(&a, 0, sizeof(a));
    a.progress = tui_bar;
    rc = parse(argc, argv, &o, &a);
    if (rc)
        return rc == 1 ? 0 : 2;
    if (keel_settings_init(&a.s, &e) || !(a.b = app_backend(o.fake, &e))) {
        fprintf(stderr, "keel-console: %s\n", e.msg);
        return 1;
    }
    /* A host.conf this program cannot read must not stop the console
     * (init would restart it for ever): it runs on the defaults, says
     * why, and saves nothing over the file. */
    if (app_load_settings(&a, &e))
        snprintf(a.msg, sizeof(a.msg), "host.conf not read: %.200s",
                 e.msg);
    else if (a.s.warning[0])
        snprintf(a.msg, sizeof(a.msg), "warning: %.200s", a.s.warning);
    if (o.idle <= 0)
        o.idle = 60.0 * atof(keel_settings_value(&a.s, KEEL_S_CONSOLE_IDLE));
    keel_auth_init(&a.auth, o.idle);
    tui_idle_s = o.idle;
    if (tui_start(o.plain || getenv("NO_COLOR"), &e)) {
        fprintf(stderr, "keel-console: %s\n", e.msg);
        return 1;
    }
    keyboard_signals_off();
    if (o.self_check) {
        console_self_check(&a);
    } else {
        /* The kernel's lines would scribble over the screen: they wait
         * in the log while it is ours (not on the health check's run). */
        keel_host_console_quiet(a.b, 1, NULL);
        rc = console_loop(&a, o.goto_name, o.timing);
        keel_host_console_quiet(a.b, 0, NULL);
    }
    tui_stop();
    app_dump_log(&a);
    app_fini(&a);
    keel_settings_fini(&a.s);
    keel_backend_free(a.b);
    return rc;
}
