/*
 * backend-real-xen.c - the real backend's console operations
 * (keel-xen.h): libxl through its C API for Xen and its domains, the
 * kernel (getifaddrs, /proc/net/route) for the management interface.
 * Nothing here spawns a process.
 *
 * The libxl context is made on first use and kept: a refresh costs a
 * few hypercalls and xenstore reads, not a context setup.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libxl.h>
#include <libxl_utils.h>
#include <xentoollog.h>

#include "keel-xen.h"

struct real_xen {
    libxl_ctx *ctx;
    xentoollog_logger_stdiostream *log;
    void (*destroy)(struct keel_backend *b);
};

/* The context, or NULL with e saying why (no Xen, not root...). */
static libxl_ctx *ctx_get(struct keel_backend *b, struct keel_err *e)
{
    struct real_xen *rx = b->xen;

    if (rx->ctx)
        return rx->ctx;
    if (!rx->log) {
        /* libxl logs to a stream: errors only, where the admin looks */
        FILE *f = fopen("/var/log/keel-libxl.log", "ae");

        rx->log = xtl_createlogger_stdiostream(f ? f : stderr, XTL_ERROR,
                                               0);
        if (!rx->log) {
            keel_err_set(e, KEEL_ENOMEM, "cannot create the libxl logger");
            return NULL;
        }
    }
    if (libxl_ctx_alloc(&rx->ctx, LIBXL_VERSION, 0,
                        (xentoollog_logger *)rx->log)) {
        rx->ctx = NULL;
        keel_err_set(e, KEEL_EIO, "cannot reach Xen through libxl (is "
                     "this a Xen dom0 with xenstored running?)");
    }
    return rx->ctx;
}

static int rx_xen_info(struct keel_backend *b, struct keel_xen_info *xi,
                       struct keel_err *e)
{
    libxl_ctx *ctx = ctx_get(b, e);
    const libxl_version_info *v;
    libxl_physinfo pi;
    uint64_t free_kib = 0;
    unsigned page_kib;

    if (!ctx)
        return KEEL_EIO;
    v = libxl_get_version_info(ctx);
    libxl_physinfo_init(&pi);
    if (!v || libxl_get_physinfo(ctx, &pi)) {
        libxl_physinfo_dispose(&pi);
        return keel_err_set(e, KEEL_EIO, "libxl could not read the host's "
                            "physical information");
    }
    snprintf(xi->version, sizeof(xi->version), "%d.%d%s",
             v->xen_version_major, v->xen_version_minor,
             v->xen_version_extra ? v->xen_version_extra : "");
    snprintf(xi->caps, sizeof(xi->caps), "%s",
             v->capabilities ? v->capabilities : "");
    page_kib = v->pagesize > 0 ? (unsigned)v->pagesize / 1024 : 4;
    xi->hvm = pi.cap_hvm;
    xi->hvm_directio = pi.cap_hvm_directio;
    xi->nr_cpus = pi.nr_cpus;
    xi->cores_per_socket = pi.cores_per_socket;
    xi->threads_per_core = pi.threads_per_core;
    xi->nr_nodes = pi.nr_nodes;
    xi->cpu_mhz = pi.cpu_khz / 1000;
    xi->total_kib = pi.total_pages * page_kib;
    xi->free_kib = pi.free_pages * page_kib;
    if (!libxl_get_free_memory(ctx, &free_kib))
        xi->free_kib = free_kib;
    libxl_physinfo_dispose(&pi);
    return 0;
}

static enum keel_vm_state dom_state(const libxl_dominfo *d)
{
    if (d->dying)
        return KEEL_VM_DYING;
    if (d->shutdown)
        return d->shutdown_reason == LIBXL_SHUTDOWN_REASON_CRASH ?
               KEEL_VM_CRASHED : KEEL_VM_SHUTDOWN;
    if (d->paused)
        return KEEL_VM_PAUSED;
    return KEEL_VM_RUNNING;
}

static int rx_dom_list(struct keel_backend *b, struct keel_dom **doms,
                       size_t *n, struct keel_err *e)
{
    libxl_ctx *ctx = ctx_get(b, e);
    libxl_dominfo *info;
    struct keel_dom *d;
    int nb = 0;
    time_t now = time(NULL);

    if (!ctx)
        return KEEL_EIO;
    info = libxl_list_domain(ctx, &nb);
    if (!info)
        return keel_err_set(e, KEEL_EIO, "libxl could not list domains");
    d = calloc((size_t)nb + 1, sizeof(*d));
    if (!d) {
        libxl_dominfo_list_free(info, nb);
        return keel_err_set(e, KEEL_ENOMEM, "out of memory listing VMs");
    }
    for (int i = 0; i < nb; i++) {
        char *name;
        uint32_t start;

        if (info[i].domid == 0)
            continue;
        name = libxl_domid_to_name(ctx, info[i].domid);
        snprintf(d[*n].name, sizeof(d[*n].name), "%s",
                 name ? name : "(unnamed)");
        free(name);
        d[*n].domid = info[i].domid;
        d[*n].state = dom_state(&info[i]);
        d[*n].mem_kib = info[i].current_memkb;
        d[*n].vcpus = info[i].vcpu_online;
        start = libxl_vm_get_start_time(ctx, info[i].domid);
        d[*n].uptime_s = start && now > start ? (long)(now - start) : 0;
        (*n)++;
    }
    libxl_dominfo_list_free(info, nb);
    *doms = d;
    return 0;
}

