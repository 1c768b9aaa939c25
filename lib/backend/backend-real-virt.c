/*
 * backend-real-virt.c - the real backend's VM definitions and domain
 * operations through libvirt's C API (xen:///system, libvirtd's libxl
 * driver), so a VM keelctl or the console makes is the same object
 * virsh and virt-manager see (keel-xen.h).
 *
 * libvirt is loaded with dlopen on first use, not linked: it brings
 * some forty libraries, and keelctl runs at every boot step (conf_get)
 * and for every setting, nearly always without touching a VM.  The
 * connection is opened on first use and kept.  dom_op falls back
 * to the libxl one installed before it for a domain libvirt does not
 * know (made by `xl create` by hand): it is still a running VM.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "backend-real.h"
#include "keel-xen.h"

#define VIRT_URI "xen:///system"
/* Held by S92libvirt while libvirtd starts (starting()). */
#define LV_STARTING "/run/keel/libvirt-starting"
/* Keel's element in a definition's <metadata>: the start order. */
#define META_NS "https://keel.invalid/xmlns/vm/1"
#define META_KEY "keel"

struct real_virt {
    virConnectPtr conn;
    int (*xl_dom_op)(struct keel_backend *b, const char *name, int op,
                     struct keel_err *e);
    void (*destroy)(struct keel_backend *b);
};

/* The libvirt calls Keel makes, loaded on first use (lv_load). */
#define LV_CALLS(X) \
    X(virConnectClose) X(virConnectIsAlive) X(virConnectListAllDomains) \
    X(virConnectOpen) X(virDomainCreate) X(virDomainDefineXML) \
    X(virDomainAttachDeviceFlags) X(virDomainDetachDeviceFlags) \
    X(virDomainUpdateDeviceFlags) X(virDomainGetXMLDesc) \
    X(virDomainDestroy) X(virDomainFree) X(virDomainGetAutostart) \
    X(virDomainGetID) X(virDomainGetInfo) X(virDomainGetMetadata) \
    X(virDomainGetName) X(virDomainIsActive) X(virDomainLookupByName) \
    X(virDomainReboot) X(virDomainResume) X(virDomainSetAutostart) \
    X(virDomainSetMetadata) X(virDomainShutdown) X(virDomainSuspend) \
    X(virDomainUndefine) X(virGetLastError) X(virGetLastErrorMessage) \
    X(virSetErrorFunc) X(virStoragePoolFree) \
    X(virStoragePoolLookupByName) X(virStoragePoolRefresh)

#define LV_FIELD(n) __typeof__(n) *n;
static struct {
    void *so;
    LV_CALLS(LV_FIELD)
} lv;

/* Load libvirt.so.0 and its calls once; 0, or KEEL_EIO with e filled
 * (an image without libvirt cannot manage VMs, and says so). */
