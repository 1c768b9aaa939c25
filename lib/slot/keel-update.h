/*
 * keel-update.h - applying an update bundle to the slot this host is
 * not running, and the manual revert (design section 5).
 *
 * The order is the one that keeps the old slot bootable through a
 * power cut at any point: verify everything first; mark the target
 * slot not bootable (OK=0) before a byte of it is written; write, read
 * back and compare; hash the slot itself against the signed manifest;
 * record its version; only then make it first in ORDER with OK=1 and
 * TRY=0, so GRUB boots it once on trial.  Repeating an interrupted
 * apply starts again from the first step and works.
 */
#ifndef KEEL_UPDATE_H
#define KEEL_UPDATE_H

#include "keel-bundle.h"

/* The stages, in order, for progress: "verify", "prepare slot",
 * "write", "check", "record", "switch". */
#define KEEL_UPDATE_STAGES 6
extern const char *const keel_update_stage_names[KEEL_UPDATE_STAGES];

struct keel_update_opts {
    const char *keys_dir; /* trusted keys; NULL: KEEL_KEYS_DIR */
    int allow_downgrade;
    /* Progress (may be NULL): stage i of KEEL_UPDATE_STAGES, and the
     * fraction of the whole apply done, 0 to 1. */
    void (*progress)(void *ctx, int stage, double done);
    void *ctx;
};

struct keel_update_result {
    struct keel_manifest m; /* what was written */
    char booted;            /* the running slot */
    char slot;              /* the slot written, first at next boot */
    char running_version[32];
};

/*
 * Apply the bundle at s.  r is filled as far as it got.  Errors name
 * what is wrong: those of keel_bundle_verify() and keel_bundle_accept()
 * before anything is written; KEEL_ENOENT not booted from a slot, no
 * ESP or slot partition; write and read-back errors of the backend
 * (KEEL_EIO "differs" when the slot does not hold what was written).
 * After an error the running slot is untouched and still first; the
 * target slot may be marked not bootable.
 */
int keel_update_apply(struct keel_backend *b,
                      const struct keel_bundle_src *s,
                      const struct keel_update_opts *o,
                      struct keel_update_result *r, struct keel_err *e);

/* Where keel_update_fetch() puts what it fetches or mounts. */
#define KEEL_UPDATE_DOWNLOAD "/var/lib/keel/update-download.kub"
#define KEEL_UPDATE_MEDIUM "/run/keel/update-medium"

/*
 * What `keelctl update apply WHAT` names, as a bundle source in s:
 * an http:// URL (downloaded to KEEL_UPDATE_DOWNLOAD, on keel-state),
 * a Keel ISO as a file or a disc (/dev/...; mounted read-only at
 * KEEL_UPDATE_MEDIUM: its /keel/dom0.kubh and /keel/dom0.img), or a
 * .kub file.  f->mounted and f->downloaded say what keel_update_release()
 * undoes.  KEEL_ENOENT no such file; KEEL_EINVAL neither a bundle nor
 * a Keel ISO; KEEL_ECMD the download or mount failed.
 */
struct keel_update_fetch {
    int mounted, downloaded;
};
int keel_update_fetch(struct keel_backend *b, const char *what,
                      struct keel_bundle_src *s,
                      struct keel_update_fetch *f, struct keel_err *e);
void keel_update_release(struct keel_backend *b,
                         struct keel_update_fetch *f);

/*
 * The manual revert (ESXi's Shift+R): make the other slot first for the
 * next boot, on trial like an update.  *slot is the other slot.
 * KEEL_EINVAL if it holds no good system (never written, or failed).
 */
int keel_slot_revert(struct keel_backend *b, char *slot,
                     struct keel_err *e);

/*
 * The ESP's and the slot partitions' devices on the disk that holds
 * the booted slot: the disk of /run/keel/boot-device (the disk list's
 * boot_medium), or where no disk is, the first holding the slot's
 * partition name.  esp, and part[0] for keel-a, part[1] for keel-b.
 */
int keel_slot_devices(struct keel_backend *b, char booted, char *esp,
                      char part[2][64], struct keel_err *e);

/*
 * The booted slot into *booted, the slot partitions' devices into part
 * (keel_slot_devices()), and their ESP mounted at KEEL_SLOT_ESP_DIR (ro:
 * read-only); the caller unmounts it (keel_umount()).
 */
int keel_slot_esp_mount(struct keel_backend *b, int ro, char *booted,
                        char part[2][64], struct keel_err *e);

#endif
