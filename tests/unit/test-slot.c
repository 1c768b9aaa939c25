/*
 * test-slot.c - the booted slot and mark-good (keel-slot.h) against
 * the fake backend: a fake /proc/cmdline, disks with an ESP, and the
 * ESP's grubenv before and after.
 */
#include <stdio.h>
#include <string.h>

#include "keel-backend-fake.h"
#include "keel-disk.h"
#include "keel-host.h"
#include "keel-slot.h"
#include "slotenv.h"
#include "keel-update.h"
#include "unit.h"

#define ENV KEEL_SLOT_ESP_DIR "/boot/grub/grubenv"

/* sda: an SR disk listed first; sdb: the installed system (esp=sdb2). */
static const char disks[] =
    "disk sda size=107374182400\n"
    "part sda 1 name=keel-sr size=107374182400\n"
    "disk sdb size=21474836480 keel=0.1.0\n";

/* A fake host booted with cmdline whose ESP holds env (NULL: none). */
static struct keel_backend *host(const char *cmdline, const char *env)
{
    struct keel_backend *b = keel_fake_new();
    struct keel_err e;

    CHECK(b != NULL);
    if (!b)
        return NULL;
    if (keel_fake_disk_load(b, disks, strlen(disks), "t", &e))
        unit_fail(__FILE__, __LINE__, "scenario: %s", e.msg);
    keel_fake_put(b, "/proc/cmdline", cmdline, strlen(cmdline), 0444);
    if (env)
        keel_fake_put(b, ENV, env, strlen(env), 0644);
    return b;
}

/* The slot state now on the fake ESP. */
static struct keel_slots slots_now(struct keel_backend *b)
{
    struct keel_slots s = { { 0, 0 }, { -1, -1 }, { -1, -1 } };
    struct keel_grubenv g;
    const char *got = NULL;
    size_t len = 0;

    CHECK_INT(keel_fake_get(b, ENV, &got, &len, NULL), 0);
    CHECK_INT(len, KEEL_GRUBENV_SIZE);
    if (got && keel_grubenv_parse(&g, got, len, NULL) == 0)
        CHECK_INT(keel_slots_get(&s, &g, NULL), 0);
    else
        CHECK(0);
    return s;
}

static int writes(struct keel_backend *b)
{
    int n = 0;

    for (size_t i = 0; i < keel_fake_log_count(b); i++)
        n += strncmp(keel_fake_log_at(b, i), "write ", 6) == 0;
    return n;
}

UNIT_TEST(slot_booted_from_cmdline)
{
    static const struct {
        const char *cmdline;
        int rc;
        char slot;
    } t[] = {
        { "keel.root=PARTLABEL=keel-a\n", 0, 'A' },
        { "console=hvc0 keel.mode=host keel.root=PARTLABEL=keel-b\n", 0,
          'B' },
        /* the first keel.root= counts, as in the boot initramfs */
        { "keel.root=PARTLABEL=keel-b keel.root=PARTLABEL=keel-a", 0, 'B' },
        { "keel.mode=host keel.root=/dev/vda\n", KEEL_ENOENT, 0 },
        { "keel.root=PARTLABEL=keel-ab", KEEL_ENOENT, 0 },
        { "xkeel.root=PARTLABEL=keel-a", KEEL_ENOENT, 0 },
        { "keel.mode=installer console=tty0\n", KEEL_ENOENT, 0 },
    };

    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        struct keel_backend *b = host(t[i].cmdline, NULL);
        struct keel_err e = { "" };
        char slot = 0;

        CHECK_INT(keel_slot_booted(b, &slot, &e), t[i].rc);
        CHECK_INT(slot, t[i].slot);
        if (t[i].rc)
            CHECK(strstr(e.msg, "not booted from a slot") != NULL);
        keel_backend_free(b);
    }
}

UNIT_TEST(slot_booted_message_names_root)
{
    struct keel_backend *b = host("keel.root=/dev/vda quiet\n", NULL);
    struct keel_err e = { "" };
    char slot = 0;

    CHECK_INT(keel_slot_booted(b, &slot, &e), KEEL_ENOENT);
    CHECK_STR(e.msg, "not booted from a slot (keel.root=/dev/vda)");
    keel_backend_free(b);
}

