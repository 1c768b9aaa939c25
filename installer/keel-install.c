/*
 * keel-install.c - the installer's command line: unattended installs
 * from an answer file, the plan on --dry-run, stage lines on stdout.
 *
 *   keel-install [--answerfile FILE] [--dry-run] [--fake-state FILE]
 *                [--fake-log FILE] [--atexit reboot|poweroff|shell]
 *
 * Without --answerfile it looks for one (kernel argument answerfile=,
 * or a KEEL-AUTO file system); without one it starts the interactive
 * screens (steps.c), on the terminal it runs on (tty1 or the serial
 * console; TERM without colours or NO_COLOR set: plain attributes).
 * --fake-state runs against the fake backend's scenario FILE, and
 * --fake-log writes the fake's call log to FILE at the end (tests).
 *
 * Exit status: 0 done (interactive: the reboot was started), 1 refused
 * or failed, 2 usage or nothing to do (--dry-run without an answer
 * file), 3 the user asked for a shell (welcome screen, s or F2):
 * /sbin/keel-session opens the installer environment's shell after
 * any exit that is not a reboot.
 */
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "inst.h"
#ifdef KEEL_FAKE_OK
#include "keel-backend-fake.h"
#endif
#include "keel-host.h"
#include "keel-install.h"
#include "tui.h"

#define RESULT "/run/keel/install.result"

struct opts {
    const char *answerfile, *fake_state, *fake_log, *atexit;
    int dry_run;
};

static void usage(FILE *f)
{
    fprintf(f, "usage: keel-install [--answerfile FILE] [--dry-run] "
            "[--fake-state FILE]\n"
            "                    [--fake-log FILE] "
            "[--atexit reboot|poweroff|shell]\n"
            "exit status: 0 done, 1 refused or failed, 2 usage or nothing "
            "to do, 3 shell asked for\n");
}

