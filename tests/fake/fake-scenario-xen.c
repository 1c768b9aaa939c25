/*
 * fake-scenario-xen.c - load the fake host's records from a scenario
 * file (keel_fake_xen_load in keel-backend-fake.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake-scenario.h"
#include "fake-xen.h"
#include "keel-backend-fake.h"
#include "keel-validate.h"

#define LINE_MAX_LEN 4096

struct line {
    const char *label;
    int no;
    char *w[FAKE_WORDS_MAX];
    int n;
    const char *rest; /* text after the second word, for "file" */
};

static int bad(const struct line *l, struct keel_err *e, const char *why)
{
    return keel_err_set(e, KEEL_EINVAL, "%s:%d: %s", l->label, l->no, why);
}

static int num(const char *s, unsigned long long max,
               unsigned long long *v)
{
    char *end;

    if (*s < '0' || *s > '9')
        return -1;
    *v = strtoull(s, &end, 10);
    return (*end || *v > max) ? -1 : 0;
}

static int size_arg(const char *s, uint64_t *v)
{
    return keel_parse_bytes(s, v, NULL) ? -1 : 0;
}

static int rec_xen(struct fake_xen *fx, const struct line *l,
                   struct keel_err *e)
{
    unsigned long long cpus, mhz, total, freem;
    struct keel_xen_info *xi = &fx->xi;

    if (l->n < 6 || num(l->w[2], 4096, &cpus) || num(l->w[3], 100000, &mhz)
        || num(l->w[4], 1ull << 30, &total) || num(l->w[5], total, &freem))
        return bad(l, e, "xen VERSION CPUS MHZ TOTAL_MIB FREE_MIB [hvm] "
                   "[hvm_directio]");
    fx->have_xen = 1;
    snprintf(xi->version, sizeof(xi->version), "%s", l->w[1]);
    snprintf(xi->caps, sizeof(xi->caps), "xen-3.0-x86_64 xen-3.0-x86_32p");
    xi->nr_cpus = (unsigned)cpus;
    xi->cores_per_socket = (unsigned)cpus;
    xi->threads_per_core = 1;
    xi->nr_nodes = 1;
    xi->cpu_mhz = (unsigned)mhz;
    xi->total_kib = total * 1024;
    xi->free_kib = freem * 1024;
    for (int i = 6; i < l->n; i++) {
        if (!strcmp(l->w[i], "hvm"))
            xi->hvm = 1;
        else if (!strcmp(l->w[i], "hvm_directio"))
            xi->hvm_directio = 1;
        else
            return bad(l, e, "xen: unknown capability (hvm, hvm_directio)");
    }
    return 0;
}

static int rec_vm(struct fake_xen *fx, const struct line *l,
                  struct keel_err *e)
{
    static const char *const states[] = { "halted", "running", "paused",
                                          "shutdown", "crashed", "dying" };
    unsigned long long mem, vcpus, up;
    struct fx_vm *v;
    int st = -1;

    for (int i = 0; l->n > 2 && i < 6; i++)
        if (!strcmp(l->w[2], states[i]))
            st = i;
    if (l->n != 6 || st < 0 || num(l->w[3], 1u << 30, &mem) ||
        num(l->w[4], 512, &vcpus) || num(l->w[5], 1ull << 40, &up))
        return bad(l, e, "vm NAME STATE MEM_MIB VCPUS UPTIME_S");
    if (fx_vm_find(fx, l->w[1]) || !(v = fx_vm_add(fx, l->w[1])))
        return bad(l, e, "vm: duplicate name, or too many VMs");
    v->state = (enum keel_vm_state)st;
    v->mem_kib = mem * 1024;
    v->vcpus = (unsigned)vcpus;
    v->uptime_s = (long)up;
    if (st != KEEL_VM_HALTED)
        v->domid = fx->next_domid++;
    return 0;
}

static int rec_net(struct fake_xen *fx, const struct line *l,
                   struct keel_err *e)
{
    struct fx_net *n;
    char *slash;

    if (l->n < 3 || l->n > 5 || (strcmp(l->w[2], "up") &&
                                 strcmp(l->w[2], "down")))
        return bad(l, e, "net IFNAME up|down [ADDR/PREFIX [GATEWAY]]");
    if (fx_net_find(fx, l->w[1]) || !(n = fx_net_add(fx, l->w[1])))
        return bad(l, e, "net: duplicate, too many or too long a name");
    n->up = !strcmp(l->w[2], "up");
    if (l->n >= 4) {
        slash = strchr(l->w[3], '/');
        if (!slash || strlen(l->w[3]) >= 20)
            return bad(l, e, "net: address must be ADDR/PREFIX");
        *slash = '\0';
        snprintf(n->addr, sizeof(n->addr), "%s", l->w[3]);
        n->prefix = atoi(slash + 1);
    }
    if (l->n == 5)
        snprintf(n->gw, sizeof(n->gw), "%s", l->w[4]);
    return 0;
}

