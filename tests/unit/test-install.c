/*
 * test-install.c - answers -> plan -> apply against the fake backend:
 * golden plan, golden call log, grub.cfg, grubenv and settings written,
 * faults stopping at their stage, refusals, upgrade.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keel-backend-fake.h"
#include "keel-install.h"
#include "instplan.h"
#include "unit.h"

UNIT_TEST(install_plan_golden)
{
    struct keel_backend *b = inst_host();
    struct keel_answers a;
    struct keel_plan p;
    struct keel_problems pr;
    char *text = NULL;

    CHECK_INT(inst_plan_from(b, "answers-static.xml", &a, &p, &pr), 0);
    CHECK_INT(pr.n, 0);
    CHECK_INT(keel_plan_format(&p, &text, NULL), 0);
    if (text)
        CHECK_GOLDEN("install/plan-install.txt", text);
    free(text);
    CHECK_GOLDEN("install/grub.cfg", p.grubcfg ? p.grubcfg : "");
    keel_plan_fini(&p);
    keel_answers_fini(&a);
    keel_backend_free(b);
}

/* An XCP-ng file in the schema's forms (<guest-disks>, <nameserver>,
 * <ip>, <subnet-mask>, gueststorage=, a network <source>): the plan
 * has both guest disks in the SR and DNS set; the only problem is the
 * warning that the repository is not used. */
UNIT_TEST(install_plan_xcp_schema_forms)
{
    struct keel_backend *b = inst_host();
    struct keel_answers a;
    struct keel_plan p;
    struct keel_problems pr;
    char *text = NULL;

    CHECK_INT(inst_plan_from(b, "answers-xcp-schema.xml", &a, &p, &pr), 0);
    CHECK_INT(pr.n, 1);
    CHECK_INT(pr.nerrors, 0);
    CHECK(pr.n == 1 && strstr(pr.p[0].msg, "that repository is not used"));
    CHECK_INT(pr.n ? pr.p[0].line : 0, 11);
    CHECK_INT(keel_plan_format(&p, &text, NULL), 0);
    if (text)
        CHECK_GOLDEN("install/plan-xcp-schema.txt", text);
    free(text);
    keel_plan_fini(&p);
    keel_answers_fini(&a);
    keel_backend_free(b);
}

static int stages_seen;

static void on_stage(void *ctx, int n, int total, const char *name,
                     double fraction)
{
    (void)ctx;
    (void)name;
    CHECK(n >= 1 && n <= total && fraction >= 0 && fraction <= 1);
    if (fraction == 0)
        stages_seen++;
}

UNIT_TEST(install_apply_golden_log)
{
    struct keel_backend *b = inst_host();
    struct keel_answers a;
    struct keel_plan p;
    struct keel_problems pr;
    struct keel_apply_fail f;
    const char *got;

    CHECK_INT(inst_plan_from(b, "answers-static.xml", &a, &p, &pr), 0);
    keel_fake_log_clear(b);
    stages_seen = 0;
    CHECK_INT(keel_install_apply(b, &p, on_stage, NULL, &f), 0);
    CHECK_INT(stages_seen, 8);
    CHECK_GOLDEN("install/apply-install.log", keel_fake_log(b));
    CHECK_INT(keel_fake_get(b, "/run/keel/target/esp/boot/grub/grubenv",
                            &got, NULL, NULL), 0);
    {
        static const char want[] = "# GRUB Environment Block\nORDER=A B\n"
                                   "A_OK=1\nA_TRY=0\nB_OK=0\nB_TRY=0\n#";

        CHECK(got && !strncmp(got, want, sizeof(want) - 1));
    }
    CHECK_INT(keel_fake_get(b, "/run/keel/target/state/etc/host.conf",
                            &got, NULL, NULL), 0);
    CHECK(got && strstr(got, "\nmgmt.nic=eth0\n") &&
          strstr(got, "\nmgmt.address=10.0.2.15\n") &&
          strstr(got, "\nhostname=keel-e2e\n"));
    CHECK_INT(keel_fake_get(b, "/run/keel/target/state/etc/shadow", &got,
                            NULL, NULL), 0);
    CHECK(got && !strncmp(got, "root:$6$saltsalt$", 17));
    CHECK_INT(keel_fake_get(b, "/run/keel/target/state/lib/slot-versions",
                            &got, NULL, NULL), 0);
    CHECK_STR(got ? got : "", "A 0.1.0\nB -\n");
    CHECK_INT(keel_fake_get(b, "/run/keel/target/state/log/"
                            "keel-install.log", &got, NULL, NULL), 0);
    CHECK(got && strstr(got, "== stage 8/8: finish"));
    keel_plan_fini(&p);
    keel_answers_fini(&a);
    keel_backend_free(b);
}

