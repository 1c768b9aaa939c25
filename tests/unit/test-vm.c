/*
 * test-vm.c - VM list and operations against the fake backend
 * (keel-vm.h).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keel-backend-fake.h"
#include "instplan.h"
#include "keel-host.h"
#include "keel-vm.h"
#include "unit.h"

static const char scenario[] =
    "xen 4.17.5 4 2400 16384 12288\n"
    "vm web running 1024 2 3700\n"
    "vm db paused 2048 1 60\n"
    "vg keel-sr 100G 90G\n"
    "file /etc/libvirt/libxl/web.xml <domain type='xen'><name>web</name>"
    "<memory unit='MiB'>1024</memory></domain>\\n\n"
    "file /etc/libvirt/libxl/old.xml <domain type='xen'><name>old</name>"
    "<memory unit='KiB'>524288</memory><vcpu placement='static'>3</vcpu>"
    "</domain>\\n\n"
    "file /usr/share/keel/templates/pv.xml <domain><name>@NAME@</name>"
    "<memory unit='MiB'>@MEMORY@</memory><vcpu>@VCPUS@</vcpu>"
    "<source dev='@DISK@'/><mac address='@MAC@'/></domain>\\n\n";

static struct keel_backend *fake_host(void)
{
    struct keel_backend *b = keel_fake_new();
    struct keel_err e;

    if (keel_fake_xen_load(b, scenario, strlen(scenario), "t", &e))
        unit_fail(__FILE__, __LINE__, "scenario: %s", e.msg);
    return b;
}

UNIT_TEST(vm_list_merges_configs_and_domains)
{
    struct keel_backend *b = fake_host();
    struct keel_vms l;
    struct keel_err e;

    CHECK_INT(keel_vm_list(b, &l, &e), 0);
    CHECK_INT(l.n, 3);
    CHECK_STR(l.v[0].name, "db");
    CHECK_INT(l.v[0].state, KEEL_VM_PAUSED);
    CHECK_INT(l.v[0].defined, 0);
    CHECK_STR(l.v[1].name, "old");
    CHECK_INT(l.v[1].state, KEEL_VM_HALTED);
    CHECK(l.v[1].mem_kib == 512 * 1024);
    CHECK_INT(l.v[1].vcpus, 3);
    CHECK_STR(l.v[2].name, "web");
    CHECK_INT(l.v[2].state, KEEL_VM_RUNNING);
    CHECK_INT(l.v[2].defined, 1);
    CHECK_INT(l.v[2].uptime_s, 3700);
    keel_vms_free(&l);
    keel_backend_free(b);
}

UNIT_TEST(vm_start_control_console)
{
    struct keel_backend *b = fake_host();
    struct keel_vms l;
    struct keel_err e;

    keel_fake_log_clear(b);
    CHECK_INT(keel_vm_start(b, "old", &e), 0);
    CHECK_INT(keel_vm_start(b, "old", &e), KEEL_EEXIST);
    CHECK_INT(keel_vm_start(b, "nope", &e), KEEL_ENOENT);
    CHECK_INT(keel_vm_control(b, "web", KEEL_DOM_SHUTDOWN, &e), 0);
    CHECK_INT(keel_vm_control(b, "web", KEEL_DOM_SHUTDOWN, &e),
              KEEL_ENOENT);
    CHECK_INT(keel_vm_control(b, "db", KEEL_DOM_UNPAUSE, &e), 0);
    CHECK_INT(keel_vm_control(b, "db", KEEL_DOM_DESTROY, &e), 0);
    CHECK_INT(keel_vm_control(b, "../x", KEEL_DOM_DESTROY, &e),
              KEEL_EINVAL);
    CHECK_INT(keel_vm_console(b, "old", &e), 0);
    CHECK_INT(keel_vm_console(b, "db", &e), KEEL_ENOENT);
    CHECK(strstr(keel_fake_log(b), "run virsh start old\n") != NULL);
    CHECK(strstr(keel_fake_log(b), "run xl shutdown web\n") != NULL);
    CHECK(strstr(keel_fake_log(b), "run xl unpause db\nrun xl destroy db\n")
          != NULL);
    CHECK(strstr(keel_fake_log(b), "run xl console old\n") != NULL);
    CHECK_INT(keel_vm_list(b, &l, &e), 0);
    /* db had no definition (made by xl create): once off, it is gone */
    CHECK_INT(l.n, 2);
    if (l.n == 2) {
        CHECK_STR(l.v[0].name, "old");
        CHECK_INT(l.v[0].state, KEEL_VM_RUNNING);
        CHECK_INT(l.v[0].vcpus, 3);
        CHECK_INT(l.v[1].state, KEEL_VM_HALTED);
    }
    keel_vms_free(&l);
    /* an injected libxl failure reaches the caller */
    keel_fake_fail(b, "run", "xl pause*", KEEL_ECMD);
    CHECK_INT(keel_vm_control(b, "old", KEEL_DOM_PAUSE, &e), KEEL_ECMD);
    keel_backend_free(b);
}

