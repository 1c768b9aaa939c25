/*
 * test-quick.c - quick boot (keel-slot.h) against the fake: the entry
 * read from the installer's own grub.cfg (the golden one), the kexec
 * load of the slot GRUB would boot, grubenv untouched until the arm,
 * the arm's walk, and the refusals.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "instplan.h"
#include "keel-backend-fake.h"
#include "keel-slot.h"
#include "slotenv.h"
#include "unit.h"

#define ESP KEEL_SLOT_ESP_DIR
#define ENV ESP "/boot/grub/grubenv"
#define CMDLINE "console=tty0 console=hvc0 keel.mode=host " \
                "keel.root=PARTLABEL=keel-a keel.partuuid=aaaa-1\n"
/* after an update into B: B first, both good */
#define UPDATED "ORDER=B A\nA_OK=1\nA_TRY=0\nB_OK=1\nB_TRY=0\n"
#define XEN_ARGS "console=com1,vga com1=115200,8n1 " \
                 "dom0_mem=320M+1%,max:320M+1% dom0_max_vcpus=1-8 " \
                 "loglvl=info guest_loglvl=warning"

static const char disks[] = "disk sdb size=21474836480 keel=0.1.0\n";

/* The grub.cfg keel-install writes (tests/unit/data/install). */
static char *grubcfg(void)
{
    size_t len;

    return inst_data("grub.cfg", &len);
}

/* A host running slot A by cmdline, grubenv vars on its ESP, whose
 * xen.gz unpacks to xen. */
static struct keel_backend *host_xen(const char *cmdline, const char *vars,
                                     const char *xen)
{
    struct keel_backend *b = keel_fake_new();
    struct keel_err e;
    char *cfg = grubcfg();

    if (keel_fake_disk_load(b, disks, strlen(disks), "t", &e))
        unit_fail(__FILE__, __LINE__, "scenario: %s", e.msg);
    keel_fake_put(b, "/proc/cmdline", cmdline, strlen(cmdline), 0444);
    keel_fake_put(b, ENV, slot_env(vars), KEEL_GRUBENV_SIZE, 0644);
    if (cfg)
        keel_fake_put(b, ESP "/boot/grub/grub.cfg", cfg, strlen(cfg), 0644);
    free(cfg);
    keel_fake_script(b, "blkid -s PARTUUID -o value /dev/sdb3", 0,
                     "aaaa-1\n", NULL);
    keel_fake_script(b, "blkid -s PARTUUID -o value /dev/sdb4", 0,
                     "bbbb-2\n", NULL);
    keel_fake_script(b, "zcat *", 0, xen, NULL);
    return b;
}

static struct keel_backend *host(const char *cmdline, const char *vars)
{
    return host_xen(cmdline, vars, "\177ELF xen");
}

static const char *env_now(struct keel_backend *b)
{
    const char *got = NULL;

    keel_fake_get(b, ENV, &got, NULL, NULL);
    return got ? got : "";
}

UNIT_TEST(quick_entry_from_the_installers_grubcfg)
{
    struct keel_quick_entry q;
    struct keel_err e;
    char *cfg = grubcfg();

    if (!cfg)
        return;
    CHECK_INT(keel_quick_entry(cfg, "keel-b", &q, &e), 0);
    CHECK_STR(q.xen, "/boot/xen.gz");
    CHECK_STR(q.xen_args, XEN_ARGS);
    CHECK_STR(q.kernel, "/boot/vmlinuz");
    CHECK_STR(q.kernel_args, "console=tty0 console=hvc0 keel.mode=host "
              "keel.root=PARTLABEL=keel-b keel.partuuid=${keel_part}");
    CHECK_STR(q.initrd, "/boot/initrd.img");
    /* the serial variant is its own entry, not the prefix's */
    CHECK_INT(keel_quick_entry(cfg, "keel-a-serial", &q, &e), 0);
    CHECK_STR(q.kernel_args, "console=hvc0 keel.mode=host "
              "keel.root=PARTLABEL=keel-a keel.partuuid=${keel_part}");
    CHECK(strncmp(q.xen_args, "console=com1 com1=", 18) == 0);
    CHECK_INT(keel_quick_entry(cfg, "keel-c", &q, &e), KEEL_EINVAL);
    CHECK(strstr(e.msg, "no menu entry --id keel-c") != NULL);
    free(cfg);
    /* an entry without the initramfs, or with a third module */
    CHECK_INT(keel_quick_entry("menuentry \"x\" --id keel-a {\n"
                               "  multiboot2 (hd0,gpt3)/boot/xen.gz a=1\n"
                               "  module2 (hd0,gpt3)/boot/vmlinuz b=2\n}\n",
                               "keel-a", &q, &e), KEEL_EINVAL);
    CHECK(strstr(e.msg, "two module2 lines") != NULL);
    CHECK_INT(keel_quick_entry("menuentry \"x\" --id keel-a {\n"
                               "  multiboot2 /xen\n  module2 /k\n"
                               "  module2 /i\n  module2 /j\n}\n",
                               "keel-a", &q, &e), KEEL_EINVAL);
}

