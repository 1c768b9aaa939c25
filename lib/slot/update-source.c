/*
 * update-source.c - what `keelctl update apply` is given: a bundle
 * file, a URL, a Keel ISO file or disc (keel-update.h).
 */
#include <stdio.h>
#include <string.h>

#include "install-int.h"
#include "keel-update.h"

static int from_url(struct keel_backend *b, const char *url,
                    struct keel_bundle_src *s, struct keel_update_fetch *f,
                    struct keel_err *e)
{
    /* No -T: Debian's static busybox 1.35 wget crashes on it; the time
     * limit is the run's, for the whole download. */
    const char *wget[] = { "wget", "-q", "-O", KEEL_UPDATE_DOWNLOAD, url,
                           NULL };
    struct keel_run r = { .timeout_s = 1800 };
    int rc = keel_backend_run(b, wget, &r, e);

    f->downloaded = 1;
    if (rc && r.timed_out)
        return keel_err_set(e, KEEL_EIO, "cannot download %.120s: not "
                            "done within %d s", url, r.timeout_s);
    if (rc)
        return keel_err_set(e, rc, "cannot download %.120s (wget exit %d):"
                            " check the URL and the host's network", url,
                            r.status);
    keel_bundle_src_file(s, KEEL_UPDATE_DOWNLOAD);
    return 0;
}

/* A Keel ISO, file or disc: mounted read-only, its image and header. */
static int from_iso(struct keel_backend *b, const char *what, int dev,
                    struct keel_bundle_src *s, struct keel_update_fetch *f,
                    struct keel_err *e)
{
    const char *mnt[] = { "mount", "-t", "iso9660", "-o",
                          dev ? "ro" : "ro,loop", what, KEEL_UPDATE_MEDIUM,
                          NULL };
    const char *mk[] = { "mkdir", "-p", KEEL_UPDATE_MEDIUM, NULL };
    struct keel_stat st;
    int rc = keel_backend_run(b, mk, NULL, e);

    if (!rc && keel_backend_run(b, mnt, NULL, NULL))
        return keel_err_set(e, KEEL_EINVAL, "%.120s is neither a Keel "
                            "update bundle nor a Keel ISO (it does not "
                            "mount as one)", what);
    if (rc)
        return rc;
    f->mounted = 1;
    snprintf(s->header, sizeof(s->header), "%s", KEEL_UPDATE_MEDIUM
             "/keel/dom0.kubh");
    snprintf(s->payload, sizeof(s->payload), "%s", KEEL_UPDATE_MEDIUM
             "/keel/dom0.img");
    s->payload_off = 0;
    rc = keel_backend_stat(b, s->header, &st, e);
    if (!rc && st.kind != KEEL_ST_FILE)
        rc = keel_err_set(e, KEEL_EINVAL, "%.120s is not a Keel ISO that "
                          "can update a host (no /keel/dom0.kubh)", what);
    return rc;
}

int keel_update_fetch(struct keel_backend *b, const char *what,
                      struct keel_bundle_src *s,
                      struct keel_update_fetch *f, struct keel_err *e)
{
    char head[12];
    struct keel_stat st;
    size_t got = 0;
    int rc;

    memset(f, 0, sizeof(*f));
    if (!strncmp(what, "http://", 7))
        return from_url(b, what, s, f, e);
    if (what[0] != '/')
        return keel_err_set(e, KEEL_EINVAL, "'%.120s': give an absolute "
                            "path, /dev/DEVICE or an http:// URL", what);
    rc = keel_backend_stat(b, what, &st, e);
    if (!rc && st.kind == KEEL_ST_NONE)
        rc = keel_err_set(e, KEEL_ENOENT, "%.120s: no such file", what);
    if (rc)
        return rc;
    if (st.kind == KEEL_ST_BLOCK)
        return from_iso(b, what, 1, s, f, e);
    if (st.kind != KEEL_ST_FILE)
        return keel_err_set(e, KEEL_EINVAL, "%.120s is not a file", what);
    rc = keel_backend_read_at(b, what, 0, head, sizeof(head), &got, e);
    if (rc)
        return rc;
    if (got == sizeof(head) && !memcmp(head, "keel-bundle=", 12)) {
        keel_bundle_src_file(s, what);
        return 0;
    }
    return from_iso(b, what, 0, s, f, e);
}

void keel_update_release(struct keel_backend *b,
                         struct keel_update_fetch *f)
{
    if (f->mounted)
        keel_umount(b, KEEL_UPDATE_MEDIUM, NULL);
    if (f->downloaded)
        keel_backend_remove(b, KEEL_UPDATE_DOWNLOAD, NULL);
    memset(f, 0, sizeof(*f));
}