UNIT_TEST(vm_create_and_delete)
{
    struct keel_backend *b = fake_host();
    struct keel_err e;
    const char *xml;

    CHECK_INT(keel_vm_create(b, "new1", "pv", 256, 2, 8ull << 30, &e), 0);
    CHECK_INT(keel_fake_get(b, "/etc/libvirt/libxl/new1.xml", &xml, NULL,
                            NULL), 0);
    CHECK_STR(xml, "<domain><name>new1</name><memory unit='MiB'>256"
              "</memory><vcpu>2</vcpu><source dev='/dev/keel-sr/new1-disk0'"
              "/><mac address='02:4b:45:c7:54:60'/></domain>\n");
    CHECK(strstr(keel_fake_log(b), "run lvm lvcreate -y -n new1-disk0 -L "
                 "8589934592b --addtag keel.owner=new1 keel-sr\n"
                 "run virsh pool-refresh keel-sr\n"
                 "run virsh define new1\n") != NULL);
    CHECK_INT(keel_vm_create(b, "new1", "pv", 256, 2, 8ull << 30, &e),
              KEEL_EEXIST);
    CHECK_INT(keel_vm_create(b, "new2", "nope", 256, 2, 8ull << 30, &e),
              KEEL_ENOENT);
    CHECK_INT(keel_vm_create(b, "new2", "pv", 8, 2, 8ull << 30, &e),
              KEEL_EINVAL);
    /* no disk space: nothing is defined */
    CHECK_INT(keel_vm_create(b, "big", "pv", 256, 1, 200ull << 30, &e),
              KEEL_EINVAL);
    CHECK(keel_fake_get(b, "/etc/libvirt/libxl/big.xml", NULL, NULL, NULL)
          == KEEL_ENOENT);
    /* libvirt refuses the definition: the new disk goes again */
    keel_fake_log_clear(b);
    keel_fake_fail(b, "run", "virsh define*", KEEL_ECMD);
    CHECK(keel_vm_create(b, "new3", "pv", 256, 1, 1ull << 30, &e) != 0);
    CHECK(strstr(keel_fake_log(b), "run lvm lvremove -y keel-sr/new3-disk0"
                 "\n") != NULL);
    keel_fake_fail_clear(b);
    CHECK_INT(keel_vm_delete(b, "web", &e), KEEL_EINVAL);
    keel_fake_log_clear(b);
    CHECK_INT(keel_vm_delete(b, "new1", &e), 0);
    CHECK(strstr(keel_fake_log(b), "run virsh undefine new1\n"));
    CHECK(strstr(keel_fake_log(b), "run lvm lvremove -y keel-sr/new1-disk0"
                 "\n"));
    CHECK(keel_fake_get(b, "/etc/libvirt/libxl/new1.xml", NULL, NULL, NULL)
          == KEEL_ENOENT);
    CHECK_INT(keel_vm_valid_name("-x", &e), KEEL_EINVAL);
    keel_backend_free(b);
}

UNIT_TEST(vm_mac_stable_and_local)
{
    char a[18], b2[18], c[18];

    keel_vm_mac("web1", a);
    keel_vm_mac("web1", b2);
    keel_vm_mac("web2", c);
    CHECK_STR(a, b2);
    CHECK(strcmp(a, c) != 0);
    CHECK_INT(strlen(a), 17);
    /* locally administered (bit 1 of the first octet), unicast (bit 0) */
    CHECK(strncmp(a, "02:", 3) == 0);
    CHECK_STR(a, "02:4b:45:c3:ef:e0"); /* FNV-1a of "web1" */
}

UNIT_TEST(vm_memory_fit)
{
    struct keel_err e;

    CHECK_INT(keel_vm_fits(128 * 1024, 128 * 1024, "g", &e), 0);
    CHECK_INT(keel_vm_fits(129 * 1024, 128 * 1024, "g", &e), KEEL_ENOSPC);
    CHECK_STR(e.msg, "g needs 129 MiB of memory; the host has 128 MiB free "
              "for VMs: give it less (vm-create) or stop another VM");
    CHECK_INT(keel_vm_fits(0, 0, "g", &e), 0);
}

