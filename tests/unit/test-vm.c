/*
 * test-vm.c - VM list and operations against the fake backend
 * (keel-vm.h).
 */
#include <string.h>

#include "keel-backend-fake.h"
#include "keel-vm.h"
#include "unit.h"

static const char scenario[] =
    "xen 4.17.5 4 2400 16384 12288\n"
    "vm web running 1024 2 3700\n"
    "vm db paused 2048 1 60\n"
    "vg keel-sr 100G 90G\n"
    "file /var/lib/keel/vms/web.cfg name = \"web\"\\nmemory = 1024\\n\n"
    "file /var/lib/keel/vms/old.cfg name=\"old\"\\nmemory=512\\nvcpus=3\\n\n"
    "file /usr/share/keel/templates/pv.cfg name = \"@NAME@\"\\nmemory = "
    "@MEMORY@\\nvcpus = @VCPUS@\\ndisk = [ \"phy:@DISK@,xvda,w\" ]\\n\n";

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
    CHECK(strstr(keel_fake_log(b), "run xl create /var/lib/keel/vms/old.cfg"
                 "\n") != NULL);
    CHECK(strstr(keel_fake_log(b), "run xl shutdown web\n") != NULL);
    CHECK(strstr(keel_fake_log(b), "run xl unpause db\nrun xl destroy db\n")
          != NULL);
    CHECK(strstr(keel_fake_log(b), "run xl console old\n") != NULL);
    CHECK_INT(keel_vm_list(b, &l, &e), 0);
    /* db had no config: once off, it is gone */
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
    const char *cfg;

    CHECK_INT(keel_vm_create(b, "new1", "pv", 256, 2, 8ull << 30, &e), 0);
    CHECK_INT(keel_fake_get(b, "/var/lib/keel/vms/new1.cfg", &cfg, NULL,
                            NULL), 0);
    CHECK_STR(cfg, "name = \"new1\"\nmemory = 256\nvcpus = 2\n"
              "disk = [ \"phy:/dev/keel-sr/new1-disk0,xvda,w\" ]\n");
    CHECK(strstr(keel_fake_log(b), "run lvm lvcreate -y -n new1-disk0 -L "
                 "8589934592b --addtag keel.owner=new1 keel-sr\n") != NULL);
    CHECK_INT(keel_vm_create(b, "new1", "pv", 256, 2, 8ull << 30, &e),
              KEEL_EEXIST);
    CHECK_INT(keel_vm_create(b, "new2", "nope", 256, 2, 8ull << 30, &e),
              KEEL_ENOENT);
    CHECK_INT(keel_vm_create(b, "new2", "pv", 8, 2, 8ull << 30, &e),
              KEEL_EINVAL);
    /* no disk space: no config is left behind */
    CHECK_INT(keel_vm_create(b, "big", "pv", 256, 1, 200ull << 30, &e),
              KEEL_EINVAL);
    CHECK(keel_fake_get(b, "/var/lib/keel/vms/big.cfg", NULL, NULL, NULL)
          == KEEL_ENOENT);
    CHECK_INT(keel_vm_delete(b, "web", &e), KEEL_EINVAL);
    keel_fake_log_clear(b);
    CHECK_INT(keel_vm_delete(b, "new1", &e), 0);
    CHECK(strstr(keel_fake_log(b), "remove /var/lib/keel/vms/new1.cfg\n"));
    CHECK(strstr(keel_fake_log(b), "run lvm lvremove -y keel-sr/new1-disk0"
                 "\n"));
    CHECK_INT(keel_vm_valid_name("-x", &e), KEEL_EINVAL);
    keel_backend_free(b);
}
