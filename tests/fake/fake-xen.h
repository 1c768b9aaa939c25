/*
 * fake-xen.h - private to the fake backend's console operations
 * (fake-xen.c, fake-emulate.c, fake-scenario-xen.c): the fake host's state.
 * Fixed-size tables: a test host has a handful of each.
 */
#ifndef KEEL_HOST_FAKE_H
#define KEEL_HOST_FAKE_H

#include <stdint.h>

#include "keel-xen.h"

#define FX_MAX_VMS 32
#define FX_MAX_LVS 64
#define FX_MAX_NETS 8

struct fx_vm {
    char name[64];
    enum keel_vm_state state; /* HALTED means "not a domain" */
    uint64_t mem_kib;
    unsigned vcpus, domid;
    long uptime_s;
};

struct fx_lv {
    char name[64];
    uint64_t size;
    char owner[64];
};

struct fx_net {
    char ifname[16];
    int up;
    char addr[16];
    int prefix;
    char gw[16];
};

struct fake_xen {
    int loaded; /* a scenario was loaded: emulate programs */
    int have_xen;
    struct keel_xen_info xi;
    struct fx_vm vms[FX_MAX_VMS];
    size_t nvms;
    unsigned next_domid;
    char vg[64];
    uint64_t vg_size, vg_free;
    struct fx_lv lvs[FX_MAX_LVS];
    size_t nlvs;
    struct fx_net nets[FX_MAX_NETS];
    size_t nnets;
    /* the fake's own run and destroy, which ours chain to */
    int (*run)(struct keel_backend *b, const char *const *argv,
               struct keel_run *r, struct keel_err *e);
    void (*destroy)(struct keel_backend *b);
};

/* Lookups by name; NULL if absent. */
struct fx_vm *fx_vm_find(struct fake_xen *fx, const char *name);
struct fx_net *fx_net_find(struct fake_xen *fx, const char *ifname);
/* Add (or return the existing) entry; NULL if the table is full. */
struct fx_vm *fx_vm_add(struct fake_xen *fx, const char *name);
struct fx_net *fx_net_add(struct fake_xen *fx, const char *ifname);

/* Emulate argv after the fake's run succeeded (keel-xen.h). */
void fx_emulate(struct keel_backend *b, struct fake_xen *fx,
                const char *const *argv, struct keel_run *r);

#endif
