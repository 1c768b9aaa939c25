/*
 * keelctl - every keel-console action as a subcommand, from the same
 * action table (cmd/cmd-actions.c), for scripts and tests.
 *
 *   keelctl [--json] [--fake-state FILE] [--fake-log FILE] COMMAND [ARG]...
 *
 * Exit status: 0 done; 1 the host or a program refused; 2 bad usage or
 * an invalid value (the message says the rule); 3 not supported or not
 * implemented; 4 no such object (VM, disk, setting, file).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"

static void help(FILE *f)
{
    const char *menu = "";

    fprintf(f, "usage: keelctl [--json] [--fake-state FILE] [--fake-log "
            "FILE] COMMAND [ARG]...\n\nCommands (* changes the host; two "
            "words also work: \"vm start\", \"slot mark-good\"):\n");
    for (size_t i = 0; i < n_actions; i++) {
        const struct action *a = &actions[i];
        char use[64];

        if ((a->menu ? a->menu : "Settings")[0] != menu[0] ||
            strcmp(a->menu ? a->menu : "Settings", menu) != 0) {
            menu = a->menu ? a->menu : "Settings";
            fprintf(f, "\n  %s\n", menu);
        }
        snprintf(use, sizeof(use), "%s %s", a->name, a->args);
        fprintf(f, "    %-34s %s%s\n", use, a->label,
                a->modifies_host ? " *" : "");
    }
    fprintf(f, "\nExit status: 0 done, 1 refused by the host, 2 bad usage "
            "or value,\n3 not supported or not implemented, 4 no such "
            "object.\n");
}

static int exit_code(int rc)
{
    switch (rc) {
    case KEEL_OK: return 0;
    case KEEL_EINVAL: return 2;
    case KEEL_ENOTSUP: return 3;
    case KEEL_ENOENT: return 4;
    default: return 1;
    }
}

/* The action named by argv[0] or by argv[0]-argv[1]; *used words. */
static const struct action *lookup(int argc, char **argv, int *used)
{
    const struct action *act = action_find(argv[0]);
    char two[128];

    *used = 1;
    if (act || argc < 2)
        return act;
    snprintf(two, sizeof(two), "%s-%s", argv[0], argv[1]);
    *used = 2;
    return action_find(two);
}

static int run(struct app *a, const struct action *act, int argc,
               char **argv, int json)
{
    struct keel_err e = { "" };
    struct out o;
    int rc;

    if (argc < act->min_args || argc > act->max_args) {
        fprintf(stderr, "usage: keelctl %s %s\n", act->name, act->args);
        return 2;
    }
    out_init(&o, stdout, json);
    a->cur = act;
    rc = act->run(a, argc, argv, &o, &e);
    if (!rc)
        out_finish(&o);
    app_dump_log(a);
    if (rc) {
        fprintf(stderr, "keelctl %s: %s\n", act->name,
                e.msg[0] ? e.msg : keel_strerror(rc));
        if (json) {
            out_init(&o, stdout, 1);
            out_obj(&o, NULL);
            out_str(&o, "error", e.msg[0] ? e.msg : keel_strerror(rc));
            out_num(&o, "exit", exit_code(rc));
            out_end(&o);
            out_finish(&o);
        }
    }
    return exit_code(rc);
}

static int strip_json(int argc, char **argv, int from, int *json)
{
    int j = from;

    for (int i = from; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0)
            *json = 1;
        else
            argv[j++] = argv[i];
    }
    argv[j] = NULL;
    return j;
}

/* Judging a boot must not depend on host.conf, and the boot's network
 * and services had better come up on the defaults than not at all:
 * these run on the defaults when it cannot be read (and say why). */
static int without_settings(const struct action *act)
{
    static const char *const names[] = { "slot-mark-good",
                                         "slot-trial-failed", "net-start",
                                         "slot-quick-arm", "get" };

    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
        if (!strcmp(act->name, names[i]))
            return 1;
    return 0;
}

int main(int argc, char **argv)
{
    static const struct option lo[] = {
        { "json", no_argument, NULL, 'j' },
        { "fake-state", required_argument, NULL, 'f' },
        { "fake-log", required_argument, NULL, 'L' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    const char *fake = getenv("KEEL_FAKE_STATE");
    const struct action *act;
    struct app a;
    struct keel_err e;
    int json = 0, c, used, rc;

    memset(&a, 0, sizeof(a));
#ifdef KEEL_HOST_KEYS
    /* The build machine's keelctl trusts what the build signs with. */
    a.keys_dir = getenv("KEEL_KEYS_DIR") ? getenv("KEEL_KEYS_DIR")
                                         : KEEL_HOST_KEYS;
#endif
    while ((c = getopt_long(argc, argv, "+", lo, NULL)) != -1) {
        if (c == 'j')
            json = 1;
        else if (c == 'f')
            fake = optarg;
        else if (c == 'L')
            a.fake_log = optarg;
        else {
            help(c == 'h' ? stdout : stderr);
            return c == 'h' ? 0 : 2;
        }
    }
    if (optind >= argc) {
        help(stderr);
        return 2;
    }
    /* --json may also follow the command, as scripts tend to write it */
    argc = strip_json(argc, argv, optind, &json);
    act = lookup(argc - optind, argv + optind, &used);
    if (!act) {
        fprintf(stderr, "keelctl: no command '%s' (keelctl --help lists "
                "them)\n", argv[optind]);
        return 2;
    }
    if (keel_settings_init(&a.s, &e) || !(a.b = app_backend(fake, &e))) {
        fprintf(stderr, "keelctl: %s\n", e.msg);
        return 1;
    }
    a.b->virt_wait_s = 60; /* a script right after boot: wait for libvirtd */
    if (app_load_settings(&a, &e)) {
        fprintf(stderr, "keelctl: %s%s\n", e.msg, without_settings(act) ?
                " (going on with the defaults)" : "");
        if (!without_settings(act)) {
            keel_backend_free(a.b);
            return 1;
        }
    }
    if (a.s.warning[0])
        fprintf(stderr, "keelctl: warning: %s\n", a.s.warning);
    rc = run(&a, act, argc - optind - used, argv + optind + used, json);
    app_fini(&a);
    keel_settings_fini(&a.s);
    keel_backend_free(a.b);
    return rc;
}
