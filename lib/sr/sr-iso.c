/*
 * sr-iso.c - the ISO library (keel-sr.h): installation media for VMs'
 * CD drives, an ext4 file system on volume keel-iso of the storage
 * repository, mounted at /var/lib/keel/iso.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "keel-disk.h"
#include "keel-sr.h"
#include "keel-xen.h"
#include "sr-net.h"

#define ISO_DEV "/dev/" KEEL_SR_VG "/" KEEL_ISO_LV
#define MIB ((uint64_t)1 << 20)
/* the first library: room for a small distribution's installer */
#define FIRST_SIZE (1024 * MIB)
/* ext4's own metadata and a margin, on top of what a fetch needs */
#define SLACK (64 * MIB)

int keel_iso_valid_name(const char *name, struct keel_err *e)
{
    size_t n = name ? strlen(name) : 0;

    if (n < 5 || n > 120 || strcasecmp(name + n - 4, ".iso") != 0)
        return keel_err_set(e, KEEL_EINVAL, "'%s': an ISO's name has 5-120 "
                            "characters and ends in .iso", name ? name : "");
    if (name[0] == '-' || name[0] == '.')
        return keel_err_set(e, KEEL_EINVAL, "'%s': an ISO's name may not "
                            "start with '-' or '.'", name);
    if (strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
               "0123456789_.+-") != n)
        return keel_err_set(e, KEEL_EINVAL, "'%s': use only letters, "
                            "digits and _ . + - in an ISO's name", name);
    return 0;
}

static int mounted(struct keel_backend *b)
{
    char *m = NULL;
    size_t len;
    int yes = keel_backend_read(b, "/proc/mounts", &m, &len, NULL) == 0 &&
              strstr(m, " " KEEL_ISO_DIR " ") != NULL;

    free(m);
    return yes;
}

/* The library's file system: size and free bytes (df -Pk). */
static int df(struct keel_backend *b, uint64_t *size, uint64_t *avail,
              struct keel_err *e)
{
    const char *argv[] = { "df", "-Pk", KEEL_ISO_DIR, NULL };
    char out[512] = "";
    struct keel_run r = { .out = out, .out_size = sizeof(out) };
    unsigned long long kb, used, av;
    int rc = keel_backend_run(b, argv, &r, e);
    const char *line = strchr(out, '\n');

    if (rc)
        return rc;
    if (!line || sscanf(line + 1, "%*s %llu %llu %llu", &kb, &used,
                        &av) != 3)
        return keel_err_set(e, KEEL_EIO, "df %s: cannot read its answer",
                            KEEL_ISO_DIR);
    *size = (uint64_t)kb * 1024;
    *avail = (uint64_t)av * 1024;
    return 0;
}

static int run(struct keel_backend *b, const char *const *argv,
               struct keel_err *e)
{
    return keel_backend_run(b, argv, NULL, e);
}

/* Mount the library; a fresh volume gets its file system first.  An
 * existing one that does not mount is checked (a power cut during a
 * fetch) and mounted again; one with no file system at all (a power
 * cut between lvcreate and mke2fs: nothing was ever stored) is made
 * again. */
static int mount_lib(struct keel_backend *b, int fresh, struct keel_err *e)
{
    const char *mkdir[] = { "mkdir", "-p", KEEL_ISO_DIR, NULL };
    const char *mnt[] = { "mount", "-t", "ext4", "-o", "nodev,nosuid,noexec",
                          ISO_DEV, KEEL_ISO_DIR, NULL };
    const char *probe[] = { "blkid", ISO_DEV, NULL };
    const char *fsck[] = { "e2fsck", "-p", ISO_DEV, NULL };
    const char *mkfs[] = { "mke2fs", "-q", "-F", "-t", "ext4", "-m", "0",
                           "-L", KEEL_ISO_LV, ISO_DEV, NULL };
    int rc = run(b, mkdir, e);

    if (!rc && fresh)
        rc = run(b, mkfs, e);
    if (rc || run(b, mnt, NULL) == 0)
        return rc;
    if (run(b, probe, NULL) != 0)
        rc = run(b, mkfs, e);
    else
        run(b, fsck, NULL);
    if (!rc && run(b, mnt, e) != 0)
        rc = keel_err_set(e, KEEL_EIO, "the ISO library's file system (%s) "
                          "does not mount: check it with e2fsck -f %s",
                          ISO_DEV, ISO_DEV);
    return rc;
}

