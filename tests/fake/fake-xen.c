/*
 * fake-xen.c - the fake backend's console operations
 * (keel-xen.h): a small host in memory whose every change is logged as
 * the equivalent command through the fake's own run.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake-xen.h"
#include "keel-backend-fake.h"

static struct fake_xen *fx_of(struct keel_backend *b)
{
    return b->xen;
}

struct fx_vm *fx_vm_find(struct fake_xen *fx, const char *name)
{
    for (size_t i = 0; i < fx->nvms; i++)
        if (strcmp(fx->vms[i].name, name) == 0)
            return &fx->vms[i];
    return NULL;
}

struct fx_net *fx_net_find(struct fake_xen *fx, const char *ifname)
{
    for (size_t i = 0; i < fx->nnets; i++)
        if (strcmp(fx->nets[i].ifname, ifname) == 0)
            return &fx->nets[i];
    return NULL;
}

struct fx_vm *fx_vm_add(struct fake_xen *fx, const char *name)
{
    struct fx_vm *v = fx_vm_find(fx, name);

    if (v || fx->nvms == FX_MAX_VMS || strlen(name) >= sizeof(v->name))
        return v;
    v = &fx->vms[fx->nvms++];
    memset(v, 0, sizeof(*v));
    snprintf(v->name, sizeof(v->name), "%s", name);
    return v;
}

struct fx_net *fx_net_add(struct fake_xen *fx, const char *ifname)
{
    struct fx_net *n = fx_net_find(fx, ifname);

    if (n || fx->nnets == FX_MAX_NETS || strlen(ifname) >= sizeof(n->ifname))
        return n;
    n = &fx->nets[fx->nnets++];
    memset(n, 0, sizeof(*n));
    snprintf(n->ifname, sizeof(n->ifname), "%s", ifname);
    return n;
}

static int fx_xen_info(struct keel_backend *b, struct keel_xen_info *xi,
                       struct keel_err *e)
{
    struct fake_xen *fx = fx_of(b);

    if (!fx->have_xen)
        return keel_err_set(e, KEEL_EIO, "cannot reach Xen: this fake "
                            "host has no hypervisor (no 'xen' record)");
    *xi = fx->xi;
    return 0;
}

static int fx_dom_list(struct keel_backend *b, struct keel_dom **doms,
                       size_t *n, struct keel_err *e)
{
    struct fake_xen *fx = fx_of(b);
    struct keel_dom *d;

    if (!fx->have_xen)
        return fx_xen_info(b, NULL, e);
    d = calloc(fx->nvms + 1, sizeof(*d));
    if (!d)
        return keel_err_set(e, KEEL_ENOMEM, "out of memory listing VMs");
    for (size_t i = 0; i < fx->nvms; i++) {
        const struct fx_vm *v = &fx->vms[i];

        if (v->state == KEEL_VM_HALTED)
            continue;
        snprintf(d[*n].name, sizeof(d[*n].name), "%s", v->name);
        d[*n].domid = v->domid;
        d[*n].state = v->state;
        d[*n].mem_kib = v->mem_kib;
        d[*n].vcpus = v->vcpus;
        d[*n].uptime_s = v->uptime_s;
        (*n)++;
    }
    *doms = d;
    return 0;
}

static int fx_dom_op(struct keel_backend *b, const char *name, int op,
                     struct keel_err *e)
{
    static const char *const verbs[] = { "shutdown", "reboot", "destroy",
                                         "pause", "unpause" };
    struct fake_xen *fx = fx_of(b);
    struct fx_vm *v = fx_vm_find(fx, name);
    const char *argv[] = { "xl", verbs[op], name, NULL };
    struct keel_run r = { 0 };
    int rc;

    if (!fx->have_xen)
        return fx_xen_info(b, NULL, e);
    if (!v || v->state == KEEL_VM_HALTED)
        return keel_err_set(e, KEEL_ENOENT, "no running VM named '%s'",
                            name);
    rc = fx->run(b, argv, &r, e);
    if (rc)
        return rc;
    if (r.status)
        return keel_err_set(e, KEEL_ECMD, "xl %s %s failed (fake script)",
                            verbs[op], name);
    if (op == KEEL_DOM_SHUTDOWN || op == KEEL_DOM_DESTROY)
        v->state = KEEL_VM_HALTED;
    else if (op == KEEL_DOM_PAUSE)
        v->state = KEEL_VM_PAUSED;
    else
        v->state = KEEL_VM_RUNNING;
    if (op == KEEL_DOM_REBOOT)
        v->uptime_s = 0;
    return 0;
}

static int fx_net_live(struct keel_backend *b, const char *ifname,
                       struct keel_net_live *nl, struct keel_err *e)
{
    struct fx_net *n = fx_net_find(fx_of(b), ifname);

    (void)e;
    if (!n)
        return 0;
    nl->exists = 1;
    nl->up = n->up;
    snprintf(nl->addr, sizeof(nl->addr), "%s", n->addr);
    nl->prefix = n->prefix;
    snprintf(nl->gw, sizeof(nl->gw), "%s", n->gw);
    return 0;
}

/* Files directly under path, from the fake's file table. */
static int fx_list_dir(struct keel_backend *b, const char *path,
                       char ***names, size_t *n, struct keel_err *e)
{
    size_t nf = keel_fake_nfiles(b), plen = strlen(path), k = 0;
    char **v = calloc(nf + 1, sizeof(*v));

    if (!v)
        return keel_err_set(e, KEEL_ENOMEM, "out of memory listing %s",
                            path);
    for (size_t i = 0; i < nf; i++) {
        const char *p = keel_fake_path_at(b, i);

        if (strncmp(p, path, plen) != 0 || p[plen] != '/' ||
            strchr(p + plen + 1, '/'))
            continue;
        v[k] = strdup(p + plen + 1);
        if (!v[k]) {
            keel_names_free(v, k);
            return keel_err_set(e, KEEL_ENOMEM, "out of memory");
        }
        k++;
    }
    if (!k) {
        free(v);
        return keel_err_set(e, KEEL_ENOENT, "no such directory: %s", path);
    }
    *names = v; /* keel_backend_list_dir sorts */
    *n = k;
    return 0;
}

