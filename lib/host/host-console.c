/*
 * host-console.c - the kernel keeps quiet on the consoles while a
 * screen of ours owns them (keel-host.h).  The kernel's messages still
 * reach the log (dmesg, syslog); only their copy on tty1 and the serial
 * line, which would scribble over the screen, is held back.
 *
 * The two consoles (tty1, serial) and the installer may each hold the
 * quiet at once: each holder leaves CONSOLE_DIR/console-quiet.PID, the
 * level the kernel had before the first holder is kept in LEVEL_FILE,
 * and it is put back only when the last live holder lets go (a holder
 * that died without letting go is pruned by its pid).  Under one lock,
 * so that two starting at once cannot save "1" as the old level.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "keel-host.h"

#define CONSOLE_DIR "/run/keel"
#define LOCK_FILE CONSOLE_DIR "/console-quiet.lock"
#define LEVEL_FILE CONSOLE_DIR "/console-level"
#define HOLDER "console-quiet."
#define PRINTK "/proc/sys/kernel/printk"
#define QUIET_LEVEL "1" /* KERN_EMERG only: a panic still shows */

static int held; /* this process holds the quiet */

static int dmesg_n(struct keel_backend *b, const char *level,
                   struct keel_err *e)
{
    const char *argv[] = { "dmesg", "-n", level, NULL };
    struct keel_run r = { .timeout_s = 10 };

    return keel_backend_run(b, argv, &r, e);
}

/* The first number of a small file (printk's console level, the saved
 * one): 1..8 into buf, else "" . */
static void read_level(struct keel_backend *b, const char *path, char *buf)
{
    char *data = NULL;
    size_t len = 0;
    long v;

    buf[0] = '\0';
    if (!keel_backend_read(b, path, &data, &len, NULL) && len) {
        v = strtol(data, NULL, 10);
        if (v >= 1 && v <= 8)
            snprintf(buf, 4, "%ld", v);
    }
    free(data);
}

static void holder_path(char *buf, size_t size, const char *pid)
{
    snprintf(buf, size, "%s/%s%s", CONSOLE_DIR, HOLDER, pid);
}

/* Holders left besides us, the dead ones removed. */
static int live_holders(struct keel_backend *b)
{
    char **names = NULL, path[128], *data = NULL;
    size_t n = 0, len;
    int live = 0;

    if (keel_backend_list_dir(b, CONSOLE_DIR, &names, &n, NULL))
        return 0;
    for (size_t i = 0; i < n; i++) {
        const char *pid = names[i] + strlen(HOLDER);

        if (strncmp(names[i], HOLDER, strlen(HOLDER)) || !*pid ||
            strspn(pid, "0123456789") != strlen(pid))
            continue;
        snprintf(path, sizeof(path), "/proc/%s/stat", pid);
        if (!keel_backend_read(b, path, &data, &len, NULL)) {
            live++;
        } else {
            holder_path(path, sizeof(path), pid);
            keel_backend_remove(b, path, NULL);
        }
        free(data);
        data = NULL;
    }
    keel_names_free(names, n);
    return live;
}

static int take(struct keel_backend *b, const char *me, struct keel_err *e)
{
    char level[4], path[128];
    int rc = 0;

    read_level(b, LEVEL_FILE, level);
    if (!level[0]) {
        read_level(b, PRINTK, level);
        if (level[0])
            rc = keel_backend_write(b, LEVEL_FILE, level, strlen(level),
                                    0644, e);
    }
    holder_path(path, sizeof(path), me);
    if (!rc)
        rc = keel_backend_write(b, path, me, strlen(me), 0644, e);
    if (!rc)
        rc = dmesg_n(b, QUIET_LEVEL, e);
    held = !rc;
    return rc;
}

static int give_back(struct keel_backend *b, const char *me,
                     struct keel_err *e)
{
    char level[4], path[128];
    int rc = 0;

    held = 0;
    holder_path(path, sizeof(path), me);
    keel_backend_remove(b, path, NULL);
    if (live_holders(b))
        return 0;
    read_level(b, LEVEL_FILE, level);
    if (level[0])
        rc = dmesg_n(b, level, e);
    if (!rc)
        keel_backend_remove(b, LEVEL_FILE, NULL);
    return rc;
}

int keel_host_console_quiet(struct keel_backend *b, int quiet,
                            struct keel_err *e)
{
    char me[24];
    int lock = -1, rc;

    if (!quiet == !held)
        return 0;
    snprintf(me, sizeof(me), "%ld", (long)getpid());
    rc = keel_backend_lock(b, LOCK_FILE, 5, &lock, e);
    if (!rc)
        rc = quiet ? take(b, me, e) : give_back(b, me, e);
    keel_backend_unlock(b, lock);
    return rc;
}