UNIT_TEST(quick_load_the_updated_slot)
{
    struct keel_backend *b = host(CMDLINE, UPDATED);
    const char *before = strdup(env_now(b)), *log, *mnt, *kx, *um;
    const char *flag = NULL;
    struct keel_err e;
    char slot = 0;

    keel_fake_log_clear(b);
    CHECK_INT(keel_quick_load(b, &slot, &e), 0);
    CHECK_INT(slot, 'B');
    log = keel_fake_log(b);
    mnt = strstr(log, "run mount -t squashfs -o ro /dev/sdb4 "
                 "/run/keel/quick-slot\n");
    kx = strstr(log, "run kexec -l -t multiboot2-x86 /run/keel/quick-xen "
                "--command-line=" XEN_ARGS " no-real-mode "
                "--module=/run/keel/quick-slot/boot/vmlinuz console=tty0 "
                "console=hvc0 keel.mode=host keel.root=PARTLABEL=keel-b "
                "keel.partuuid=bbbb-2 "
                "--module=/run/keel/quick-slot/boot/initrd.img\n");
    um = strstr(log, "run umount /run/keel/quick-slot\n");
    CHECK(strstr(log, "run zcat /run/keel/quick-slot/boot/xen.gz\n"));
    if (!mnt || !kx || !um || !(mnt < kx && kx < um))
        unit_fail(__FILE__, __LINE__, "log:\n%s", log);
    CHECK_INT(keel_fake_get(b, KEEL_QUICK_FLAG, &flag, NULL, NULL), 0);
    CHECK_STR(flag, "B\n");
    /* the unpacked Xen is gone, grubenv not touched */
    CHECK_INT(keel_fake_get(b, "/run/keel/quick-xen", NULL, NULL, NULL),
              KEEL_ENOENT);
    CHECK_STR(env_now(b), before);
    free((void *)before);

    /* the shutdown's arm: GRUB's walk saved, B tried */
    CHECK_INT(keel_quick_arm(b, &slot, &e), 0);
    CHECK_INT(slot, 'B');
    CHECK(strstr(env_now(b), "B_TRY=1\n") != NULL);
    CHECK(strstr(env_now(b), "A_TRY=0\n") != NULL);
    keel_backend_free(b);
}

UNIT_TEST(quick_load_same_slot_serial_console)
{
    struct keel_backend *b = host("console=hvc0 keel.mode=host "
                                  "keel.root=PARTLABEL=keel-a "
                                  "keel.partuuid=aaaa-1\n",
                                  "ORDER=A B\nA_OK=1\nA_TRY=0\nB_OK=0\n"
                                  "B_TRY=0\n");
    struct keel_err e;
    char slot = 0;

    keel_fake_log_clear(b);
    CHECK_INT(keel_quick_load(b, &slot, &e), 0);
    CHECK_INT(slot, 'A');
    /* its own root: nothing mounted; the serial entry's arguments */
    CHECK(strstr(keel_fake_log(b), "squashfs") == NULL);
    CHECK(strstr(keel_fake_log(b), "run zcat /boot/xen.gz\n") != NULL);
    if (!strstr(keel_fake_log(b), "--command-line=console=com1 "
                "com1=115200,8n1 dom0_mem") ||
        !strstr(keel_fake_log(b), "--module=/boot/vmlinuz console=hvc0 "
                "keel.mode=host keel.root=PARTLABEL=keel-a "
                "keel.partuuid=aaaa-1 --module=/boot/initrd.img\n"))
        unit_fail(__FILE__, __LINE__, "log:\n%s", keel_fake_log(b));
    keel_backend_free(b);
}