static int rec_lvm(struct fake_xen *fx, const struct line *l,
                   struct keel_err *e)
{
    uint64_t a, b = 0;

    if (!strcmp(l->w[0], "vg")) {
        if (l->n != 4 || size_arg(l->w[2], &a) || size_arg(l->w[3], &b) ||
            b > a || strlen(l->w[1]) >= sizeof(fx->vg))
            return bad(l, e, "vg NAME SIZE FREE");
        snprintf(fx->vg, sizeof(fx->vg), "%s", l->w[1]);
        fx->vg_size = a;
        fx->vg_free = b;
        return 0;
    }
    if (l->n < 3 || l->n > 4 || size_arg(l->w[2], &a) ||
        fx->nlvs == FX_MAX_LVS || strlen(l->w[1]) >= 64 ||
        (l->n == 4 && strlen(l->w[3]) >= 64))
        return bad(l, e, "lv NAME SIZE [OWNER_VM]");
    snprintf(fx->lvs[fx->nlvs].name, 64, "%s", l->w[1]);
    snprintf(fx->lvs[fx->nlvs].owner, 64, "%s", l->n == 4 ? l->w[3] : "");
    fx->lvs[fx->nlvs++].size = a;
    return 0;
}

/* file PATH TEXT: TEXT unescaped (\n, \t, \\) into the fake's files. */
static int rec_file(struct keel_backend *b, const struct line *l,
                    struct keel_err *e)
{
    size_t n = 0, len = strlen(l->rest);
    char *buf = malloc(len + 1);
    int rc;

    if (!buf)
        return keel_err_set(e, KEEL_ENOMEM, "out of memory");
    for (const char *p = l->rest; *p; p++) {
        if (*p == '\\' && (p[1] == 'n' || p[1] == 't' || p[1] == '\\')) {
            p++;
            buf[n++] = *p == 'n' ? '\n' : *p == 't' ? '\t' : '\\';
        } else {
            buf[n++] = *p;
        }
    }
    rc = l->n < 2 || l->w[1][0] != '/' ? bad(l, e, "file PATH TEXT") :
         keel_fake_put(b, l->w[1], buf, n, 0644);
    free(buf);
    return rc;
}

static int one_line(struct keel_backend *b, struct line *l, char *s,
                    struct keel_err *e)
{
    struct fake_xen *fx = b->xen;
    const char *why;

    if (keel_fake_words(s, l->w, &l->n, &l->rest, &why))
        return bad(l, e, why);
    if (!l->n)
        return 0;
    if (!strcmp(l->w[0], "xen"))
        return rec_xen(fx, l, e);
    if (!strcmp(l->w[0], "vm"))
        return rec_vm(fx, l, e);
    if (!strcmp(l->w[0], "net"))
        return rec_net(fx, l, e);
    if (!strcmp(l->w[0], "vg") || !strcmp(l->w[0], "lv"))
        return rec_lvm(fx, l, e);
    if (!strcmp(l->w[0], "file"))
        return rec_file(b, l, e);
    return 0; /* another component's record */
}

int keel_fake_xen_load(struct keel_backend *b, const char *text,
                       size_t len, const char *label, struct keel_err *e)
{
    struct line l = { label ? label : "scenario", 0, { 0 }, 0, "" };
    char buf[LINE_MAX_LEN];
    size_t i = 0;
    int rc = 0;

    if (!b || !b->xen || b->xen_info == NULL)
        return keel_err_set(e, KEEL_EINVAL, "not a fake backend");
    ((struct fake_xen *)b->xen)->loaded = 1;
    while (!rc && i < len) {
        size_t n = 0;

        l.no++;
        while (i < len && text[i] != '\n' && n < sizeof(buf) - 1)
            buf[n++] = text[i++];
        if (i < len && text[i] != '\n')
            return bad(&l, e, "line too long");
        if (memchr(buf, '\0', n))
            return bad(&l, e, "NUL byte in the line");
        i++;
        buf[n] = '\0';
        rc = one_line(b, &l, buf, e);
    }
    return rc;
}

int keel_fake_xen_load_file(struct keel_backend *b, const char *path,
                            struct keel_err *e)
{
    FILE *f = fopen(path, "r");
    char *text = NULL;
    size_t cap = 0, len = 0, n;
    int rc;

    if (!f)
        return keel_err_set(e, KEEL_ENOENT, "cannot open scenario %s",
                            path);
    do {
        char *t = len + 4096 > cap ? realloc(text, cap += 65536) : text;

        if (!t) {
            free(text);
            fclose(f);
            return keel_err_set(e, KEEL_ENOMEM, "out of memory");
        }
        text = t;
        n = fread(text + len, 1, cap - len, f);
        len += n;
    } while (n > 0 && len < KEEL_READ_MAX);
    fclose(f);
    rc = keel_fake_xen_load(b, text, len, path, e);
    free(text);
    return rc;
}