static int lv_load(struct keel_err *e)
{
    void *so;

    if (lv.so)
        return 0;
    so = dlopen("libvirt.so.0", RTLD_NOW | RTLD_LOCAL);
    if (!so)
        return keel_err_set(e, KEEL_EIO, "cannot load libvirt: %s",
                            dlerror());
#define LV_SYM(n) \
    if (!(lv.n = (__typeof__(n) *)dlsym(so, #n))) { \
        dlclose(so); \
        return keel_err_set(e, KEEL_EIO, "libvirt.so.0 has no %s", #n); \
    }
    LV_CALLS(LV_SYM)
#undef LV_SYM
    lv.so = so;
    return 0;
}

/* libvirt's last error, one line, or a fallback. */
static const char *why(void)
{
    const char *m = lv.virGetLastErrorMessage();

    return m && m[0] ? m : "unknown libvirt error";
}

/* libvirt prints every error on stderr by default: keep keelctl's and
 * the console's output theirs; the message travels in keel_err. */
static void quiet(void *ud, virErrorPtr err)
{
    (void)ud;
    (void)err;
}

/* Whether the last error says the connection itself is gone (libvirtd
 * restarted under a long-lived keel-console): worth one reconnect. */
static int conn_lost(void)
{
    virErrorPtr err = lv.virGetLastError();

    return err && (err->code == VIR_ERR_SYSTEM_ERROR ||
                   err->code == VIR_ERR_RPC ||
                   err->code == VIR_ERR_NO_CONNECT ||
                   err->code == VIR_ERR_INVALID_CONN);
}

static void conn_drop(struct keel_backend *b)
{
    struct real_virt *rv = b->virt;

    if (rv->conn)
        lv.virConnectClose(rv->conn);
    rv->conn = NULL;
}

/* Whether libvirtd's start step (S92libvirt, after "ready") is still
 * running: it holds this file while it starts libvirtd. */
static int starting(struct keel_backend *b)
{
    char path[PATH_MAX];

    return keel_real_path(b, path, sizeof(path), "%s", LV_STARTING) == 0 &&
           access(path, F_OK) == 0;
}

static virConnectPtr conn_get(struct keel_backend *b, struct keel_err *e)
{
    struct real_virt *rv = b->virt;
    unsigned waited_ms = 0;

    if (lv_load(e) < 0)
        return NULL;
    if (rv->conn && lv.virConnectIsAlive(rv->conn) == 1)
        return rv->conn;
    if (rv->conn)
        lv.virConnectClose(rv->conn);
    lv.virSetErrorFunc(NULL, quiet);
    while (!(rv->conn = lv.virConnectOpen(VIRT_URI)) && starting(b) &&
           waited_ms < b->virt_wait_s * 1000u) {
        usleep(250000);
        waited_ms += 250;
    }
    if (!rv->conn && starting(b))
        keel_err_set(e, KEEL_EIO, "libvirtd is still starting (boot step "
                     "S92libvirt): try again in a moment");
    else if (!rv->conn)
        keel_err_set(e, KEEL_EIO, "cannot reach libvirtd (%s): %s; is it "
                     "running? (/etc/init.d/S92libvirt restart)", VIRT_URI,
                     why());
    return rv->conn;
}

/* The domain called name, or NULL with *missing set when libvirt has
 * none (any other failure: NULL with e filled). */
static virDomainPtr lookup(virConnectPtr c, const char *name, int *missing,
                           struct keel_err *e)
{
    virDomainPtr d = lv.virDomainLookupByName(c, name);
    virErrorPtr err;

    *missing = 0;
    if (d)
        return d;
    err = lv.virGetLastError();
    if (err && err->code == VIR_ERR_NO_DOMAIN)
        *missing = 1;
    else
        keel_err_set(e, KEEL_EIO, "libvirt cannot look up %s: %s", name,
                     why());
    return NULL;
}

/* The autostart flag, and the order and delay in Keel's metadata
 * (<autostart order='N' delay='S'/>; absent: 0 and 0). */
static void read_autostart(virDomainPtr d, struct keel_vm_def *def)
{
    int on = 0;
    char *m;
    const char *p;

    if (lv.virDomainGetAutostart(d, &on) == 0)
        def->autostart = on;
    m = lv.virDomainGetMetadata(d, VIR_DOMAIN_METADATA_ELEMENT, META_NS,
                             VIR_DOMAIN_AFFECT_CONFIG);
    if (!m)
        return;
    if ((p = strstr(m, "order=")) && (p[6] == '"' || p[6] == '\''))
        def->order = (unsigned)strtoul(p + 7, NULL, 10);
    if ((p = strstr(m, "delay=")) && (p[6] == '"' || p[6] == '\''))
        def->delay_s = (unsigned)strtoul(p + 7, NULL, 10);
    free(m);
}

static int rv_vm_defs(struct keel_backend *b, struct keel_vm_def **defs,
                      size_t *n, struct keel_err *e)
{
    virConnectPtr c = conn_get(b, e);
    virDomainPtr *doms = NULL;
    struct keel_vm_def *out;
    int nd;

    if (!c)
        return KEEL_EIO;
    nd = lv.virConnectListAllDomains(c, &doms,
                                  VIR_CONNECT_LIST_DOMAINS_PERSISTENT);
    if (nd < 0 && conn_lost()) {
        conn_drop(b);
        if (!(c = conn_get(b, e)))
            return KEEL_EIO;
        nd = lv.virConnectListAllDomains(c, &doms,
                                      VIR_CONNECT_LIST_DOMAINS_PERSISTENT);
    }
    if (nd < 0)
        return keel_err_set(e, KEEL_EIO, "libvirt cannot list the VMs: %s",
                            why());
    out = calloc((size_t)nd + 1, sizeof(*out));
    for (int i = 0; i < nd; i++) {
        virDomainInfo info;

        /* libvirt lists dom0 as a persistent domain: not a VM */
        if (out && lv.virDomainGetID(doms[i]) != 0) {
            snprintf(out[*n].name, sizeof(out[*n].name), "%s",
                     lv.virDomainGetName(doms[i]));
            if (lv.virDomainGetInfo(doms[i], &info) == 0) {
                out[*n].mem_kib = info.maxMem;
                out[*n].vcpus = info.nrVirtCpu;
            }
            read_autostart(doms[i], &out[*n]);
            (*n)++;
        }
        lv.virDomainFree(doms[i]);
    }
    free(doms);
    if (!out)
        return keel_err_set(e, KEEL_ENOMEM, "out of memory listing VMs");
    *defs = out;
    return 0;
}

static int rv_vm_define(struct keel_backend *b, const char *xml,
                        struct keel_err *e)
{
    virConnectPtr c = conn_get(b, e);
    virDomainPtr d;

    if (!c)
        return KEEL_EIO;
    d = lv.virDomainDefineXML(c, xml);
    if (!d)
        return keel_err_set(e, KEEL_EINVAL, "libvirt refused the VM "
                            "definition: %s", why());
    lv.virDomainFree(d);
    return 0;
}

/* Run fn on the domain called name; what names the action in messages. */
/* The domain calls by name, looked up in lv when called (it is filled
 * on first use: a table of lv's pointers made before would hold NULL). */
static int dom_create(virDomainPtr d) { return lv.virDomainCreate(d); }
static int dom_undefine(virDomainPtr d) { return lv.virDomainUndefine(d); }
static int dom_shutdown(virDomainPtr d) { return lv.virDomainShutdown(d); }
static int dom_reboot(virDomainPtr d) { return lv.virDomainReboot(d, 0); }
static int dom_destroy(virDomainPtr d) { return lv.virDomainDestroy(d); }
static int dom_suspend(virDomainPtr d) { return lv.virDomainSuspend(d); }
static int dom_resume(virDomainPtr d) { return lv.virDomainResume(d); }

/* The defined VM called name, connecting again once if libvirtd went
 * away (it is restarted when it ends): 0, KEEL_ENOENT or KEEL_EIO. */
static int dom_get(struct keel_backend *b, const char *name,
                   virDomainPtr *d, struct keel_err *e)
{
    virConnectPtr c = conn_get(b, e);
    int missing;

    if (!c)
        return KEEL_EIO;
    *d = lookup(c, name, &missing, e);
    if (!*d && !missing && conn_lost()) {
        conn_drop(b);
        if (!(c = conn_get(b, e)))
            return KEEL_EIO;
        *d = lookup(c, name, &missing, e);
    }
    if (!*d)
        return missing ? keel_err_set(e, KEEL_ENOENT, "no VM named '%s'",
                                      name) : KEEL_EIO;
    return 0;
}

static int with_dom(struct keel_backend *b, const char *name,
                    int (*fn)(virDomainPtr), const char *what,
                    struct keel_err *e)
{
    virDomainPtr d;
    int rc = dom_get(b, name, &d, e);

    if (rc)
        return rc;
    if (fn(d) < 0)
        rc = keel_err_set(e, KEEL_ECMD, "cannot %s %s: %s", what, name,
                          why());
    lv.virDomainFree(d);
    return rc;
}

static int rv_vm_undefine(struct keel_backend *b, const char *name,
                          struct keel_err *e)
{
    return with_dom(b, name, dom_undefine, "undefine", e);
}

static int rv_vm_start(struct keel_backend *b, const char *name,
                       struct keel_err *e)
{
    return with_dom(b, name, dom_create, "start", e);
}

static int rv_vm_autostart(struct keel_backend *b, const char *name,
                           int on, unsigned order, unsigned delay_s,
                           struct keel_err *e)
{
    virConnectPtr c = conn_get(b, e);
    virDomainPtr d;
    char meta[96];
    int missing, rc = 0;

    if (!c)
        return KEEL_EIO;
    d = lookup(c, name, &missing, e);
    if (!d)
        return missing ? keel_err_set(e, KEEL_ENOENT, "no VM named '%s'",
                                      name) : KEEL_EIO;
    snprintf(meta, sizeof(meta), "<autostart order='%u' delay='%u'/>",
             order, delay_s);
    if (lv.virDomainSetMetadata(d, VIR_DOMAIN_METADATA_ELEMENT,
                             on ? meta : NULL, META_KEY, META_NS,
                             VIR_DOMAIN_AFFECT_CONFIG) < 0 ||
        lv.virDomainSetAutostart(d, on ? 1 : 0) < 0)
        rc = keel_err_set(e, KEEL_ECMD, "cannot set the autostart of %s: "
                          "%s", name, why());
    lv.virDomainFree(d);
    return rc;
}

/* The CD drive: an HVM guest's is the device model's IDE drive (hdc),
 * whose medium changes while it runs; a PV or PVH guest's a read-only
 * Xen disk of type cdrom (xvdc), which comes and goes whole. */
static int cd_change(virDomainPtr d, const char *name, const char *iso,
                     struct keel_err *e)
{
    char *xml = lv.virDomainGetXMLDesc(d, VIR_DOMAIN_XML_INACTIVE);
    char dev[1400], src[1100] = "";
    unsigned flags = VIR_DOMAIN_AFFECT_CONFIG;
    int hvm, has, r;

    if (!xml)
        return keel_err_set(e, KEEL_EIO, "libvirt gives no definition of "
                            "%s: %s", name, why());
    hvm = strstr(xml, ">hvm</type>") != NULL;
    has = strstr(xml, "device='cdrom'") || strstr(xml, "device=\"cdrom\"");
    free(xml);
    if (iso)
        snprintf(src, sizeof(src), "<source file='%s'/>", iso);
    snprintf(dev, sizeof(dev), "<disk type='file' device='cdrom'>%s"
             "<target dev='%s' bus='%s'/><readonly/></disk>", src,
             hvm ? "hdc" : "xvdc", hvm ? "ide" : "xen");
    if (lv.virDomainIsActive(d) == 1)
        flags |= VIR_DOMAIN_AFFECT_LIVE;
    /* libxl changes media only in the device model's drive, and libvirt
     * does not unplug a PV CD: said, rather than half done */
    if ((flags & VIR_DOMAIN_AFFECT_LIVE) && !hvm)
        return keel_err_set(e, KEEL_EINVAL, "%s is a running PV or PVH "
                            "guest, whose CD changes only while it is halted: "
                            "shut it down, change the CD, start it", name);
    if (!has && !iso)
        return keel_err_set(e, KEEL_ENOENT, "%s has no CD drive", name);
    if (!has)
        r = lv.virDomainAttachDeviceFlags(d, dev, flags);
    else if (iso || hvm)
        r = lv.virDomainUpdateDeviceFlags(d, dev, flags);
    else
        r = lv.virDomainDetachDeviceFlags(d, dev, flags);
    return r < 0 ? keel_err_set(e, KEEL_ECMD, "cannot %s %s's CD: %s",
                                iso ? "change" : "eject", name, why()) : 0;
}

static int rv_vm_cd(struct keel_backend *b, const char *name,
                    const char *iso, struct keel_err *e)
{
    virDomainPtr d;
    int rc = dom_get(b, name, &d, e);

    if (rc)
        return rc;
    rc = cd_change(d, name, iso, e);
    lv.virDomainFree(d);
    return rc;
}

static int rv_pool_refresh(struct keel_backend *b, const char *pool,
                           struct keel_err *e)
{
    virConnectPtr c = conn_get(b, e);
    virStoragePoolPtr p;
    int rc = 0;

    if (!c)
        return KEEL_EIO;
    p = lv.virStoragePoolLookupByName(c, pool);
    if (!p)
        return keel_err_set(e, KEEL_ENOENT, "libvirt has no storage pool "
                            "%s: %s", pool, why());
    if (lv.virStoragePoolRefresh(p, 0) < 0)
        rc = keel_err_set(e, KEEL_ECMD, "cannot refresh the storage pool "
                          "%s: %s", pool, why());
    lv.virStoragePoolFree(p);
    return rc;
}


static int rv_dom_op(struct keel_backend *b, const char *name, int op,
                     struct keel_err *e)
{
    static const struct {
        int (*fn)(virDomainPtr);
        const char *what;
    } ops[] = {
        [KEEL_DOM_SHUTDOWN] = { dom_shutdown, "shut down" },
        [KEEL_DOM_REBOOT] = { dom_reboot, "reboot" },
        [KEEL_DOM_DESTROY] = { dom_destroy, "force off" },
        [KEEL_DOM_PAUSE] = { dom_suspend, "pause" },
        [KEEL_DOM_UNPAUSE] = { dom_resume, "resume" },
    };
    struct real_virt *rv = b->virt;
    virConnectPtr c = conn_get(b, NULL);
    virDomainPtr d;
    int missing = 1, active, rc = 0;

    d = c ? lookup(c, name, &missing, NULL) : NULL;
    if (!d && c && !missing && conn_lost()) {
        conn_drop(b);
        c = conn_get(b, NULL);
        d = c ? lookup(c, name, &missing, NULL) : NULL;
    }
    if (!d)
        return rv->xl_dom_op(b, name, op, e);
    active = lv.virDomainIsActive(d);
    if (active < 0)
        rc = keel_err_set(e, KEEL_EIO, "libvirt cannot tell whether %s "
                          "runs: %s", name, why());
    else if (active == 0)
        rc = keel_err_set(e, KEEL_ENOENT, "no running VM named '%s'",
                          name);
    else if (ops[op].fn(d) < 0)
        rc = keel_err_set(e, KEEL_ECMD, "cannot %s %s: %s", ops[op].what,
                          name, why());
    lv.virDomainFree(d);
    return rc;
}

static void rv_destroy(struct keel_backend *b)
{
    struct real_virt *rv = b->virt;
    void (*destroy)(struct keel_backend *) = rv->destroy;

    if (rv->conn)
        lv.virConnectClose(rv->conn);
    free(rv);
    b->virt = NULL;
    destroy(b);
}

int keel_real_virt_setup(struct keel_backend *b)
{
    struct real_virt *rv = calloc(1, sizeof(*rv));

    if (!rv)
        return KEEL_ENOMEM;
    rv->destroy = b->destroy;
    rv->xl_dom_op = b->dom_op;
    b->virt = rv;
    b->destroy = rv_destroy;
    b->vm_defs = rv_vm_defs;
    b->vm_define = rv_vm_define;
    b->vm_undefine = rv_vm_undefine;
    b->vm_start = rv_vm_start;
    b->vm_autostart = rv_vm_autostart;
    b->pool_refresh = rv_pool_refresh;
    b->vm_cd = rv_vm_cd;
    b->dom_op = rv_dom_op;
    return 0;
}
