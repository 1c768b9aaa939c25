/*
 * slot-quick.c - quick boot (keel-slot.h): the slot GRUB would boot
 * next, loaded into Xen by kexec with the command lines of its own
 * grub.cfg entry, so that a reboot skips the firmware and GRUB; and the
 * grubenv flags GRUB would set, written right before the jump.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "install-int.h"
#include "keel-slot.h"
#include "keel-update.h"
#include "keel-xen.h"

#define QUICK_SLOT_DIR "/run/keel/quick-slot" /* the other slot, ro */
#define QUICK_XEN "/run/keel/quick-xen"       /* Xen's ELF, unpacked */
#define XEN_MAX (32u << 20)
#define GRUBCFG KEEL_SLOT_ESP_DIR "/boot/grub/grub.cfg"
/* Xen's start in real mode asks the BIOS for the memory map, the disks
 * (EDD) and video modes.  After a jump the BIOS's state is stale:
 * SeaBIOS waited for ever in an EDD call on the virtio disk dom0 had
 * reset.  Without it Xen takes the memory map from kexec's multiboot2
 * information and keeps the text mode it finds. */
#define XEN_QUICK_ARG "no-real-mode"
#define WS " \t"

/* "(device)/path args" into path and args; 0 or -1. */
static int split(const char *s, char *path, size_t psize, char *args,
                 size_t asize)
{
    size_t n;

    s += strspn(s, WS);
    if (*s == '(') {
        s = strchr(s, ')');
        if (!s)
            return -1;
        s++;
    }
    n = strcspn(s, WS);
    if (*s != '/' || n >= psize)
        return -1;
    snprintf(path, psize, "%.*s", (int)n, s);
    s += n;
    s += strspn(s, WS);
    if (strlen(s) >= asize)
        return -1;
    snprintf(args, asize, "%s", s);
    return 0;
}

/* line is "verb ..." : the rest, else NULL. */
static const char *verb(const char *line, const char *v)
{
    size_t n = strlen(v);

    return strncmp(line, v, n) == 0 && strchr(WS, line[n]) && line[n]
               ? line + n
               : NULL;
}

/* Whether line (right-trimmed) ends with the entry's "--id ID {". */
static int opens(const char *line, const char *id)
{
    char head[96];
    size_t n = (size_t)snprintf(head, sizeof(head), "--id %s {", id);
    size_t ln = strlen(line);

    return !strncmp(line, "menuentry ", 10) && ln > n &&
           !strcmp(line + ln - n, head) && line[ln - n - 1] == ' ';
}

int keel_quick_entry(const char *cfg, const char *id,
                     struct keel_quick_entry *q, struct keel_err *e)
{
    char line[1024], unused[8];
    int in = 0, mods = 0, bad = 0;

    memset(q, 0, sizeof(*q));
    for (const char *p = cfg; *p && !bad;) {
        size_t n = strcspn(p, "\n");
        const char *s = p, *rest;

        p += n + (p[n] == '\n');
        while (n && strchr(WS, *s))
            s++, n--;
        while (n && strchr(WS "\r", s[n - 1]))
            n--;
        if (n >= sizeof(line)) {
            bad = in;
            continue;
        }
        memcpy(line, s, n);
        line[n] = '\0';
        if (!in) {
            in = opens(line, id);
            continue;
        }
        if (!strcmp(line, "}"))
            break;
        if ((rest = verb(line, "multiboot2")))
            bad = split(rest, q->xen, sizeof(q->xen), q->xen_args,
                        sizeof(q->xen_args));
        else if ((rest = verb(line, "module2")) && mods++ == 0)
            bad = split(rest, q->kernel, sizeof(q->kernel), q->kernel_args,
                        sizeof(q->kernel_args));
        else if (rest && mods == 2) /* the initramfs: no arguments */
            bad = split(rest, q->initrd, sizeof(q->initrd), unused,
                        sizeof(unused)) || unused[0];
        else if (rest)
            bad = 1;
    }
    if (!in)
        return keel_err_set(e, KEEL_EINVAL, "grub.cfg has no menu entry "
                            "--id %s", id);
    if (bad || !q->xen[0] || mods != 2)
        return keel_err_set(e, KEEL_EINVAL, "grub.cfg: the entry %s is not "
                            "a multiboot2 line and two module2 lines (Xen, "
                            "the kernel, the initramfs)", id);
    return 0;
}

/* Whether a and b hold the same words but for keel.partuuid=. */
static int same_args(const char *a, const char *b)
{
    static const char skip[] = "keel.partuuid=";

    for (;;) {
        size_t na, nb;

        a += strspn(a, WS "\n");
        b += strspn(b, WS "\n");
        if (!strncmp(a, skip, sizeof(skip) - 1)) {
            a += strcspn(a, WS "\n");
            continue;
        }
        if (!strncmp(b, skip, sizeof(skip) - 1)) {
            b += strcspn(b, WS "\n");
            continue;
        }
        na = strcspn(a, WS "\n");
        nb = strcspn(b, WS "\n");
        if (na != nb || strncmp(a, b, na))
            return 0;
        if (!na)
            return 1;
        a += na;
        b += nb;
    }
}

