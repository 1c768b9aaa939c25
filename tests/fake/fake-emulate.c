/*
 * fake-emulate.c - the fake host's scenario records and the programs
 * the fake emulates (fx_emulate: keel-xen.h, fake-xen.h).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake-xen.h"
#include "keel-backend-fake.h"
#include "keel-validate.h"
#include "keel-vm.h"

static void set_status(struct keel_run *r, const char *msg)
{
    r->status = 1;
    if (r->err_size) {
        snprintf(r->err, r->err_size, "%s\n", msg);
        r->err_len = strlen(r->err);
    }
}

static void put_out(struct keel_run *r, const char *text)
{
    if (!r->out_size)
        return;
    snprintf(r->out, r->out_size, "%s", text);
    r->out_len = strlen(r->out);
    r->truncated = strlen(text) >= r->out_size;
}

/* "1024", "512K", "20G": bytes (binary suffixes); 0 or -1. */
static int parse_size(const char *s, uint64_t *v)
{
    char buf[32];
    size_t len = strlen(s);

    /* xl also takes a 'b' for plain bytes */
    if (len && len < sizeof(buf) && s[len - 1] == 'b') {
        memcpy(buf, s, len - 1);
        buf[len - 1] = '\0';
        s = buf;
    }
    return keel_parse_bytes(s, v, NULL) ? -1 : 0;
}

static void emu_create(struct keel_backend *b, struct fake_xen *fx,
                       const char *path, struct keel_run *r)
{
    const char *cfg;
    char name[64], mem[32], vcpus[32];
    struct fx_vm *v;

    if (keel_fake_get(b, path, &cfg, NULL, NULL)) {
        set_status(r, "Failed to read config file");
        return;
    }
    keel_vm_cfg_value(cfg, "name", name, sizeof(name));
    keel_vm_cfg_value(cfg, "memory", mem, sizeof(mem));
    keel_vm_cfg_value(cfg, "vcpus", vcpus, sizeof(vcpus));
    v = name[0] ? fx_vm_add(fx, name) : NULL;
    if (!v) {
        set_status(r, "Failed to parse config: no name");
        return;
    }
    if (v->state != KEEL_VM_HALTED) {
        set_status(r, "libxl: error: Domain with this name already exists");
        return;
    }
    v->state = KEEL_VM_RUNNING;
    v->mem_kib = strtoull(mem[0] ? mem : "128", NULL, 10) * 1024;
    v->vcpus = (unsigned)strtoul(vcpus[0] ? vcpus : "1", NULL, 10);
    v->domid = fx->next_domid++;
    v->uptime_s = 0;
}

static int argc_of(const char *const *argv)
{
    int n = 0;

    while (argv[n])
        n++;
    return n;
}

static int is(const char *const *argv, int argc, int n, const char *words)
{
    char buf[128] = "";
    size_t len = 0;

    if (argc < n)
        return 0;
    for (int i = 0; i < n && len < sizeof(buf); i++)
        len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s",
                                i ? " " : "", argv[i]);
    return strcmp(buf, words) == 0;
}

static void emu_ip(struct fake_xen *fx, const char *const *argv, int argc,
                   struct keel_run *r)
{
    const char *dev = argc > 2 ? argv[argc - 1] : "";
    struct fx_net *n = fx_net_find(fx, dev);

    if (is(argv, argc, 4, "ip link add link") && argc == 11) {
        if (!fx_net_find(fx, argv[4]))
            set_status(r, "Cannot find device");
        else if (!fx_net_add(fx, argv[6]))
            set_status(r, "too many interfaces");
        return;
    }
    if (is(argv, argc, 3, "ip link add") && argc >= 6 &&
        !strcmp(argv[4], "type") && !strcmp(argv[5], "bridge")) {
        if (fx_net_find(fx, argv[3]))
            set_status(r, "RTNETLINK answers: File exists");
        else if (!fx_net_add(fx, argv[3]))
            set_status(r, "too many interfaces");
        return;
    }
    /* ip link set DEV up|down|nomaster, ... master BRIDGE, address MAC */
    if (is(argv, argc, 3, "ip link set") && argc >= 5)
        n = fx_net_find(fx, argv[3]);
    if (n && is(argv, argc, 3, "ip link set") && argc == 6 &&
        !strcmp(argv[4], "master") && !fx_net_find(fx, argv[5]))
        n = NULL;
    if (!n && (is(argv, argc, 2, "ip addr") || is(argv, argc, 2, "ip link")
               || is(argv, argc, 2, "ip route"))) {
        set_status(r, "Cannot find device");
        return;
    }
    if (is(argv, argc, 3, "ip addr flush"))
        n->addr[0] = '\0';
    else if (is(argv, argc, 3, "ip addr add") && argc == 6) {
        const char *slash = strchr(argv[3], '/');
        int len = slash ? (int)(slash - argv[3]) : 0;

        snprintf(n->addr, sizeof(n->addr), "%.*s", len, argv[3]);
        n->prefix = slash ? atoi(slash + 1) : 32;
    } else if (is(argv, argc, 3, "ip link set") && argc == 5)
        n->up = strcmp(argv[4], "up") == 0;
    else if (is(argv, argc, 4, "ip route replace default") && argc == 8) {
        for (size_t i = 0; i < fx->nnets; i++)
            fx->nets[i].gw[0] = '\0';
        snprintf(n->gw, sizeof(n->gw), "%s", argv[5]);
    } else if (is(argv, argc, 4, "ip route del default"))
        n->gw[0] = '\0';
}

