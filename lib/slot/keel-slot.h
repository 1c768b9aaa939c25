/*
 * keel-slot.h - the running host's side of the A/B scheme (design
 * section 5): which slot it booted, and `keelctl slot mark-good`.
 *
 * Also the slot switch shared by installs, updates and revert (begin,
 * commit) and the grubenv file of a mounted ESP; the grubenv variables
 * and GRUB's walk are in keel-grubenv.h, update bundles in
 * keel-bundle.h.  Everything of the A/B scheme lives in lib/slot/.
 */
#ifndef KEEL_SLOT_H
#define KEEL_SLOT_H

#include <time.h>

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
    int repaired; /* 1 if it was missing or damaged and written anew */
    struct keel_slots slots; /* the slot variables now (for the console's
                                copy, keel_slot_state_cache()) */
};

/*
 * A fallback GRUB made, as mark-good found it: the slot tried first did
 * not come up, and the other one runs again.  Kept on keel-state in
 * KEEL_SLOT_FALLBACK (key=value lines) until the admin dismisses it or
 * the failed slot boots and is marked good: the console's Status
 * Display and `keelctl status` show it.
 */
#define KEEL_SLOT_FALLBACK "/var/lib/keel/slot-fallback"

struct keel_slot_fallback {
    char failed;             /* 'A' or 'B'; 0: no fallback recorded */
    char failed_version[32]; /* its version then ("" unknown) */
    char running;            /* the slot that came up instead */
    char running_version[32];
    char at[24];             /* when mark-good found it: UTC, ISO 8601 */
    char reason[96];         /* why, if the failed boot said (its health
                                check); "" if it never got that far */
};

/*
 * Record that failed did not boot and running did, at now: the
 * versions from KEEL_SLOT_VERSIONS (failed) and KEEL_VERSION_FILE
 * (running; "" if unreadable).  Replaces KEEL_SLOT_FALLBACK
 * atomically; errors as keel_backend_write().
 */
int keel_slot_fallback_note(struct keel_backend *b, char failed,
                            char running, time_t now, struct keel_err *e);

/*
 * The recorded fallback into f; 0 with f->failed == 0 if there is none.
 * KEEL_EINVAL if the file does not name two different slots (f is then
 * cleared too); read errors as keel_backend_read().
 */
int keel_slot_fallback_read(struct keel_backend *b,
                            struct keel_slot_fallback *f,
                            struct keel_err *e);

/*
 * The admin has seen it: remove the record.  *cleared is 1 if there was
 * one, 0 if not (not an error).  Errors as keel_backend_remove().
 */
int keel_slot_fallback_clear(struct keel_backend *b, int *cleared,
                             struct keel_err *e);

/* The sentence for the admin, e.g. "Update to slot B (0.2.0) failed to
 * boot; running slot A (0.1.0) again." (f->failed must be set). */
void keel_slot_fallback_text(const struct keel_slot_fallback *f,
                             char *buf, size_t size);

/*
 * The version of slot ('A' or 'B') in a slot-versions text ("A 0.1.0\n"
 * "B -\n"; "-" is an empty slot) into buf; 1 if a line names the slot,
 * 0 (buf untouched) if none does.
 */
int keel_slot_version_in(const char *text, char slot, char *buf,
                         size_t size);

/* The last line of text that names slot ("A ..."), up to its '\n'
 * (borrowed from text), or NULL. */
const char *keel_slot_line_in(const char *text, char slot);

/*
 * A trial boot that failed its health check says why, for the boot
 * that comes up next (KEEL_SLOT_TRIAL_FAILURE: "slot=X\nreason=...\n").
 */
#define KEEL_SLOT_TRIAL_FAILURE "/var/lib/keel/slot-trial-failure"

/*
 * `keelctl slot trial-failed REASON`, run by dom0's health check when it
 * fails: if this boot is an update's trial (the booted slot is first in
 * ORDER with TRY=1 and the other slot is good), record reason for slot
 * and set *reboot: rebooting makes GRUB fall back.  On any other boot
 * *reboot is 0 and nothing is written (a host with no good slot to go
 * back to stays up, degraded).  Errors as keel_slot_mark_good().
 */
int keel_slot_trial_failed(struct keel_backend *b, const char *reason,
                           int *reboot, struct keel_err *e);

/* The reason recorded for slot by keel_slot_trial_failed() into buf
 * ("" if none, or if it names another slot). */
void keel_slot_trial_reason(struct keel_backend *b, char slot, char *buf,
                            size_t size);

/*
 * `keelctl slot mark-good`, run by dom0 on every boot once healthy:
 * find the ESP (the partition named "esp" on the first disk, by name,
 * that holds the booted slot's partition, as the boot initramfs finds
 * it), mount it read-write at KEEL_SLOT_ESP_DIR, apply
 * keel_slot_settle() to its grubenv, save it (atomically) only if that
 * changed anything, and unmount.  r is filled on success.
 * After a fallback the failed slot is recorded for the admin
 * (keel_slot_fallback_note()) before grubenv is saved, so a power cut
 * between the two leaves a fallback that the next boot finds again;
 * if only the note fails, grubenv is settled all the same and the
 * note's error is returned (r filled).  A normal boot of the slot a
 * note names as failed (it was written again and works) forgets the
 * note; a normal boot of the other slot keeps it.
 * Errors: KEEL_ENOENT not booted from a slot, no disk holds the slot,
 * no "esp" partition next to it, no grubenv; KEEL_EINVAL a grubenv
 * GRUB would misread; KEEL_ECMD mount or umount failed; write errors
 * as keel_backend_write() (the old grubenv is then untouched).  The
 * ESP is unmounted again whatever happened after mounting it.
 */
