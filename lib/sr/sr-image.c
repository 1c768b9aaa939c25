/*
 * sr-image.c - disk images in and out of the storage repository
 * (keel_sr_vdi_import, keel_sr_vdi_export in keel-sr.h), by Debian's
 * qemu-img: the formats admins bring from other hypervisors, from a
 * file on the host or a URL.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keel-disk.h"
#include "keel-sr.h"
#include "sr-json.h"
#include "sr-net.h"

/* A copy may take hours for a big disk on a slow one. */
#define IMAGE_LIMIT_S (6 * 3600)

/* What qemu-img calls the formats an import takes, and what to say. */
static const char *const formats[] = { "raw", "qcow2", "vmdk", "vpc",
                                       "vhdx", NULL };

struct meter {
    void (*fn)(void *ctx, double done);
    void *ctx;
};

/* qemu-img convert -p writes "    (12.34/100%)\r" as it goes. */
static void on_out(void *ctx, const char *data, size_t len)
{
    struct meter *m = ctx;
    const char *p = data, *end = data + len;
    double pct = -1;

    while (p < end && (p = memchr(p, '(', (size_t)(end - p)))) {
        char num[16];
        size_t n = 0;

        for (p++; p < end && n + 1 < sizeof(num) &&
             ((*p >= '0' && *p <= '9') || *p == '.'); p++)
            num[n++] = *p;
        num[n] = '\0';
        if (n && p < end && *p == '/')
            pct = strtod(num, NULL);
    }
    if (pct >= 0 && m->fn)
        m->fn(m->ctx, pct / 100.0);
}

static int check_path(const char *path, const char *what,
                      struct keel_err *e)
{
    if (!path || path[0] != '/' || strstr(path, "/../") ||
        strpbrk(path, "\n"))
        return keel_err_set(e, KEEL_EINVAL, "%s: give an absolute path "
                            "on the host, not '%s'", what,
                            path ? path : "");
    return 0;
}

/* An image to import stands alone: one that names a backing file, or a
 * vmdk whose extents are other files, would copy whatever those name
 * (another VM's disk, a host file) into the new disk. */
static int self_contained(const struct keel_json *j, const char *src,
                          struct keel_err *e)
{
    const char *backing = keel_json_str(j, "backing-filename");
    const struct keel_json *fs = keel_json_get(j, "format-specific");
    const struct keel_json *ext = keel_json_get(keel_json_get(fs, "data"),
                                                "extents");

    if (backing)
        return keel_err_set(e, KEEL_EINVAL, "%s names a backing file (%s): "
                            "import a self-contained image (qemu-img convert "
                            "it to one first)", src, backing);
    for (const struct keel_json *x = ext ? ext->child : NULL; x;
         x = x->next) {
        const char *f = keel_json_str(x, "filename");

        if (f && strcmp(f, src) != 0)
            return keel_err_set(e, KEEL_EINVAL, "%s keeps its data in "
                                "another file (%s): import a "
                                "single-file image", src, f);
    }
    return 0;
}

/* The format and virtual size of image src, by qemu-img info. */
static int image_info(struct keel_backend *b, const char *src, char *fmt,
                      size_t fmt_size, uint64_t *vsize, struct keel_err *e)
{
    const char *argv[] = { "qemu-img", "info", "--output=json", src, NULL };
    char out[8192] = "", err[512] = "";
    struct keel_run r = { .out = out, .out_size = sizeof(out), .err = err,
                          .err_size = sizeof(err), .timeout_s = 60 };
    struct keel_json *j = NULL;
    const struct keel_json *vs;
    const char *f;
    int rc = keel_backend_run(b, argv, &r, e);

    if (rc == KEEL_ECMD || (!rc && r.status))
        return keel_err_set(e, KEEL_EINVAL, "%s is not a disk image "
                            "qemu-img reads: %.*s", src,
                            (int)strcspn(err, "\n"), err);
    if (rc)
        return rc;
    if (keel_json_parse(out, r.out_len, &j, NULL))
        return keel_err_set(e, KEEL_EIO, "qemu-img info gave no JSON for "
                            "%s", src);
    f = keel_json_str(j, "format");
    vs = keel_json_get(j, "virtual-size");
    rc = self_contained(j, src, e);
    if (rc)
        ;
    else if (!f || !vs || vs->type != KEEL_JSON_NUMBER)
        rc = keel_err_set(e, KEEL_EIO, "qemu-img info did not say the "
                          "format and size of %s", src);
    else {
        snprintf(fmt, fmt_size, "%s", f);
        *vsize = strtoull(vs->text, NULL, 10);
    }
    keel_json_free(j);
    return rc;
}