static int fx_run_tty(struct keel_backend *b, const char *const *argv,
                      int *status, struct keel_err *e)
{
    struct keel_run r = { 0 };
    int rc = fx_of(b)->run(b, argv, &r, e);

    *status = r.status;
    return rc;
}

static int fx_run(struct keel_backend *b, const char *const *argv,
                  struct keel_run *r, struct keel_err *e)
{
    struct fake_xen *fx = fx_of(b);
    int rc = fx->run(b, argv, r, e);

    if (!rc && fx->loaded && r->status == 0 && r->out_len == 0)
        fx_emulate(b, fx, argv, r);
    return rc;
}

static void fx_destroy(struct keel_backend *b)
{
    struct fake_xen *fx = fx_of(b);
    void (*destroy)(struct keel_backend *) = fx->destroy;

    free(fx);
    b->xen = NULL;
    destroy(b);
}

int keel_fake_xen_setup(struct keel_backend *b)
{
    struct fake_xen *fx = calloc(1, sizeof(*fx));

    if (!fx)
        return KEEL_ENOMEM;
    fx->next_domid = 1;
    fx->run = b->run;
    fx->destroy = b->destroy;
    b->xen = fx;
    b->run = fx_run;
    b->destroy = fx_destroy;
    b->xen_info = fx_xen_info;
    b->dom_list = fx_dom_list;
    b->dom_op = fx_dom_op;
    b->net_live = fx_net_live;
    b->list_dir = fx_list_dir;
    b->run_tty = fx_run_tty;
    return 0;
}
