/*
 * keel-xen.h - the console's backend operations: Xen and its domains,
 * the live management interface, directory listings and programs that
 * take over the terminal (see the "console" block of struct
 * keel_backend).
 *
 * The real backend asks libxl through its C API (never `xl` output) and
 * the kernel (getifaddrs, /proc); the fake keeps a small host in memory
 * (tests/fake/keel-backend-fake.h) and records every change it is asked
 * for in the call log as the equivalent xl command ("run xl shutdown
 * web1"), so "run" faults and scripts apply to them as to any program.
 *
 * The fake also emulates, after they pass through the ordinary "run"
 * (log, faults, scripts), the programs libkeel runs: `xl create FILE`,
 * `ip addr ...`, `ip route ...`, `hostname NAME`, `lvm vgs/lvs
 * --reportformat json`, `lvm lvcreate`, `lvm lvremove`; so what the
 * console shows after a change follows the change.
 */
#ifndef KEEL_XEN_H
#define KEEL_XEN_H

#include <stddef.h>
#include <stdint.h>

#include "keel-backend.h"

struct keel_xen_info {
    char version[32];   /* "4.17.5" */
    char caps[160];     /* Xen's capability string, e.g. "xen-3.0-x86_64" */
    int hvm;            /* HVM guests possible (virt_caps "hvm") */
    int hvm_directio;   /* PCI passthrough possible ("hvm_directio") */
    unsigned nr_cpus, cores_per_socket, threads_per_core, nr_nodes;
    unsigned cpu_mhz;
    uint64_t total_kib; /* host memory */
    uint64_t free_kib;  /* free for guests */
};

enum keel_vm_state {
    KEEL_VM_HALTED,   /* defined, not running */
    KEEL_VM_RUNNING,  /* running or blocked */
    KEEL_VM_PAUSED,
    KEEL_VM_SHUTDOWN, /* shutting down */
    KEEL_VM_CRASHED,
    KEEL_VM_DYING,
};

/* "halted", "running", ... (static). */
const char *keel_vm_state_name(enum keel_vm_state s);

/* One running domain (dom0 is never listed). */
struct keel_dom {
    char name[64];
    unsigned domid;
    enum keel_vm_state state;
    uint64_t mem_kib;
    unsigned vcpus;
    long uptime_s;
};

/* A VM libvirt holds a definition of (running or not).  Definitions
 * live where libvirt keeps them: KEEL_VM_DEF_DIR, on keel-state. */
#define KEEL_VM_DEF_DIR "/etc/libvirt/libxl"
struct keel_vm_def {
    char name[64];
    uint64_t mem_kib; /* its configured maximum */
    unsigned vcpus;
    int autostart;    /* libvirt's autostart flag (virsh autostart) */
    unsigned order;   /* Keel's start order (lower first), 0: none */
    unsigned delay_s; /* seconds to wait after starting it */
};

/* dom_op's op. */
enum keel_dom_op {
    KEEL_DOM_SHUTDOWN,
    KEEL_DOM_REBOOT,
    KEEL_DOM_DESTROY, /* force off */
    KEEL_DOM_PAUSE,
    KEEL_DOM_UNPAUSE,
};

/* The live state of one network interface. */
struct keel_net_live {
    int exists, up;
    char addr[16]; /* first IPv4 address, "" if none */
    int prefix;
    char gw[16];   /* default gateway through it, "" if none */
};

/*
 * Wrappers (argument checks, then the backend).  All return 0 or a
 * KEEL_E* code with e filled; a backend without the operation gives
 * KEEL_ENOTSUP.
 *
 * keel_backend_xen_info: KEEL_EIO if there is no hypervisor to ask.
 * keel_backend_dom_list: *doms is malloc'd (caller frees with free()),
 *   sorted by domid; *n may be 0.
 * keel_backend_dom_op: KEEL_ENOENT if no domain has that name.
 * keel_backend_net_live: an interface that does not exist gives 0 with
 *   nl->exists 0.
 * keel_backend_list_dir: the names in path (no "." or ".."), sorted;
 *   free with keel_names_free().  KEEL_ENOENT if no such directory.
 * keel_backend_run_tty: run argv with the caller's terminal and wait;
 *   *status as keel_run.status.  KEEL_ECMD if it exited non-zero.
 */
