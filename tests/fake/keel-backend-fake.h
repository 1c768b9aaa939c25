/*
 * keel-backend-fake.h - the fake backend: an in-memory file system, a
 * call log, scripted programs and fault injection, for tests (unit and
 * tmux) and for running the UI on a machine that is not a Keel host.
 *
 * Every operation through the backend appends one line to the call log,
 * even when it fails:
 *     read /etc/keel/host.conf
 *     write /etc/keel/host.conf
 *     remove /etc/keel/host.conf
 *     run ip link set xenbr0 up          (argv joined by spaces)
 *     lock /run/keel/host.conf.lock
 *     unlock /run/keel/host.conf.lock
 * The keel_fake_*() helpers below are not logged.
 *
 * Patterns (for faults and scripts) match a path, or for "run" the
 * joined command line: exactly, or as a prefix if the pattern ends in
 * '*'.  A NULL pattern matches everything.
 *
 * Writes are atomic as in the real backend: a "write" fault fails before
 * anything changes; a "rename" fault fails after the temporary copy is
 * written, the way a power cut before rename() would: the old content
 * stays.  Programs with no script exit 0 with no output (check the log).
 * There are no directories: any valid absolute path can be written.
 * A lock already held fails at once, as a real one would at its time
 * limit (one process cannot wait for itself); lock files are not files.
 */
#ifndef KEEL_BACKEND_FAKE_H
#define KEEL_BACKEND_FAKE_H

#include <stddef.h>

#include "keel-backend.h"
#include "keel-error.h"

/* A new, empty fake.  NULL when out of memory; keel_backend_free(). */
struct keel_backend *keel_fake_new(void);

/* Create or replace a file without logging.  Copies data.  0/ENOMEM. */
int keel_fake_put(struct keel_backend *b, const char *path,
                  const char *data, size_t len, unsigned mode);

/* Remove a file without logging.  0 or KEEL_ENOENT. */
int keel_fake_drop(struct keel_backend *b, const char *path);

/*
 * Look at a file without logging.  *data (NUL-terminated) is borrowed:
 * valid until the next change to the fake.  Any out pointer may be
 * NULL.  KEEL_ENOENT if there is no such file.
 */
int keel_fake_get(struct keel_backend *b, const char *path,
                  const char **data, size_t *len, unsigned *mode);

/* The files, in creation order (borrowed, valid until a change). */
size_t keel_fake_nfiles(struct keel_backend *b);
const char *keel_fake_path_at(struct keel_backend *b, size_t i);

/*
 * The call log: count, one entry, or every entry each ending in '\n'
 * ("" if empty; NULL when out of memory).  Borrowed strings, valid until
 * the next operation or keel_fake_log_clear().
 */
size_t keel_fake_log_count(struct keel_backend *b);
const char *keel_fake_log_at(struct keel_backend *b, size_t i);
const char *keel_fake_log(struct keel_backend *b);
void keel_fake_log_clear(struct keel_backend *b);

/*
 * Make operation op ("read", "write", "rename", "remove", "run", "lock",
 * or one of keel_fake_call()'s below) fail with code (a negative
 * KEEL_E*) on every call matching pattern, until keel_fake_fail_clear().
 * KEEL_EINVAL for an unknown op or code >= 0.
 */
int keel_fake_fail(struct keel_backend *b, const char *op,
                   const char *pattern, int code);
void keel_fake_fail_clear(struct keel_backend *b);

/*
 * Script the programs matching pattern: they exit with status after
 * printing out and err (either may be NULL).  The first matching script
 * wins.  0 or KEEL_ENOMEM.
 *
 * A program scripted with status KEEL_FAKE_HANGS never finishes: run
 * with a time limit (keel_run.timeout_s) it prints out and err and is
 * stopped at the limit as the real backend would stop it (timed_out,
 * killed by SIGTERM); run without one it fails with KEEL_EINVAL, as the
 * real run would never return.
 */
#define KEEL_FAKE_HANGS (-1)

int keel_fake_script(struct keel_backend *b, const char *pattern,
                     int status, const char *out, const char *err);

/*
 * For the fake's own operations (tests/fake/fake-*.c): log "op what" and
 * return the fault injected for op on what (0 if none).  Besides the
 * ops above, faults may target "zero", "image" and "sha256" (keel-disk.h, whose
 * operations log "disks", "nics", "stat PATH", "zero DEV OFFSET+LEN"
 * and "image SRC DEV"; its scenario loader is keel_fake_disk_load()).
 */
int keel_fake_call(struct keel_backend *b, const char *op,
                   const char *what, struct keel_err *e);

/* The fake's halves of keel-xen.h and keel-disk.h, installed by
 * keel_fake_new().  0 or KEEL_ENOMEM. */
