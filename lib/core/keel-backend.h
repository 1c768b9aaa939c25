/*
 * keel-backend.h - the one interface through which libkeel touches the
 * system.
 *
 * Everything that reads or changes the host (files, programs, and later
 * disks, LVM, grubenv, reboot) goes through a struct keel_backend.  The
 * real backend does it; the fake backend (tests/fake/keel-backend-fake.h) keeps an
 * in-memory file system and a call log so the library, the installer and
 * the console can be tested on a machine with no Xen and no disks.
 *
 * Callers use the keel_backend_*() wrappers below, not the function
 * pointers: the wrappers check arguments the same way for every backend
 * and turn a program's non-zero exit status into KEEL_ECMD.
 *
 * Paths are absolute ("/etc/keel/host.conf") with no "." or ".."
 * components; anything else is KEEL_EINVAL.
 */
#ifndef KEEL_BACKEND_H
#define KEEL_BACKEND_H

#include <stddef.h>

#include "keel-error.h"

struct keel_xen_info; /* keel-xen.h (console) */
struct keel_vm_def;  /* keel-xen.h (console) */
struct keel_dom;
struct keel_net_live;
struct keel_disks; /* keel-disk.h (installer) */
struct keel_nics;
struct keel_stat;

/* Files larger than this are refused by read (KEEL_EINVAL). */
#define KEEL_READ_MAX (16u * 1024 * 1024)

/*
 * One program run.  The caller owns the buffers: out/err may be NULL
 * with size 0 to discard that stream.  Output beyond size - 1 bytes is
 * dropped (the program is still drained, so it never blocks) and the
 * stored text is always NUL-terminated.
 *
 * Every run has a time limit (timeout_s).  The run ends when the program
 * exits, even if something it started still holds its stdout or stderr
 * open: that output is read for 2 s more, then dropped, and the exit
 * status stands.  A program still running at the limit is stopped
 * (SIGTERM, then SIGKILL 1 s later, to its process group: the limit
 * runs it in a group of its own, which a terminal's Ctrl-C no longer
 * reaches) and the run fails (timed_out).  timeout_s 0 means the
 * default, KEEL_RUN_DEFAULT_S (written back into timeout_s): no run is
 * without a limit (a terminal handed to a shell or a VM console,
 * run_tty, is not a run).
 */
/* The limit of a run that names none.  The host's own tools answer in
 * seconds (lvm, mount, xl, ip); one that has not answered in two
 * minutes is hung (a dead disk, a stuck xenstored), and the console,
 * keelctl or the boot waiting on it would hang with it.  Runs that may
 * take longer say so (installer steps, downloads, scripts). */
#define KEEL_RUN_DEFAULT_S 120

struct keel_run {
    char *out;          /* in: buffer for stdout */
    size_t out_size;    /* in: its size in bytes */
    char *err;          /* in: buffer for stderr */
    size_t err_size;    /* in: its size in bytes */
    unsigned timeout_s; /* in: time limit in seconds, 0: the default */
    /* in, optional: each piece of stdout as it arrives (a progress
     * meter), besides what is kept in out */
    void (*on_out)(void *ctx, const char *data, size_t len);
    void *on_out_ctx;
    /* in, optional: the same for stderr (busybox wget's meter) */
    void (*on_err)(void *ctx, const char *data, size_t len);
    void *on_err_ctx;
    size_t out_len;     /* out: bytes stored in out (without the NUL) */
    size_t err_len;     /* out: bytes stored in err */
    int truncated;      /* out: 1 if either stream did not fit */
    int status;         /* out: exit code, 128 + N if killed by signal N,
                           -1 if the program never ran */
    int signal;         /* out: N if killed by signal N, else 0 (an exit
                           code above 128 is not a signal by itself) */
    int timed_out;      /* out: 1 if stopped at timeout_s; status is -1
                           if it had not gone 1 s after SIGKILL */
};

/*
 * The operations.  Implementations return 0 or a KEEL_E* code and fill
 * e.  run returns 0 whenever the program ran to completion, whatever its
 * exit status, or was stopped at its time limit (r->timed_out);
 * keel_backend_run() applies the status rule.
 */
