/*
 * vm-ops.c - start, control, console, create and delete VMs
 * (keel-vm.h).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keel-disk.h"
#include "keel-host.h"
#include "keel-sr.h"
#include "keel-vm.h"

/* The VM called name in a fresh list: 0 with *found, or an error. */
static int lookup(struct keel_backend *b, const char *name,
                  struct keel_vm *found, int *exists, struct keel_err *e)
{
    struct keel_vms l;
    const struct keel_vm *v;
    int rc = keel_vm_valid_name(name, e);

    *exists = 0;
    if (rc || (rc = keel_vm_list(b, &l, e)))
        return rc;
    v = keel_vm_find(&l, name);
    if (v) {
        *found = *v;
        *exists = 1;
    }
    keel_vms_free(&l);
    return 0;
}

int keel_vm_fits(uint64_t need_kib, uint64_t free_kib, const char *name,
                 struct keel_err *e)
{
    if (need_kib <= free_kib)
        return 0;
    return keel_err_set(e, KEEL_ENOSPC, "%s needs %" PRIu64 " MiB of "
                        "memory; the host has %" PRIu64 " MiB free for VMs: "
                        "give it less (vm-create) or stop another VM", name,
                        need_kib / 1024, free_kib / 1024);
}

int keel_vm_start(struct keel_backend *b, const char *name,
                  struct keel_err *e)
{
    struct keel_xen_info xi;
    struct keel_vm v;
    int exists, rc = lookup(b, name, &v, &exists, e);

    if (rc)
        return rc;
    if (!exists || !v.defined)
        return keel_err_set(e, KEEL_ENOENT, "no VM named '%s' is defined "
                            "(keelctl vm-list shows them)", name);
    if (v.state != KEEL_VM_HALTED)
        return keel_err_set(e, KEEL_EEXIST, "%s is already %s", name,
                            keel_vm_state_name(v.state));
    if (keel_backend_xen_info(b, &xi, NULL) == 0 &&
        (rc = keel_vm_fits(v.mem_kib, xi.free_kib, name, e)))
        return rc;
    return keel_backend_vm_start(b, name, e);
}

int keel_vm_control(struct keel_backend *b, const char *name,
                    enum keel_dom_op op, struct keel_err *e)
{
    int rc = keel_vm_valid_name(name, e);

    return rc ? rc : keel_backend_dom_op(b, name, op, e);
}

int keel_vm_console(struct keel_backend *b, const char *name,
                    struct keel_err *e)
{
    const char *argv[] = { "xl", "console", name, NULL };
    struct keel_vm v;
    int exists, rc = lookup(b, name, &v, &exists, e);

    if (rc)
        return rc;
    if (!exists || v.state == KEEL_VM_HALTED)
        return keel_err_set(e, KEEL_ENOENT, "no running VM named '%s'",
                            name);
    return keel_backend_run_tty(b, argv, e);
}

/* tmpl with the @KEY@ words replaced; malloc'd or NULL. */
static char *expand(const char *tmpl, const char *const *kv)
{
    size_t cap = strlen(tmpl) + 1024, n = 0;
    char *out = malloc(cap);

    for (const char *p = tmpl; out && *p;) {
        size_t i;

        for (i = 0; kv[i]; i += 2)
            if (!strncmp(p, kv[i], strlen(kv[i])))
                break;
        if (kv[i] && n + strlen(kv[i + 1]) + 1 < cap) {
            memcpy(out + n, kv[i + 1], strlen(kv[i + 1]));
            n += strlen(kv[i + 1]);
            p += strlen(kv[i]);
        } else if (n + 2 < cap) {
            out[n++] = *p++;
        } else {
            free(out);
            return NULL;
        }
    }
    if (out)
        out[n] = '\0';
    return out;
}

static int check_create(struct keel_backend *b, const char *name,
                        const char *tmpl, unsigned mem_mib, unsigned vcpus,
                        struct keel_err *e)
{
    struct keel_vm v;
    int exists, rc = lookup(b, name, &v, &exists, e);

    if (rc)
        return rc;
    if (exists)
        return keel_err_set(e, KEEL_EEXIST, "a VM named %s exists already",
                            name);
    if (!tmpl || !tmpl[0] || strpbrk(tmpl, "/ ") || tmpl[0] == '.')
        return keel_err_set(e, KEEL_EINVAL, "'%s' is not a template name",
                            tmpl ? tmpl : "");
    if (mem_mib < 32 || mem_mib > 1024 * 1024)
        return keel_err_set(e, KEEL_EINVAL, "memory: give 32 to 1048576 "
                            "MiB");
    if (vcpus < 1 || vcpus > 128)
        return keel_err_set(e, KEEL_EINVAL, "vcpus: give 1 to 128");
    return 0;
}

/* An HVM or PVH template on a host whose Xen cannot run them (both
 * need VT-x/AMD-V), or HVM on an image without the device model: said
 * in one sentence, before anything is made. */
