/*
 * fake-scenario-disk.c - the fake backend's scenario loader for disks, NICs
 * and files (format in keel-backend-fake.h).  The whole text is parsed into a
 * scratch state that replaces the fake's only when every line is good.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fake-disk.h"
#include "fake-scenario.h"
#include "keel-backend-fake.h"
#include "keel-validate.h"

#define LINE_MAX_LEN 1024
#define FAKE_MAX_DISKS 64
#define FAKE_MAX_NICS 32
#define FAKE_MAX_FILES 32

struct pending_file {
    char *path, *data;
    size_t len;
};

struct load {
    const char *label;
    int lineno;
    struct keel_disk disks[FAKE_MAX_DISKS];
    int keel_given[FAKE_MAX_DISKS];
    size_t ndisks;
    struct keel_nic nics[FAKE_MAX_NICS];
    size_t nnics;
    struct pending_file files[FAKE_MAX_FILES];
    size_t nfiles;
    int efi;
};

static int lerr(const struct load *ld, struct keel_err *e, const char *msg,
                const char *what)
{
    return keel_err_set(e, KEEL_EINVAL, "%s:%d: %s%s%s", ld->label,
                        ld->lineno, what ? what : "", what ? ": " : "",
                        msg);
}

static int parse_u64(const char *s, uint64_t *v)
{
    char *end;
    unsigned long long x;

    if (!isdigit((unsigned char)s[0]))
        return -1;
    x = strtoull(s, &end, 10);
    if (*end)
        return -1;
    *v = x;
    return 0;
}

static int valid_name(const char *s)
{
    size_t n = strlen(s);

    if (!n || n >= KEEL_DISK_NAME_MAX || !isalpha((unsigned char)s[0]))
        return 0;
    return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789") == n;
}

static int disk_attr(struct load *ld, struct keel_disk *d, const char *k,
                     const char *v, struct keel_err *e)
{
    uint64_t x = 0;
    int num = parse_u64(v, &x) == 0;

    if (strcmp(k, "size") == 0 && num && x)
        d->size = x;
    else if (strcmp(k, "model") == 0 && strlen(v) < sizeof(d->model))
        strcpy(d->model, v);
    else if (strcmp(k, "serial") == 0 && strlen(v) < sizeof(d->serial))
        strcpy(d->serial, v);
    else if ((strcmp(k, "sector") == 0 || strcmp(k, "physical") == 0) &&
             num && x >= 512 && x <= 65536 && !(x & (x - 1)))
        *(k[0] == 's' ? &d->sector : &d->physical) = (unsigned)x;
    else if (strcmp(k, "removable") == 0 && num && x <= 1)
        d->removable = (int)x;
    else if (strcmp(k, "ro") == 0 && num && x <= 1)
        d->readonly = (int)x;
    else if (strcmp(k, "medium") == 0 && num && x <= 1)
        d->boot_medium = (int)x;
    else if (strcmp(k, "id") == 0 && d->nids < KEEL_DISK_IDS && v[0] &&
             strlen(v) < sizeof(d->ids[0]) && !strchr(v, '/'))
        strcpy(d->ids[d->nids++], v);
    else if (strcmp(k, "keel") == 0 && v[0] &&
             strlen(v) < sizeof(d->keel_version)) {
        strcpy(d->keel_version, v);
        ld->keel_given[ld->ndisks] = 1;
    } else if (strcmp(k, "active") == 0 && (!strcmp(v, "A") ||
                                             !strcmp(v, "B")))
        d->keel_active = v[0];
    else
        return lerr(ld, e, "unknown attribute or bad value", k);
    return 0;
}

static int rec_disk(struct load *ld, char **w, int n, struct keel_err *e)
{
    struct keel_disk *d;
    int rc;

    if (n < 3 || !valid_name(w[1]))
        return lerr(ld, e, "write 'disk NAME size=BYTES ...' with a "
                    "kernel name such as sda", NULL);
    for (size_t i = 0; i < ld->ndisks; i++)
        if (strcmp(ld->disks[i].name, w[1]) == 0)
            return lerr(ld, e, "disk listed twice", w[1]);
    if (ld->ndisks == FAKE_MAX_DISKS)
        return lerr(ld, e, "too many disks", NULL);
    d = &ld->disks[ld->ndisks];
    memset(d, 0, sizeof(*d));
    strcpy(d->name, w[1]);
    snprintf(d->dev, sizeof(d->dev), "/dev/%s", w[1]);
    d->sector = 512;
    for (int i = 2; i < n; i++) {
        char *eq = strchr(w[i], '=');

        if (!eq)
            return lerr(ld, e, "expected KEY=VALUE", w[i]);
        *eq = '\0';
        rc = disk_attr(ld, d, w[i], eq + 1, e);
        if (rc)
            return rc;
    }
    if (!d->physical)
        d->physical = d->sector;
    if (!d->size || d->size % d->sector)
        return lerr(ld, e, "size= is missing or not a whole number of "
                    "sectors", w[1]);
    if (ld->keel_given[ld->ndisks] && !d->keel_active)
        d->keel_active = 'A';
    ld->ndisks++;
    return 0;
}

static int rec_part(struct load *ld, char **w, int n, struct keel_err *e)
{
    struct keel_disk *d = NULL;
    struct keel_part_info *p;
    uint64_t num;

    for (size_t i = 0; n >= 2 && i < ld->ndisks; i++)
        if (strcmp(ld->disks[i].name, w[1]) == 0)
            d = &ld->disks[i];
    if (n < 4 || !d || parse_u64(w[2], &num) || num < 1 || num > 128)
        return lerr(ld, e, "write 'part DISK NUM name=NAME size=BYTES' "
                    "after the disk's own record", NULL);
    if (d->nparts == KEEL_DISK_PARTS)
        return lerr(ld, e, "too many partitions", w[1]);
    p = &d->parts[d->nparts];
    memset(p, 0, sizeof(*p));
    p->num = (int)num;
    for (int i = 3; i < n; i++) {
        char *v = strchr(w[i], '=');

        if (v)
            *v++ = '\0';
        if (v && !strcmp(w[i], "name") && strlen(v) < sizeof(p->name))
            strcpy(p->name, v);
        else if (!v || (strcmp(w[i], "size") && strcmp(w[i], "start")) ||
                 parse_u64(v, w[i][1] == 'i' ? &p->size : &p->start))
            return lerr(ld, e, "unknown attribute or bad value", w[i]);
    }
    if (!p->size)
        return lerr(ld, e, "size= is missing", w[1]);
    d->nparts++;
    return 0;
}

static int valid_mac(const char *s)
{
    if (strlen(s) != 17)
        return 0;
    for (int i = 0; i < 17; i++)
        if (i % 3 == 2 ? s[i] != ':' : !isxdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

static int nic_attr(struct load *ld, struct keel_nic *c, const char *k,
                    const char *v, struct keel_err *e)
{
    uint64_t x;

    if (strcmp(k, "mac") == 0 && valid_mac(v)) {
        for (int i = 0; i < 17; i++)
            c->mac[i] = (char)tolower((unsigned char)v[i]);
    } else if (strcmp(k, "link") == 0 && (!strcmp(v, "up") ||
                                          !strcmp(v, "down"))) {
        c->link = v[0] == 'u';
    } else if (strcmp(k, "driver") == 0 && strlen(v) < sizeof(c->driver)) {
        strcpy(c->driver, v);
    } else if (strcmp(k, "speed") == 0 && !parse_u64(v, &x) &&
               x < 10000000) {
        c->speed = (unsigned)x;
    } else {
        return lerr(ld, e, "unknown attribute or bad value", k);
    }
    return 0;
}

static int rec_nic(struct load *ld, char **w, int n, struct keel_err *e)
{
    struct keel_nic *c;
    int rc;

    if (n < 3 || keel_valid_ifname(w[1], NULL))
        return lerr(ld, e, "write 'nic NAME mac=MAC ...'", NULL);
    if (ld->nnics == FAKE_MAX_NICS)
        return lerr(ld, e, "too many NICs", NULL);
    c = &ld->nics[ld->nnics];
    memset(c, 0, sizeof(*c));
    strcpy(c->name, w[1]);
    c->link = -1;
    for (int i = 2; i < n; i++) {
        char *eq = strchr(w[i], '=');

        if (!eq)
            return lerr(ld, e, "expected KEY=VALUE", w[i]);
        *eq = '\0';
        rc = nic_attr(ld, c, w[i], eq + 1, e);
        if (rc)
            return rc;
    }
    if (!c->mac[0])
        return lerr(ld, e, "mac= is missing", w[1]);
    for (size_t i = 0; i < ld->nnics; i++)
        if (!strcmp(ld->nics[i].name, c->name) ||
            !strcmp(ld->nics[i].mac, c->mac))
            return lerr(ld, e, "name or MAC listed twice", w[1]);
    ld->nnics++;
    return 0;
}

static int add_file(struct load *ld, const char *path, char *data,
                    size_t len, struct keel_err *e)
{
    struct pending_file *f;

    if (path[0] != '/' || ld->nfiles == FAKE_MAX_FILES) {
        free(data);
        return lerr(ld, e, "not an absolute path, or too many files",
                    path);
    }
    f = &ld->files[ld->nfiles];
    f->path = strdup(path);
    if (!f->path) {
        free(data);
        return keel_err_set(e, KEEL_ENOMEM, "out of memory");
    }
    f->data = data;
    f->len = len;
    ld->nfiles++;
    return 0;
}

/* image PATH BYTES: a recognisable pattern, not zeros. */
static int rec_image(struct load *ld, char **w, int n, struct keel_err *e)
{
    uint64_t size;
    char *data;

    if (n != 3 || parse_u64(w[2], &size) || size > KEEL_READ_MAX)
        return lerr(ld, e, "write 'image PATH BYTES' (at most 16 MiB)",
                    NULL);
    data = malloc(size + 1);
    if (!data)
        return keel_err_set(e, KEEL_ENOMEM, "out of memory");
    for (uint64_t i = 0; i < size; i++)
        data[i] = (char)('a' + i % 26);
    return add_file(ld, w[1], data, size, e);
}