UNIT_TEST(vm_start_refuses_what_does_not_fit)
{
    static const char small[] =
        "xen 4.17.5 4 2400 2048 100\n"
        "file /etc/libvirt/libxl/big.xml <domain><name>big</name>"
        "<memory unit='MiB'>512</memory></domain>\\n\n";
    struct keel_backend *b = keel_fake_new();
    struct keel_err e;

    CHECK_INT(keel_fake_xen_load(b, small, strlen(small), "t", &e), 0);
    keel_fake_log_clear(b);
    CHECK_INT(keel_vm_start(b, "big", &e), KEEL_ENOSPC);
    CHECK(strstr(e.msg, "big needs 512 MiB of memory; the host has 100 MiB "
                 "free") != NULL);
    CHECK(strstr(keel_fake_log(b), "virsh start") == NULL);
    keel_backend_free(b);
}

/* The image's template file, read from the source tree. */
static char *template_text(const char *name)
{
    char rel[128];
    size_t len;

    snprintf(rel, sizeof(rel), "../../../../console/templates/%s.xml",
             name);
    return inst_data(rel, &len);
}

/* Each template of the image, made into a VM on a host with or without
 * HVM: the domain XML libvirt is given (goldens), or the refusal. */
UNIT_TEST(vm_templates_make_domain_xml)
{
    static const struct {
        const char *tmpl, *xen, *golden;
        int rc;
        const char *why;
    } cases[] = {
        { "pv-linux", "xen 4.17.5 4 2400 16384 12288\n", "vm/pv-linux.xml",
          0, NULL },
        { "pv-grub", "xen 4.17.5 4 2400 16384 12288\n", "vm/pv-grub.xml",
          0, NULL },
        { "hvm", "xen 4.17.5 4 2400 16384 12288 hvm\n"
          "file " KEEL_VM_DEVICE_MODEL " ELF\n", "vm/hvm.xml", 0, NULL },
        { "hvm", "xen 4.17.5 4 2400 16384 12288\n", NULL, KEEL_ENOTSUP,
          "HVM guests need hardware virtualization" },
        { "hvm", "xen 4.17.5 4 2400 16384 12288 hvm\n", NULL,
          KEEL_ENOTSUP, "HVM guests need Xen's device model" },
        { "pvh", "xen 4.17.5 4 2400 16384 12288 hvm\n", "vm/pvh.xml", 0,
          NULL },
        { "pvh", "xen 4.17.5 4 2400 16384 12288\n", NULL, KEEL_ENOTSUP,
          "PVH guests need hardware virtualization" },
    };

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct keel_backend *b = keel_fake_new();
        char path[128], *t = template_text(cases[i].tmpl);
        const char *xml;
        struct keel_err e;
        char scen[256];

        CHECK(t != NULL);
        snprintf(scen, sizeof(scen), "%svg keel-sr 100G 90G\n",
                 cases[i].xen);
        CHECK_INT(keel_fake_xen_load(b, scen, strlen(scen), "t", &e), 0);
        snprintf(path, sizeof(path), "%s/%s.xml", KEEL_TEMPLATE_DIR,
                 cases[i].tmpl);
        keel_fake_put(b, path, t ? t : "", t ? strlen(t) : 0, 0644);
        keel_fake_log_clear(b);
        CHECK_INT(keel_vm_create(b, "guest1", cases[i].tmpl, 256, 2,
                                 1ull << 30, &e), cases[i].rc);
        if (cases[i].golden) {
            CHECK_INT(keel_fake_get(b, "/etc/libvirt/libxl/guest1.xml", &xml,
                                    NULL, NULL), 0);
            CHECK_GOLDEN(cases[i].golden, xml ? xml : "");
        } else {
            CHECK(strstr(e.msg, cases[i].why) != NULL);
            /* refused before anything is made */
            CHECK(strstr(keel_fake_log(b), "run ") == NULL);
        }
        free(t);
        keel_backend_free(b);
    }
}

/* Host shutdown (K10guests): the VMs that do not start with the host
 * first, all at once; then the autostart ones from the last started
 * to the first, each only after the one before it is gone. */
UNIT_TEST(vm_guests_stop_reverse_order)
{
    static const char host[] =
        "xen 4.17.5 4 2400 16384 12288\n"
        "file /etc/libvirt/libxl/a.xml <domain><name>a</name></domain>\\n\n"
        "file /etc/libvirt/libxl/b.xml <domain><name>b</name></domain>\\n\n"
        "file /etc/libvirt/libxl/c.xml <domain><name>c</name></domain>\\n\n"
        "vm a running 128 1 60\n"
        "vm b running 128 1 60\n"
        "vm c running 128 1 60\n"
        "vm d running 128 1 60\n";
    struct keel_backend *b = keel_fake_new();
    struct keel_err e;
    char report[512];
    const char *log, *sa, *sb, *sc, *sd;

    CHECK_INT(keel_fake_xen_load(b, host, strlen(host), "t", &e), 0);
    CHECK_INT(keel_vm_autostart(b, "b", 1, 2, 0, &e), 0);
    CHECK_INT(keel_vm_autostart(b, "c", 1, 1, 0, &e), 0);
    keel_fake_log_clear(b);
    keel_host_guests_stop(b, 5, report, sizeof(report));
    log = keel_fake_log(b);
    sa = strstr(log, "run xl shutdown a\n");
    sb = strstr(log, "run xl shutdown b\n");
    sc = strstr(log, "run xl shutdown c\n");
    sd = strstr(log, "run xl shutdown d\n");
    CHECK(sa && sb && sc && sd);
    CHECK(sa < sb && sd < sb && sb < sc);
    CHECK(strstr(log, "xl destroy") == NULL);
    CHECK_STR(report, "a: shut down cleanly\nd: shut down cleanly\n"
                      "b: shut down cleanly\nc: shut down cleanly\n");
    keel_backend_free(b);
}