/* Grow the library's volume and file system by bytes (online), if the
 * SR has them. */
static int grow(struct keel_backend *b, uint64_t bytes, struct keel_err *e)
{
    char sz[32];
    const char *ext[] = { "lvm", "lvextend", "-L", sz,
                          KEEL_SR_VG "/" KEEL_ISO_LV, NULL };
    const char *rs[] = { "resize2fs", ISO_DEV, NULL };
    struct keel_sr sr;
    int rc = keel_sr_read(&sr, b, e);

    if (rc)
        return rc;
    if (bytes > sr.free)
        rc = keel_err_set(e, KEEL_ENOSPC, "the ISO needs %" PRIu64 " MiB "
                          "more in the ISO library; the storage repository "
                          "has %" PRIu64 " MiB free", bytes / MIB,
                          sr.free / MIB);
    keel_sr_fini(&sr);
    snprintf(sz, sizeof(sz), "+%" PRIu64 "b", bytes);
    if (!rc)
        rc = run(b, ext, e);
    return rc ? rc : run(b, rs, e);
}

/* The library mounted with need bytes free: made, or grown by what is
 * missing, from the SR's free space. */
static int library(struct keel_backend *b, uint64_t need, struct keel_err *e)
{
    uint64_t size = 0, avail = 0;
    int rc = 0, fresh = 0;

    if (!mounted(b)) {
        if (keel_sr_vdi_exists(b, KEEL_ISO_LV, NULL) != 0) {
            uint64_t first = need + SLACK > FIRST_SIZE ? need + SLACK :
                             FIRST_SIZE;

            rc = keel_sr_vdi_create(b, KEEL_ISO_LV, first, KEEL_ISO_LV, e);
            if (rc)
                return rc;
            fresh = 1;
        }
        rc = mount_lib(b, fresh, e);
    }
    if (!rc)
        rc = df(b, &size, &avail, e);
    if (rc || avail >= need + SLACK / 4)
        return rc;
    return grow(b, (need + SLACK - avail + MIB - 1) / MIB * MIB, e);
}

static int cmp_iso(const void *x, const void *y)
{
    return strcmp(((const struct keel_iso *)x)->name,
                  ((const struct keel_iso *)y)->name);
}

int keel_iso_list(struct keel_backend *b, struct keel_isos *out,
                  struct keel_err *e)
{
    char **names = NULL;
    size_t n = 0;
    int rc = 0;

    memset(out, 0, sizeof(*out));
    if (!mounted(b)) {
        if (keel_sr_vdi_exists(b, KEEL_ISO_LV, NULL) != 0)
            return 0;
        rc = mount_lib(b, 0, e);
    }
    if (!rc)
        rc = df(b, &out->size, &out->free, e);
    if (!rc)
        rc = keel_backend_list_dir(b, KEEL_ISO_DIR, &names, &n, e);
    if (rc)
        return rc;
    out->v = calloc(n ? n : 1, sizeof(*out->v));
    if (!out->v)
        rc = keel_err_set(e, KEEL_ENOMEM, "out of memory");
    for (size_t i = 0; !rc && i < n; i++) {
        struct keel_stat st;
        char path[256];

        if (keel_iso_valid_name(names[i], NULL))
            continue; /* lost+found, a .part download, other files */
        snprintf(path, sizeof(path), "%s/%s", KEEL_ISO_DIR, names[i]);
        if (keel_backend_stat(b, path, &st, NULL) || st.kind != KEEL_ST_FILE)
            continue;
        snprintf(out->v[out->n].name, sizeof(out->v[0].name), "%s",
                 names[i]);
        out->v[out->n++].size = st.size;
    }
    keel_names_free(names, n);
    if (rc)
        keel_isos_free(out);
    else
        qsort(out->v, out->n, sizeof(*out->v), cmp_iso);
    return rc;
}

