/*
 * install-stages.c - the stages of an install and of an upgrade, one
 * function a row (exact command lines for Debian 12's sgdisk, mke2fs,
 * mkfs.fat, lvm2, grub 2.06 and efibootmgr).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "install-apply-int.h"
#include "keel-slot.h"

static int zero(struct apply *ap, const char *dev, uint64_t off,
                uint64_t len)
{
    struct keel_err e;
    int rc = keel_backend_dev_zero(ap->b, dev, off, len, &e);

    ap_log(ap, "zero %s %llu+%llu\n", dev, (unsigned long long)off,
           (unsigned long long)len);
    return rc ? ap_fail(ap, rc, &e) : 0;
}

/* Old partition tables, RAID and LVM labels at both ends of a disk. */
static int wipe_disk(struct apply *ap, const struct keel_disk *d)
{
    int rc = zero(ap, d->dev, 0, KEEL_MIB);

    return rc ? rc : zero(ap, d->dev, d->size - KEEL_MIB, KEEL_MIB);
}

static int st_wipe(struct apply *ap)
{
    const struct keel_plan *p = ap->p;
    int rc = wipe_disk(ap, &p->disk);

    for (int i = 0; !rc && i < p->nguests; i++) {
        ap_progress(ap, (double)(i + 1) / (p->nguests + 1));
        rc = wipe_disk(ap, &p->guests[i]);
    }
    return rc;
}

/* Wait for the kernel (and mdev) to show the new partitions. */
static int wait_parts(struct apply *ap)
{
    static const char *const mdev[] = { "mdev", "-s", NULL };
    static const char *const nap[] = { "sleep", "1", NULL };
    struct keel_stat st;
    struct keel_err e;

    for (int tries = 0; tries < 15; tries++) {
        int all = 1;

        ap_run_soft(ap, mdev);
        for (int i = 1; i <= ap->p->layout.nparts; i++)
            all &= keel_backend_stat(ap->b, ap->dev[i], &st, NULL) == 0 &&
                   st.kind == KEEL_ST_BLOCK;
        if (all)
            return 0;
        ap_run_soft(ap, nap);
    }
    keel_err_set(&e, KEEL_EIO, "the new partitions of %s did not appear "
                 "(%s ...)", ap->p->disk.dev, ap->dev[1]);
    return ap_fail(ap, KEEL_EIO, &e);
}

static int st_partition(struct apply *ap)
{
    const struct keel_layout *l = &ap->p->layout;
    const char *zap[] = { "sgdisk", "--zap-all", ap->p->disk.dev, NULL };
    const char *argv[3 + 6 * KEEL_LAYOUT_PARTS + 2];
    char n[KEEL_LAYOUT_PARTS][48], t[KEEL_LAYOUT_PARTS][16];
    char c[KEEL_LAYOUT_PARTS][48];
    int k = 0, rc;

    argv[k++] = "sgdisk";
    argv[k++] = "--clear";
    for (int i = 0; i < l->nparts; i++) {
        const struct keel_part_plan *pp = &l->p[i];

        snprintf(n[i], sizeof(n[i]), "%d:%llu:%llu", pp->num,
                 (unsigned long long)pp->first,
                 (unsigned long long)pp->last);
        snprintf(t[i], sizeof(t[i]), "%d:%s", pp->num, pp->type);
        snprintf(c[i], sizeof(c[i]), "%d:%s", pp->num, pp->name);
        argv[k++] = "-n";
        argv[k++] = n[i];
        argv[k++] = "-t";
        argv[k++] = t[i];
        argv[k++] = "-c";
        argv[k++] = c[i];
    }
    argv[k++] = ap->p->disk.dev;
    argv[k] = NULL;
    rc = ap_run(ap, zap);
    if (!rc)
        rc = ap_run(ap, argv);
    if (!rc)
        ap_progress(ap, 0.5);
    return rc ? rc : wait_parts(ap);
}

