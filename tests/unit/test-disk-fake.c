/*
 * test-disk-fake.c - the fake backend's disks and NICs: scenario
 * loading, lookups, and the logged disk operations.
 */
#include <stdlib.h>
#include <string.h>

#include "keel-backend-fake.h"
#include "keel-disk.h"
#include "keel-layout.h"
#include "unit.h"

static const char scenario[] =
    "# a test host\n"
    "firmware efi\n"
    "xen 4.17.5 4 2400 8192 7000\n" /* the console's: skipped */
    "disk sdb size=10737418240 model=\"QEMU HARDDISK\" id=ata-QM00002\n"
    "disk sda size=21474836480 model=\"QEMU HARDDISK\" sector=512 "
    "physical=4096 serial=QM00001 id=ata-QEMU_HARDDISK_QM00001 "
    "id=wwn-0x5000c5\n"
    "part sdb 1 name=\"old data\" size=1048576 start=1048576\n"
    "disk nvme0n1 size=2199023255552 sector=4096 keel=0.0.9 active=B\n"
    "disk sdc size=8053063680 removable=1 medium=1\n"
    "nic eth1 mac=52:54:00:AB:CD:EF link=down\n"
    "nic eth0 mac=52:54:00:12:34:56 link=up driver=e1000 speed=1000\n"
    "image /run/keel/medium/keel/dom0.img 1000\n"
    "file /usr/share/keel/boot.conf XEN_MEM=dom0_mem=256M\\nX=1\n";

static struct keel_backend *loaded(void)
{
    struct keel_backend *b = keel_fake_new();
    struct keel_err e;

    CHECK(b != NULL);
    CHECK_INT(keel_fake_disk_load(b, scenario, sizeof(scenario) - 1,
                                  "t", &e), 0);
    return b;
}

UNIT_TEST(disk_fake_load_and_list)
{
    struct keel_backend *b = loaded();
    struct keel_disks l;
    struct keel_err e;
    const struct keel_disk *d;

    CHECK_INT(keel_backend_disk_list(b, &l, &e), 0);
    CHECK_INT(l.n, 4);
    CHECK_STR(l.v[0].name, "nvme0n1");
    CHECK_STR(l.v[1].name, "sda");
    CHECK_STR(l.v[1].dev, "/dev/sda");
    CHECK_STR(l.v[1].model, "QEMU HARDDISK");
    CHECK_INT(l.v[1].physical, 4096);
    CHECK_INT(l.v[1].nids, 2);
    CHECK_INT(l.v[2].nparts, 1);
    CHECK_STR(l.v[2].parts[0].name, "old data");
    CHECK_INT(l.v[2].has_keel, 0);
    CHECK_INT(l.v[0].has_keel, 1);
    CHECK_INT(l.v[0].nparts, 6);
    CHECK_STR(l.v[0].keel_version, "0.0.9");
    CHECK_INT(l.v[0].keel_active, 'B');
    CHECK_INT(l.v[3].boot_medium, 1);
    d = keel_disk_find(&l, "/dev/disk/by-id/wwn-0x5000c5");
    CHECK(d && strcmp(d->name, "sda") == 0);
    CHECK(keel_disk_find(&l, "ata-QM00002") == &l.v[2]);
    CHECK(keel_disk_find(&l, "/dev/sdb") == &l.v[2]);
    CHECK(keel_disk_find(&l, "sdz") == NULL);
    CHECK(keel_disk_find(&l, "/dev/disk/by-id/sda") == NULL);
    keel_disks_free(&l);
    CHECK_STR(keel_fake_log(b), "disks \n");
    keel_backend_free(b);
}

UNIT_TEST(disk_fake_nics)
{
    struct keel_backend *b = loaded();
    struct keel_nics l;

    CHECK_INT(keel_backend_nic_list(b, &l, NULL), 0);
    CHECK_INT(l.n, 2);
    CHECK_STR(l.v[0].name, "eth0");
    CHECK_INT(l.v[0].link, 1);
    CHECK_INT(l.v[0].speed, 1000);
    CHECK_STR(l.v[1].mac, "52:54:00:ab:cd:ef");
    CHECK(keel_nic_find(&l, "52:54:00:AB:CD:EF") == &l.v[1]);
    CHECK(keel_nic_find(&l, "eth0") == &l.v[0]);
    CHECK(keel_nic_find(&l, "eth9") == NULL);
    keel_nics_free(&l);
    keel_backend_free(b);
}

UNIT_TEST(disk_fake_stat_files_and_devices)
{
    struct keel_backend *b = loaded();
    struct keel_stat st;
    const char *data;

    CHECK_INT(keel_backend_stat(b, "/dev/sda", &st, NULL), 0);
    CHECK_INT(st.kind, KEEL_ST_BLOCK);
    CHECK_INT(st.size, 21474836480ULL);
    CHECK_INT(keel_backend_stat(b, "/dev/nvme0n1p3", &st, NULL), 0);
    CHECK_INT(st.kind, KEEL_ST_BLOCK);
    CHECK_INT(st.size, 4 * KEEL_GIB);
    CHECK_INT(keel_backend_stat(b, "/run/keel/medium/keel/dom0.img", &st,
                                NULL), 0);
    CHECK_INT(st.kind, KEEL_ST_FILE);
    CHECK_INT(st.size, 1000);
    CHECK_INT(keel_backend_stat(b, "/sys/firmware/efi", &st, NULL), 0);
    CHECK_INT(st.kind, KEEL_ST_DIR);
    CHECK_INT(keel_backend_stat(b, "/run/keel", &st, NULL), 0);
    CHECK_INT(st.kind, KEEL_ST_DIR);
    CHECK_INT(keel_backend_stat(b, "/nope", &st, NULL), 0);
    CHECK_INT(st.kind, KEEL_ST_NONE);
    CHECK_INT(keel_fake_get(b, "/usr/share/keel/boot.conf", &data, NULL,
                            NULL), 0);
    CHECK_STR(data, "XEN_MEM=dom0_mem=256M\nX=1");
    keel_backend_free(b);
}