struct keel_backend {
    const char *name; /* "real" or "fake", for messages */
    int (*read_file)(struct keel_backend *b, const char *path,
                     char **data, size_t *len, struct keel_err *e);
    int (*write_file)(struct keel_backend *b, const char *path,
                      const void *data, size_t len, unsigned mode,
                      struct keel_err *e);
    int (*remove_file)(struct keel_backend *b, const char *path,
                       struct keel_err *e);
    int (*read_tail)(struct keel_backend *b, const char *path, size_t max,
                     char **data, size_t *len, struct keel_err *e);
    int (*run)(struct keel_backend *b, const char *const *argv,
               struct keel_run *r, struct keel_err *e);
    int (*lock)(struct keel_backend *b, const char *path,
                unsigned timeout_s, int *handle, struct keel_err *e);
    void (*unlock)(struct keel_backend *b, int handle);
    /*
     * Room for what comes next, each a pointer here, a wrapper below and
     * an implementation in BOTH backends (an operation a backend cannot
     * do returns KEEL_ENOTSUP, never success):
     *   - block devices: list disks, read size/model, wipe, partition;
     *   - LVM: reports via `lvm ... --reportformat json`, lvcreate, ...;
     *   - grubenv: read and write the A/B slot variables;
     *   - reboot / power off.
     */
    /* Xen, VMs, storage repository, network (console) */
    /* Types, contracts and wrappers in keel-xen.h; implementations in
     * backend-real-xen.c and tests/fake/fake-xen.c; state in xen. */
    int (*xen_info)(struct keel_backend *b, struct keel_xen_info *xi,
                    struct keel_err *e);
    int (*dom_list)(struct keel_backend *b, struct keel_dom **doms,
                    size_t *n, struct keel_err *e);
    int (*dom_op)(struct keel_backend *b, const char *name, int op,
                  struct keel_err *e);
    int (*net_live)(struct keel_backend *b, const char *ifname,
                    struct keel_net_live *nl, struct keel_err *e);
    int (*list_dir)(struct keel_backend *b, const char *path,
                    char ***names, size_t *n, struct keel_err *e);
    int (*run_tty)(struct keel_backend *b, const char *const *argv,
                   int *status, struct keel_err *e);
    /* VM definitions: libvirt's (backend-real-virt.c; the fake keeps
     * them as files in KEEL_VM_DEF_DIR, tests/fake/fake-virt.c) */
    int (*vm_defs)(struct keel_backend *b, struct keel_vm_def **defs,
                   size_t *n, struct keel_err *e);
    int (*vm_define)(struct keel_backend *b, const char *xml,
                     struct keel_err *e);
    int (*vm_undefine)(struct keel_backend *b, const char *name,
                       struct keel_err *e);
    int (*vm_start)(struct keel_backend *b, const char *name,
                    struct keel_err *e);
    int (*vm_autostart)(struct keel_backend *b, const char *name, int on,
                        unsigned order, unsigned delay_s,
                        struct keel_err *e);
    int (*pool_refresh)(struct keel_backend *b, const char *pool,
                        struct keel_err *e);
    int (*vm_cd)(struct keel_backend *b, const char *name, const char *iso,
                 struct keel_err *e);
    void *xen;
    void *virt;
    /* How long VM calls wait for a libvirtd still starting at boot
     * (its start step runs after "ready"): keelctl waits, the console
     * does not (its VM pane says so and asks again).  0: no wait. */
    unsigned virt_wait_s;
    /* disks and install (installer) */
    /* Types, contracts and wrappers in keel-disk.h; implementations in
     * backend-real-disk.c (and -nic.c, -block.c) and
     * tests/fake/fake-disk.c. */
    int (*disk_list)(struct keel_backend *b, struct keel_disks *out,
                     struct keel_err *e);
    int (*nic_list)(struct keel_backend *b, struct keel_nics *out,
                    struct keel_err *e);
    int (*stat_path)(struct keel_backend *b, const char *path,
                     struct keel_stat *st, struct keel_err *e);
    int (*dev_zero)(struct keel_backend *b, const char *dev,
                    unsigned long long offset, unsigned long long len,
                    struct keel_err *e);
    int (*image_write)(struct keel_backend *b, const char *src,
                       unsigned long long src_off, unsigned long long len,
                       const char *dev,
                       void (*fn)(void *ctx, unsigned long long done,
                                  unsigned long long total),
                       void *ctx, struct keel_err *e);
    int (*read_at)(struct keel_backend *b, const char *path,
                   unsigned long long off, void *buf, size_t n,
                   size_t *got, struct keel_err *e);
    int (*sha256)(struct keel_backend *b, const char *path,
                  unsigned long long off, unsigned long long len,
                  unsigned char out[32],
                  void (*fn)(void *ctx, unsigned long long done,
                             unsigned long long total),
                  void *ctx, struct keel_err *e);
    void *disk; /* the fake's disk state; the real backend has none */
    /* a record of the calls made (the fake's call log) written to the
     * host file path, for tests; NULL for the real backend */
    int (*log_write)(struct keel_backend *b, const char *path,
                     struct keel_err *e);
    void (*destroy)(struct keel_backend *b);
    void *priv; /* the implementation's state */
};