/* After a fallback to A: A first and good, B marked bad, no trial. */
static void check_fell_back_to_a(const struct keel_slots *s)
{
    CHECK_INT(s->order[0], 'A');
    CHECK_INT(s->order[1], 'B');
    CHECK_INT(s->ok[0], 1);
    CHECK_INT(s->try_[0], 0);
    CHECK_INT(s->ok[1], 0);
    CHECK_INT(s->try_[1], 0);
}

UNIT_TEST(slot_settle_table)
{
    struct keel_slots s = { { 'B', 'A' }, { 1, 1 }, { 0, 1 } };

    /* fallback: B first, tried, but A runs */
    CHECK_INT(keel_slot_settle(&s, 'A'), 'B');
    check_fell_back_to_a(&s);
    /* A chosen by hand while B is first and untried: no fallback */
    s = (struct keel_slots){ { 'B', 'A' }, { 1, 1 }, { 0, 0 } };
    CHECK_INT(keel_slot_settle(&s, 'A'), 0);
    CHECK_INT(s.order[0], 'B');
    CHECK_INT(s.ok[1], 1);
    /* B not OK (an update into it was abandoned): not a failed boot */
    s = (struct keel_slots){ { 'B', 'A' }, { 1, 0 }, { 1, 1 } };
    CHECK_INT(keel_slot_settle(&s, 'A'), 0);
    CHECK_INT(s.order[0], 'B');
    CHECK_INT(s.try_[0], 0);
}

UNIT_TEST(slot_mark_good_normal_boot)
{
    struct keel_backend *b =
        host("console=hvc0 keel.mode=host keel.root=PARTLABEL=keel-a\n",
             slot_env("ORDER=A B\nA_OK=1\nA_TRY=1\nB_OK=1\nB_TRY=0\n"));
    struct keel_slot_good r;
    struct keel_err e = { "" };
    struct keel_slots s;

    CHECK_INT(keel_slot_mark_good(b, &r, &e), 0);
    CHECK_STR(e.msg, "");
    CHECK_INT(r.booted, 'A');
    CHECK_INT(r.failed, 0);
    CHECK_INT(r.changed, 1);
    s = slots_now(b);
    CHECK_INT(s.order[0], 'A');
    CHECK_INT(s.ok[0], 1);
    CHECK_INT(s.try_[0], 0);
    CHECK_INT(s.ok[1], 1);
    CHECK_INT(s.try_[1], 0);
    /* the ESP next to keel-a, read-write, unmounted after the write */
    CHECK_STR(keel_fake_log(b),
              "read /proc/cmdline\n"
              "disks \n" /* the fake logs "disks" with no object */
              "run mkdir -p /run/keel/esp\n"
              "run mount -t vfat -o rw /dev/sdb2 /run/keel/esp\n"
              "read " ENV "\n"
              "write " ENV "\n"
              "run umount /run/keel/esp\n"
              /* is there a note of this slot's failure to forget? */
              "read " KEEL_SLOT_FALLBACK "\n");
    /* a normal boot notes nothing */
    CHECK_INT(keel_fake_get(b, KEEL_SLOT_FALLBACK, NULL, NULL, NULL),
              KEEL_ENOENT);
    keel_backend_free(b);
}

/* A mount that never returns (a dead ESP) does not hold the boot up
 * for ever: mark-good fails at the default limit, naming it. */
UNIT_TEST(slot_mark_good_mount_hangs)
{
    struct keel_backend *b =
        host("console=hvc0 keel.mode=host keel.root=PARTLABEL=keel-a\n",
             slot_env("ORDER=A B\nA_OK=1\nA_TRY=1\nB_OK=1\nB_TRY=0\n"));
    struct keel_slot_good r;
    struct keel_err e = { "" };

    CHECK_INT(keel_fake_script(b, "mount*", KEEL_FAKE_HANGS, NULL, NULL), 0);
    CHECK_INT(keel_slot_mark_good(b, &r, &e), KEEL_ECMD);
    CHECK(strstr(e.msg, "mount") != NULL);
    CHECK(strstr(e.msg, "did not finish within 120 s") != NULL);
    keel_backend_free(b);
}