/* The entry for slot in the same variant (serial console or not) as the
 * entry this system booted with (its kernel arguments are cmdline). */
static int pick_entry(const char *cfg, char booted, char slot,
                      const char *cmdline, struct keel_quick_entry *q,
                      struct keel_err *e)
{
    struct keel_quick_entry now;
    char id[32];
    int serial;

    snprintf(id, sizeof(id), "keel-%c-serial", booted - 'A' + 'a');
    serial = !keel_quick_entry(cfg, id, &now, NULL) &&
             same_args(now.kernel_args, cmdline);
    snprintf(id, sizeof(id), "keel-%c%s", slot - 'A' + 'a',
             serial ? "-serial" : "");
    return keel_quick_entry(cfg, id, q, e);
}

/* In args, ${keel_part} (GRUB's probe of the slot) becomes uuid; any
 * other GRUB variable is refused. */
static int subst_part(char *args, size_t size, const char *uuid,
                      struct keel_err *e)
{
    static const char var[] = "${keel_part}";
    char out[sizeof(((struct keel_quick_entry *)0)->kernel_args)];
    char *at = strstr(args, var);

    if (at) {
        int n = snprintf(out, sizeof(out), "%.*s%s%s", (int)(at - args),
                         args, uuid, at + sizeof(var) - 1);

        if (n < 0 || (size_t)n >= size || (size_t)n >= sizeof(out))
            return keel_err_set(e, KEEL_EINVAL, "grub.cfg: the kernel's "
                                "arguments are too long");
        memcpy(args, out, (size_t)n + 1);
    }
    if (strchr(args, '$'))
        return keel_err_set(e, KEEL_EINVAL, "grub.cfg: the kernel's "
                            "arguments use a GRUB variable a quick boot "
                            "cannot know: %.80s", strchr(args, '$'));
    return 0;
}

static int part_uuid(struct keel_backend *b, const char *dev, char *buf,
                     size_t size, struct keel_err *e)
{
    const char *argv[] = { "blkid", "-s", "PARTUUID", "-o", "value", dev,
                           NULL };
    char out[128];
    struct keel_run r = { .out = out, .out_size = sizeof(out) };
    int rc = keel_backend_run(b, argv, &r, e);

    if (rc)
        return rc;
    out[strcspn(out, "\r\n")] = '\0';
    if (!out[0] || strspn(out, "0123456789abcdefABCDEF-") != strlen(out) ||
        strlen(out) >= size)
        return keel_err_set(e, KEEL_EINVAL, "%s has no partition UUID "
                            "blkid can read ('%.40s')", dev, out);
    memcpy(buf, out, strlen(out) + 1);
    return 0;
}

/* Xen unpacked (kexec-tools reads no gzip) to QUICK_XEN. */
static int unpack_xen(struct keel_backend *b, const char *gz,
                      struct keel_err *e)
{
    const char *argv[] = { "zcat", gz, NULL };
    char err[256];
    struct keel_run r = { .out_size = XEN_MAX, .err = err,
                          .err_size = sizeof(err) };
    int rc;

    r.out = malloc(XEN_MAX);
    if (!r.out)
        return keel_err_set(e, KEEL_ENOMEM, "no memory to unpack Xen");
    rc = keel_backend_run(b, argv, &r, e);
    if (!rc && (r.truncated || r.out_len < 4 ||
                memcmp(r.out, "\177ELF", 4)))
        rc = keel_err_set(e, KEEL_EINVAL, "%s does not unpack to an ELF "
                          "image of at most 32 MiB", gz);
    if (!rc)
        rc = keel_backend_write(b, QUICK_XEN, r.out, r.out_len, 0600, e);
    free(r.out);
    return rc;
}

/* kexec -l the entry's files under root ("" or the mounted slot). */
static int load(struct keel_backend *b, const char *root,
                const struct keel_quick_entry *q, struct keel_err *e)
{
    char gz[256], cl[640], kern[800], initrd[256], err[256];
    const char *argv[] = { "kexec", "-l", "-t", "multiboot2-x86", QUICK_XEN,
                           cl, kern, initrd, NULL };
    struct keel_run r = { .err = err, .err_size = sizeof(err),
                          .timeout_s = 120 };
    int rc;

    snprintf(gz, sizeof(gz), "%s%s", root, q->xen);
    snprintf(cl, sizeof(cl), "--command-line=%s %s", q->xen_args,
             XEN_QUICK_ARG);
    snprintf(kern, sizeof(kern), "--module=%s%s %s", root, q->kernel,
             q->kernel_args);
    snprintf(initrd, sizeof(initrd), "--module=%s%s", root, q->initrd);
    rc = unpack_xen(b, gz, e);
    if (!rc)
        rc = keel_backend_run(b, argv, &r, e);
    keel_backend_remove(b, QUICK_XEN, NULL);
    return rc;
}

/* The slots and the grub.cfg of the ESP, read-only; *slot is the slot
 * GRUB would boot next. */