/*
 * The real backend.  root, if not NULL and not "" or "/", is prefixed
 * to every file path so tests can work under a temporary directory; it
 * does NOT confine run(), whose programs act on the real system.
 * Returns NULL when out of memory.  Free with keel_backend_free().
 */
struct keel_backend *keel_backend_real_new(const char *root);

/*
 * The real backend with files and programs and only the operation
 * groups given (keel_real_xen_setup, keel_real_disk_setup): a program
 * links only the groups it installs (keel-install: no libxenlight).
 * The missing groups' operations fail with KEEL_ENOTSUP.  NULL when
 * out of memory.
 */
typedef int (*keel_group_setup)(struct keel_backend *b);
struct keel_backend *keel_backend_real_with(const char *root,
                                            const keel_group_setup *groups,
                                            size_t ngroups);

/* b->log_write if b has one (--fake-log), else nothing; 0 or KEEL_E*. */
int keel_backend_log_write(struct keel_backend *b, const char *path,
                           struct keel_err *e);

/* Free a backend from any *_new(); NULL is allowed. */
void keel_backend_free(struct keel_backend *b);

/*
 * Read the whole file at path.  On success *data is a malloc'd buffer of
 * *len bytes plus a terminating NUL (the caller frees it with free());
 * on error *data is NULL.  KEEL_ENOENT if the file does not exist.
 */
int keel_backend_read(struct keel_backend *b, const char *path,
                      char **data, size_t *len, struct keel_err *e);

/*
 * Read the last max bytes of the file at path (all of it if it is
 * smaller), however large the file: for logs, which grow without the
 * reader's say.  max is 1 to KEEL_READ_MAX (else KEEL_EINVAL).  *data
 * and errors as keel_backend_read().
 */
int keel_backend_read_tail(struct keel_backend *b, const char *path,
                           size_t max, char **data, size_t *len,
                           struct keel_err *e);

/*
 * Replace path atomically with len bytes of data and permission bits
 * mode (umask does not apply): write a temporary file in the same
 * directory, fsync it, rename it over path, fsync the directory.  After
 * a crash at any point path holds either the old or the new content,
 * never a mix.  On error the old content is untouched and the
 * temporary file is removed.  The directory must exist (KEEL_ENOENT).
 * On FAT (the ESP), where rename is not atomic, a file of the same size
 * is rewritten in place instead, as GRUB writes grubenv.
 */
int keel_backend_write(struct keel_backend *b, const char *path,
                       const void *data, size_t len, unsigned mode,
                       struct keel_err *e);

/* Remove the file at path.  KEEL_ENOENT if it did not exist. */
int keel_backend_remove(struct keel_backend *b, const char *path,
                        struct keel_err *e);

/*
 * Run argv[0] (searched in PATH if it has no '/') with arguments argv,
 * a NULL-terminated array; stdin is /dev/null and stdout/stderr are
 * captured into r (see struct keel_run).  Returns 0 if it exited with
 * status 0, KEEL_ECMD if it ran and failed or did not finish within
 * r->timeout_s (r->status and r->timed_out say how; the message names
 * the command and quotes the first line of its stderr), KEEL_ENOENT if
 * the program does not exist, KEEL_EIO if it could not be started.
 * r may be NULL to discard everything (and run with no time limit).
 */
int keel_backend_run(struct keel_backend *b, const char *const *argv,
                     struct keel_run *r, struct keel_err *e);

/*
 * Take the exclusive lock of the lock file at path (made, mode 0600, if
 * there is none; the directory must exist), waiting up to timeout_s
 * seconds (0: not at all) while another process holds it.  *handle is
 * for keel_backend_unlock(); the lock also ends with the process, and
 * the programs run meanwhile do not inherit it.  The holder's pid and
 * program name are kept in the file so that a writer that gives up can
 * say whose the lock is: KEEL_EBUSY "PATH is held by keelctl (pid 812),
 * still after 30 s".  Other errors as for keel_backend_write().
 */
int keel_backend_lock(struct keel_backend *b, const char *path,
                      unsigned timeout_s, int *handle, struct keel_err *e);

/* Release a lock from keel_backend_lock(); -1 is allowed (nothing). */
void keel_backend_unlock(struct keel_backend *b, int handle);

/* "prog arg arg ..." for messages and logs, cut to fit buf (which may
 * be NULL when size is 0); the length of the whole line, as snprintf. */
size_t keel_argv_join(const char *const *argv, char *buf, size_t size);

#endif
