/*
 * vm-list.c - the list of VMs: libvirt's definitions merged with the
 * domains Xen runs
 * (keel-vm.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keel-host.h"
#include "keel-vm.h"

int keel_vm_valid_name(const char *name, struct keel_err *e)
{
    size_t n = strlen(name);
    char c = name[0];

    if (n == 0 || n > 60)
        return keel_err_set(e, KEEL_EINVAL, "a VM name has 1-60 "
                            "characters");
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
          (c >= '0' && c <= '9')))
        return keel_err_set(e, KEEL_EINVAL, "'%s': a VM name starts with "
                            "a letter or a digit", name);
    if (strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
               "0123456789_.-") != n)
        return keel_err_set(e, KEEL_EINVAL, "'%s': use only letters, "
                            "digits and _ . - in a VM name", name);
    return 0;
}

void keel_vm_cfg_value(const char *cfg, const char *key, char *buf,
                       size_t size)
{
    size_t klen = strlen(key);

    buf[0] = '\0';
    for (const char *p = cfg; p && *p; p = strchr(p, '\n'),
         p = p ? p + 1 : p) {
        const char *q = p + strspn(p, " \t");

        if (strncmp(q, key, klen) != 0)
            continue;
        q += klen;
        q += strspn(q, " \t");
        if (*q++ != '=')
            continue;
        q += strspn(q, " \t\"'");
        snprintf(buf, size, "%.*s", (int)strcspn(q, "\"'\n #"), q);
        return;
    }
}

static struct keel_vm *add(struct keel_vms *l, const char *name)
{
    struct keel_vm *v = NULL;

    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i].name, name) == 0)
            return &l->v[i];
    v = realloc(l->v, (l->n + 1) * sizeof(*v));
    if (!v)
        return NULL;
    l->v = v;
    v = &l->v[l->n++];
    memset(v, 0, sizeof(*v));
    snprintf(v->name, sizeof(v->name), "%s", name);
    return v;
}

/* The VMs libvirt holds a definition of. */
static int add_defined(struct keel_backend *b, struct keel_vms *l,
                       struct keel_err *e)
{
    struct keel_vm_def *d;
    size_t n;
    int rc = keel_backend_vm_defs(b, &d, &n, e);

    /* a backend without libvirt (tests of other groups) lists none;
     * libvirtd that cannot be reached is an error, never "no VMs" */
    if (rc)
        return rc == KEEL_ENOTSUP ? 0 : rc;
    for (size_t i = 0; i < n; i++) {
        struct keel_vm *v = add(l, d[i].name);

        if (!v) {
            free(d);
            return keel_err_set(e, KEEL_ENOMEM, "out of memory listing "
                                "VMs");
        }
        v->defined = 1;
        v->mem_kib = d[i].mem_kib;
        v->vcpus = d[i].vcpus ? d[i].vcpus : 1;
        v->autostart = d[i].autostart;
        v->order = d[i].order;
        v->delay_s = d[i].delay_s;
    }
    free(d);
    return 0;
}

static int add_running(struct keel_backend *b, struct keel_vms *l)
{
    struct keel_dom *d;
    size_t n;

    if (keel_backend_dom_list(b, &d, &n, NULL))
        return 0;
    for (size_t i = 0; i < n; i++) {
        struct keel_vm *v = add(l, d[i].name);

        if (!v) {
            free(d);
            return KEEL_ENOMEM;
        }
        v->state = d[i].state;
        v->domid = d[i].domid;
        v->mem_kib = d[i].mem_kib;
        v->vcpus = d[i].vcpus;
        v->uptime_s = d[i].uptime_s;
    }
    free(d);
    return 0;
}

static int cmp_vm(const void *a, const void *b)
{
    return strcmp(((const struct keel_vm *)a)->name,
                  ((const struct keel_vm *)b)->name);
}

int keel_vm_list(struct keel_backend *b, struct keel_vms *out,
                 struct keel_err *e)
{
    int rc;

    memset(out, 0, sizeof(*out));
    rc = add_defined(b, out, e);
    if (!rc && (rc = add_running(b, out)))
        keel_err_set(e, rc, "out of memory listing VMs");
    if (rc) {
        keel_vms_free(out);
        return rc;
    }
    if (out->n)
        qsort(out->v, out->n, sizeof(*out->v), cmp_vm);
    return 0;
}

void keel_vms_free(struct keel_vms *l)
{
    free(l->v);
    l->v = NULL;
    l->n = 0;
}

const struct keel_vm *keel_vm_find(const struct keel_vms *l,
                                   const char *name)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i].name, name) == 0)
            return &l->v[i];
    return NULL;
}