UNIT_TEST(install_apply_fault_stops_at_stage)
{
    struct keel_backend *b = inst_host();
    struct keel_answers a;
    struct keel_plan p;
    struct keel_problems pr;
    struct keel_apply_fail f;

    CHECK_INT(inst_plan_from(b, "answers-static.xml", &a, &p, &pr), 0);
    keel_fake_script(b, "mkfs.fat*", 1, NULL, "mkfs.fat: unable to open "
                     "/dev/sda2: No such device\n");
    keel_fake_log_clear(b);
    CHECK_INT(keel_install_apply(b, &p, NULL, NULL, &f), KEEL_ECMD);
    CHECK_STR(f.stage, "file systems");
    CHECK_STR(f.command, "mkfs.fat -F 32 -n KEEL-ESP /dev/sda2");
    CHECK(strstr(f.output, "No such device") != NULL);
    CHECK(strstr(keel_fake_log(b), "mke2fs") == NULL);
    CHECK(strstr(keel_fake_log(b), "image ") == NULL);
    /* A fault in the image write: stage named, nothing after it. */
    keel_fake_fail_clear(b);
    keel_fake_log_clear(b);
    keel_plan_fini(&p);
    keel_answers_fini(&a);
    keel_backend_free(b);
    b = inst_host();
    CHECK_INT(inst_plan_from(b, "answers-static.xml", &a, &p, &pr), 0);
    CHECK_INT(keel_fake_fail(b, "image", "*", KEEL_EIO), 0);
    CHECK_INT(keel_install_apply(b, &p, NULL, NULL, &f), KEEL_EIO);
    CHECK_STR(f.stage, "dom0 image");
    CHECK(strstr(keel_fake_log(b), "pvcreate") == NULL);
    keel_plan_fini(&p);
    keel_answers_fini(&a);
    keel_backend_free(b);
}

/* Problems of the plan, not of the file: they name their lines. */
UNIT_TEST(install_plan_refusals)
{
    static const char text[] =
        "<installation>\n"
        "<primary-disk>sdc</primary-disk>\n"
        "<guest-disk>sdd</guest-disk>\n"
        "<guest-disk>sdq</guest-disk>\n"
        "<root-password>longenough</root-password>\n"
        "<admin-interface name=\"eth7\" proto=\"dhcp\"/>\n"
        "</installation>\n";
    struct keel_backend *b = inst_host();
    struct keel_answers a;
    struct keel_plan p;
    struct keel_problems pr;
    struct keel_err e;
    char *s;

    keel_problems_init(&pr);
    CHECK_INT(keel_answers_init(&a, NULL), 0);
    CHECK_INT(keel_answers_parse(&a, text, strlen(text), &pr), 0);
    keel_fake_log_clear(b);
    CHECK_INT(keel_plan_make(b, &a, &p, &pr, &e), KEEL_EINVAL);
    s = keel_problems_format(&pr, "a.xml");
    CHECK(s && strstr(s, "a.xml:2: error: primary disk sdc: the disk is "
                         "too small: 8.0 GiB"));
    CHECK(s && strstr(s, "a.xml:3: error: guest disk sdd: it holds the "
                         "installer medium"));
    CHECK(s && strstr(s, "a.xml:4: error: guest disk 'sdq': no such disk "
                         "(disks found: sda, sdb, sdc, sdd)"));
    CHECK(s && strstr(s, "a.xml:6: error: management interface 'eth7'"));
    free(s);
    /* Planning wrote nothing (it reads, and hashes the image). */
    for (size_t i = 0; i < keel_fake_log_count(b); i++) {
        const char *l = keel_fake_log_at(b, i);

        if (strncmp(l, "disks", 5) && strncmp(l, "nics", 4) &&
            strncmp(l, "stat ", 5) && strncmp(l, "read ", 5) &&
            strncmp(l, "sha256 ", 7) && strncmp(l, "run lvm pvs ", 12))
            unit_fail(__FILE__, __LINE__, "planning did: %s", l);
    }
    keel_plan_fini(&p);
    keel_answers_fini(&a);
    keel_backend_free(b);
}

