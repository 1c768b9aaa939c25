/*
 * keel-vm.h - virtual machines: libvirt's definitions (libvirtd's libxl
 * driver, xen:///system) merged with the domains Xen runs, so keelctl,
 * the console, virsh and virt-manager see and change the same VMs.
 * Starting, stopping, defining and undefining go through libvirt's C API
 * (the backend's vm_* and dom_op); a domain made by `xl create` by hand
 * is listed and controlled too, as not defined.
 */
#ifndef KEEL_VM_H
#define KEEL_VM_H

#include <stddef.h>
#include <stdint.h>

#include "keel-backend.h"
#include "keel-xen.h"

#define KEEL_TEMPLATE_DIR "/usr/share/keel/templates"
/* The device model HVM guests need (libxl runs it for each). */
#define KEEL_VM_DEVICE_MODEL "/usr/libexec/xen-qemu-system-i386"

struct keel_vm {
    char name[64];
    enum keel_vm_state state;
    unsigned domid;   /* 0 when halted */
    uint64_t mem_kib; /* running: actual; halted: from its config */
    unsigned vcpus;
    long uptime_s;
    int defined;      /* libvirt holds a definition of it */
    int autostart;    /* starts with the host */
    unsigned order;   /* autostart order, lower first; 0: after those set */
    unsigned delay_s; /* seconds to wait after starting it */
};

/* Sorted by name; free with keel_vms_free(). */
struct keel_vms {
    struct keel_vm *v;
    size_t n;
};

/* Every defined or running VM.  A host without Xen lists the defined
 * ones as halted.  0, KEEL_ENOMEM, or libvirt's error (KEEL_EIO when
 * libvirtd cannot be reached: never an empty list instead). */
int keel_vm_list(struct keel_backend *b, struct keel_vms *out,
                 struct keel_err *e);
void keel_vms_free(struct keel_vms *l);
const struct keel_vm *keel_vm_find(const struct keel_vms *l,
                                   const char *name);

/* A VM name: 1-60 of [A-Za-z0-9_.-], starting with a letter or digit. */
int keel_vm_valid_name(const char *name, struct keel_err *e);

/* The unquoted value of "key = value" in xl.cfg text, into buf ("" if
 * absent). */
void keel_vm_cfg_value(const char *cfg, const char *key, char *buf,
                       size_t size);

/* Start a defined VM.  KEEL_ENOENT: not defined; KEEL_EEXIST: already
 * running; KEEL_ENOSPC: its memory does not fit (keel_vm_fits). */
int keel_vm_start(struct keel_backend *b, const char *name,
                  struct keel_err *e);

/* Whether need_kib fits in the free_kib Xen has for guests: 0, or
 * KEEL_ENOSPC with a message naming name, both sizes and what to do. */
int keel_vm_fits(uint64_t need_kib, uint64_t free_kib, const char *name,
                 struct keel_err *e);

/* The stable MAC of VM name's network card: locally administered
 * (02:4b:45:...), the same for the same name on every host. */
void keel_vm_mac(const char *name, char buf[18]);

/* Shut down, reboot, force off, pause, resume a running VM. */
int keel_vm_control(struct keel_backend *b, const char *name,
                    enum keel_dom_op op, struct keel_err *e);

/* Hand the terminal to `xl console NAME` until it exits (Ctrl-]). */
int keel_vm_console(struct keel_backend *b, const char *name,
                    struct keel_err *e);

/*
 * Create VM name from template tmpl (KEEL_TEMPLATE_DIR/TMPL.xml, libvirt
 * domain XML whose @NAME@, @MEMORY@ (MiB), @VCPUS@, @DISK@ and @MAC@ are
 * replaced) with a disk of disk_bytes in the storage repository
 * (NAME-disk0, owned by NAME), and define it in libvirt.  Nothing is
 * left behind on error.  KEEL_EEXIST if the name is taken; KEEL_ENOTSUP
 * for an HVM template on a host without HVM (one sentence says why).
 */
int keel_vm_create(struct keel_backend *b, const char *name,
                   const char *tmpl, unsigned mem_mib, unsigned vcpus,
                   uint64_t disk_bytes, struct keel_err *e);

/* Delete a halted VM: its definition and the disks it owns.  KEEL_EINVAL
 * if it is running. */
int keel_vm_delete(struct keel_backend *b, const char *name,
                   struct keel_err *e);

/* Put ISO iso of the library (keel-sr.h) in VM name's CD drive, or
 * with iso NULL eject it: in its definition, and at once when an HVM
 * guest runs (a medium change in the device model's drive); PV and PVH
 * guests get a read-only Xen disk of type cdrom, changed while halted.
 * KEEL_ENOENT: no such VM or ISO, or nothing to eject; KEEL_EINVAL: a
 * running PV or PVH guest (one sentence says what to do). */
int keel_vm_cd(struct keel_backend *b, const char *name, const char *iso,
               struct keel_err *e);
/* Where xenconsoled keeps each guest's console output (S40xen): one
 * guest-NAME.log a VM, the previous boot's in guest-NAME.log.1. */
#define KEEL_VM_LOG_DIR "/var/log/xen/console"
#define KEEL_VM_LOG_MAX (64 * 1024)

/* The last KEEL_VM_LOG_MAX bytes of VM name's console log, the guest's
 * control characters but newline and tab shown as '?' (its output must
 * not drive the admin's terminal); *text malloc'd (caller frees with
 * free()).  KEEL_ENOENT when there is none
 * yet (the VM never ran), saying so. */
int keel_vm_log(struct keel_backend *b, const char *name, char **text,
                struct keel_err *e);

/* Autostart with the host: on or off, in order (1-999, lower first; 0:
 * after those with an order, by name) with delay_s (0-3600) seconds
 * before the next one starts.  KEEL_ENOENT: no defined VM of that name;
 * KEEL_EINVAL: an order or delay out of range. */
int keel_vm_autostart(struct keel_backend *b, const char *name, int on,
                      unsigned order, unsigned delay_s, struct keel_err *e);

/* The VMs that start with the host, in the order they start (a subset
 * of keel_vm_list; free with keel_vms_free()). */
int keel_vm_autostart_plan(struct keel_backend *b, struct keel_vms *out,
                           struct keel_err *e);

/* Start them (at boot, once the network is up), waiting each one's
 * delay after it starts; one line a VM in report (size bytes): "NAME:
 * started (order N)", "NAME: already running" or "NAME: not started:
 * why".  A VM that fails does not stop the others.  Returns how many
 * were not started (0: all up). */
int keel_vm_autostart_all(struct keel_backend *b, char *report,
                          size_t size);

#endif