static int rx_dom_op(struct keel_backend *b, const char *name, int op,
                     struct keel_err *e)
{
    static const char *const verbs[] = { "shut down", "reboot",
                                         "force off", "pause", "resume" };
    libxl_ctx *ctx = ctx_get(b, e);
    uint32_t domid;
    int rc;

    if (!ctx)
        return KEEL_EIO;
    if (libxl_name_to_domid(ctx, name, &domid) || domid == 0)
        return keel_err_set(e, KEEL_ENOENT, "no running VM named '%s'",
                            name);
    switch (op) {
    case KEEL_DOM_SHUTDOWN: rc = libxl_domain_shutdown(ctx, domid, NULL);
        break;
    case KEEL_DOM_REBOOT: rc = libxl_domain_reboot(ctx, domid, NULL);
        break;
    case KEEL_DOM_DESTROY: rc = libxl_domain_destroy(ctx, domid, NULL);
        break;
    case KEEL_DOM_PAUSE: rc = libxl_domain_pause(ctx, domid, NULL);
        break;
    default: rc = libxl_domain_unpause(ctx, domid, NULL);
        break;
    }
    if (rc == ERROR_NOPARAVIRT)
        return keel_err_set(e, KEEL_ECMD, "cannot %s %s: the guest has no "
                            "PV drivers; use force off", verbs[op], name);
    if (rc)
        return keel_err_set(e, KEEL_ECMD, "libxl could not %s %s (error "
                            "%d; see /var/log/keel-libxl.log)", verbs[op],
                            name, rc);
    return 0;
}

/* Default gateway through ifname from /proc/net/route (hex, LE). */
static void route_gw(const char *ifname, char gw[16])
{
    FILE *f = fopen("/proc/net/route", "r");
    char line[256], ifn[32];
    unsigned dst, via, flags;

    gw[0] = '\0';
    if (!f)
        return;
    while (fgets(line, sizeof(line), f)) {
        if (sscanf(line, "%31s %x %x %x", ifn, &dst, &via, &flags) != 4 ||
            strcmp(ifn, ifname) || dst != 0 || !(flags & 0x2))
            continue;
        inet_ntop(AF_INET, &via, gw, 16);
        break;
    }
    fclose(f);
}

static int rx_net_live(struct keel_backend *b, const char *ifname,
                       struct keel_net_live *nl, struct keel_err *e)
{
    struct ifaddrs *ifa = NULL;

    (void)b;
    if (getifaddrs(&ifa))
        return keel_err_set(e, KEEL_EIO, "cannot list interfaces: %s",
                            strerror(errno));
    for (struct ifaddrs *p = ifa; p; p = p->ifa_next) {
        if (strcmp(p->ifa_name, ifname) != 0)
            continue;
        nl->exists = 1;
        nl->up = (p->ifa_flags & IFF_UP) != 0;
        if (nl->addr[0] || !p->ifa_addr || p->ifa_addr->sa_family != AF_INET)
            continue;
        inet_ntop(AF_INET, &((struct sockaddr_in *)p->ifa_addr)->sin_addr,
                  nl->addr, sizeof(nl->addr));
        if (p->ifa_netmask)
            nl->prefix = __builtin_popcount(((struct sockaddr_in *)
                                             p->ifa_netmask)->sin_addr.s_addr);
    }
    freeifaddrs(ifa);
    route_gw(ifname, nl->gw);
    return 0;
}

static void rx_destroy(struct keel_backend *b)
{
    struct real_xen *rx = b->xen;
    void (*destroy)(struct keel_backend *) = rx->destroy;

    if (rx->ctx)
        libxl_ctx_free(rx->ctx);
    if (rx->log)
        xtl_logger_destroy((xentoollog_logger *)rx->log);
    free(rx);
    b->xen = NULL;
    destroy(b);
}

int keel_real_xen_setup(struct keel_backend *b)
{
    struct real_xen *rx = calloc(1, sizeof(*rx));

    if (!rx)
        return KEEL_ENOMEM;
    rx->destroy = b->destroy;
    b->xen = rx;
    b->destroy = rx_destroy;
    b->xen_info = rx_xen_info;
    b->dom_list = rx_dom_list;
    b->dom_op = rx_dom_op;
    b->net_live = rx_net_live;
    return 0;
}