UNIT_TEST(vm_autostart_in_order)
{
    static const char host[] =
        "xen 4.17.5 4 2400 16384 12288\n"
        "file /etc/libvirt/libxl/a.xml <domain><name>a</name></domain>\\n\n"
        "file /etc/libvirt/libxl/b.xml <domain><name>b</name></domain>\\n\n"
        "file /etc/libvirt/libxl/c.xml <domain><name>c</name></domain>\\n\n"
        "file /etc/libvirt/libxl/d.xml <domain><name>d</name></domain>\\n\n";
    struct keel_backend *b = keel_fake_new();
    struct keel_vms plan;
    struct keel_err e;
    char report[512];
    const char *log;

    CHECK_INT(keel_fake_xen_load(b, host, strlen(host), "t", &e), 0);
    CHECK_INT(keel_vm_autostart(b, "b", 1, 2, 0, &e), 0);
    CHECK_INT(keel_vm_autostart(b, "c", 1, 1, 0, &e), 0);
    CHECK_INT(keel_vm_autostart(b, "a", 1, 0, 0, &e), 0);
    CHECK_INT(keel_vm_autostart(b, "d", 1, 5, 0, &e), 0);
    CHECK_INT(keel_vm_autostart(b, "d", 0, 5, 0, &e), 0);
    CHECK_INT(keel_vm_autostart(b, "x", 1, 1, 0, &e), KEEL_ENOENT);
    CHECK_INT(keel_vm_autostart(b, "a", 1, 1000, 0, &e), KEEL_EINVAL);
    CHECK_INT(keel_vm_autostart(b, "a", 1, 1, 3601, &e), KEEL_EINVAL);
    CHECK_INT(keel_vm_autostart_plan(b, &plan, &e), 0);
    CHECK_INT(plan.n, 3);
    if (plan.n == 3) {
        CHECK_STR(plan.v[0].name, "c");
        CHECK_STR(plan.v[1].name, "b");
        CHECK_STR(plan.v[2].name, "a"); /* no order: after the others */
        CHECK_INT(plan.v[1].order, 2);
    }
    keel_vms_free(&plan);
    keel_fake_log_clear(b);
    keel_fake_fail(b, "run", "virsh start b", KEEL_ECMD);
    CHECK_INT(keel_vm_autostart_all(b, report, sizeof(report)), 1);
    CHECK(strstr(report, "b: not started: ") != NULL);
    keel_fake_fail_clear(b);
    CHECK_INT(keel_vm_autostart_all(b, report, sizeof(report)), 0);
    CHECK_STR(report, "c: already running\nb: started (order 2)\n"
              "a: already running\n");
    log = keel_fake_log(b);
    CHECK(strstr(log, "run virsh start c\nrun virsh start b\n"
                 "run virsh start a\n") != NULL);
    /* the failed one is tried again by the second run, alone */
    CHECK(strstr(log, "run virsh start a\nrun virsh start b\n") != NULL);
    /* a second run starts nothing twice */
    keel_vm_autostart_all(b, report, sizeof(report));
    CHECK_STR(report, "c: already running\nb: already running\n"
              "a: already running\n");
    keel_backend_free(b);
}

UNIT_TEST(vm_console_log)
{
    static const char host[] =
        "xen 4.17.5 4 2400 16384 12288\n"
        "file /var/log/xen/console/guest-web.log keel-guest: up\\n\n";
    struct keel_backend *b = keel_fake_new();
    struct keel_err e;
    char *text = NULL;

    CHECK_INT(keel_fake_xen_load(b, host, strlen(host), "t", &e), 0);
    CHECK_INT(keel_vm_log(b, "web", &text, &e), 0);
    CHECK_STR(text ? text : "", "keel-guest: up\n");
    free(text);
    CHECK_INT(keel_vm_log(b, "db", &text, &e), KEEL_ENOENT);
    CHECK(strstr(e.msg, "db has no console log yet") != NULL);
    CHECK_INT(keel_vm_log(b, "../x", &text, &e), KEEL_EINVAL);
    keel_backend_free(b);
}
