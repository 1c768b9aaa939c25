/*
 * update-apply.c - an update bundle into the other slot, and the
 * manual revert (keel-update.h).  One table of stages; the ESP is
 * mounted for the slot switch and unmounted whatever happens.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "install-int.h"
#include "keel-host.h"
#include "keel-slot.h"
#include "keel-update.h"

const char *const keel_update_stage_names[KEEL_UPDATE_STAGES] = {
    "verify", "prepare slot", "write", "check", "record", "switch",
};

/* How much of the whole each stage is (the payload passes dominate). */
static const double weight[KEEL_UPDATE_STAGES] = {
    0.2, 0.01, 0.55, 0.2, 0.02, 0.02,
};

struct apply {
    struct keel_backend *b;
    const struct keel_bundle_src *s;
    const struct keel_update_opts *o;
    struct keel_update_result *r;
    char part[2][64];
    int esp_mounted;
    int stage;
};

/* The console's copy of the slot variables, from the mounted ESP. */
static void cache_now(struct keel_backend *b)
{
    struct keel_grubenv g;
    struct keel_slots s;

    if (!keel_grubenv_load(b, KEEL_SLOT_ESP_DIR, &g, NULL) &&
        !keel_slots_get(&s, &g, NULL))
        keel_slot_state_cache(b, &s);
}

static void report(struct apply *ap, double within)
{
    double done = 0;

    if (!ap->o->progress)
        return;
    for (int i = 0; i < ap->stage; i++)
        done += weight[i];
    done += weight[ap->stage] * (within > 1 ? 1 : within);
    ap->o->progress(ap->o->ctx, ap->stage, done > 1 ? 1 : done);
}

static void bytes_progress(void *ctx, unsigned long long done,
                           unsigned long long total)
{
    report(ctx, total ? (double)done / (double)total : 1);
}

static int st_verify(struct apply *ap, struct keel_err *e)
{
    struct keel_update_result *r = ap->r;
    char *text = NULL;
    size_t len;
    int rc = keel_bundle_verify(ap->b, ap->o->keys_dir ? ap->o->keys_dir
                                : KEEL_KEYS_DIR, ap->s, &r->m,
                                bytes_progress, ap, e);

    if (rc)
        return rc;
    if (!keel_backend_read(ap->b, KEEL_VERSION_FILE, &text, &len, NULL))
        snprintf(r->running_version, sizeof(r->running_version), "%.*s",
                 (int)strcspn(text, "\n"), text);
    free(text);
    return keel_bundle_accept(&r->m, r->running_version,
                              ap->o->allow_downgrade, e);
}

/* The ESP is mounted only around grubenv changes: a power cut during
 * the long write finds it clean. */
static int esp_umount(struct apply *ap, struct keel_err *e)
{
    int rc = keel_umount(ap->b, KEEL_SLOT_ESP_DIR, e);

    ap->esp_mounted = rc != 0;
    return rc;
}

static int st_prepare(struct apply *ap, struct keel_err *e)
{
    int rc = keel_slot_esp_mount(ap->b, 0, &ap->r->booted, ap->part, e);

    if (rc)
        return rc;
    ap->esp_mounted = 1;
    /* Never the running slot, whatever ORDER says. */
    ap->r->slot = keel_slot_other(ap->r->booted);
    rc = keel_slot_begin(ap->b, KEEL_SLOT_ESP_DIR, ap->r->slot, e);
    if (!rc)
        cache_now(ap->b);
    return rc ? rc : esp_umount(ap, e);
}

static const char *target_dev(struct apply *ap)
{
    return ap->part[keel_slot_index(ap->r->slot)];
}

static int st_write(struct apply *ap, struct keel_err *e)
{
    return keel_backend_image_write_part(ap->b, ap->s->payload,
                                         ap->s->payload_off,
                                         ap->r->m.payload_size,
                                         target_dev(ap), bytes_progress, ap,
                                         e);
}

/* The slot itself against the signed hash, not only against the file
 * it was copied from (which could have changed since it was checked). */