void keel_isos_free(struct keel_isos *l)
{
    free(l->v);
    memset(l, 0, sizeof(*l));
}

int keel_iso_path(struct keel_backend *b, const char *name, char *buf,
                  size_t size, struct keel_err *e)
{
    struct keel_stat st;
    int rc = keel_iso_valid_name(name, e);

    if (rc)
        return rc;
    snprintf(buf, size, "%s/%s", KEEL_ISO_DIR, name);
    if (!mounted(b) && keel_sr_vdi_exists(b, KEEL_ISO_LV, NULL) == 0)
        mount_lib(b, 0, NULL);
    rc = keel_backend_stat(b, buf, &st, e);
    if (!rc && st.kind != KEEL_ST_FILE)
        rc = keel_err_set(e, KEEL_ENOENT, "no ISO named %s in the library "
                          "(keelctl iso-list; keelctl iso-fetch URL)", name);
    return rc;
}

/* The URL's last part, when it is a fit name. */
static const char *url_name(const char *url)
{
    const char *slash = strrchr(url, '/');

    return slash && slash[1] ? slash + 1 : url;
}

/* An ISO 9660 image says "CD001" at byte 32769 (its volume descriptor). */
static int is_iso9660(struct keel_backend *b, const char *path)
{
    char sig[5];
    size_t got = 0;

    return keel_backend_read_at(b, path, 32769, sig, 5, &got, NULL) == 0 &&
           got == 5 && memcmp(sig, "CD001", 5) == 0;
}

int keel_iso_fetch(struct keel_backend *b, const char *url,
                   const char *name, void (*fn)(void *ctx, double done),
                   void *ctx, struct keel_err *e)
{
    const char *sync[] = { "sync", NULL };
    char path[256], part[256];
    uint64_t len = 0;
    int rc = keel_sr_check_url(url, "fetch", e);

    if (!rc && !name)
        name = url_name(url);
    if (!rc)
        rc = keel_iso_valid_name(name, e);
    if (rc)
        return rc;
    /* a taken name: said before the library is made or grown */
    if (keel_iso_path(b, name, path, sizeof(path), NULL) == 0)
        return keel_err_set(e, KEEL_EEXIST, "%s is in the ISO library "
                            "already (keelctl iso-delete %s first)", name,
                            name);
    snprintf(part, sizeof(part), "%s/.%s.part", KEEL_ISO_DIR, name);
    rc = keel_sr_url_size(b, url, &len, e);
    if (!rc)
        rc = library(b, len, e);
    if (rc)
        return rc;
    keel_backend_remove(b, part, NULL); /* a cut fetch's leftover */
    rc = keel_sr_download(b, url, part, fn, ctx, 0.0, 1.0, e);
    if (!rc && !is_iso9660(b, part))
        rc = keel_err_set(e, KEEL_EINVAL, "%.200s is not an ISO 9660 (CD "
                          "or DVD) image; nothing was kept", url);
    if (!rc)
        rc = run(b, sync, e);
    if (!rc) {
        const char *mv[] = { "mv", "-f", part, path, NULL };

        rc = run(b, mv, e);
    }
    if (!rc)
        rc = run(b, sync, e);
    if (rc)
        keel_backend_remove(b, part, NULL);
    return rc;
}

int keel_iso_delete(struct keel_backend *b, const char *name,
                    struct keel_err *e)
{
    char path[256];
    int rc = keel_iso_path(b, name, path, sizeof(path), e);

    return rc ? rc : keel_backend_remove(b, path, e);
}