static int format_ok(const char *fmt, const char *src, struct keel_err *e)
{
    for (size_t i = 0; formats[i]; i++)
        if (strcmp(fmt, formats[i]) == 0)
            return 0;
    return keel_err_set(e, KEEL_EINVAL, "%s is a %s image; an import "
                        "takes raw, qcow2, vmdk, vhd or vhdx", src, fmt);
}

static int fits(struct keel_backend *b, const char *name, uint64_t size,
                struct keel_err *e)
{
    struct keel_sr sr;
    int rc = keel_sr_read(&sr, b, e);

    if (rc)
        return rc;
    for (size_t i = 0; !rc && i < sr.n; i++)
        if (strcmp(sr.vdis[i].name, name) == 0)
            rc = keel_err_set(e, KEEL_EEXIST, "a disk named %s exists "
                              "already", name);
    if (!rc && size > sr.free)
        rc = keel_err_set(e, KEEL_ENOSPC, "the image needs %" PRIu64
                          " MiB; the storage repository has %" PRIu64
                          " MiB free", (size + (1 << 20) - 1) >> 20,
                          sr.free >> 20);
    keel_sr_fini(&sr);
    return rc;
}

/* qemu-img convert with a progress meter; KEEL_ECMD with its error. */
static int convert(struct keel_backend *b, const char *const *argv,
                   void (*fn)(void *ctx, double done), void *ctx,
                   struct keel_err *e)
{
    char err[512] = "";
    struct meter m = { fn, ctx };
    struct keel_run r = { .err = err, .err_size = sizeof(err),
                          .timeout_s = IMAGE_LIMIT_S, .on_out = on_out,
                          .on_out_ctx = &m };
    int rc = keel_backend_run(b, argv, &r, e);

    if (rc == KEEL_ECMD || (!rc && r.status))
        rc = keel_err_set(e, KEEL_ECMD, "qemu-img convert failed: %.*s",
                          (int)strcspn(err, "\n"), err[0] ? err :
                          "no message");
    if (!rc && fn)
        fn(ctx, 1.0);
    return rc;
}

/* src (a file, or the download's scratch volume) into a new disk. */
static int import_from(struct keel_backend *b, const char *src,
                       const char *name,
                       void (*fn)(void *ctx, double done), void *ctx,
                       struct keel_err *e)
{
    char fmt[32], dev[160];
    const char *argv[] = { "qemu-img", "convert", "-p", "-n", "-f", fmt,
                           "-O", "raw", src, dev, NULL };
    uint64_t vsize = 0;
    int rc = image_info(b, src, fmt, sizeof(fmt), &vsize, e);

    if (!rc)
        rc = format_ok(fmt, src, e);
    if (!rc)
        rc = fits(b, name, vsize, e);
    if (!rc)
        rc = keel_sr_vdi_create(b, name, vsize, "", e);
    if (rc)
        return rc;
    snprintf(dev, sizeof(dev), "/dev/%s/%s", KEEL_SR_VG, name);
    rc = convert(b, argv, fn, ctx, e);
    if (rc)
        keel_sr_vdi_delete(b, name, NULL);
    return rc;
}

struct half {
    void (*fn)(void *ctx, double done);
    void *ctx;
};

static void second_half(void *ctx, double done)
{
    struct half *h = ctx;

    h->fn(h->ctx, 0.5 + done / 2);
}