static int st_check(struct apply *ap, struct keel_err *e)
{
    unsigned char md[32];
    char hex[65];
    int rc = keel_backend_sha256(ap->b, target_dev(ap), 0,
                                 ap->r->m.payload_size, md, bytes_progress,
                                 ap, e);

    if (rc)
        return rc;
    keel_hex32(md, hex);
    if (strcmp(hex, ap->r->m.payload_sha256))
        return keel_err_set(e, KEEL_EIO, "slot %c (%s) does not hold what "
                            "was written to it: its SHA-256 differs from "
                            "the bundle's", ap->r->slot, target_dev(ap));
    return 0;
}

/* slot-versions: the written slot's line becomes "X VERSION DATE". */
static int st_record(struct apply *ap, struct keel_err *e)
{
    char *old = NULL, text[256], line[2][96];
    size_t len;

    if (keel_backend_read(ap->b, KEEL_SLOT_VERSIONS, &old, &len, NULL))
        old = NULL;
    /* The other slot's line stays as it was (with its date). */
    for (int i = 0; i < 2; i++) {
        const char *l = keel_slot_line_in(old, "AB"[i]);

        if (l)
            snprintf(line[i], sizeof(line[i]), "%.*s", (int)strcspn(l, "\n"),
                     l);
        else
            snprintf(line[i], sizeof(line[i]), "%c -", "AB"[i]);
    }
    free(old);
    snprintf(line[keel_slot_index(ap->r->slot)], sizeof(line[0]), "%c %s %s",
             ap->r->slot, ap->r->m.version, ap->r->m.build_date);
    snprintf(text, sizeof(text), "%s\n%s\n", line[0], line[1]);
    return keel_backend_write(ap->b, KEEL_SLOT_VERSIONS, text, strlen(text),
                              0644, e);
}

static int st_switch(struct apply *ap, struct keel_err *e)
{
    char booted, part[2][64];
    int rc = keel_slot_esp_mount(ap->b, 0, &booted, part, e);

    if (rc)
        return rc;
    ap->esp_mounted = 1;
    rc = keel_slot_commit(ap->b, KEEL_SLOT_ESP_DIR, ap->r->slot, e);

    if (!rc)
        cache_now(ap->b);
    return rc;
}

static int (*const stages[KEEL_UPDATE_STAGES])(struct apply *,
                                               struct keel_err *) = {
    st_verify, st_prepare, st_write, st_check, st_record, st_switch,
};

int keel_update_apply(struct keel_backend *b,
                      const struct keel_bundle_src *s,
                      const struct keel_update_opts *o,
                      struct keel_update_result *r, struct keel_err *e)
{
    struct apply ap = { .b = b, .s = s, .o = o, .r = r };
    int rc = 0, um;

    memset(r, 0, sizeof(*r));
    for (ap.stage = 0; !rc && ap.stage < KEEL_UPDATE_STAGES; ap.stage++) {
        report(&ap, 0);
        rc = stages[ap.stage](&ap, e);
        if (!rc)
            report(&ap, 1);
    }
    if (ap.esp_mounted) {
        um = keel_umount(b, KEEL_SLOT_ESP_DIR, rc ? NULL : e);
        rc = rc ? rc : um;
    }
    return rc;
}

int keel_slot_revert(struct keel_backend *b, char *slot,
                     struct keel_err *e)
{
    char booted, part[2][64];
    struct keel_grubenv g;
    struct keel_slots s;
    int rc = keel_slot_esp_mount(b, 0, &booted, part, e), um;

    if (rc)
        return rc;
    *slot = keel_slot_other(booted);
    rc = keel_grubenv_load(b, KEEL_SLOT_ESP_DIR, &g, e);
    if (!rc)
        rc = keel_slots_get(&s, &g, e);
    if (!rc && !s.ok[keel_slot_index(*slot)])
        rc = keel_err_set(e, KEEL_EINVAL, "slot %c holds no good system "
                          "(never written, or it failed to boot): nothing "
                          "to revert to", *slot);
    if (!rc)
        rc = keel_slot_commit(b, KEEL_SLOT_ESP_DIR, *slot, e);
    if (!rc)
        cache_now(b);
    um = keel_umount(b, KEEL_SLOT_ESP_DIR, rc ? NULL : e);
    return rc ? rc : um;
}