static int st_filesystems(struct apply *ap)
{
    const char *fat[] = { "mkfs.fat", "-F", "32", "-n", KEEL_ESP_LABEL,
                          ap->dev[KEEL_PART_ESP], NULL };
    const char *ext[] = { "mke2fs", "-t", "ext4", "-F", "-q", "-L",
                          KEEL_STATE_LABEL, ap->dev[KEEL_PART_STATE],
                          NULL };
    int rc = 0;

    /* Stale signatures where the new partitions start (an old slot B
     * image, an old PV label) must not be found later. */
    for (int i = KEEL_PART_ESP; !rc && i <= ap->p->layout.nparts; i++)
        rc = zero(ap, ap->dev[i], 0, KEEL_MIB);
    if (!rc)
        rc = ap_run(ap, fat);
    if (!rc)
        ap_progress(ap, 0.5);
    return rc ? rc : ap_run(ap, ext);
}

static void image_progress(void *ctx, unsigned long long done,
                           unsigned long long total)
{
    /* 1 is the stage's own "done"; stay below it. */
    ap_progress(ctx, total ? 0.99 * (double)done / (double)total : 0);
}

static int write_image(struct apply *ap, const char *dev)
{
    struct keel_err e;
    int rc;

    ap_log(ap, "image %s -> %s\n", ap->p->image, dev);
    rc = keel_backend_image_write(ap->b, ap->p->image, dev, image_progress,
                                  ap, &e);
    return rc ? ap_fail(ap, rc, &e) : 0;
}

static int st_image(struct apply *ap)
{
    return write_image(ap, ap->dev[ap->p->slot == 'B' ? KEEL_PART_SLOT_B
                                                     : KEEL_PART_SLOT_A]);
}

static int st_storage(struct apply *ap)
{
    const struct keel_plan *p = ap->p;
    const char *pv[4 + 1 + KEEL_GUESTS_MAX + 1] = { "lvm", "pvcreate",
                                                    "-ff", "-y" };
    const char *vg[3 + 1 + KEEL_GUESTS_MAX + 1] = { "lvm", "vgcreate",
                                                    KEEL_VG_NAME };
    int k = 0, rc;

    if (p->sr_on_primary) {
        pv[4] = vg[3] = ap->dev[KEEL_PART_SR];
        k++;
    }
    for (int i = 0; i < p->nguests; i++, k++)
        pv[4 + k] = vg[3 + k] = p->guests[i].dev;
    pv[4 + k] = vg[3 + k] = NULL;
    rc = ap_run(ap, pv);
    return rc ? rc : ap_run(ap, vg);
}

static int mount_esp(struct apply *ap, const char *dev)
{
    struct keel_err e;
    int rc = keel_mount(ap->b, dev, ESP_DIR, "vfat", 0, &e);

    ap_log(ap, "mount %s %s\n", dev, ESP_DIR);
    if (rc)
        return ap_fail(ap, rc, &e);
    ap->esp_mounted = 1;
    return 0;
}

/*
 * The state's lib/slot-versions (/var/lib/keel/slot-versions on the
 * host, read by the console): "A VERSION" and "B VERSION" lines, "-"
 * for an empty slot.  The line of the slot written gets the plan's
 * version; the other keeps what the file said (or, without a file,
 * what inspecting the disk found).  The state must be mounted.
 */
static int write_slot_versions(struct apply *ap, struct keel_err *e)
{
    const struct keel_plan *p = ap->p;
    char *old = NULL, text[128], v[2][40];
    size_t len;

    for (int i = 0; i < 2; i++)
        snprintf(v[i], sizeof(v[i]), "%s", p->mode == KEEL_MODE_UPGRADE &&
                 p->disk.keel_active == "AB"[i] && p->disk.keel_version[0] ?
                 p->disk.keel_version : "-");
    if (p->mode == KEEL_MODE_UPGRADE &&
        !keel_backend_read(ap->b, STATE_DIR "/lib/slot-versions", &old,
                           &len, NULL))
        for (int i = 0; i < 2; i++)
            keel_slot_version_in(old, "AB"[i], v[i], sizeof(v[i]));
    free(old);
    snprintf(v[p->slot == 'B'], sizeof(v[0]), "%s", p->version);
    snprintf(text, sizeof(text), "A %s\nB %s\n", v[0], v[1]);
    ap_log(ap, "write %s/lib/slot-versions\n", STATE_DIR);
    return keel_backend_write(ap->b, STATE_DIR "/lib/slot-versions", text,
                              strlen(text), 0644, e);
}

