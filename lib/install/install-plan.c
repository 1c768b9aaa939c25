/*
 * install-plan.c - answers and what the backend sees -> the plan
 * (keel-install.h).  Nothing here writes: every check that can fail
 * before a disk is touched is made here, so apply meets no surprise
 * the plan could have reported.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keel-bundle.h"
#include "install-int.h"

struct mk {
    struct keel_backend *b;
    const struct keel_answers *a;
    struct keel_plan *p;
    struct keel_problems *pr;
    struct keel_disks disks;
    struct keel_nics nics;
};

/* "sda, sdb" for messages. */
static void disk_names(const struct keel_disks *l, char *buf, size_t size)
{
    size_t n = 0;

    buf[0] = '\0';
    for (size_t i = 0; i < l->n && n + 1 < size; i++)
        n += (size_t)snprintf(buf + n, size - n, "%s%s", i ? ", " : "",
                              l->v[i].name);
    if (!l->n)
        snprintf(buf, size, "none");
}

/* The disk ref names, checked for use as what; NULL if unusable. */
static const struct keel_disk *usable(struct mk *m, const char *ref,
                                      int line, const char *what)
{
    const struct keel_disk *d = keel_disk_find(&m->disks, ref);
    char names[200];

    if (!d) {
        disk_names(&m->disks, names, sizeof(names));
        keel_problems_add(m->pr, line, 0, "%s '%s': no such disk (disks "
                          "found: %s)", what, ref, names);
        return NULL;
    }
    if (d->boot_medium || d->readonly) {
        keel_problems_add(m->pr, line, 0, "%s %s: %s", what, d->name,
                          d->boot_medium ? "it holds the installer medium"
                                         : "it is read-only");
        return NULL;
    }
    return d;
}

/*
 * A disk to erase that holds Keel: an answer file must say so (a KEEL-AUTO
 * stick left in, the medium first in the boot order, would otherwise
 * erase the installed host on every boot).  1 if refused.
 */
static int holds_keel(struct mk *m, const struct keel_disk *d, int line,
                      const char *what)
{
    char found[64];
    int x = m->a->from_xml;

    if (!d->has_keel || m->a->reinstall)
        return 0;
    keel_install_inspect(m->b, &m->disks); /* fills *d, in m->disks */
    snprintf(found, sizeof(found), "Keel %s", d->keel_version[0] ?
             d->keel_version : "(version unknown)");
    keel_problems_add(m->pr, line, 0, "%s %s holds %s: to erase it and "
                      "install afresh write %s, or %s with %s%s%s to keep "
                      "its settings and VMs", what, d->name, found,
                      x ? "<installation mode=\"reinstall\">" :
                          "mode=reinstall",
                      x ? "mode=\"upgrade\"" : "mode=upgrade",
                      x ? "<existing-installation>" : "existing=", d->name,
                      x ? "</existing-installation>" : "");
    return 1;
}

static void plan_guests(struct mk *m)
{
    const struct keel_answers *a = m->a;
    struct keel_err e;

    for (int i = 0; i < a->nguests; i++) {
        const struct keel_disk *d = usable(m, a->guests[i],
                                           a->guest_line[i], "guest disk");
        int dup = d && !strcmp(d->name, m->p->disk.name);

        for (int j = 0; d && j < m->p->nguests; j++)
            dup |= !strcmp(d->name, m->p->guests[j].name);
        if (dup)
            keel_problems_add(m->pr, a->guest_line[i], 0, "guest disk %s "
                              "is named twice, or is the primary disk",
                              d->name);
        else if (d && holds_keel(m, d, a->guest_line[i], "guest disk"))
            ;
        else if (d && keel_layout_check_guest(d->size, &e))
            keel_problems_add(m->pr, a->guest_line[i], 0, "guest disk %s:"
                              " %s", d->name, e.msg);
        else if (d)
            m->p->guests[m->p->nguests++] = *d;
    }
}