UNIT_TEST(slot_mark_good_first_boot_after_update)
{
    /* the update put B first (OK, untried); GRUB tried it; it runs */
    struct keel_backend *b =
        host("keel.root=PARTLABEL=keel-b\n",
             slot_env("ORDER=B A\nA_OK=1\nA_TRY=0\nB_OK=1\nB_TRY=1\n"));
    struct keel_slot_good r;
    struct keel_slots s;

    CHECK_INT(keel_slot_mark_good(b, &r, NULL), 0);
    CHECK_INT(r.booted, 'B');
    CHECK_INT(r.failed, 0);
    CHECK_INT(r.changed, 1);
    s = slots_now(b);
    CHECK_INT(s.order[0], 'B');
    CHECK_INT(s.order[1], 'A');
    CHECK_INT(s.ok[1], 1);
    CHECK_INT(s.try_[1], 0);
    CHECK_INT(s.ok[0], 1); /* the old slot stays a way back */
    CHECK_INT(s.try_[0], 0);
    keel_backend_free(b);
}

UNIT_TEST(slot_mark_good_fallback)
{
    /* B was tried and never came up; GRUB fell back to A */
    struct keel_backend *b =
        host("keel.root=PARTLABEL=keel-a\n",
             slot_env("ORDER=B A\nA_OK=1\nA_TRY=1\nB_OK=1\nB_TRY=1\n"
                    "saved_entry=keel-b\n"));
    struct keel_slot_good r;
    struct keel_grubenv g;
    struct keel_slots s;
    const char *got = NULL;

    CHECK_INT(keel_slot_mark_good(b, &r, NULL), 0);
    CHECK_INT(r.booted, 'A');
    CHECK_INT(r.failed, 'B');
    CHECK_INT(r.changed, 1);
    s = slots_now(b);
    check_fell_back_to_a(&s);
    /* variables Keel does not own are kept */
    keel_fake_get(b, ENV, &got, NULL, NULL);
    CHECK(got && keel_grubenv_parse(&g, got, strlen(got), NULL) == 0);
    if (got)
        CHECK_STR(keel_grubenv_get(&g, "saved_entry"), "keel-b");
    /* the next boot picks A */
    CHECK_INT(keel_slots_pick(&s), 'A');
    keel_backend_free(b);
}

UNIT_TEST(slot_mark_good_nothing_to_change)
{
    const char *env =
        slot_env("ORDER=A B\nA_OK=1\nA_TRY=0\nB_OK=0\nB_TRY=0\n");
    struct keel_backend *b = host("keel.root=PARTLABEL=keel-a\n", env);
    struct keel_slot_good r;
    const char *got = NULL;

    CHECK_INT(keel_slot_mark_good(b, &r, NULL), 0);
    CHECK_INT(r.booted, 'A');
    CHECK_INT(r.changed, 0);
    CHECK_INT(writes(b), 0);
    CHECK_INT(keel_fake_get(b, ENV, &got, NULL, NULL), 0);
    CHECK_STR(got, env);
    /* unmounted all the same */
    CHECK(strstr(keel_fake_log(b), "run umount /run/keel/esp\n") != NULL);
    /* and a second run after a real change writes nothing either */
    keel_backend_free(b);
    b = host("keel.root=PARTLABEL=keel-a\n",
             slot_env("ORDER=A B\nA_OK=1\nA_TRY=1\n"));
    CHECK_INT(keel_slot_mark_good(b, &r, NULL), 0);
    CHECK_INT(r.changed, 1);
    keel_fake_log_clear(b);
    CHECK_INT(keel_slot_mark_good(b, &r, NULL), 0);
    CHECK_INT(r.changed, 0);
    CHECK_INT(writes(b), 0);
    keel_backend_free(b);
}

UNIT_TEST(slot_mark_good_not_from_slot)
{
    const char *env = slot_env("ORDER=A B\nA_OK=1\nA_TRY=1\n");
    struct keel_backend *b = host("keel.mode=host keel.root=/dev/vda\n",
                                  env);
    struct keel_slot_good r;
    struct keel_err e = { "" };

    CHECK_INT(keel_slot_mark_good(b, &r, &e), KEEL_ENOENT);
    CHECK_STR(e.msg, "not booted from a slot (keel.root=/dev/vda)");
    /* nothing mounted, nothing written */
    CHECK_STR(keel_fake_log(b), "read /proc/cmdline\n");
    keel_backend_free(b);
}

/* A grubenv that is missing, or that GRUB would misread, is written
 * anew: the booted slot good and first, the other not booted by itself
 * (before, mark-good failed and the host waited at the GRUB menu on
 * every boot). */
