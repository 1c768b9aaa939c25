/*
 * slot-trial.c - a trial boot that fails its health check (keel-slot.h):
 * it says why and lets GRUB fall back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "install-int.h"
#include "keel-slot.h"
#include "keel-update.h"

/* Is booted on trial in the grubenv of the ESP mounted for it? */
static int on_trial(struct keel_backend *b, char booted, int *trial,
                    struct keel_err *e)
{
    struct keel_grubenv g;
    struct keel_slots s;
    int rc = keel_grubenv_load(b, KEEL_SLOT_ESP_DIR, &g, e);
    int k = keel_slot_index(booted), o = keel_slot_index(
                                             keel_slot_other(booted));

    if (!rc)
        rc = keel_slots_get(&s, &g, e);
    if (!rc)
        *trial = s.order[0] == booted && s.try_[k] && s.ok[o];
    return rc;
}

int keel_slot_trial_failed(struct keel_backend *b, const char *reason,
                           int *reboot, struct keel_err *e)
{
    char booted, part[2][64], text[160];
    int rc, um, trial = 0;

    *reboot = 0;
    rc = keel_slot_esp_mount(b, 1, &booted, part, e);
    if (rc)
        return rc;
    rc = on_trial(b, booted, &trial, e);
    um = keel_umount(b, KEEL_SLOT_ESP_DIR, rc ? NULL : e);
    if (rc || um || !trial)
        return rc ? rc : um;
    snprintf(text, sizeof(text), "slot=%c\nreason=%.90s", booted, reason);
    for (char *p = text + 14; *p; p++)
        *p = *p < 0x20 || *p > 0x7e ? ' ' : *p;
    strcat(text, "\n");
    rc = keel_backend_write(b, KEEL_SLOT_TRIAL_FAILURE, text, strlen(text),
                            0644, e);
    *reboot = !rc;
    return rc;
}

void keel_slot_trial_reason(struct keel_backend *b, char slot, char *buf,
                            size_t size)
{
    char *text = NULL;
    size_t len;

    buf[0] = '\0';
    if (keel_backend_read(b, KEEL_SLOT_TRIAL_FAILURE, &text, &len, NULL))
        return;
    if (len > 16 && !strncmp(text, "slot=", 5) && text[5] == slot &&
        !strncmp(text + 6, "\nreason=", 8))
        snprintf(buf, size, "%.*s", (int)strcspn(text + 14, "\n"),
                 text + 14);
    free(text);
}
