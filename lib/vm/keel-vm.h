/*
 * keel-vm.h - virtual machines: the xl.cfg files in KEEL_VM_DIR (any xl
 * user can read them) merged with the domains Xen runs.
 *
 * Starting a VM runs `xl create FILE` through the backend: xl's config
 * parser (parse_config_data, thousands of lines in xl itself, not in
 * libxlutil) is what turns an xl.cfg into a libxl_domain_config, with
 * its device hotplug and bootloader handling; re-implementing it would
 * make a second, subtly different xl.  It costs one process per start,
 * never per refresh.  Everything else goes through libxl (dom_op).
 */
#ifndef KEEL_VM_H
#define KEEL_VM_H

#include <stddef.h>
#include <stdint.h>

#include "keel-backend.h"
#include "keel-xen.h"

#define KEEL_TEMPLATE_DIR "/usr/share/keel/templates"

struct keel_vm {
    char name[64];
    enum keel_vm_state state;
    unsigned domid;   /* 0 when halted */
    uint64_t mem_kib; /* running: actual; halted: from its config */
    unsigned vcpus;
    long uptime_s;
    int defined;      /* has a config file in KEEL_VM_DIR */
};

/* Sorted by name; free with keel_vms_free(). */
struct keel_vms {
    struct keel_vm *v;
    size_t n;
};

/* Every defined or running VM.  A host without Xen lists the defined
 * ones as halted.  0, KEEL_ENOMEM. */
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

/* Start a defined VM (xl create).  KEEL_ENOENT: no config; KEEL_EEXIST:
 * already running. */
int keel_vm_start(struct keel_backend *b, const char *name,
                  struct keel_err *e);

/* Shut down, reboot, force off, pause, resume a running VM. */
int keel_vm_control(struct keel_backend *b, const char *name,
                    enum keel_dom_op op, struct keel_err *e);

/* Hand the terminal to `xl console NAME` until it exits (Ctrl-]). */
int keel_vm_console(struct keel_backend *b, const char *name,
                    struct keel_err *e);

/*
 * Create VM name from template tmpl (KEEL_TEMPLATE_DIR/TMPL.cfg, whose
 * @NAME@, @MEMORY@, @VCPUS@ and @DISK@ are replaced), with a disk of
 * disk_bytes in the storage repository (NAME-disk0, owned by NAME).
 * Nothing is left behind on error.  KEEL_EEXIST if the name is taken.
 */
int keel_vm_create(struct keel_backend *b, const char *name,
                   const char *tmpl, unsigned mem_mib, unsigned vcpus,
                   uint64_t disk_bytes, struct keel_err *e);

/* Delete a halted VM: its config and the disks it owns.  KEEL_EINVAL
 * if it is running. */
int keel_vm_delete(struct keel_backend *b, const char *name,
                   struct keel_err *e);

#endif
