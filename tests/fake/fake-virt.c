/*
 * fake-virt.c - the fake backend's VM definitions (keel-xen.h): one
 * domain XML file per VM in KEEL_VM_DEF_DIR of the fake's files, as
 * libvirt keeps them; every change is logged as the virsh command
 * through the fake's run, so faults and scripts apply to it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake-xen.h"
#include "keel-backend-fake.h"

/* The text of the first <tag ...>TEXT</tag> in xml, into buf. */
static void xml_text(const char *xml, const char *tag, char *buf,
                     size_t size)
{
    char open[32];
    const char *p;

    buf[0] = '\0';
    snprintf(open, sizeof(open), "<%s", tag);
    for (p = strstr(xml, open); p; p = strstr(p + 1, open)) {
        const char *t = p + strlen(open);

        if (*t != '>' && *t != ' ')
            continue;
        t = strchr(t, '>');
        if (!t)
            return;
        t++;
        snprintf(buf, size, "%.*s", (int)strcspn(t, "<"), t);
        return;
    }
}

static void def_path(const char *name, char *buf, size_t size)
{
    snprintf(buf, size, "%s/%s.xml", KEEL_VM_DEF_DIR, name);
}

/* Memory in KiB and vCPUs of a definition (MiB or KiB units). */
static void def_size(const char *xml, uint64_t *kib, unsigned *vcpus)
{
    char v[32];

    xml_text(xml, "memory", v, sizeof(v));
    *kib = strtoull(v, NULL, 10);
    if (strstr(xml, "<memory unit='MiB'>"))
        *kib *= 1024;
    xml_text(xml, "vcpu", v, sizeof(v));
    *vcpus = (unsigned)strtoul(v[0] ? v : "1", NULL, 10);
}

/* Log "virsh VERB ARG" through the fake's run. */
static int virsh(struct keel_backend *b, const char *verb, const char *arg,
                 struct keel_err *e)
{
    const char *argv[] = { "virsh", verb, arg, NULL };
    struct keel_run r = { 0 };
    int rc = b->run(b, argv, &r, e);

    if (!rc && r.status)
        rc = keel_err_set(e, KEEL_ECMD, "virsh %s %s failed (fake script)",
                          verb, arg);
    return rc;
}

/* The fake's autostart record: a file in KEEL_VM_DEF_DIR/autostart, as
 * libvirt keeps its flag, holding "ORDER DELAY". */
static void auto_path(const char *name, char *buf, size_t size)
{
    snprintf(buf, size, "%s/autostart/%s.xml", KEEL_VM_DEF_DIR, name);
}

static void read_auto(struct keel_backend *b, struct keel_vm_def *d)
{
    char path[128];
    const char *t;

    auto_path(d->name, path, sizeof(path));
    if (keel_fake_get(b, path, &t, NULL, NULL))
        return;
    d->autostart = 1;
    if (sscanf(t, "%u %u", &d->order, &d->delay_s) != 2)
        d->order = d->delay_s = 0;
}

static int fv_vm_defs(struct keel_backend *b, struct keel_vm_def **defs,
                      size_t *n, struct keel_err *e)
{
    size_t nf = keel_fake_nfiles(b), plen = strlen(KEEL_VM_DEF_DIR);
    struct keel_vm_def *d = calloc(nf + 1, sizeof(*d));

    if (!d)
        return keel_err_set(e, KEEL_ENOMEM, "out of memory listing VMs");
    for (size_t i = 0; i < nf; i++) {
        const char *p = keel_fake_path_at(b, i), *xml;
        size_t len;

        if (strncmp(p, KEEL_VM_DEF_DIR "/", plen + 1) != 0 ||
            strchr(p + plen + 1, '/') || keel_fake_get(b, p, &xml, &len,
                                                       NULL))
            continue;
        len = strlen(p + plen + 1);
        if (len < 5 || strcmp(p + plen + 1 + len - 4, ".xml") != 0)
            continue;
        snprintf(d[*n].name, sizeof(d[*n].name), "%.*s", (int)(len - 4),
                 p + plen + 1);
        def_size(xml, &d[*n].mem_kib, &d[*n].vcpus);
        read_auto(b, &d[*n]);
        (*n)++;
    }
    *defs = d;
    return 0;
}

static int fv_vm_define(struct keel_backend *b, const char *xml,
                        struct keel_err *e)
{
    char name[64], path[128];
    int rc;