int keel_fake_xen_setup(struct keel_backend *b);
/* VM definitions as libvirt keeps them: one domain XML file per VM in
 * KEEL_VM_DEF_DIR of the fake's files (a scenario defines VMs with
 * "file" lines there); define, undefine and start are logged as the
 * virsh command ("run virsh define NAME").  After keel_fake_xen_setup. */
int keel_fake_virt_setup(struct keel_backend *b);
int keel_fake_disk_setup(struct keel_backend *b);

/*
 * Open a fake from a scenario file: both loaders below.  NULL with
 * e set when the file cannot be read or a line is bad.
 */
struct keel_backend *keel_fake_open(const char *path, struct keel_err *e);

/* Write the call log to the host file path (tests read it); 0 or a
 * KEEL_E* code. */
int keel_fake_log_write(struct keel_backend *b, const char *path,
                        struct keel_err *e);

/*
 * Load a fake host from len bytes of scenario text: one record a line,
 * cut into words as for keel_fake_disk_load() below (the two read the
 * same file); records of other kinds (the installer's "disk", "nic",
 * ...) are skipped.  Records:
 *   xen VERSION CPUS MHZ TOTAL_MIB FREE_MIB [hvm] [hvm_directio]
 *   vm NAME STATE MEM_MIB VCPUS UPTIME_S   (STATE: running, paused, ...)
 *   net IFNAME up|down [ADDR/PREFIX [GATEWAY]]
 *   vg NAME SIZE_BYTES FREE_BYTES
 *   lv NAME SIZE_BYTES [OWNER_VM]
 *   file PATH TEXT   (TEXT with \n, \t and \\ escapes, to end of line)
 * Errors name the line ("LABEL:N: ...").  KEEL_EINVAL, KEEL_ENOMEM.
 */
int keel_fake_xen_load(struct keel_backend *b, const char *text,
                       size_t len, const char *label, struct keel_err *e);

/* Read the scenario file at host path (not through b) and load it. */
int keel_fake_xen_load_file(struct keel_backend *b, const char *path,
                            struct keel_err *e);

/*
 * The fake's scenario, shared with the console's keel_fake_xen_load():
 * one record a line, words separated by spaces or tabs, '#' starts a
 * comment line; a value may be double-quoted (\" and \\ escapes); at
 * most 24 words a line (one tokenizer for both loaders:
 * fake-scenario.h).
 * Records of kinds this loader does not know (xen, vm, net, vg, lv,
 * ...) are skipped.  Records:
 *
 *   firmware efi|bios
 *       how the machine booted (default bios): /sys/firmware/efi
 *       exists for the installer when efi.
 *   disk NAME size=BYTES [model="TEXT"] [serial=TEXT] [sector=512]
 *        [physical=N] [removable=0|1] [ro=0|1] [medium=0|1]
 *        [id=BY-ID-NAME]... [keel=VERSION] [active=A|B]
 *       a whole disk; medium=1: it holds the installer medium.
 *       keel=VERSION: an existing installation (keel-* partitions are
 *       added when no part record names any).
 *   part DISK NUM name=GPT-NAME size=BYTES [start=BYTES]
 *       an existing partition of an earlier disk record.
 *   nic NAME mac=MAC [link=up|down] [driver=NAME] [speed=MBITS]
 *   image PATH BYTES
 *       a file of BYTES bytes (a fake dom0 image), at most 16 MiB.
 *   file PATH TEXT
 *       a file holding TEXT (\n, \t and \\ escapes, to end of line;
 *       not cut into words, so its quotes are its own).
 *   load PATH HOSTFILE
 *       a file holding the bytes of the build machine's HOSTFILE.
 *   keep PATH HOSTFILE
 *       as load if HOSTFILE exists; and with keel_fake_open() (the
 *       programs' --fake-state) every write and remove of PATH is done
 *       to HOSTFILE too: what a program saves there outlives it, for
 *       tests of a program that quits and starts again.
 *
 * Example:
 *   firmware bios
 *   disk sda size=21474836480 model="QEMU HARDDISK" sector=512
 *   disk sdb size=10737418240 model="QEMU HARDDISK" id=ata-QM00002
 *   nic eth0 mac=52:54:00:12:34:56 link=up driver=e1000 speed=1000
 *
 * Loading replaces earlier disks and NICs (files are added).  Errors
 * name the line ("LABEL:N: ...") and leave the fake unchanged.
 * KEEL_EINVAL, KEEL_ENOMEM.
 */
int keel_fake_disk_load(struct keel_backend *b, const char *text,
                        size_t len, const char *label, struct keel_err *e);

/* Read the scenario file at host path (not through b) and load it. */
int keel_fake_disk_load_file(struct keel_backend *b, const char *path,
                             struct keel_err *e);

#endif