UNIT_TEST(quick_arm_refuses_a_changed_grubenv)
{
    struct keel_backend *b = host(CMDLINE, UPDATED);
    struct keel_err e;
    char slot;

    CHECK_INT(keel_quick_load(b, &slot, &e), 0);
    /* a revert meanwhile: GRUB would now boot A */
    keel_fake_put(b, ENV, slot_env("ORDER=A B\nA_OK=1\nA_TRY=0\nB_OK=0\n"
                                 "B_TRY=0\n"), KEEL_GRUBENV_SIZE, 0644);
    keel_fake_log_clear(b);
    CHECK_INT(keel_quick_arm(b, &slot, &e), KEEL_EINVAL);
    CHECK(strstr(e.msg, "slot A would boot, not B") != NULL);
    CHECK(strstr(env_now(b), "A_TRY=0\n") != NULL);
    /* unloaded: the reboot goes through the firmware */
    CHECK(strstr(keel_fake_log(b), "run kexec -u\n") != NULL);
    CHECK_INT(keel_fake_get(b, KEEL_QUICK_FLAG, NULL, NULL, NULL),
              KEEL_ENOENT);
    /* and without a load there is nothing to arm */
    CHECK_INT(keel_quick_arm(b, &slot, &e), KEEL_ENOENT);
    keel_backend_free(b);
}

UNIT_TEST(quick_load_refusals)
{
    struct keel_backend *b = host(CMDLINE, "ORDER=A B\nA_OK=1\nA_TRY=0\n"
                                  "B_OK=0\nB_TRY=0\n");
    struct keel_err e;
    char slot;

    /* a UEFI start: nothing run at all */
    keel_fake_put(b, "/sys/firmware/efi/systab", "", 0, 0444);
    keel_fake_log_clear(b);
    CHECK_INT(keel_quick_load(b, &slot, &e), KEEL_ENOTSUP);
    CHECK(strstr(e.msg, "UEFI") != NULL);
    CHECK(strstr(keel_fake_log(b), "run ") == NULL);
    keel_fake_drop(b, "/sys/firmware/efi/systab");
    /* kexec refuses: its message, nothing left loaded or flagged */
    keel_fake_script(b, "kexec -l *", 1, "", "kexec_load failed: EPERM\n");
    keel_fake_log_clear(b);
    CHECK_INT(keel_quick_load(b, &slot, &e), KEEL_ECMD);
    CHECK(strstr(e.msg, "kexec_load failed") != NULL);
    CHECK(strstr(keel_fake_log(b), "run kexec -u\n") != NULL);
    CHECK_INT(keel_fake_get(b, KEEL_QUICK_FLAG, NULL, NULL, NULL),
              KEEL_ENOENT);
    keel_backend_free(b);
    /* Xen that does not unpack to an ELF image */
    b = host_xen(CMDLINE, "A_OK=1\n", "MZ not elf");
    CHECK_INT(keel_quick_load(b, &slot, &e), KEEL_EINVAL);
    CHECK(strstr(e.msg, "does not unpack to an ELF") != NULL);
    keel_backend_free(b);
    /* no slot marked good */
    b = host(CMDLINE, "ORDER=A B\nA_OK=0\nA_TRY=0\nB_OK=0\nB_TRY=0\n");
    CHECK_INT(keel_quick_load(b, &slot, &e), KEEL_ENOTSUP);
    CHECK(strstr(e.msg, "no slot good") != NULL);
    keel_backend_free(b);
}

UNIT_TEST(quick_arm_jumps_when_only_the_unmount_fails)
{
    struct keel_backend *b = host(CMDLINE, UPDATED);
    struct keel_err e;
    char slot;

    CHECK_INT(keel_quick_load(b, &slot, &e), 0);
    /* grubenv is saved: a busy ESP must not turn the jump into a
     * firmware reboot that finds B tried and never started */
    keel_fake_script(b, "umount " ESP, 32, "", "umount: target is busy\n");
    keel_fake_log_clear(b);
    CHECK_INT(keel_quick_arm(b, &slot, &e), 0);
    CHECK(strstr(env_now(b), "B_TRY=1\n") != NULL);
    CHECK(strstr(keel_fake_log(b), "kexec -u") == NULL);
    CHECK_INT(keel_fake_get(b, KEEL_QUICK_FLAG, NULL, NULL, NULL), 0);
    keel_backend_free(b);
}

UNIT_TEST(quick_forget_undoes_only_a_left_load)
{
    struct keel_backend *b = host(CMDLINE, "ORDER=A B\nA_OK=1\nA_TRY=0\n"
                                  "B_OK=0\nB_TRY=0\n");
    struct keel_err e;
    char slot;

    keel_fake_log_clear(b);
    keel_quick_forget(b);
    CHECK(strstr(keel_fake_log(b), "run ") == NULL);
    CHECK_INT(keel_quick_load(b, &slot, &e), 0);
    keel_quick_forget(b);
    CHECK(strstr(keel_fake_log(b), "run kexec -u\n") != NULL);
    CHECK_INT(keel_fake_get(b, KEEL_QUICK_FLAG, NULL, NULL, NULL),
              KEEL_ENOENT);
    keel_backend_free(b);
}