static void emu_lvm_report(struct fake_xen *fx, int lvs,
                           struct keel_run *r)
{
    char buf[8192];
    size_t n = 0;

    n += (size_t)snprintf(buf, sizeof(buf), "  {\n      \"report\": [\n"
                          "          {\n              \"%s\": [\n",
                          lvs ? "lv" : "vg");
    if (!lvs && fx->vg[0])
        n += (size_t)snprintf(buf + n, sizeof(buf) - n,
                              "                  {\"vg_name\":\"%s\", "
                              "\"vg_size\":\"%" PRIu64 "\", \"vg_free\":\""
                              "%" PRIu64 "\"}\n", fx->vg, fx->vg_size,
                              fx->vg_free);
    for (size_t i = 0; lvs && i < fx->nlvs && n < sizeof(buf); i++) {
        const struct fx_lv *l = &fx->lvs[i];

        n += (size_t)snprintf(buf + n, sizeof(buf) - n,
                              "                  {\"lv_name\":\"%s\", "
                              "\"vg_name\":\"%s\", \"lv_size\":\"%" PRIu64
                              "\", \"lv_tags\":\"%s%s\"}%s\n", l->name,
                              fx->vg, l->size, l->owner[0] ?
                              "keel.owner=" : "", l->owner,
                              i + 1 < fx->nlvs ? "," : "");
    }
    if (n < sizeof(buf))
        snprintf(buf + n, sizeof(buf) - n, "              ]\n          }\n"
                 "      ]\n  }\n");
    put_out(r, buf);
}

/* lvm lvcreate -y -n NAME -L SIZEb [--addtag keel.owner=VM] VG
 * lvm lvremove -y VG/NAME */
static void emu_lvm(struct fake_xen *fx, const char *const *argv, int argc,
                    struct keel_run *r)
{
    uint64_t size;

    if (argc >= 2 && (!strcmp(argv[1], "vgs") || !strcmp(argv[1], "lvs"))) {
        emu_lvm_report(fx, argv[1][0] == 'l', r);
    } else if (is(argv, argc, 4, "lvm lvcreate -y -n") && argc >= 8) {
        struct fx_lv *l = &fx->lvs[fx->nlvs];
        const char *tag = argc == 10 ? argv[8] : "";

        if (parse_size(argv[6], &size) || fx->nlvs == FX_MAX_LVS ||
            size > fx->vg_free || strlen(argv[4]) >= sizeof(l->name)) {
            set_status(r, "Volume group has insufficient free space");
            return;
        }
        memset(l, 0, sizeof(*l));
        snprintf(l->name, sizeof(l->name), "%s", argv[4]);
        if (!strncmp(tag, "keel.owner=", 11))
            snprintf(l->owner, sizeof(l->owner), "%s", tag + 11);
        l->size = size;
        fx->vg_free -= size;
        fx->nlvs++;
    } else if (is(argv, argc, 3, "lvm lvremove -y") && argc == 4) {
        const char *slash = strchr(argv[3], '/');

        for (size_t i = 0; slash && i < fx->nlvs; i++) {
            if (strcmp(fx->lvs[i].name, slash + 1) != 0)
                continue;
            fx->vg_free += fx->lvs[i].size;
            memmove(&fx->lvs[i], &fx->lvs[i + 1],
                    (fx->nlvs - i - 1) * sizeof(fx->lvs[0]));
            fx->nlvs--;
            return;
        }
        set_status(r, "Failed to find logical volume");
    }
}

void fx_emulate(struct keel_backend *b, struct fake_xen *fx,
                const char *const *argv, struct keel_run *r)
{
    int argc = argc_of(argv);

    if (is(argv, argc, 2, "xl create") && argc == 3)
        emu_create(b, fx, argv[2], r);
    else if (!strcmp(argv[0], "ip"))
        emu_ip(fx, argv, argc, r);
    else if (!strcmp(argv[0], "hostname") && argc == 2)
        keel_fake_put(b, "/proc/sys/kernel/hostname", argv[1],
                      strlen(argv[1]), 0644);
    else if (!strcmp(argv[0], "lvm"))
        emu_lvm(fx, argv, argc, r);
}