/* load PATH HOSTFILE: the bytes of a file of the build machine (a path
 * relative to the working directory), for binary fixtures. */
static int rec_load(struct load *ld, char **w, int n, struct keel_err *e)
{
    FILE *f;
    char *data;
    long size;

    if (n != 3 || w[1][0] != '/')
        return lerr(ld, e, "write 'load PATH HOSTFILE'", NULL);
    f = fopen(w[2], "rb");
    if (!f)
        return lerr(ld, e, "cannot open the file to load", w[2]);
    fseek(f, 0, SEEK_END);
    size = ftell(f);
    rewind(f);
    data = size >= 0 && size <= (long)KEEL_READ_MAX ? malloc((size_t)size + 1)
                                                   : NULL;
    if (!data || fread(data, 1, (size_t)size, f) != (size_t)size) {
        fclose(f);
        free(data);
        return lerr(ld, e, "cannot read the file to load", w[2]);
    }
    fclose(f);
    data[size] = '\0';
    return add_file(ld, w[1], data, (size_t)size, e);
}

/* file PATH TEXT: TEXT from the blanks after PATH to the end of the
 * line, with escapes. */
static int rec_file(struct load *ld, char **w, int n, const char *text,
                    struct keel_err *e)
{
    const char *p = text + strspn(text, " \t");
    size_t len = 0;
    char *data;