static int st_settings(struct apply *ap)
{
    const char *mk[] = { "mkdir", "-p", STATE_DIR "/etc", STATE_DIR "/lib",
                         STATE_DIR "/log", NULL };
    const char *hash = keel_settings_value(&ap->p->settings,
                                           KEEL_S_ROOT_HASH);
    char shadow[400];
    struct keel_err e;
    int rc = keel_mount(ap->b, ap->dev[KEEL_PART_STATE], STATE_DIR, "ext4",
                        0, &e);

    if (rc)
        return ap_fail(ap, rc, &e);
    ap->state_mounted = 1;
    rc = ap_run(ap, mk);
    if (rc)
        return rc;
    /* The state's etc/ is /etc/keel on the host (dom0 S20mounts). */
    rc = keel_settings_save(&ap->p->settings, ap->b, STATE_DIR "/etc/"
                            "host.conf", &e);
    snprintf(shadow, sizeof(shadow), "root:%s:%ld:0:99999:7:::\n",
             hash[0] ? hash : "*", (long)(time(NULL) / 86400));
    if (!rc)
        rc = keel_backend_write(ap->b, STATE_DIR "/etc/shadow", shadow,
                                strlen(shadow), 0600, &e);
    ap_log(ap, "write %s/etc/host.conf and %s/etc/shadow\n", STATE_DIR,
           STATE_DIR);
    if (!rc)
        rc = write_slot_versions(ap, &e);
    return rc ? ap_fail(ap, rc, &e) : 0;
}

/* grub.cfg and the grubenv of slots on the mounted ESP. */
static int write_boot_files(struct apply *ap, int with_env)
{
    const char *mk[] = { "mkdir", "-p", ESP_DIR "/boot/grub", NULL };
    struct keel_grubenv g;
    struct keel_err e;
    int rc = ap_run(ap, mk);

    if (rc)
        return rc;
    rc = keel_backend_write(ap->b, ESP_DIR "/boot/grub/grub.cfg",
                            ap->p->grubcfg, strlen(ap->p->grubcfg), 0644,
                            &e);
    keel_grubenv_init(&g);
    if (!rc && with_env)
        rc = keel_slots_put(&ap->p->slots, &g, &e);
    if (!rc && with_env)
        rc = keel_grubenv_save(ap->b, ESP_DIR, &g, &e);
    ap_log(ap, "write %s/boot/grub/grub.cfg%s\n", ESP_DIR,
           with_env ? " and grubenv" : "");
    return rc ? ap_fail(ap, rc, &e) : 0;
}

static int efi_entry(struct apply *ap)
{
    const char *vars[] = { "mount", "-t", "efivarfs", "efivarfs",
                           "/sys/firmware/efi/efivars", NULL };
    const char *mgr[] = { "efibootmgr", "--create", "--disk",
                          ap->p->disk.dev, "--part", "2", "--label", "Keel",
                          "--loader", "\\EFI\\BOOT\\BOOTX64.EFI", NULL };

    /* The installer may not have efivarfs mounted yet ("busy" if it
     * has: that failure is fine). */
    ap_run_soft(ap, vars);
    return ap_run(ap, mgr);
}

static int st_bootloader(struct apply *ap)
{
    const char *bios[] = { "grub-install", "--target=i386-pc",
                           "--boot-directory=" ESP_DIR "/boot",
                           ap->p->disk.dev, NULL };
    const char *uefi[] = { "grub-install", "--target=x86_64-efi",
                           "--efi-directory=" ESP_DIR,
                           "--boot-directory=" ESP_DIR "/boot",
                           "--removable", "--no-nvram",
                           "--no-uefi-secure-boot", NULL };
    int rc = mount_esp(ap, ap->dev[KEEL_PART_ESP]);

    if (!rc)
        rc = ap_run(ap, bios);
    if (!rc)
        ap_progress(ap, 0.4);
    if (!rc)
        rc = ap_run(ap, uefi);
    if (!rc)
        ap_progress(ap, 0.8);
    /* After grub-install, which makes an empty grubenv of its own. */
    if (!rc)
        rc = write_boot_files(ap, 1);
    if (!rc && ap->p->efi)
        rc = efi_entry(ap);
    return rc;
}