static int read_esp(struct keel_backend *b, char *booted, char part[2][64],
                    char *slot, char **cfg, struct keel_err *e)
{
    struct keel_grubenv g;
    struct keel_slots s;
    size_t len;
    int rc = keel_slot_esp_mount(b, 1, booted, part, e), um;

    if (rc)
        return rc;
    rc = keel_grubenv_load(b, KEEL_SLOT_ESP_DIR, &g, e);
    if (!rc)
        rc = keel_slots_get(&s, &g, e);
    if (!rc && !(*slot = keel_slots_pick(&s)))
        rc = keel_err_set(e, KEEL_ENOTSUP, "grubenv marks no slot good");
    if (!rc)
        rc = keel_backend_read(b, GRUBCFG, cfg, &len, e);
    um = keel_umount(b, KEEL_SLOT_ESP_DIR, rc ? NULL : e);
    return rc ? rc : um;
}

int keel_quick_load(struct keel_backend *b, char *slot, struct keel_err *e)
{
    struct keel_quick_entry q;
    char booted = 0, part[2][64], uuid[64], flag[3], **names;
    char *cfg = NULL, *cmdline = NULL;
    const char *dev;
    size_t n;
    int rc, other;

    *slot = 0;
    if (!keel_backend_list_dir(b, "/sys/firmware/efi", &names, &n, NULL)) {
        keel_names_free(names, n);
        return keel_err_set(e, KEEL_ENOTSUP, "this host started through "
                            "UEFI; a quick boot is only done after a BIOS "
                            "start (a Xen started by kexec gets no UEFI "
                            "tables)");
    }
    rc = read_esp(b, &booted, part, slot, &cfg, e);
    if (!rc)
        rc = keel_backend_read(b, "/proc/cmdline", &cmdline, &n, e);
    if (!rc)
        rc = pick_entry(cfg, booted, *slot, cmdline, &q, e);
    dev = part[keel_slot_index(*slot) == 1];
    if (!rc)
        rc = part_uuid(b, dev, uuid, sizeof(uuid), e);
    if (!rc)
        rc = subst_part(q.kernel_args, sizeof(q.kernel_args), uuid, e);
    other = !rc && *slot != booted;
    if (!rc && other)
        rc = keel_mount(b, dev, QUICK_SLOT_DIR, "squashfs", 1, e);
    if (!rc) {
        rc = load(b, other ? QUICK_SLOT_DIR : "", &q, e);
        if (other)
            keel_umount(b, QUICK_SLOT_DIR, NULL);
    }
    snprintf(flag, sizeof(flag), "%c\n", *slot);
    if (!rc)
        rc = keel_backend_write(b, KEEL_QUICK_FLAG, flag, 2, 0644, e);
    if (rc)
        keel_quick_cancel(b);
    free(cfg);
    free(cmdline);
    return rc;
}

void keel_quick_cancel(struct keel_backend *b)
{
    const char *argv[] = { "kexec", "-u", NULL };

    keel_backend_run(b, argv, NULL, NULL);
    keel_backend_remove(b, KEEL_QUICK_FLAG, NULL);
}

void keel_quick_forget(struct keel_backend *b)
{
    char *text = NULL;
    size_t len;

    if (!keel_backend_read(b, KEEL_QUICK_FLAG, &text, &len, NULL))
        keel_quick_cancel(b);
    free(text);
}

/* GRUB's walk on the ESP's grubenv, saved: *got is the slot it picked. */
static int walk(struct keel_backend *b, char want, char *got,
                struct keel_err *e)
{
    struct keel_grubenv g;
    struct keel_slots s;
    int rc = keel_grubenv_load(b, KEEL_SLOT_ESP_DIR, &g, e);

    if (!rc)
        rc = keel_slots_get(&s, &g, e);
    if (!rc && (*got = keel_slots_pick(&s)) != want)
        rc = keel_err_set(e, KEEL_EINVAL, "grubenv changed since the quick "
                          "boot was loaded: slot %c would boot, not %c",
                          *got ? *got : '-', want);
    if (!rc)
        rc = keel_slots_put(&s, &g, e);
    return rc ? rc : keel_grubenv_save(b, KEEL_SLOT_ESP_DIR, &g, e);
}

int keel_quick_arm(struct keel_backend *b, char *slot, struct keel_err *e)
{
    char *text = NULL, booted, part[2][64], want;
    size_t len;
    int rc = keel_backend_read(b, KEEL_QUICK_FLAG, &text, &len, e);

    *slot = 0;
    want = !rc && len >= 1 ? text[0] : 0;
    free(text);
    if (!rc && keel_slot_index(want) < 0)
        rc = keel_err_set(e, KEEL_EINVAL, "%s names no slot",
                          KEEL_QUICK_FLAG);
    if (!rc)
        rc = keel_slot_esp_mount(b, 0, &booted, part, e);
    if (!rc) {
        rc = walk(b, want, slot, e);
        /* Once grubenv is saved the jump goes on: an ESP that does not
         * unmount is unmounted by the shutdown, and a reboot through the
         * firmware now would find the slot tried and never started. */
        keel_umount(b, KEEL_SLOT_ESP_DIR, NULL);
    }
    if (rc)
        keel_quick_cancel(b);
    return rc;
}