UNIT_TEST(slot_mark_good_repairs_grubenv)
{
    static const char *const cmd[] = { "keel.root=PARTLABEL=keel-a\n",
                                       "keel.root=PARTLABEL=keel-b\n" };
    const char *env[] = { NULL, slot_env("ORDER=A C\n") };

    for (int i = 0; i < 2; i++) {
        struct keel_backend *b = host(cmd[i], env[i]);
        struct keel_slot_good r;
        struct keel_err e = { "" };
        struct keel_slots s;

        CHECK_INT(keel_slot_mark_good(b, &r, &e), 0);
        CHECK_INT(r.repaired, 1);
        CHECK_INT(r.changed, 1);
        s = slots_now(b);
        CHECK_INT(s.order[0], "AB"[i]);
        CHECK_INT(s.ok[i], 1);
        CHECK_INT(s.ok[1 - i], 0);
        CHECK_INT(s.try_[0] + s.try_[1], 0);
        CHECK_STR(keel_fake_log_at(b, keel_fake_log_count(b) - 1),
                  "read " KEEL_SLOT_FALLBACK);
        keel_backend_free(b);
    }
}

UNIT_TEST(slot_mark_good_errors_unmount)
{
    static const char no_esp[] = "disk sdc size=21474836480\n"
                                 "part sdc 1 name=keel-a size=4294967296\n";
    static const char no_slot[] = "disk sdc size=21474836480\n";
    struct keel_backend *b;
    struct keel_slot_good r;
    struct keel_err e = { "" };
    const char *env = slot_env("ORDER=A B\nA_OK=1\nA_TRY=1\n");
    const char *got = NULL;

    /* the write fails: the old grubenv stays, the ESP is unmounted */
    b = host("keel.root=PARTLABEL=keel-a\n", env);
    keel_fake_fail(b, "write", ENV, KEEL_EIO);
    CHECK_INT(keel_slot_mark_good(b, &r, &e), KEEL_EIO);
    CHECK_INT(keel_fake_get(b, ENV, &got, NULL, NULL), 0);
    CHECK_STR(got, env);
    CHECK_STR(keel_fake_log_at(b, keel_fake_log_count(b) - 1),
              "run umount /run/keel/esp");
    keel_backend_free(b);


    /* the mount fails: nothing else happens */
    b = host("keel.root=PARTLABEL=keel-a\n", env);
    keel_fake_script(b, "mount *", 32, NULL, "mount: wrong fs type\n");
    CHECK_INT(keel_slot_mark_good(b, &r, &e), KEEL_ECMD);
    CHECK(strstr(keel_fake_log(b), "umount") == NULL);
    CHECK_INT(writes(b), 0);
    keel_backend_free(b);

    /* a slot partition but no ESP on its disk */
    b = host("keel.root=PARTLABEL=keel-a\n", env);
    CHECK_INT(keel_fake_disk_load(b, no_esp, strlen(no_esp), "t", NULL),
              0);
    CHECK_INT(keel_slot_mark_good(b, &r, &e), KEEL_ENOENT);
    CHECK(strstr(e.msg, "esp") != NULL);
    CHECK(strstr(keel_fake_log(b), "mount") == NULL);
    keel_backend_free(b);

    /* no disk holds the slot */
    b = host("keel.root=PARTLABEL=keel-b\n", env);
    CHECK_INT(keel_fake_disk_load(b, no_slot, strlen(no_slot), "t",
                                  NULL), 0);
    CHECK_INT(keel_slot_mark_good(b, &r, &e), KEEL_ENOENT);
    CHECK(strstr(e.msg, "keel-b") != NULL);
    keel_backend_free(b);
}

/* A fallback host: B tried and never came up, A (0.1.0) runs again. */
static struct keel_backend *fallen_back(void)
{
    static const char versions[] = "A 0.1.0\nB 0.2.0\n";
    struct keel_backend *b =
        host("keel.root=PARTLABEL=keel-a\n",
             slot_env("ORDER=B A\nA_OK=1\nA_TRY=1\nB_OK=1\nB_TRY=1\n"));

    keel_fake_put(b, KEEL_SLOT_VERSIONS, versions, strlen(versions), 0644);
    keel_fake_put(b, KEEL_VERSION_FILE, "0.1.0\n", 6, 0644);
    return b;
}