/* A URL: downloaded into a scratch volume of the SR (an image can be
 * bigger than anything else on the host), imported from there, and
 * the scratch volume removed whatever happened. */
static int import_url(struct keel_backend *b, const char *url,
                      const char *name,
                      void (*fn)(void *ctx, double done), void *ctx,
                      struct keel_err *e)
{
    char tmp[96], dev[160];
    uint64_t len = 0;
    int rc = keel_sr_check_url(url, "import", e);

    if (rc)
        return rc;
    snprintf(tmp, sizeof(tmp), "keel-download-%s", name);
    snprintf(dev, sizeof(dev), "/dev/%s/%s", KEEL_SR_VG, tmp);
    /* NAME taken: said before anything is downloaded (fits, size 0) */
    rc = fits(b, name, 0, e);
    if (!rc)
        rc = keel_sr_url_size(b, url, &len, e);
    /* a download cut by a power failure left this: it is garbage */
    if (!rc && keel_sr_vdi_exists(b, tmp, NULL) == 0)
        rc = keel_sr_vdi_delete(b, tmp, e);
    if (!rc)
        rc = fits(b, tmp, len, e);
    if (!rc)
        rc = keel_sr_vdi_create(b, tmp, len, "", e);
    if (rc)
        return rc;
    /* the bar: the download its first half, the copy the second */
    rc = keel_sr_download(b, url, dev, fn, ctx, 0.0, 0.5, e);
    if (!rc) {
        struct half h = { fn, ctx };

        rc = import_from(b, dev, name, fn ? second_half : NULL, &h, e);
    }
    keel_sr_vdi_delete(b, tmp, NULL);
    return rc;
}

int keel_sr_vdi_import(struct keel_backend *b, const char *src,
                       const char *name,
                       void (*fn)(void *ctx, double done), void *ctx,
                       struct keel_err *e)
{
    int rc = keel_sr_valid_name(name, e);

    if (!rc && keel_sr_is_url(src))
        return import_url(b, src, name, fn, ctx, e);
    if (!rc)
        rc = check_path(src, "import", e);
    return rc ? rc : import_from(b, src, name, fn, ctx, e);
}

/* dst, which must not exist yet: a directory or a file is said. */
static int check_dst(struct keel_backend *b, const char *dst,
                     struct keel_err *e)
{
    struct keel_stat st;
    int rc = check_path(dst, "export", e);

    if (rc || keel_backend_stat(b, dst, &st, NULL) != 0 ||
        st.kind == KEEL_ST_NONE)
        return rc;
    if (st.kind == KEEL_ST_DIR)
        return keel_err_set(e, KEEL_EINVAL, "%s is a directory: give the "
                            "name of the qcow2 file to write", dst);
    return keel_err_set(e, KEEL_EEXIST, "%s exists already: remove it or "
                        "give another name", dst);
}

int keel_sr_vdi_export(struct keel_backend *b, const char *name,
                       const char *dst,
                       void (*fn)(void *ctx, double done), void *ctx,
                       struct keel_err *e)
{
    char dev[160], part[512];
    const char *argv[] = { "qemu-img", "convert", "-p", "-f", "raw", "-O",
                           "qcow2", dev, part, NULL };
    const char *mv[] = { "mv", "-f", part, dst, NULL };
    int rc = keel_sr_valid_name(name, e);

    if (!rc)
        rc = check_dst(b, dst, e);
    if (!rc)
        rc = keel_sr_vdi_exists(b, name, e);
    if (rc)
        return rc;
    snprintf(dev, sizeof(dev), "/dev/%s/%s", KEEL_SR_VG, name);
    /* written aside and renamed: a failed export leaves no half file */
    snprintf(part, sizeof(part), "%s.part", dst);
    rc = convert(b, argv, fn, ctx, e);
    if (!rc)
        rc = keel_backend_run(b, mv, NULL, e);
    if (rc)
        keel_backend_remove(b, part, NULL);
    return rc;
}