int keel_slot_mark_good(struct keel_backend *b, struct keel_slot_good *r,
                        struct keel_err *e);

/*
 * What the console shows of both slots, without mounting the ESP on
 * every refresh: the running host's library copies the slot variables
 * to KEEL_SLOT_STATE_CACHE (tmpfs) whenever it reads or changes them
 * (update, revert; after mark-good at every boot, its caller).
 */
#define KEEL_SLOT_STATE_CACHE "/run/keel/slot-state"

struct keel_slot_view {
    char version[32];    /* "" unknown, "-" empty */
    char build_date[24]; /* "" unknown */
    const char *state;   /* "running", "good", "trial pending" (boots
                            next, once, on trial), "failed", "not
                            bootable" (an update was cut short),
                            "empty", "unknown" */
};

/* Best effort: a console showing "unknown" is the worst outcome. */
void keel_slot_state_cache(struct keel_backend *b,
                           const struct keel_slots *s);

/*
 * Both slots as the admin sees them ([0] A, [1] B): booted, this
 * system's version (running_version), the cache, slot-versions and the
 * fallback note fb (may be NULL).
 */
void keel_slot_views(struct keel_backend *b, char booted,
                     const char *running_version,
                     const struct keel_slot_fallback *fb,
                     struct keel_slot_view v[2]);

/* Read / write the grubenv of an ESP mounted at esp_dir. */
int keel_grubenv_load(struct keel_backend *b, const char *esp_dir,
                      struct keel_grubenv *g, struct keel_err *e);
int keel_grubenv_save(struct keel_backend *b, const char *esp_dir,
                      const struct keel_grubenv *g, struct keel_err *e);

/*
 * The A/B slot switch shared by the installer's upgrade and by updates
 * (design section 5), on an ESP mounted at esp_dir:
 * keel_slot_target: the slot to write (not the active one), from the
 *   ESP's grubenv.
 * keel_slot_begin: mark slot not bootable (OK=0, TRY=0) and save,
 *   before a byte of it is written.
 * keel_slot_commit: after the image is written and checked: OK=1,
 *   TRY=0, first in ORDER, saved.
 * A power cut anywhere leaves the old slot bootable.
 */
int keel_slot_target(struct keel_backend *b, const char *esp_dir,
                     char *slot, struct keel_err *e);
int keel_slot_begin(struct keel_backend *b, const char *esp_dir, char slot,
                    struct keel_err *e);
int keel_slot_commit(struct keel_backend *b, const char *esp_dir,
                     char slot, struct keel_err *e);


/*
 * Quick boot (design section 5; slot-quick.c): a reboot that skips the
 * firmware and GRUB, as ESXi's Quick Boot does.
 * keel_quick_load: the slot GRUB would boot next (keel_slots_pick() on
 *   the ESP's grubenv, which it does not change), with Xen's and the
 *   kernel's arguments from that slot's entry in the ESP's grub.cfg (the
 *   same variant, serial console or not, as this boot's entry) and the
 *   slot's partition UUID, loaded into Xen by kexec from the slot's own
 *   /boot; then KEEL_QUICK_FLAG names it.  *slot is that slot.
 *   KEEL_ENOTSUP with the reason where it is not done (a UEFI start, no
 *   good slot); the caller then reboots through the firmware.
 * keel_quick_arm: run by the shutdown (rcK) after the VMs are down,
 *   right before the jump: GRUB's walk on grubenv, saved, as GRUB saves
 *   it before it boots a slot (TRY=1), so a jump into a slot that fails
 *   ends back on the other one exactly as a GRUB boot would.
 *   KEEL_EINVAL if grubenv would now pick another slot than the loaded
 *   one.  On any error both unload (keel_quick_cancel): the reboot goes
 *   through the firmware.
 * keel_quick_forget: a load left by a keelctl that did not reboot
 *   (stopped meanwhile) is undone: a later poweroff would jump, and an
 *   update or a revert would change what the load was taken from.  Run
 *   before a plain reboot or poweroff, an update and a revert.
 * keel_quick_entry: the menu entry --id id of a grub.cfg text (pure).
 */
#define KEEL_QUICK_FLAG "/run/keel/quick-boot" /* "A\n" or "B\n" */
struct keel_quick_entry {
    char xen[128], xen_args[512];       /* paths on the slot */
    char kernel[128], kernel_args[512];
    char initrd[128];
};
int keel_quick_entry(const char *cfg, const char *id,
                     struct keel_quick_entry *q, struct keel_err *e);
int keel_quick_load(struct keel_backend *b, char *slot, struct keel_err *e);
int keel_quick_arm(struct keel_backend *b, char *slot, struct keel_err *e);
void keel_quick_cancel(struct keel_backend *b);
void keel_quick_forget(struct keel_backend *b);

#endif