/* The index of log line want, or -1. */
static int log_index(struct keel_backend *b, const char *want)
{
    for (size_t i = 0; i < keel_fake_log_count(b); i++)
        if (strcmp(keel_fake_log_at(b, i), want) == 0)
            return (int)i;
    return -1;
}

UNIT_TEST(slot_mark_good_fallback_noted)
{
    static const char want[] = "failed_slot=B\nfailed_version=0.2.0\n"
                               "running_slot=A\nrunning_version=0.1.0\n"
                               "at=20";
    struct keel_backend *b = fallen_back();
    struct keel_slot_fallback f;
    struct keel_slot_good r;
    struct keel_err e = { "" };
    const char *got = NULL;
    char text[160];

    CHECK_INT(keel_slot_mark_good(b, &r, &e), 0);
    CHECK_INT(r.failed, 'B');
    /* noted before grubenv forgets it */
    CHECK(log_index(b, "write " KEEL_SLOT_FALLBACK) >= 0);
    CHECK(log_index(b, "write " KEEL_SLOT_FALLBACK) <
          log_index(b, "write " ENV));
    CHECK_INT(keel_fake_get(b, KEEL_SLOT_FALLBACK, &got, NULL, NULL), 0);
    CHECK(got && strncmp(got, want, strlen(want)) == 0);
    CHECK_INT(keel_slot_fallback_read(b, &f, &e), 0);
    CHECK_INT(f.failed, 'B');
    CHECK_INT(f.running, 'A');
    CHECK_INT(strlen(f.at), 20); /* 2025-01-02T03:04:05Z */
    CHECK_INT(f.at[19], 'Z');
    keel_slot_fallback_text(&f, text, sizeof(text));
    CHECK_STR(text, "Update to slot B (0.2.0) failed to boot; running slot "
                    "A (0.1.0) again.");
    /* the next boots of A keep it and write nothing */
    keel_fake_log_clear(b);
    CHECK_INT(keel_slot_mark_good(b, &r, &e), 0);
    CHECK_INT(r.failed, 0);
    CHECK_INT(writes(b), 0);
    CHECK_INT(keel_fake_get(b, KEEL_SLOT_FALLBACK, NULL, NULL, NULL), 0);
    keel_backend_free(b);
}

UNIT_TEST(slot_mark_good_note_fails_env_settled)
{
    struct keel_backend *b = fallen_back();
    struct keel_slot_good r;
    struct keel_err e = { "" };
    struct keel_slots s;

    keel_fake_fail(b, "write", KEEL_SLOT_FALLBACK, KEEL_EIO);
    CHECK_INT(keel_slot_mark_good(b, &r, &e), KEEL_EIO);
    CHECK(strstr(e.msg, "slot B failed to boot and is marked bad, but the "
                        "console cannot be told: cannot write") == e.msg);
    CHECK_INT(r.failed, 'B');
    /* GRUB must not try B again because the note failed */
    s = slots_now(b);
    CHECK_INT(s.order[0], 'A');
    CHECK_INT(s.ok[1], 0);
    keel_backend_free(b);
}

UNIT_TEST(slot_mark_good_forgets_only_fixed_slot)
{
    static const char note[] = "failed_slot=B\nrunning_slot=A\n";
    const char *env = slot_env("ORDER=B A\nA_OK=1\nB_OK=1\nB_TRY=1\n");
    struct keel_backend *b;
    struct keel_slot_good r;

    /* B was written again and now boots: the note is stale */
    b = host("keel.root=PARTLABEL=keel-b\n", env);
    keel_fake_put(b, KEEL_SLOT_FALLBACK, note, strlen(note), 0644);
    CHECK_INT(keel_slot_mark_good(b, &r, NULL), 0);
    CHECK_INT(keel_fake_get(b, KEEL_SLOT_FALLBACK, NULL, NULL, NULL),
              KEEL_ENOENT);
    keel_backend_free(b);
    /* A boots (chosen by hand): B's failure still stands */
    b = host("keel.root=PARTLABEL=keel-a\n",
             slot_env("ORDER=A B\nA_OK=1\nA_TRY=1\nB_OK=0\n"));
    keel_fake_put(b, KEEL_SLOT_FALLBACK, note, strlen(note), 0644);
    CHECK_INT(keel_slot_mark_good(b, &r, NULL), 0);
    CHECK_INT(keel_fake_get(b, KEEL_SLOT_FALLBACK, NULL, NULL, NULL), 0);
    keel_backend_free(b);
}