static void plan_nic(struct mk *m)
{
    const struct keel_nic *c = keel_nic_find(&m->nics, m->a->nic);
    struct keel_err e;
    char names[200] = "";
    size_t n = 0;

    if (!c) {
        for (size_t i = 0; i < m->nics.n && n + 1 < sizeof(names); i++)
            n += (size_t)snprintf(names + n, sizeof(names) - n, "%s%s %s",
                                  i ? ", " : "", m->nics.v[i].name,
                                  m->nics.v[i].mac);
        keel_problems_add(m->pr, m->a->nic_line, 0, "management interface "
                          "'%s': no such interface (found: %s)", m->a->nic,
                          n ? names : "none");
        return;
    }
    snprintf(m->p->nic_mac, sizeof(m->p->nic_mac), "%s", c->mac);
    if (keel_settings_set_id(&m->p->settings, KEEL_S_MGMT_NIC, c->name, &e))
        keel_problems_add(m->pr, m->a->nic_line, 0, "%s", e.msg);
}

static void plan_password(struct mk *m)
{
    struct keel_err e;
    char *hash = NULL;

    if (!m->a->password[0])
        return;
    if (keel_password_hash(m->a->password, &hash, &e) ||
        keel_settings_set_id(&m->p->settings, KEEL_S_ROOT_HASH, hash, &e))
        keel_problems_add(m->pr, m->a->password_line, 0, "%s", e.msg);
    free(hash);
}

static void plan_install(struct mk *m)
{
    const struct keel_disk *d = usable(m, m->a->primary,
                                       m->a->primary_line, "primary disk");
    struct keel_err e;

    m->p->sr_on_primary = m->a->sr_on_primary;
    if (d && !holds_keel(m, d, m->a->primary_line, "primary disk")) {
        m->p->disk = *d;
        if (keel_layout_plan_with(d->size, d->sector, m->p->sr_on_primary,
                                  &m->p->layout, &e))
            keel_problems_add(m->pr, m->a->primary_line, 0, "primary disk "
                              "%s: %s", d->name, e.msg);
    }
    plan_guests(m);
    plan_nic(m);
    plan_password(m);
    m->p->slot = 'A';
    keel_slots_initial(&m->p->slots);
}

static void plan_upgrade(struct mk *m)
{
    const struct keel_disk *d;
    struct keel_slots *s = &m->p->slots;

    keel_install_inspect(m->b, &m->disks);
    d = usable(m, m->a->existing, m->a->existing_line, "installation");
    if (!d)
        return;
    m->p->disk = *d;
    if (!d->has_keel) {
        keel_problems_add(m->pr, m->a->existing_line, 0, "%s holds no Keel"
                          " installation (no keel-a, keel-b and keel-state "
                          "partitions)", d->name);
        return;
    }
    if (!d->keel_active) {
        keel_problems_add(m->pr, m->a->existing_line, 0, "%s: cannot tell "
                          "which slot is running (grubenv unreadable)",
                          d->name);
        return;
    }
    for (int i = 0; i < m->a->nscripts; i++)
        if (m->a->scripts[i].stage == KEEL_SCRIPT_POPULATED)
            keel_problems_add(m->pr, m->a->scripts[i].line, 0, "a "
                              "filesystem-populated script in an upgrade: "
                              "an upgrade writes no file system Keel could "
                              "hand it (keel-state is kept as it is); make "
                              "it installation-complete");
    m->p->slot = keel_slot_other(d->keel_active);
    keel_slots_initial(s);
    keel_slots_activate(s, d->keel_active);
    keel_slots_activate(s, m->p->slot);
}

/* A small text file through the backend, first line trimmed. */
static int read_line(struct keel_backend *b, const char *path, char *buf,
                     size_t size, struct keel_err *e)
{
    char *data = NULL;
    size_t len;
    int rc = keel_backend_read(b, path, &data, &len, e);

    if (!rc)
        snprintf(buf, size, "%.*s", (int)strcspn(data, "\r\n"), data);
    free(data);
    return rc;
}

/*
 * The medium's image, through the update bundle code (keel-bundle.h):
 * its signed header KEEL_MEDIUM_HEADER next to it, under the keys the
 * running image trusts.  A bad burn or a changed file stops the plan.
 */