    if (n < 2)
        return lerr(ld, e, "write 'file PATH TEXT'", NULL);
    data = malloc(strlen(p) + 1);
    if (!data)
        return keel_err_set(e, KEEL_ENOMEM, "out of memory");
    for (; *p; p++) {
        char c = *p;

        if (c == '\\' && p[1]) {
            c = *++p;
            c = c == 'n' ? '\n' : c == 't' ? '\t' : c;
        }
        data[len++] = c;
    }
    data[len] = '\0';
    return add_file(ld, w[1], data, len, e);
}

static int one_line(struct load *ld, char *line, struct keel_err *e)
{
    char *w[FAKE_WORDS_MAX];
    const char *text, *why;
    int n;

    if (keel_fake_words(line, w, &n, &text, &why))
        return lerr(ld, e, why, NULL);
    if (!n)
        return 0;
    if (!strcmp(w[0], "firmware")) {
        if (n != 2 || (strcmp(w[1], "efi") && strcmp(w[1], "bios")))
            return lerr(ld, e, "write 'firmware efi' or 'firmware bios'",
                        NULL);
        ld->efi = w[1][0] == 'e';
        return 0;
    }
    if (!strcmp(w[0], "disk"))
        return rec_disk(ld, w, n, e);
    if (!strcmp(w[0], "part"))
        return rec_part(ld, w, n, e);
    if (!strcmp(w[0], "nic"))
        return rec_nic(ld, w, n, e);
    if (!strcmp(w[0], "image"))
        return rec_image(ld, w, n, e);
    if (!strcmp(w[0], "file"))
        return rec_file(ld, w, n, text, e);
    if (!strcmp(w[0], "load"))
        return rec_load(ld, w, n, e);
    if (!strcmp(w[0], "keep")) /* load if there is a file yet */
        return n != 3 || w[1][0] != '/' ?
               lerr(ld, e, "write 'keep PATH HOSTFILE'", NULL) :
               access(w[2], F_OK) ? 0 : rec_load(ld, w, n, e);
    return 0; /* another component's record */
}