static unsigned long long seen_done, seen_total;

static void progress(void *ctx, unsigned long long done,
                     unsigned long long total)
{
    (void)ctx;
    CHECK(done >= seen_done);
    seen_done = done;
    seen_total = total;
}

UNIT_TEST(disk_fake_zero_and_image)
{
    struct keel_backend *b = loaded();
    struct keel_err e;

    keel_fake_log_clear(b);
    CHECK_INT(keel_backend_dev_zero(b, "/dev/sda", 0, KEEL_MIB, &e), 0);
    CHECK_INT(keel_backend_dev_zero(b, "/dev/sda", 20 * KEEL_GIB,
                                    KEEL_MIB, &e), KEEL_EINVAL);
    CHECK_INT(keel_backend_dev_zero(b, "/dev/sdq", 0, 1, &e), KEEL_ENOENT);
    CHECK_INT(keel_backend_image_write(b, "/run/keel/medium/keel/dom0.img",
                                       "/dev/sda3", progress, NULL, &e),
              0);
    CHECK_INT(seen_done, 2000);
    CHECK_INT(seen_total, 2000);
    CHECK_INT(keel_backend_image_write(b, "/nope.img", "/dev/sda3", NULL,
                                       NULL, &e), KEEL_ENOENT);
    CHECK_STR(keel_fake_log(b),
              "zero /dev/sda 0+1048576\n"
              "zero /dev/sda 21474836480+1048576\n"
              "zero /dev/sdq 0+1\n"
              "image /run/keel/medium/keel/dom0.img /dev/sda3\n"
              "image /nope.img /dev/sda3\n");
    CHECK_INT(keel_fake_fail(b, "image", "*", KEEL_EIO), 0);
    CHECK_INT(keel_backend_image_write(b, "/run/keel/medium/keel/dom0.img",
                                       "/dev/sda3", NULL, NULL, &e),
              KEEL_EIO);
    keel_backend_free(b);
}

UNIT_TEST(disk_fake_load_errors)
{
    static const struct {
        const char *text, *msg;
    } bad[] = {
        { "disk sda\n", "t:1: write 'disk NAME" },
        { "\ndisk sda size=1000\n", "t:2: sda: size= is missing" },
        { "disk sda size=1024 colour=red\n", "t:1: colour: unknown" },
        { "disk sda size=1024 sector=520\n", "t:1: sector: unknown" },
        { "disk sda size=1024\ndisk sda size=1024\n", "t:2: sda: disk "
          "listed twice" },
        { "part sda 1 name=x size=1\n", "t:1: write 'part" },
        { "nic eth0\n", "t:1: write 'nic" },
        { "nic eth0 mac=52:54:00:12:34\n", "t:1: mac: unknown" },
        { "disk sda size=\"1024\n", "t:1: unbalanced" },
        { "firmware uefi\n", "t:1: write 'firmware" },
        { "image relative 10\n", "t:1: relative: not an absolute" },
    };
    struct keel_backend *b = loaded();
    struct keel_disks l;

    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        struct keel_err e = { "" };

        CHECK_INT(keel_fake_disk_load(b, bad[i].text, strlen(bad[i].text),
                                      "t", &e), KEEL_EINVAL);
        if (strncmp(e.msg, bad[i].msg, strlen(bad[i].msg)) != 0)
            CHECK_STR(e.msg, bad[i].msg);
    }
    /* Nothing of a bad scenario was kept. */
    CHECK_INT(keel_backend_disk_list(b, &l, NULL), 0);
    CHECK_INT(l.n, 4);
    keel_disks_free(&l);
    keel_backend_free(b);
}

UNIT_TEST(disk_part_dev_names)
{
    char buf[32];

    CHECK_INT(keel_disk_part_dev("sda", 3, buf, sizeof(buf)), 0);
    CHECK_STR(buf, "/dev/sda3");
    CHECK_INT(keel_disk_part_dev("nvme0n1", 6, buf, sizeof(buf)), 0);
    CHECK_STR(buf, "/dev/nvme0n1p6");
    CHECK_INT(keel_disk_part_dev("mmcblk0", 1, buf, sizeof(buf)), 0);
    CHECK_STR(buf, "/dev/mmcblk0p1");
    CHECK_INT(keel_disk_part_dev("sda", 0, buf, sizeof(buf)), KEEL_EINVAL);
    CHECK_INT(keel_disk_part_dev("sda", 3, buf, 9), KEEL_EINVAL);
}