static int check_hvm(struct keel_backend *b, const char *xml,
                     struct keel_err *e)
{
    int hvm = strstr(xml, ">hvm</type>") != NULL;
    int pvh = strstr(xml, ">xenpvh</type>") != NULL;
    struct keel_xen_info xi;
    struct keel_stat st;

    if (!(hvm || pvh) || keel_backend_xen_info(b, &xi, NULL))
        return 0;
    if (!xi.hvm)
        return keel_err_set(e, KEEL_ENOTSUP, "%s guests need hardware "
                            "virtualization (Intel VT-x or AMD-V) that Xen "
                            "does not find on this host (xl info: virt_caps "
                            "has no hvm); use a PV template, or turn "
                            "VT-x/AMD-V on in the firmware",
                            hvm ? "HVM" : "PVH");
    if (hvm && (keel_backend_stat(b, KEEL_VM_DEVICE_MODEL, &st, NULL) ||
                st.kind != KEEL_ST_FILE))
        return keel_err_set(e, KEEL_ENOTSUP, "HVM guests need Xen's device "
                            "model (%s, Debian's qemu-system-xen), which is "
                            "missing from this image; use a PV or PVH "
                            "template", KEEL_VM_DEVICE_MODEL);
    return 0;
}

void keel_vm_mac(const char *name, char buf[18])
{
    uint32_t h = 2166136261u; /* FNV-1a of the name */

    for (const char *p = name; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    /* 02: locally administered, unicast; 4b:45 is "KE" */
    snprintf(buf, 18, "02:4b:45:%02x:%02x:%02x", (h >> 16) & 0xff,
             (h >> 8) & 0xff, h & 0xff);
}

/* The domain XML of VM name from template tmpl; *out malloc'd. */
static int make_xml(struct keel_backend *b, const char *name,
                    const char *tmpl, unsigned mem_mib, unsigned vcpus,
                    char **out, struct keel_err *e)
{
    char path[256], mem[16], cpus[16], disk[96], mac[18], *t = NULL;
    const char *kv[] = { "@NAME@", name, "@MEMORY@", mem, "@VCPUS@", cpus,
                         "@DISK@", disk, "@MAC@", mac, NULL };
    size_t len;
    int rc;

    snprintf(path, sizeof(path), "%s/%s.xml", KEEL_TEMPLATE_DIR, tmpl);
    rc = keel_backend_read(b, path, &t, &len, e);
    if (rc)
        return rc == KEEL_ENOENT ? keel_err_set(e, rc, "no template '%s' "
                                                "in %s", tmpl,
                                                KEEL_TEMPLATE_DIR) : rc;
    snprintf(mem, sizeof(mem), "%u", mem_mib);
    snprintf(cpus, sizeof(cpus), "%u", vcpus);
    snprintf(disk, sizeof(disk), "/dev/%s/%s-disk0", KEEL_SR_VG, name);
    keel_vm_mac(name, mac);
    *out = expand(t, kv);
    free(t);
    if (!*out)
        return keel_err_set(e, KEEL_ENOMEM, "template %s too large", tmpl);
    rc = check_hvm(b, *out, e);
    if (rc) {
        free(*out);
        *out = NULL;
    }
    return rc;
}

int keel_vm_create(struct keel_backend *b, const char *name,
                   const char *tmpl, unsigned mem_mib, unsigned vcpus,
                   uint64_t disk_bytes, struct keel_err *e)
{
    char disk[96], *xml = NULL;
    int rc = check_create(b, name, tmpl, mem_mib, vcpus, e);

    if (!rc)
        rc = make_xml(b, name, tmpl, mem_mib, vcpus, &xml, e);
    if (rc)
        return rc;
    snprintf(disk, sizeof(disk), "%s-disk0", name);
    rc = keel_sr_vdi_create(b, disk, disk_bytes, name, e);
    if (!rc && (rc = keel_backend_vm_define(b, xml, e)))
        keel_sr_vdi_delete(b, disk, NULL);
    free(xml);
    return rc;
}

int keel_vm_delete(struct keel_backend *b, const char *name,
                   struct keel_err *e)
{
    struct keel_vm v;
    struct keel_sr sr;
    int exists, rc = lookup(b, name, &v, &exists, e);

    if (rc)
        return rc;
    if (!exists || !v.defined)
        return keel_err_set(e, KEEL_ENOENT, "no VM named '%s'", name);
    if (v.state != KEEL_VM_HALTED)
        return keel_err_set(e, KEEL_EINVAL, "%s is %s: shut it down or "
                            "force it off first", name,
                            keel_vm_state_name(v.state));
    rc = keel_backend_vm_undefine(b, name, e);
    if (rc)
        return rc;
    if (keel_sr_read(&sr, b, e))
        return keel_err_set(e, KEEL_EIO, "%s is no longer defined, but "
                            "its disks could not be listed: remove them "
                            "with keelctl vdi-delete", name);
    for (size_t i = 0; !rc && i < sr.n; i++)
        if (strcmp(sr.vdis[i].owner, name) == 0)
            rc = keel_sr_vdi_delete(b, sr.vdis[i].name, e);
    keel_sr_fini(&sr);
    return rc;
}