static int unmount_all(struct apply *ap)
{
    const char *sync_[] = { "sync", NULL };
    struct keel_err e;
    int rc = 0;

    if (ap->esp_mounted && (rc = keel_umount(ap->b, ESP_DIR, &e)) == 0)
        ap->esp_mounted = 0;
    if (!rc && ap->state_mounted &&
        (rc = keel_umount(ap->b, STATE_DIR, &e)) == 0)
        ap->state_mounted = 0;
    if (rc)
        return ap_fail(ap, rc, &e);
    return ap_run(ap, sync_);
}

static int st_finish(struct apply *ap)
{
    struct keel_err e;
    int rc;

    ap_log(ap, "write %s/log/%s\n", STATE_DIR, KEEL_INSTALL_LOG);
    rc = keel_backend_write(ap->b, STATE_DIR "/log/" KEEL_INSTALL_LOG,
                            ap->log ? ap->log : "", ap->log_len, 0640, &e);
    return rc ? ap_fail(ap, rc, &e) : unmount_all(ap);
}

/* Upgrade: the slot switch of install-slot.c around the image. */
static int st_up_prepare(struct apply *ap)
{
    char dev[48], slot = 0;
    struct keel_err e;
    int rc = keel_part_dev_by_name(&ap->p->disk, "esp", dev, sizeof(dev),
                                   &e);

    if (rc)
        return ap_fail(ap, rc, &e);
    rc = mount_esp(ap, dev);
    if (rc)
        return rc;
    rc = keel_slot_target(ap->b, ESP_DIR, &slot, &e);
    if (!rc && slot != ap->p->slot)
        rc = keel_err_set(&e, KEEL_EINVAL, "grubenv changed since the plan"
                          " (slot %c is now the one to write)", slot);
    if (!rc)
        rc = keel_slot_begin(ap->b, ESP_DIR, ap->p->slot, &e);
    return rc ? ap_fail(ap, rc, &e) : 0;
}

static int st_up_image(struct apply *ap)
{
    char dev[48];
    struct keel_err e;
    int rc = keel_part_dev_by_name(&ap->p->disk, ap->p->slot == 'A'
                                   ? "keel-a" : "keel-b", dev, sizeof(dev),
                                   &e);

    return rc ? ap_fail(ap, rc, &e) : write_image(ap, dev);
}

/* The new slot's line of slot-versions, on the state mounted for it
 * (nothing else there changes). */
static int up_slot_versions(struct apply *ap)
{
    char dev[48];
    struct keel_err e;
    int rc = keel_part_dev_by_name(&ap->p->disk, KEEL_STATE_LABEL, dev,
                                   sizeof(dev), &e);

    if (!rc)
        rc = keel_mount(ap->b, dev, STATE_DIR, "ext4", 0, &e);
    if (rc)
        return ap_fail(ap, rc, &e);
    ap->state_mounted = 1;
    rc = write_slot_versions(ap, &e);
    return rc ? ap_fail(ap, rc, &e) : 0;
}

static int st_up_boot(struct apply *ap)
{
    int rc = write_boot_files(ap, 0);

    return rc ? rc : up_slot_versions(ap);
}

static int st_up_switch(struct apply *ap)
{
    struct keel_err e;
    int rc = keel_slot_commit(ap->b, ESP_DIR, ap->p->slot, &e);

    ap_log(ap, "grubenv: slot %c good and first\n", ap->p->slot);
    return rc ? ap_fail(ap, rc, &e) : unmount_all(ap);
}

const struct stage keel_install_stage_table[] = {
    { KEEL_STAGE_SCRIPTS_START, ap_scripts_start, ap_has_scripts },
    { "wipe", st_wipe, NULL },
    { "partition", st_partition, NULL },
    { "file systems", st_filesystems, NULL },
    { "dom0 image", st_image, NULL },
    { "storage repository", st_storage, NULL },
    { "settings", st_settings, NULL },
    { "boot loader", st_bootloader, NULL },
    { "scripts: filesystem-populated", ap_scripts_populated,
      ap_has_populated },
    { "finish", st_finish, NULL },
    { NULL, NULL, NULL },
};

const struct stage keel_upgrade_stage_table[] = {
    { KEEL_STAGE_SCRIPTS_START, ap_scripts_start, ap_has_scripts },
    { "prepare slot", st_up_prepare, NULL },
    { "dom0 image", st_up_image, NULL },
    { "boot loader", st_up_boot, NULL },
    { "switch slot", st_up_switch, NULL },
    { NULL, NULL, NULL },
};