    xml_text(xml, "name", name, sizeof(name));
    if (!name[0])
        return keel_err_set(e, KEEL_EINVAL, "libvirt refused the VM "
                            "definition: missing domain name");
    rc = virsh(b, "define", name, e);
    def_path(name, path, sizeof(path));
    if (!rc && keel_fake_put(b, path, xml, strlen(xml), 0600))
        rc = keel_err_set(e, KEEL_ENOMEM, "out of memory");
    return rc;
}

static int fv_vm_undefine(struct keel_backend *b, const char *name,
                          struct keel_err *e)
{
    char path[128];
    int rc;

    def_path(name, path, sizeof(path));
    if (keel_fake_get(b, path, NULL, NULL, NULL))
        return keel_err_set(e, KEEL_ENOENT, "no VM named '%s'", name);
    rc = virsh(b, "undefine", name, e);
    if (!rc)
        keel_fake_drop(b, path);
    return rc;
}

static int fv_vm_start(struct keel_backend *b, const char *name,
                       struct keel_err *e)
{
    struct fake_xen *fx = b->xen;
    const char *xml;
    char path[128];
    struct fx_vm *v;
    int rc;

    def_path(name, path, sizeof(path));
    if (keel_fake_get(b, path, &xml, NULL, NULL))
        return keel_err_set(e, KEEL_ENOENT, "no VM named '%s'", name);
    v = fx_vm_find(fx, name);
    if (v && v->state != KEEL_VM_HALTED)
        return keel_err_set(e, KEEL_ECMD, "cannot start %s: domain is "
                            "already active", name);
    rc = virsh(b, "start", name, e);
    if (rc)
        return rc;
    if (keel_fake_get(b, path, &xml, NULL, NULL) ||
        !(v = fx_vm_add(fx, name)))
        return keel_err_set(e, KEEL_ENOMEM, "the fake's VM table is full");
    def_size(xml, &v->mem_kib, &v->vcpus);
    v->state = KEEL_VM_RUNNING;
    v->domid = fx->next_domid++;
    v->uptime_s = 0;
    return 0;
}

static int fv_vm_autostart(struct keel_backend *b, const char *name,
                           int on, unsigned order, unsigned delay_s,
                           struct keel_err *e)
{
    char path[128], text[32];
    int rc;

    def_path(name, path, sizeof(path));
    if (keel_fake_get(b, path, NULL, NULL, NULL))
        return keel_err_set(e, KEEL_ENOENT, "no VM named '%s'", name);
    rc = virsh(b, on ? "autostart" : "autostart --disable", name, e);
    auto_path(name, path, sizeof(path));
    if (rc)
        return rc;
    if (!on) {
        keel_fake_drop(b, path);
        return 0;
    }
    snprintf(text, sizeof(text), "%u %u", order, delay_s);
    if (keel_fake_put(b, path, text, strlen(text), 0644))
        return keel_err_set(e, KEEL_ENOMEM, "out of memory");
    return 0;
}

static int fv_pool_refresh(struct keel_backend *b, const char *pool,
                           struct keel_err *e)
{
    return virsh(b, "pool-refresh", pool, e);
}

/* The CD as a file next to the definition: KEEL_VM_DEF_DIR/NAME.cd. */
static int fv_vm_cd(struct keel_backend *b, const char *name,
                    const char *iso, struct keel_err *e)
{
    char path[128];

    def_path(name, path, sizeof(path));
    if (keel_fake_get(b, path, NULL, NULL, NULL))
        return keel_err_set(e, KEEL_ENOENT, "no VM named '%s'", name);
    snprintf(path + strlen(path) - 4, 8, ".cd");
    if (!iso)
        return keel_fake_drop(b, path) ? keel_err_set(e, KEEL_ENOENT, "%s "
                                                       "has no CD", name) : 0;
    if (keel_fake_put(b, path, iso, strlen(iso), 0644))
        return keel_err_set(e, KEEL_ENOMEM, "out of memory");
    return 0;
}

int keel_fake_virt_setup(struct keel_backend *b)
{
    b->vm_cd = fv_vm_cd;
    b->vm_defs = fv_vm_defs;
    b->vm_define = fv_vm_define;
    b->vm_undefine = fv_vm_undefine;
    b->vm_start = fv_vm_start;
    b->vm_autostart = fv_vm_autostart;
    b->pool_refresh = fv_pool_refresh;
    return 0;
}