UNIT_TEST(install_upgrade_switches_slot)
{
    static const char env[] = "# GRUB Environment Block\nORDER=A B\n"
                              "A_OK=1\nA_TRY=0\nB_OK=0\nB_TRY=0\n";
    static const char text[] = "<installation mode=\"upgrade\">\n"
                               "<existing-installation>sda"
                               "</existing-installation>\n"
                               "</installation>\n";
    static const char scen[] = "disk sda size=21474836480 keel=0.0.9\n";
    struct keel_backend *b = inst_host();
    struct keel_answers a;
    struct keel_plan p;
    struct keel_problems pr;
    struct keel_apply_fail f;
    struct keel_grubenv g;
    struct keel_slots s;
    const char *got;
    char *t = NULL;

    CHECK_INT(keel_fake_disk_load(b, scen, sizeof(scen) - 1, "s", NULL), 0);
    keel_fake_put(b, "/run/keel/target/esp/boot/grub/grubenv", env,
                  sizeof(env) - 1, 0644);
    keel_problems_init(&pr);
    CHECK_INT(keel_answers_init(&a, NULL), 0);
    CHECK_INT(keel_answers_parse(&a, text, strlen(text), &pr), 0);
    CHECK_INT(keel_plan_make(b, &a, &p, &pr, NULL), 0);
    CHECK_INT(p.slot, 'B');
    CHECK_INT(keel_plan_format(&p, &t, NULL), 0);
    if (t)
        CHECK_GOLDEN("install/plan-upgrade.txt", t);
    free(t);
    keel_fake_log_clear(b);
    CHECK_INT(keel_install_apply(b, &p, NULL, NULL, &f), 0);
    CHECK_GOLDEN("install/apply-upgrade.log", keel_fake_log(b));
    CHECK_INT(keel_fake_get(b, "/run/keel/target/esp/boot/grub/grubenv",
                            &got, NULL, NULL), 0);
    CHECK_INT(keel_grubenv_parse(&g, got, strlen(got), NULL), 0);
    CHECK_INT(keel_slots_get(&s, &g, NULL), 0);
    CHECK_INT(keel_slots_active(&s), 'B');
    CHECK_INT(s.ok[0], 1);
    CHECK_INT(s.ok[1], 1);
    /* The SR untouched; on keel-state only slot B's version changes. */
    CHECK(strstr(keel_fake_log(b), "lvm") == NULL);
    CHECK(strstr(keel_fake_log(b), "mke2fs") == NULL);
    for (size_t i = 0; i < keel_fake_log_count(b); i++) {
        const char *l = keel_fake_log_at(b, i);

        if (!strncmp(l, "write /run/keel/target/state", 28))
            CHECK_STR(l, "write /run/keel/target/state/lib/slot-versions");
    }
    CHECK_INT(keel_fake_get(b, "/run/keel/target/state/lib/slot-versions",
                            &got, NULL, NULL), 0);
    CHECK_STR(got ? got : "", "A 0.0.9\nB 0.1.0\n");
    keel_plan_fini(&p);
    keel_answers_fini(&a);
    keel_backend_free(b);
}

/* The medium's image is checked against its signed header, as an
 * update bundle is: a changed byte, a missing header or a key the image
 * does not trust stops the plan with the reason. */
UNIT_TEST(install_plan_verifies_medium_image)
{
    static const struct {
        const char *path;
        int change; /* 0 remove the file, 1 change a byte */
        const char *want;
    } t[] = {
        { KEEL_MEDIUM_IMAGE, 1, "does not verify: the payload's SHA-256" },
        { KEEL_MEDIUM_HEADER, 0, "does not verify: cannot open" },
        { "/usr/share/keel/keys/development.pem", 0, "does not trust" },
    };

    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        struct keel_backend *b = inst_host();
        struct keel_answers a;
        struct keel_plan p;
        struct keel_problems pr;
        const char *data;
        size_t len;
        char *s = NULL, *copy;

        CHECK_INT(keel_fake_get(b, t[i].path, &data, &len, NULL), 0);
        copy = malloc(len + 1);
        memcpy(copy, data, len);
        copy[10] ^= 1;
        if (t[i].change)
            keel_fake_put(b, t[i].path, copy, len, 0644);
        else
            keel_backend_remove(b, t[i].path, NULL);
        free(copy);
        CHECK(inst_plan_from(b, "answers-static.xml", &a, &p, &pr) != 0);
        s = keel_problems_format(&pr, "a.xml");
        if (!s || !strstr(s, t[i].want))
            unit_fail(__FILE__, __LINE__, "case %zu: '%s' lacks '%s'", i,
                      s ? s : "", t[i].want);
        free(s);
        keel_plan_fini(&p);
        keel_answers_fini(&a);
        keel_backend_free(b);
    }
}