UNIT_TEST(slot_fallback_read_clear)
{
    static const struct {
        const char *file; /* NULL: none */
        int rc;
        char failed;
    } t[] = {
        { NULL, 0, 0 },
        { "failed_slot=A\nrunning_slot=B\n", 0, 'A' },
        /* keys a later version adds are passed over */
        { "failed_slot=B\nreason=watchdog\nrunning_slot=A\nat=x\n", 0, 'B' },
        { "failed_slot=B\nrunning_slot=B\n", KEEL_EINVAL, 0 },
        { "failed_slot=BA\nrunning_slot=A\n", KEEL_EINVAL, 0 },
        { "", KEEL_EINVAL, 0 },
    };
    struct keel_slot_fallback f;
    struct keel_err e = { "" };
    int cleared = -1;

    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        struct keel_backend *b = keel_fake_new();

        if (t[i].file)
            keel_fake_put(b, KEEL_SLOT_FALLBACK, t[i].file,
                          strlen(t[i].file), 0644);
        CHECK_INT(keel_slot_fallback_read(b, &f, &e), t[i].rc);
        CHECK_INT(f.failed, t[i].failed);
        /* clearing: removed once, then nothing to clear (no error) */
        CHECK_INT(keel_slot_fallback_clear(b, &cleared, &e), 0);
        CHECK_INT(cleared, t[i].file != NULL);
        CHECK_INT(keel_slot_fallback_clear(b, &cleared, &e), 0);
        CHECK_INT(cleared, 0);
        CHECK_INT(keel_fake_get(b, KEEL_SLOT_FALLBACK, NULL, NULL, NULL),
                  KEEL_ENOENT);
        keel_backend_free(b);
    }
}

UNIT_TEST(slot_fallback_note_fixed_time)
{
    struct keel_backend *b = keel_fake_new();
    struct keel_slot_fallback f;
    char text[160];

    /* no version files: the sentence leaves the versions out */
    CHECK_INT(keel_slot_fallback_note(b, 'A', 'B', 86400 * 366, NULL), 0);
    CHECK_INT(keel_slot_fallback_read(b, &f, NULL), 0);
    CHECK_STR(f.at, "1971-01-02T00:00:00Z");
    CHECK_STR(f.failed_version, "");
    keel_slot_fallback_text(&f, text, sizeof(text));
    CHECK_STR(text, "Update to slot A failed to boot; running slot B "
                    "again.");
    keel_backend_free(b);
}

/* Two disks holding Keel: the one the slot booted from (medium=1, from
 * /run/keel/boot-device) is the one mark-good and updates touch, not
 * the first one listed; a boot disk without the slot is an error. */
UNIT_TEST(slot_devices_on_the_boot_disk)
{
    static const char two[] =
        "disk sda size=21474836480 keel=0.0.9\n"
        "disk sdb size=21474836480 keel=0.1.0 medium=1\n";
    static const char wrong[] =
        "disk sda size=21474836480 keel=0.1.0\n"
        "disk sdb size=21474836480 medium=1\n"
        "part sdb 1 name=data size=21474836480\n";
    static const char none[] = "disk sdb size=21474836480\n"
                               "part sdb 1 name=data size=21474836480\n";
    struct keel_backend *b = keel_fake_new();
    struct keel_err e = { "" };
    char esp[64], part[2][64];

    CHECK_INT(keel_fake_disk_load(b, two, strlen(two), "t", &e), 0);
    CHECK_INT(keel_slot_devices(b, 'B', esp, part, &e), 0);
    CHECK_STR(esp, "/dev/sdb2");
    CHECK_STR(part[0], "/dev/sdb3");
    CHECK_STR(part[1], "/dev/sdb4");
    CHECK_INT(keel_fake_disk_load(b, wrong, strlen(wrong), "t", &e), 0);
    CHECK_INT(keel_slot_devices(b, 'A', esp, part, &e), KEEL_ENOENT);
    CHECK_STR(e.msg, "the boot disk /dev/sdb holds no partition named "
              "keel-a (the booted slot)");
    CHECK_INT(keel_fake_disk_load(b, none, strlen(none), "t", &e), 0);
    CHECK_INT(keel_slot_devices(b, 'A', esp, part, &e), KEEL_ENOENT);
    CHECK_STR(e.msg, "no disk holds a partition named keel-a (the booted "
              "slot)");
    keel_backend_free(b);
}