static int parse_opts(int argc, char **argv, struct opts *o)
{
    static const struct option longs[] = {
        { "answerfile", required_argument, NULL, 'a' },
        { "dry-run", no_argument, NULL, 'n' },
        { "fake-state", required_argument, NULL, 'f' },
        { "fake-log", required_argument, NULL, 'L' },
        { "atexit", required_argument, NULL, 'x' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int c;

    while ((c = getopt_long(argc, argv, "", longs, NULL)) != -1) {
        if (c == 'a')
            o->answerfile = optarg;
        else if (c == 'n')
            o->dry_run = 1;
        else if (c == 'f')
            o->fake_state = optarg;
        else if (c == 'L')
            o->fake_log = optarg;
        else if (c == 'x' && keel_atexit_parse(optarg) >= 0)
            o->atexit = optarg;
        else if (c == 'h') {
            usage(stdout);
            exit(0);
        } else {
            usage(stderr);
            return -1;
        }
    }
    return optind == argc ? 0 : -1;
}

/* A file of the machine this runs on (never the fake's). */
static int read_host_file(const char *path, char **text, size_t *len,
                          struct keel_err *e)
{
    FILE *f = fopen(path, "rb");
    long n;

    if (!f)
        return keel_err_set(e, KEEL_ENOENT, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    rewind(f);
    *text = n >= 0 && n < (1 << 20) ? calloc(1, (size_t)n + 1) : NULL;
    if (!*text || fread(*text, 1, (size_t)n, f) != (size_t)n) {
        fclose(f);
        free(*text);
        *text = NULL;
        return keel_err_set(e, KEEL_EIO, "cannot read %s (or larger "
                            "than 1 MiB)", path);
    }
    fclose(f);
    *len = (size_t)n;
    return 0;
}

/* The answer file's text and a label for messages; 2 if none. */
static int get_answers(struct keel_backend *b, const struct opts *o,
                       char **text, size_t *len, char *label, size_t lsize)
{
    char *cmdline = NULL;
    size_t clen;
    struct keel_err e;
    int rc;

    if (o->answerfile) {
        snprintf(label, lsize, "%s", o->answerfile);
        rc = read_host_file(o->answerfile, text, len, &e);
    } else {
        keel_backend_read(b, "/proc/cmdline", &cmdline, &clen, NULL);
        rc = keel_answer_fetch(b, cmdline, text, len, label, lsize, &e);
        free(cmdline);
        if (rc == KEEL_ENOENT)
            return 2; /* the interactive installer */
    }
    if (rc)
        fprintf(stderr, "keel-install: %s\n", e.msg);
    return rc ? 1 : 0;
}

/* Parse and check the answers into pr (printed by the caller).
 * 0, or 1/2 when there is no answer file to parse. */
static int answers(struct keel_backend *b, const struct opts *o,
                   struct keel_answers *a, struct keel_problems *pr,
                   char *label, size_t lsize)
{
    char *text = NULL, cmd[128] = "", *cmdline = NULL;
    size_t len;
    int rc = get_answers(b, o, &text, &len, label, lsize);

    if (rc)
        return rc;
    keel_answers_parse(a, text, len, pr);
    keel_answer_text_free(text, len);
    if (!keel_backend_read(b, "/proc/cmdline", &cmdline, &len, NULL) &&
        !keel_cmdline_get(cmdline, "atexit", cmd, sizeof(cmd)) &&
        keel_atexit_parse(cmd) >= 0)
        a->atexit = (enum keel_atexit)keel_atexit_parse(cmd);
    free(cmdline);
    if (o->atexit)
        a->atexit = (enum keel_atexit)keel_atexit_parse(o->atexit);
    return 0;
}

/* Every problem of the answers and of the plan, at once. */
static int report(const struct keel_problems *pr, const char *label)
{
    char *msg = keel_problems_format(pr, label);

    fputs(msg ? msg : "keel-install: out of memory\n", stderr);
    free(msg);
    if (!pr->nerrors)
        return 0;
    fprintf(stderr, "keel-install: %d error%s; nothing was written\n",
            pr->nerrors, pr->nerrors > 1 ? "s" : "");
    return 1;
}

/*
 * Progress lines go to this console and to PROGRESS, which the installer
 * on every other console (waiting in one_installer()) copies to its own:
 * an unattended install shows on the serial line and the screen alike.
 */
#define PROGRESS "/run/keel/install.progress"
static FILE *progress;

/* fmt to f (stdout or stderr) and to PROGRESS. */
static void vtell(FILE *f, const char *fmt, va_list ap)
{
    va_list ap2;

    va_copy(ap2, ap);
    vfprintf(f, fmt, ap);
    fflush(f);
    if (progress) {
        vfprintf(progress, fmt, ap2);
        fflush(progress);
    }
    va_end(ap2);
}

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vtell(stdout, fmt, ap);
    va_end(ap);
}

/* A failure's details: every console shows them, not only this one. */
static void say_err(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
static void say_err(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vtell(stderr, fmt, ap);
    va_end(ap);
}

static void on_stage(void *ctx, int n, int total, const char *name,
                     double fraction)
{
    (void)ctx;
    if (fraction == 0)
        say("keel-install: [stage %d/%d] %s ...", n, total, name);
    else if (fraction >= 1)
        say(" ok\n");
}

static int apply(struct keel_backend *b, const struct keel_plan *p)
{
    struct keel_apply_fail f;
    char result[600];
    int rc = keel_install_apply(b, p, on_stage, NULL, &f);

    if (rc) {
        say(" FAILED\n");
        say_err("keel-install: stage '%s' failed: %s\n", f.stage,
                f.err.msg);
        if (f.command[0])
            say_err("keel-install: command: %s\n%s%s", f.command, f.output,
                    f.output[0] && f.output[strlen(f.output) - 1] != '\n'
                        ? "\n" : "");
        say_err("keel-install: the log is /run/keel/install.log; %s is "
                "%s\n", p->disk.dev, strcmp(f.stage,
                KEEL_STAGE_SCRIPTS_START) ? "not bootable" : "untouched");
        snprintf(result, sizeof(result), "failed in stage %s: %s\n",
                 f.stage, f.err.msg);
    } else {
        say("keel-install: complete: Keel %s on %s\n", p->version,
            p->disk.dev);
        snprintf(result, sizeof(result), "complete\n");
    }
    keel_backend_write(b, RESULT, result, strlen(result), 0644, NULL);
    return rc ? 1 : 0;
}

static void at_exit(struct keel_backend *b, enum keel_atexit what)
{
    const char *argv[] = { what == KEEL_ATEXIT_POWEROFF ? "poweroff"
                                                        : "reboot", NULL };

    if (what == KEEL_ATEXIT_SHELL)
        return;
    say("keel-install: %s now; remove the installation medium\n",
        argv[0]);
    keel_backend_run(b, argv, NULL, NULL);
}

/*
 * keel-session runs keel-install on every console: one of them does
 * the unattended install, the others wait for it; afterwards (and
 * after atexit=shell) a respawned keel-install shows the result and a
 * shell instead of installing again.  Interactive installs run on
 * every console and take the lock only when the user confirms.
 */
#define LOCK "/run/keel/install.lock"
static int lock_fd = -1;

/* Copy the other console's progress lines here until its lock goes. */
static void follow_progress(void)
{
    FILE *f = NULL;
    char buf[512];
    size_t n;

    for (;;) {
        int done = flock(lock_fd, LOCK_EX | LOCK_NB) == 0;

        if (!f)
            f = fopen(PROGRESS, "re");
        while (f && (n = fread(buf, 1, sizeof(buf), f)) > 0)
            fwrite(buf, 1, n, stdout);
        if (f)
            clearerr(f);
        fflush(stdout);
        if (done)
            break;
        usleep(300 * 1000);
    }
    if (f)
        fclose(f);
}

static void one_installer(struct keel_backend *b)
{
    struct keel_stat st;
    char *text = NULL;
    size_t len;

    lock_fd = open(LOCK, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (lock_fd >= 0 && flock(lock_fd, LOCK_EX | LOCK_NB) < 0) {
        printf("keel-install: the install runs on another console\n");
        fflush(stdout);
        follow_progress();
    }
    if (keel_backend_stat(b, RESULT, &st, NULL) || st.kind != KEEL_ST_FILE) {
        /* The lock stays held until this process ends. */
        progress = fopen(PROGRESS, "we");
        return;
    }
    keel_backend_read(b, RESULT, &text, &len, NULL);
    printf("keel-install: the install is over: %s", text ? text : "?\n");
    free(text);
    fflush(stdout);
    execl("/bin/sh", "sh", "-l", (char *)NULL);
    exit(1);
}

/* The interactive installer's claim (inst.h): 0, or -1 if another
 * console holds the lock. */
static int claim_lock(void)
{
    int fd;

    if (lock_fd >= 0)
        return 0;
    fd = open(LOCK, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) < 0) {
        close(fd);
        return -1;
    }
    lock_fd = fd;
    return 0;
}

static void release_lock(void)
{
    if (lock_fd >= 0)
        close(lock_fd);
    lock_fd = -1;
}

/* The screens; the exit status. */
static int interactive(struct keel_backend *b, const struct opts *o)
{
    static const char *const reboot[] = { "reboot", NULL };
    struct inst_out out;
    struct keel_err e;
    int rc;

    release_lock(); /* taken again on the summary's confirmation */
    if (tui_start(getenv("NO_COLOR") != NULL, &e)) {
        fprintf(stderr, "keel-install: %s\n", e.msg);
        return 1;
    }
    /* The kernel's lines (device-mapper's, a NIC's link) would scribble
     * over the screens on the serial line: they wait in the log. */
    keel_host_console_quiet(b, 1, NULL);
    rc = inst_run(b, o->fake_state ? NULL : claim_lock, &out);
    keel_host_console_quiet(b, 0, NULL);
    tui_stop();
    for (int i = 0; i < out.nlines; i++)
        printf("%s\n", out.lines[i]);
    if (out.msg[0])
        fprintf(stderr, "keel-install: %s\n", out.msg);
    if (rc == INST_EXIT_SHELL)
        printf("keel-install: leaving the installer for a shell\n");
    if (rc == 0) {
        printf("keel-install: complete; rebooting now\n");
        fflush(stdout);
        keel_backend_run(b, reboot, NULL, NULL); /* logged by the fake */
    }
    fflush(stdout);
    return rc;
}

/* --fake-state and --fake-log: the build machine's keel-install only
 * (-DKEEL_FAKE_OK, linked with tests/fake/); the image's has no fake. */
static struct keel_backend *backend(const struct opts *o)
{
    static const keel_group_setup disks = keel_real_disk_setup;
    struct keel_backend *b = NULL;
    struct keel_err e = { "out of memory" };

    if (!o->fake_state) /* disks only: no libxenlight in the installer */
        return keel_backend_real_with(NULL, &disks, 1);
#ifdef KEEL_FAKE_OK
    b = keel_fake_new();
    if (b && keel_fake_disk_load_file(b, o->fake_state, &e)) {
        keel_backend_free(b);
        b = NULL;
    }
#else
    keel_err_set(&e, KEEL_ENOTSUP, "this build has no fake backend "
                 "(--fake-state is for the build machine's keel-install)");
#endif
    if (!b)
        fprintf(stderr, "keel-install: %s\n", e.msg);
    return b;
}

static void dump_fake_log(struct keel_backend *b, const struct opts *o)
{
    struct keel_err e;

    if (o->fake_log)
        keel_backend_log_write(b, o->fake_log, &e);
}

/* Answers -> plan -> (dry run or) apply; the exit status. */
static int unattended(struct keel_backend *b, const struct opts *o,
                      struct keel_answers *a, struct keel_problems *pr,
                      const char *label)
{
    struct keel_plan p;
    struct keel_err e;
    char *text = NULL;
    int rc = 0;

    memset(&p, 0, sizeof(p));
    if (keel_plan_make(b, a, &p, pr, &e) && !pr->nerrors) {
        fprintf(stderr, "keel-install: %s\n", e.msg);
        rc = 1;
    }
    if (!rc)
        rc = report(pr, label);
    if (!rc && !keel_plan_format(&p, &text, &e)) {
        fputs(text, stdout);
        fflush(stdout);
        if (!o->dry_run)
            rc = apply(b, &p);
        if (!o->dry_run && !rc && !o->fake_state)
            at_exit(b, p.atexit);
    }
    free(text);
    keel_plan_fini(&p);
    return rc;
}

int main(int argc, char **argv)
{
    struct opts o = { NULL, NULL, NULL, NULL, 0 };
    struct keel_backend *b;
    struct keel_answers a;
    struct keel_problems pr;
    struct keel_err e;
    char label[300];
    int rc;

    if (parse_opts(argc, argv, &o))
        return 2;
    setenv("DM_DISABLE_UDEV", "1", 1); /* lvm without udev */
    b = backend(&o);
    if (!b || keel_answers_init(&a, &e))
        return 1;
    if (!o.fake_state && !o.answerfile && !o.dry_run)
        one_installer(b);
    keel_problems_init(&pr);
    rc = answers(b, &o, &a, &pr, label, sizeof(label));
    if (rc == 2 && !o.answerfile && !o.dry_run)
        rc = interactive(b, &o);
    else if (rc == 2)
        fprintf(stderr, "keel-install: no answer file found (--dry-run "
                "needs one)\n");
    else if (!rc)
        rc = unattended(b, &o, &a, &pr, label);
    dump_fake_log(b, &o);
    keel_answers_fini(&a);
    keel_backend_free(b);
    return rc;
}