/* An answer file erases a disk holding Keel only when it says so
 * (mode="reinstall"): a KEEL-AUTO stick left in would otherwise erase
 * the host on every boot.  A blank disk needs nothing. */
#define KV "%sdisk=%s\nroot-password=longenough\nmgmt.nic=eth0\n" \
           "mgmt.mode=dhcp\n"
#define XML "<installation%s>\n<primary-disk>%s</primary-disk>\n" \
            "<root-password>longenough</root-password>\n" \
            "<admin-interface name=\"eth0\" proto=\"dhcp\"/>\n" \
            "</installation>\n"
enum { kv, xml };
static const struct reinstall_case {
    int form;
    const char *mode, *disk;
    int rc;
    const char *want;
} reinstall_cases[] = {
    { kv, "", "sda", KEEL_EINVAL, "f:1: error: primary disk sda holds "
      "Keel 0.0.9: to erase it and install afresh write "
      "mode=reinstall, or mode=upgrade with existing=sda to keep its "
      "settings and VMs\n" },
    { kv, "mode=install\n", "sda", KEEL_EINVAL, "f:2: error: primary "
      "disk sda holds Keel 0.0.9" },
    { kv, "mode=reinstall\n", "sda", 0, "" },
    { kv, "guest-disk=sda\n", "sdb", KEEL_EINVAL, "f:1: error: guest "
      "disk sda holds Keel 0.0.9" },
    { kv, "", "sdb", 0, "" },
    { xml, "", "sda", KEEL_EINVAL, "f:2: error: primary disk sda holds "
      "Keel 0.0.9: to erase it and install afresh write <installation "
      "mode=\"reinstall\">, or mode=\"upgrade\" with "
      "<existing-installation>sda</existing-installation> to keep its "
      "settings and VMs\n" },
    { xml, " mode=\"fresh\"", "sda", KEEL_EINVAL, "holds Keel 0.0.9" },
    { xml, " mode=\"reinstall\"", "sda", 0, "" },
    { xml, "", "sdb", 0, "" },
};

UNIT_TEST(install_plan_keel_disk_needs_reinstall)
{
    static const char scen[] = "disk sda size=21474836480 keel=0.0.9\n"
                               "disk sdb size=21474836480\n"
                               "nic eth0 mac=52:54:00:12:34:56\n";

    for (size_t i = 0; i < sizeof(reinstall_cases) /
                            sizeof(reinstall_cases[0]); i++) {
        const struct reinstall_case *c = &reinstall_cases[i];
        struct keel_backend *b = inst_host();
        struct keel_answers a;
        struct keel_plan p;
        struct keel_problems pr;
        char text[600], *s;
        int rc;

        CHECK_INT(keel_fake_disk_load(b, scen, sizeof(scen) - 1, "s",
                                      NULL), 0);
        if (c->form == xml)
            snprintf(text, sizeof(text), XML, c->mode, c->disk);
        else
            snprintf(text, sizeof(text), KV, c->mode, c->disk);
        keel_problems_init(&pr);
        CHECK_INT(keel_answers_init(&a, NULL), 0);
        CHECK_INT(keel_answers_parse(&a, text, strlen(text), &pr), 0);
        rc = keel_plan_make(b, &a, &p, &pr, NULL);
        s = keel_problems_format(&pr, "f");
        if (rc != c->rc || !s || !strstr(s, c->want) ||
            (!c->rc && pr.nerrors))
            unit_fail(__FILE__, __LINE__, "case %zu: %d \"%s\"", i, rc,
                      s ? s : "");
        free(s);
        keel_plan_fini(&p);
        keel_answers_fini(&a);
        keel_backend_free(b);
    }
}

