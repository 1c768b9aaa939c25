/*
 * backend-real-dirs.c - directory listings and programs that take the
 * terminal (keel-xen.h's list_dir and run_tty): part of every real
 * backend, whatever groups it installs (the installer's bundle check
 * lists the trusted keys).
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "keel-backend.h"
#include "keel-xen.h"

struct real_dirs {
    char root[PATH_MAX];
    void (*destroy)(struct keel_backend *b);
};

static int rd_list_dir(struct keel_backend *b, const char *path,
                       char ***names, size_t *n, struct keel_err *e)
{
    struct real_dirs *rd = b->dirs;
    char full[8192];
    DIR *d;
    struct dirent *de;
    char **v = NULL;
    size_t cap = 0;

    snprintf(full, sizeof(full), "%s%s", rd->root, path);
    d = opendir(full);
    if (!d)
        return keel_err_set(e, keel_err_from_errno(errno), "cannot list "
                            "%s: %s", path, strerror(errno));
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.')
            continue;
        if (*n == cap) {
            char **t = realloc(v, (cap = cap ? cap * 2 : 16) * sizeof(*v));

            if (!t)
                break;
            v = t;
        }
        if (!(v[*n] = strdup(de->d_name)))
            break;
        (*n)++;
    }
    closedir(d);
    if (de) {
        keel_names_free(v, *n);
        *n = 0;
        return keel_err_set(e, KEEL_ENOMEM, "out of memory listing %s",
                            path);
    }
    *names = v; /* keel_backend_list_dir sorts */
    return 0;
}

static int rd_run_tty(struct keel_backend *b, const char *const *argv,
                      int *status, struct keel_err *e)
{
    pid_t pid;
    int st;

    (void)b;
    pid = fork();
    if (pid < 0)
        return keel_err_set(e, KEEL_EIO, "cannot start %s: %s", argv[0],
                            strerror(errno));
    if (pid == 0) {
        signal(SIGINT, SIG_DFL);
        execvp(argv[0], (char *const *)argv);
        _exit(127);
    }
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR)
            return keel_err_set(e, KEEL_EIO, "lost %s: %s", argv[0],
                                strerror(errno));
    *status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    if (*status == 127)
        return keel_err_set(e, KEEL_ENOENT, "cannot run %s", argv[0]);
    return 0;
}

static void rd_destroy(struct keel_backend *b)
{
    struct real_dirs *rd = b->dirs;
    void (*destroy)(struct keel_backend *) = rd->destroy;

    free(rd);
    b->dirs = NULL;
    destroy(b);
}

int keel_real_dirs_setup(struct keel_backend *b, const char *root)
{
    struct real_dirs *rd = calloc(1, sizeof(*rd));

    if (!rd)
        return KEEL_ENOMEM;
    snprintf(rd->root, sizeof(rd->root), "%s", root);
    rd->destroy = b->destroy;
    b->dirs = rd;
    b->destroy = rd_destroy;
    b->list_dir = rd_list_dir;
    b->run_tty = rd_run_tty;
    return 0;
}
