/*
 * slot-fallback.c - the note of a fallback for the admin (keel-slot.h).
 *
 * Recorded, not derived: once mark-good has settled a fallback, grubenv
 * says only "B is not OK", which is also what an update being written
 * into B or an empty B look like; grubenv lives on the ESP, mounted only
 * while mark-good runs; slot-versions changes with the next update; and
 * when it happened is nowhere.  So the boot that finds the fallback
 * writes these facts to a small key=value file on keel-state
 * (atomically, as the settings file is written), and it stays until the
 * admin dismisses it or the failed slot boots and is marked good.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "keel-host.h"
#include "keel-slot.h"

#define F(m) offsetof(struct keel_slot_fallback, m), \
             sizeof(((struct keel_slot_fallback *)0)->m)

/* The file's lines, in this order; a 1-byte field is a slot letter. */
static const struct field {
    const char *key;
    size_t off, size;
} fields[] = {
    { "failed_slot", F(failed) },
    { "failed_version", F(failed_version) },
    { "running_slot", F(running) },
    { "running_version", F(running_version) },
    { "at", F(at) },
    { "reason", F(reason) },
};

#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

const char *keel_slot_line_in(const char *text, char slot)
{
    const char *found = NULL;

    for (const char *l = text; l && *l; l = strchr(l, '\n'),
                                        l = l ? l + 1 : l)
        if (l[0] == slot && l[1] == ' ')
            found = l;
    return found;
}

int keel_slot_version_in(const char *text, char slot, char *buf,
                         size_t size)
{
    int found = 0;

    for (const char *l = text; l && *l; l = strchr(l, '\n'),
                                        l = l ? l + 1 : l)
        if (l[0] == slot && l[1] == ' ') {
            snprintf(buf, size, "%.*s", (int)strcspn(l + 2, " \n"), l + 2);
            found = 1;
        }
    return found;
}

/* The version in slot: this system's for the running one, else the
 * slot-versions line ("" unknown). */
static void version_of(struct keel_backend *b, char slot, int running,
                       char *buf, size_t size)
{
    char *text = NULL;
    size_t len;

    buf[0] = '\0';
    if (keel_backend_read(b, running ? KEEL_VERSION_FILE :
                          KEEL_SLOT_VERSIONS, &text, &len, NULL))
        return;
    if (running)
        snprintf(buf, size, "%.*s", (int)strcspn(text, "\r\n"), text);
    else
        keel_slot_version_in(text, slot, buf, size);
    free(text);
}

int keel_slot_fallback_note(struct keel_backend *b, char failed,
                            char running, time_t now, struct keel_err *e)
{
    struct keel_slot_fallback f = { .failed = failed, .running = running };
    char text[512];
    size_t n = 0;
    struct tm tm;

    version_of(b, failed, 0, f.failed_version, sizeof(f.failed_version));
    keel_slot_trial_reason(b, failed, f.reason, sizeof(f.reason));
    version_of(b, running, 1, f.running_version,
               sizeof(f.running_version));
    if (gmtime_r(&now, &tm))
        strftime(f.at, sizeof(f.at), "%Y-%m-%dT%H:%M:%SZ", &tm);
    for (size_t i = 0; i < NFIELDS; i++) {
        const char *v = (const char *)&f + fields[i].off;

        n += (size_t)snprintf(text + n, sizeof(text) - n, "%s=%.*s\n",
                              fields[i].key, (int)strnlen(v,
                                                          fields[i].size),
                              v);
    }
    return keel_backend_write(b, KEEL_SLOT_FALLBACK, text, n, 0644, e);
}

/* Store one key=value line (n bytes) of the file into f; a key it does
 * not know is passed over (a later version may add some). */
static void parse_line(struct keel_slot_fallback *f, const char *l, int n)
{
    for (size_t i = 0; i < NFIELDS; i++) {
        int kn = (int)strlen(fields[i].key);
        char *dst = (char *)f + fields[i].off;

        if (n <= kn || strncmp(l, fields[i].key, (size_t)kn) != 0 ||
            l[kn] != '=')
            continue;
        if (fields[i].size == 1)
            *dst = n == kn + 2 ? l[kn + 1] : 0;
        else
            snprintf(dst, fields[i].size, "%.*s", n - kn - 1, l + kn + 1);
    }
}

static int is_slot(char c)
{
    return c == 'A' || c == 'B';
}

int keel_slot_fallback_read(struct keel_backend *b,
                            struct keel_slot_fallback *f,
                            struct keel_err *e)
{
    char *text = NULL;
    size_t len;
    int rc = keel_backend_read(b, KEEL_SLOT_FALLBACK, &text, &len, e);

    memset(f, 0, sizeof(*f));
    if (rc == KEEL_ENOENT) {
        keel_err_clear(e);
        return 0;
    }
    if (rc)
        return rc;
    for (const char *l = text; *l; l += strcspn(l, "\n"), l += *l == '\n')
        parse_line(f, l, (int)strcspn(l, "\n"));
    free(text);
    if (is_slot(f->failed) && is_slot(f->running) &&
        f->failed != f->running)
        return 0;
    memset(f, 0, sizeof(*f));
    return keel_err_set(e, KEEL_EINVAL, "%s does not name a failed slot "
                        "and a running one; remove it", KEEL_SLOT_FALLBACK);
}

int keel_slot_fallback_clear(struct keel_backend *b, int *cleared,
                             struct keel_err *e)
{
    int rc = keel_backend_remove(b, KEEL_SLOT_FALLBACK, e);

    *cleared = !rc;
    if (rc != KEEL_ENOENT)
        return rc;
    keel_err_clear(e);
    return 0;
}

/* " (0.2.0)", or "" for an unknown version. */
static const char *paren(char *buf, size_t size, const char *v)
{
    buf[0] = '\0';
    if (v[0])
        snprintf(buf, size, " (%s)", v);
    return buf;
}

void keel_slot_fallback_text(const struct keel_slot_fallback *f,
                             char *buf, size_t size)
{
    char fv[48], rv[48];

    char why[sizeof(f->reason) + 4] = "";

    if (f->reason[0])
        snprintf(why, sizeof(why), " (%s)", f->reason);
    snprintf(buf, size, "Update to slot %c%s failed to boot%s; running "
             "slot %c%s again.", f->failed,
             paren(fv, sizeof(fv), f->failed_version), why, f->running,
             paren(rv, sizeof(rv), f->running_version));
}