static void verify_image(struct mk *m)
{
    struct keel_bundle_src s = { KEEL_MEDIUM_HEADER, "", 0 };
    struct keel_manifest man;
    struct keel_err e = { "" };

    snprintf(s.payload, sizeof(s.payload), "%s", m->p->image);
    if (keel_bundle_verify(m->b, KEEL_KEYS_DIR, &s, &man, NULL, NULL, &e))
        keel_problems_add(m->pr, 0, 0, "the dom0 image on the medium "
                          "does not verify: %s", e.msg);
    else if (strcmp(man.product, KEEL_PRODUCT) ||
             strcmp(man.arch, KEEL_ARCH))
        keel_problems_add(m->pr, 0, 0, "the medium holds %s for %s, not "
                          "Keel for %s", man.product, man.arch, KEEL_ARCH);
}

static void plan_medium(struct mk *m)
{
    struct keel_plan *p = m->p;
    struct keel_stat st;
    struct keel_bootconf bc;
    struct keel_err e;
    char *text = NULL;
    size_t len;

    snprintf(p->image, sizeof(p->image), "%s", KEEL_MEDIUM_IMAGE);
    if (keel_backend_stat(m->b, p->image, &st, &e) ||
        st.kind != KEEL_ST_FILE || !st.size)
        keel_problems_add(m->pr, 0, 0, "no dom0 image at %s: is the Keel "
                          "medium mounted?", p->image);
    else if (st.size > 4 * KEEL_GIB)
        keel_problems_add(m->pr, 0, 0, "%s is larger than a 4 GiB slot",
                          p->image);
    else
        verify_image(m);
    p->image_size = st.size;
    if (read_line(m->b, KEEL_VERSION_FILE, p->version, sizeof(p->version),
                  &e) || !p->version[0])
        snprintf(p->version, sizeof(p->version), "unknown");
    if (keel_backend_read(m->b, KEEL_BOOT_CONF, &text, &len, &e) ||
        keel_bootconf_parse(&bc, text, len, &e) ||
        keel_grubcfg_make(&bc, &p->grubcfg, &e))
        keel_problems_add(m->pr, 0, 0, "%s", e.msg);
    free(text);
    p->efi = keel_backend_stat(m->b, "/sys/firmware/efi", &st, NULL) == 0
             && st.kind == KEEL_ST_DIR;
}

int keel_plan_make(struct keel_backend *b, const struct keel_answers *a,
                   struct keel_plan *p, struct keel_problems *pr,
                   struct keel_err *e)
{
    struct mk m = { b, a, p, pr, { NULL, 0 }, { NULL, 0 } };
    int before = pr->nerrors, rc;

    memset(p, 0, sizeof(*p));
    rc = keel_settings_init(&p->settings, e);
    if (!rc)
        rc = keel_settings_copy(&p->settings, &a->settings, e);
    if (!rc)
        rc = keel_backend_disk_list(b, &m.disks, e);
    if (!rc && a->mode == KEEL_MODE_INSTALL)
        rc = keel_backend_nic_list(b, &m.nics, e);
    if (rc)
        goto out;
    p->mode = a->mode;
    p->atexit = a->atexit;
    p->nscripts = a->nscripts;
    memcpy(p->scripts, a->scripts, sizeof(p->scripts));
    if (a->mode == KEEL_MODE_INSTALL)
        plan_install(&m);
    else
        plan_upgrade(&m);
    keel_plan_others(b, &m.disks, p);
    plan_medium(&m);
    if (pr->nerrors > before)
        rc = keel_err_set(e, KEEL_EINVAL, "the answers have %d problem%s",
                          pr->nerrors - before,
                          pr->nerrors - before > 1 ? "s" : "");
out:
    keel_disks_free(&m.disks);
    keel_nics_free(&m.nics);
    return rc;
}

void keel_plan_fini(struct keel_plan *p)
{
    keel_settings_fini(&p->settings);
    free(p->grubcfg);
    p->grubcfg = NULL;
}
