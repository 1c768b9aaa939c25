/*
 * keel-sr.h - the storage repository: one LVM volume group on the
 * keel-sr partition; each virtual disk (VDI) is a logical volume,
 * tagged "keel.owner=VM" with the VM that owns it.
 *
 * Everything goes through `lvm ... --reportformat json` run by the
 * backend (lvm2 has no supported C API), parsed by sr-json.h.
 */
#ifndef KEEL_SR_H
#define KEEL_SR_H

#include <stddef.h>
#include <stdint.h>

#include "keel-backend.h"

#define KEEL_SR_VG "keel-sr"
#define KEEL_SR_TAG "keel.owner="

struct keel_vdi {
    char name[64];
    uint64_t size;  /* bytes */
    char owner[64]; /* "" if none */
};

struct keel_sr {
    char vg[64];
    uint64_t size, free; /* bytes */
    struct keel_vdi *vdis; /* n of them, sorted by name */
    size_t n;
};

/*
 * Parse the JSON of `lvm vgs` and `lvm lvs` (fields vg_name, vg_size,
 * vg_free; lv_name, vg_name, lv_size, lv_tags; sizes in bytes, no
 * suffix) for volume group vg into sr.  Either text may be NULL to skip
 * it.  KEEL_ENOENT if vg is not in the vgs report; KEEL_EINVAL for a
 * report that is not what lvm writes.  Free with keel_sr_fini().
 */
int keel_sr_parse(struct keel_sr *sr, const char *vg, const char *vgs_json,
                  size_t vgs_len, const char *lvs_json, size_t lvs_len,
                  struct keel_err *e);

/* Ask lvm through b about KEEL_SR_VG.  As keel_sr_parse. */
int keel_sr_read(struct keel_sr *sr, struct keel_backend *b,
                 struct keel_err *e);
void keel_sr_fini(struct keel_sr *sr);

/* A VDI name: 1-60 of [A-Za-z0-9_.+-], not starting with '-' or '.' */
int keel_sr_valid_name(const char *name, struct keel_err *e);

/*
 * "20G", "512M", "1T" or plain bytes: a size in bytes, at least 4 MiB
 * (one LVM extent).  KEEL_EINVAL says the rule.
 */
int keel_sr_parse_size(const char *s, uint64_t *bytes, struct keel_err *e);

/* "1.5 GiB" and the like, into buf. */
void keel_sr_format_size(uint64_t bytes, char *buf, size_t size);

/* Create a VDI of size bytes owned by owner ("" or NULL for none).
 * KEEL_EEXIST if the name is taken. */
int keel_sr_vdi_create(struct keel_backend *b, const char *name,
                       uint64_t size, const char *owner, struct keel_err *e);

/* 0 if the SR holds a virtual disk NAME; KEEL_ENOENT saying so. */
int keel_sr_vdi_exists(struct keel_backend *b, const char *name,
                       struct keel_err *e);
/* Delete VDI name.  KEEL_ENOENT if it does not exist. */
int keel_sr_vdi_delete(struct keel_backend *b, const char *name,
                       struct keel_err *e);

/*
 * Import a disk image into a new virtual disk NAME (no owner): qemu-img
 * reads raw, qcow2, vmdk, vhd (vpc) and vhdx; the SR's free space is
 * checked against the image's virtual size before anything is made,
 * and a failed copy removes the new disk.  fn (may be NULL) gets the
 * copy's progress (done 0..1).  src is an absolute path on the host,
 * or an http:// or https:// URL: the server must say its size, which
 * must fit in the SR too; it is downloaded (busybox wget) into a
 * scratch volume keel-download-NAME, imported from there and the
 * scratch volume removed, whatever happened.
 * KEEL_EINVAL: not an image qemu-img reads, or another format;
 * KEEL_ENOSPC: it does not fit (both sizes said); KEEL_EEXIST: NAME is
 * taken.
 */
int keel_sr_vdi_import(struct keel_backend *b, const char *src,
                       const char *name,
                       void (*fn)(void *ctx, double done), void *ctx,
                       struct keel_err *e);

/* Export virtual disk NAME as a qcow2 image dst (an absolute path that
 * does not exist yet).  KEEL_ENOENT: no such disk; KEEL_EEXIST: dst is
 * there. */
int keel_sr_vdi_export(struct keel_backend *b, const char *name,
                       const char *dst,
                       void (*fn)(void *ctx, double done), void *ctx,
                       struct keel_err *e);

/*
 * The ISO library: CD/DVD images for VMs' CD drives, files in
 * KEEL_ISO_DIR, an ext4 file system on volume KEEL_ISO_LV of the
 * storage repository (ISOs are gigabytes: the SR has the room, the
 * state partition does not).  Made on the first fetch, grown as
 * fetches need (lvextend, resize2fs online), mounted at boot (S50lvm).
 * Admins may also copy images there with scp.
 */
#define KEEL_ISO_DIR "/var/lib/keel/iso"
#define KEEL_ISO_LV "keel-iso"
struct keel_iso {
    char name[128];
    uint64_t size; /* bytes */
};
struct keel_isos {
    struct keel_iso *v; /* n of them, sorted by name */
    size_t n;
    uint64_t size, free; /* the library's file system; 0, 0: none yet */
};
/* url (http:// or https://) fit to hand to wget, for what ("fetch",
 * "import"): KEEL_EINVAL saying what is wrong. */
int keel_sr_check_url(const char *url, const char *what, struct keel_err *e);
/* An ISO name: 1-120 of [A-Za-z0-9_.+-], not starting with '-' or '.',
 * ending in ".iso". */
int keel_iso_valid_name(const char *name, struct keel_err *e);
/* The images in the library (none when it was never made). */
int keel_iso_list(struct keel_backend *b, struct keel_isos *out,
                  struct keel_err *e);
void keel_isos_free(struct keel_isos *l);
/*
 * Download url into the library as name (NULL: the URL's last part).
 * The server must say its size; the library is made or grown to hold
 * it (the SR's free space checked first); the download goes to a
 * hidden .part file, must be an ISO 9660 image (else it is removed,
 * saying so), and is renamed into place once on disk.  fn (may be
 * NULL) gets its progress.  KEEL_EEXIST: name is in the library.
 */
int keel_iso_fetch(struct keel_backend *b, const char *url,
                   const char *name, void (*fn)(void *ctx, double done),
                   void *ctx, struct keel_err *e);
/* Remove image name.  KEEL_ENOENT if it is not there. */
int keel_iso_delete(struct keel_backend *b, const char *name,
                    struct keel_err *e);
/* The path of image name in the library, into buf: 0, or KEEL_ENOENT
 * naming it and how to fetch one. */
int keel_iso_path(struct keel_backend *b, const char *name, char *buf,
                  size_t size, struct keel_err *e);
#endif