int keel_backend_xen_info(struct keel_backend *b, struct keel_xen_info *xi,
                          struct keel_err *e);
int keel_backend_dom_list(struct keel_backend *b, struct keel_dom **doms,
                          size_t *n, struct keel_err *e);
int keel_backend_dom_op(struct keel_backend *b, const char *name,
                        enum keel_dom_op op, struct keel_err *e);
int keel_backend_net_live(struct keel_backend *b, const char *ifname,
                          struct keel_net_live *nl, struct keel_err *e);
int keel_backend_list_dir(struct keel_backend *b, const char *path,
                          char ***names, size_t *n, struct keel_err *e);
int keel_backend_run_tty(struct keel_backend *b, const char *const *argv,
                         struct keel_err *e);
void keel_names_free(char **names, size_t n);

/*
 * VM definitions, through libvirt (xen:///system) on a host.
 * keel_backend_vm_defs: *defs malloc'd (caller frees with free()), in
 *   no particular order; *n may be 0.  KEEL_EIO when libvirtd cannot be
 *   reached (the message says so).
 * keel_backend_vm_define: define (or redefine) a VM from libvirt domain
 *   XML; KEEL_EINVAL with libvirt's reason when it refuses the XML.
 * keel_backend_vm_undefine: forget a VM's definition (its disks stay);
 *   KEEL_ENOENT if no VM has that name.
 * keel_backend_vm_start: start a defined VM; KEEL_ENOENT if none.
 * keel_backend_vm_autostart: set libvirt's autostart flag and Keel's
 *   order and delay (kept in the definition's metadata); KEEL_ENOENT if
 *   no VM has that name.
 * keel_backend_pool_refresh: have libvirt's storage pool read its
 *   volumes again (after an LV was made or removed without it).
 * keel_backend_vm_cd: put the image at path iso (absolute) in VM name's
 *   CD drive, adding the drive if it has none, or with iso NULL take it
 *   out; in its definition, and at once too when it runs.  KEEL_ENOENT:
 *   no such VM, or (iso NULL) no CD in it.
 * keel_backend_dom_op goes through libvirt too for the VMs it knows.
 */
int keel_backend_vm_defs(struct keel_backend *b, struct keel_vm_def **defs,
                         size_t *n, struct keel_err *e);
int keel_backend_vm_define(struct keel_backend *b, const char *xml,
                           struct keel_err *e);
int keel_backend_vm_undefine(struct keel_backend *b, const char *name,
                             struct keel_err *e);
int keel_backend_vm_start(struct keel_backend *b, const char *name,
                          struct keel_err *e);
int keel_backend_vm_autostart(struct keel_backend *b, const char *name,
                              int on, unsigned order, unsigned delay_s,
                              struct keel_err *e);
int keel_backend_pool_refresh(struct keel_backend *b, const char *pool,
                              struct keel_err *e);
int keel_backend_vm_cd(struct keel_backend *b, const char *name,
                       const char *iso, struct keel_err *e);

/*
 * Install the console operations into a backend made by
 * keel_backend_real_new() (its constructor calls this; the fake's
 * twin is in tests/fake/keel-backend-fake.h).  It chains b->destroy
 * to free its own state.  0 or KEEL_ENOMEM.  list_dir and run_tty are
 * not in this group: every real backend has them.
 */
int keel_real_xen_setup(struct keel_backend *b);

/* Install the VM definitions and move dom_op onto libvirt, after
 * keel_real_xen_setup (whose dom_op stays for domains libvirt does not
 * know: one made by `xl create`).  0 or KEEL_ENOMEM. */
int keel_real_virt_setup(struct keel_backend *b);

#endif