/* The plan names the other disks holding Keel, left as they are. */
UNIT_TEST(install_plan_names_other_keel_disks)
{
    static const char scen[] = "disk sda size=21474836480 keel=0.0.9\n"
                               "disk sdb size=21474836480\n"
                               "nic eth0 mac=52:54:00:12:34:56\n";
    static const char *const disks[] = { "sdb", "sda" };
    static const char *const want[] = {
        "also holding Keel, left as they are (the host boots only from "
        "/dev/sdb): /dev/sda (Keel 0.0.9)\n", NULL };

    for (int i = 0; i < 2; i++) {
        struct keel_backend *b = inst_host();
        struct keel_answers a;
        struct keel_plan p;
        struct keel_problems pr;
        char text[600], *plan = NULL;

        CHECK_INT(keel_fake_disk_load(b, scen, sizeof(scen) - 1, "s",
                                      NULL), 0);
        snprintf(text, sizeof(text), KV, "mode=reinstall\n", disks[i]);
        keel_problems_init(&pr);
        CHECK_INT(keel_answers_init(&a, NULL), 0);
        CHECK_INT(keel_answers_parse(&a, text, strlen(text), &pr), 0);
        CHECK_INT(keel_plan_make(b, &a, &p, &pr, NULL), 0);
        CHECK_INT(keel_plan_format(&p, &plan, NULL), 0);
        if (want[i])
            CHECK(plan && strstr(plan, want[i]));
        else
            CHECK(plan && !strstr(plan, "also holding Keel"));
        free(plan);
        keel_plan_fini(&p);
        keel_answers_fini(&a);
        keel_backend_free(b);
    }
}
/* The plan warns of a keel-sr group on a disk it leaves alone. */
static const struct vg_case {
    const char *disks; /* "disk=sda\n" and guest-disk lines */
    int status;        /* of lvm pvs */
    const char *want;  /* in the plan; "" none */
} vg_cases[] = {
    { "sda\n", 0, "volume group keel-sr of another install on /dev/sdc "
      "(and on /dev/sda, erased by this install): left as it is" },
    { "sdb\n", 0, "volume group keel-sr of another install on /dev/sda, "
      "/dev/sdc: left as it is, but two groups of one name confuse LVM; "
      "add the disk as a guest disk to erase it, or remove the group "
      "first (vgremove keel-sr)\n" },
    { "sda\nguest-disk=sdc\n", 0, "" },
    { "sdb\n", 5, "" },
};

UNIT_TEST(install_plan_names_other_sr_group)
{
    static const char scen[] = "disk sda size=21474836480\n"
                               "disk sdb size=21474836480\n"
                               "disk sdc size=21474836480\n"
                               "nic eth0 mac=52:54:00:12:34:56\n";

    for (size_t i = 0; i < sizeof(vg_cases) / sizeof(vg_cases[0]); i++) {
        const struct vg_case *c = &vg_cases[i];
        struct keel_backend *b = inst_host();
        struct keel_answers a;
        struct keel_plan p;
        struct keel_problems pr;
        char text[600], *plan = NULL;

        CHECK_INT(keel_fake_disk_load(b, scen, sizeof(scen) - 1, "s",
                                      NULL), 0);
        keel_fake_script(b, "lvm pvs *", c->status, "  /dev/sda3:keel-sr\n"
                         "  /dev/sdb1:data\n  /dev/sdc:keel-sr\n", NULL);
        snprintf(text, sizeof(text), KV, "", c->disks);
        keel_problems_init(&pr);
        CHECK_INT(keel_answers_init(&a, NULL), 0);
        CHECK_INT(keel_answers_parse(&a, text, strlen(text), &pr), 0);
        CHECK_INT(keel_plan_make(b, &a, &p, &pr, NULL), 0);
        CHECK_INT(keel_plan_format(&p, &plan, NULL), 0);
        if (!plan || (c->want[0] ? !strstr(plan, c->want)
                                 : !!strstr(plan, "of another install")))
            unit_fail(__FILE__, __LINE__, "case %zu: %s", i,
                      plan ? plan : "");
        free(plan);
        keel_plan_fini(&p);
        keel_answers_fini(&a);
        keel_backend_free(b);
    }
}
#undef KV
#undef XML