static int by_disk_name(const void *a, const void *b)
{
    return strcmp(((const struct keel_disk *)a)->name,
                  ((const struct keel_disk *)b)->name);
}

static int by_nic_name(const void *a, const void *b)
{
    return strcmp(((const struct keel_nic *)a)->name,
                  ((const struct keel_nic *)b)->name);
}

/* Partitions for keel=, has_keel, sorting. */
static void finish(struct load *ld)
{
    for (size_t i = 0; i < ld->ndisks; i++) {
        struct keel_disk *d = &ld->disks[i];

        if (ld->keel_given[i] && !d->nparts)
            keel_fake_disk_add_layout(d);
        d->has_keel = keel_disk_part(d, "keel-a") &&
                      keel_disk_part(d, "keel-b") &&
                      keel_disk_part(d, "keel-state");
    }
    qsort(ld->disks, ld->ndisks, sizeof(ld->disks[0]), by_disk_name);
    qsort(ld->nics, ld->nnics, sizeof(ld->nics[0]), by_nic_name);
}

static int commit(struct keel_backend *b, struct load *ld,
                  struct keel_err *e)
{
    struct fake_disk *fd = b->disk;
    struct keel_disk *dv = NULL;
    struct keel_nic *nv = NULL;

    if ((ld->ndisks && !(dv = malloc(ld->ndisks * sizeof(*dv)))) ||
        (ld->nnics && !(nv = malloc(ld->nnics * sizeof(*nv))))) {
        free(dv);
        return keel_err_set(e, KEEL_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < ld->nfiles; i++)
        if (keel_fake_put(b, ld->files[i].path, ld->files[i].data,
                          ld->files[i].len, 0644)) {
            free(dv);
            free(nv);
            return keel_err_set(e, KEEL_ENOMEM, "out of memory");
        }
    if (ld->ndisks)
        memcpy(dv, ld->disks, ld->ndisks * sizeof(*dv));
    if (ld->nnics)
        memcpy(nv, ld->nics, ld->nnics * sizeof(*nv));
    keel_disks_free(&fd->disks);
    keel_nics_free(&fd->nics);
    fd->disks = (struct keel_disks){ dv, ld->ndisks };
    fd->nics = (struct keel_nics){ nv, ld->nnics };
    fd->efi = ld->efi;
    return 0;
}

int keel_fake_disk_load(struct keel_backend *b, const char *text,
                        size_t len, const char *label, struct keel_err *e)
{
    struct load *ld = calloc(1, sizeof(*ld));
    const char *p = text, *end = text + len;
    char line[LINE_MAX_LEN];
    int rc = 0;

    if (!ld)
        return keel_err_set(e, KEEL_ENOMEM, "out of memory");
    if (!b || !b->disk || strcmp(b->name, "fake") != 0)
        rc = keel_err_set(e, KEEL_EINVAL, "not a fake backend");
    ld->label = label ? label : "scenario";
    while (!rc && p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = (size_t)((nl ? nl : end) - p);

        ld->lineno++;
        if (n >= sizeof(line) || memchr(p, '\0', n))
            rc = lerr(ld, e, "line too long or holds a NUL byte", NULL);
        else {
            memcpy(line, p, n);
            line[n] = '\0';
            rc = one_line(ld, line, e);
        }
        p += n + 1;
    }
    if (!rc) {
        finish(ld);
        rc = commit(b, ld, e);
    }
    for (size_t i = 0; i < ld->nfiles; i++) {
        free(ld->files[i].path);
        free(ld->files[i].data);
    }
    free(ld);
    return rc;
}

int keel_fake_disk_load_file(struct keel_backend *b, const char *path,
                             struct keel_err *e)
{
    struct keel_backend *host = keel_backend_real_new(NULL);
    char *text = NULL, full[4096], cwd[3072];
    size_t len;
    int rc;

    if (!host)
        return keel_err_set(e, KEEL_ENOMEM, "out of memory");
    /* A relative path is the caller's: from the current directory. */
    if (path[0] != '/' && getcwd(cwd, sizeof(cwd)))
        snprintf(full, sizeof(full), "%s/%s", cwd, path);
    else
        snprintf(full, sizeof(full), "%s", path);
    rc = keel_backend_read(host, full, &text, &len, e);
    if (!rc)
        rc = keel_fake_disk_load(b, text, len, path, e);
    free(text);
    keel_backend_free(host);
    return rc;
}
