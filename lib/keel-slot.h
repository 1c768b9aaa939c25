/*
 * keel-slot.h - the running host's side of the A/B scheme (design
 * section 5): which slot it booted, and `keelctl slot mark-good`.
 *
 * The slot switch used by installs and updates (begin, commit) is in
 * keel-install.h; the grubenv variables and GRUB's walk in
 * keel-grubenv.h.
 */
#ifndef KEEL_SLOT_H
#define KEEL_SLOT_H

#include "keel-backend.h"
#include "keel-grubenv.h"

/* Where mark-good mounts the ESP (read-write, only while it works). */
#define KEEL_SLOT_ESP_DIR "/run/keel/esp"

/*
 * The slot this system booted from, from the first keel.root= word of
 * /proc/cmdline (the one the boot initramfs uses): PARTLABEL=keel-a is
 * 'A', PARTLABEL=keel-b is 'B'.  KEEL_ENOENT "not booted from a slot
 * (keel.root=...)" for anything else (the installer, a live medium, a
 * device path); read errors as keel_backend_read().
 */
int keel_slot_booted(struct keel_backend *b, char *slot,
                     struct keel_err *e);

/*
 * The booted slot is healthy: what mark-good does to the slot state s.
 * The booted slot gets OK=1, TRY=0.  If ORDER's first slot is the other
 * one and it is OK with TRY=1, GRUB started it and it never reached
 * mark-good, so GRUB fell back to the booted slot: that slot is marked
 * bad (OK=0, TRY=0) and the booted slot goes first.  Returns the failed
 * slot ('A', 'B'), or 0 if there was no fallback.
 */
char keel_slot_settle(struct keel_slots *s, char booted);

/* What keel_slot_mark_good() did. */
struct keel_slot_good {
    char booted;  /* 'A' or 'B' */
    char failed;  /* slot marked bad after a fallback, or 0 */
    int changed;  /* 1 if grubenv was rewritten */
};

/*
 * `keelctl slot mark-good`, run by dom0 on every boot once healthy:
 * find the ESP (the partition named "esp" on the first disk, by name,
 * that holds the booted slot's partition, as the boot initramfs finds
 * it), mount it read-write at KEEL_SLOT_ESP_DIR, apply
 * keel_slot_settle() to its grubenv, save it (atomically) only if that
 * changed anything, and unmount.  r is filled on success.
 * Errors: KEEL_ENOENT not booted from a slot, no disk holds the slot,
 * no "esp" partition next to it, no grubenv; KEEL_EINVAL a grubenv
 * GRUB would misread; KEEL_ECMD mount or umount failed; write errors
 * as keel_backend_write() (the old grubenv is then untouched).  The
 * ESP is unmounted again whatever happened after mounting it.
 */
int keel_slot_mark_good(struct keel_backend *b, struct keel_slot_good *r,
                        struct keel_err *e);

#endif
