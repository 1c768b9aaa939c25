/*
 * test-disk-real.c - the real backend's disk operations over a made-up
 * /sys and /dev under a temporary root: listing, ids with and without
 * udev, partitions, NICs, zeroing and image writes with read-back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "keel-disk.h"
#include "unit.h"

/* Create root/rel (and its directories) holding len bytes of data. */
static void put(const char *root, const char *rel, const char *data,
                size_t len)
{
    char path[512], cmd[600];
    FILE *f;

    snprintf(path, sizeof(path), "%s/%s", root, rel);
    snprintf(cmd, sizeof(cmd), "mkdir -p \"$(dirname '%s')\"", path);
    CHECK_INT(system(cmd), 0);
    f = fopen(path, "wb");
    CHECK(f != NULL);
    if (!f)
        return;
    CHECK_INT(fwrite(data, 1, len, f), len);
    fclose(f);
}

static void puts_(const char *root, const char *rel, const char *text)
{
    put(root, rel, text, strlen(text));
}

static void link_(const char *root, const char *rel, const char *target)
{
    char path[512];

    snprintf(path, sizeof(path), "%s/%s", root, rel);
    CHECK_INT(symlink(target, path), 0);
}

static void make_tree(const char *r)
{
    static const char vpd[] = "\0\x80\0\x0aQM00001   ";

    puts_(r, "sys/block/sda/size", "41943040\n");
    puts_(r, "sys/block/sda/queue/logical_block_size", "512\n");
    puts_(r, "sys/block/sda/queue/physical_block_size", "4096\n");
    puts_(r, "sys/block/sda/removable", "0\n");
    puts_(r, "sys/block/sda/ro", "0\n");
    puts_(r, "sys/block/sda/device/model", "QEMU HARDDISK   \n");
    puts_(r, "sys/block/sda/device/vendor", "ATA     \n");
    put(r, "sys/block/sda/device/vpd_pg80", vpd, sizeof(vpd) - 1);
    puts_(r, "sys/block/sda/sda3/partition", "3\n");
    puts_(r, "sys/block/sda/sda3/size", "8388608\n");
    puts_(r, "sys/block/sda/sda3/start", "528384\n");
    puts_(r, "sys/block/sda/sda3/uevent", "MAJOR=8\nPARTN=3\n"
          "PARTNAME=keel-a\n");
    puts_(r, "sys/block/sda/sda1/partition", "1\n");
    puts_(r, "sys/block/sda/sda1/size", "2048\n");
    puts_(r, "sys/block/sda/sda1/uevent", "PARTN=1\n");
    puts_(r, "sys/block/vda/size", "2097152\n");
    puts_(r, "sys/block/vda/device/x", "");
    puts_(r, "sys/block/vda/serial", "abc 123\n");
    puts_(r, "sys/block/loop0/size", "100\n");
    puts_(r, "sys/block/loop0/device/x", "");
    puts_(r, "sys/block/dm-0/size", "100\n");
    puts_(r, "sys/block/sdb/size", "0\n"); /* a card reader, no card */
    puts_(r, "sys/block/sdb/device/x", "");
    puts_(r, "run/keel/boot-device", "/dev/vda1\n");
    puts_(r, "sys/class/net/eth0/address", "52:54:00:12:34:56\n");
    puts_(r, "sys/class/net/eth0/operstate", "up\n");
    puts_(r, "sys/class/net/eth0/speed", "1000\n");
    puts_(r, "sys/class/net/eth0/device/x", "");
    link_(r, "sys/class/net/eth0/device/driver",
          "../../../bus/pci/drivers/e1000");
    puts_(r, "sys/class/net/eth1/address", "52:54:00:00:00:01\n");
    puts_(r, "sys/class/net/eth1/operstate", "down\n");
    puts_(r, "sys/class/net/eth1/carrier", "0\n");
    puts_(r, "sys/class/net/eth1/device/x", "");
    puts_(r, "sys/class/net/lo/address", "00:00:00:00:00:00\n");
}

static char *make_root(void)
{
    static char root[] = "/tmp/keel-disk-real-XXXXXX";
    char *r = strdup(root);

    CHECK(r && mkdtemp(r) != NULL);
    return r;
}

static void rm_root(char *r)
{
    char cmd[128];

    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", r);
    CHECK_INT(system(cmd), 0);
    free(r);
}

UNIT_TEST(disk_real_list_sysfs)
{
    char *r = make_root();
    struct keel_backend *b;
    struct keel_disks l;
    struct keel_err e;

    make_tree(r);
    b = keel_backend_real_new(r);
    CHECK_INT(keel_backend_disk_list(b, &l, &e), 0);
    CHECK_INT(l.n, 2);
    if (l.n == 2) {
        const struct keel_disk *a = &l.v[0], *v = &l.v[1];

        CHECK_STR(a->name, "sda");
        CHECK_INT(a->size, 21474836480ULL);
        CHECK_INT(a->physical, 4096);
        CHECK_STR(a->model, "QEMU HARDDISK");
        CHECK_STR(a->serial, "QM00001");
        CHECK_INT(a->nids, 1);
        CHECK_STR(a->ids[0], "ata-QEMU_HARDDISK_QM00001");
        CHECK_INT(a->nparts, 2);
        CHECK_INT(a->parts[0].num, 1);
        CHECK_STR(a->parts[1].name, "keel-a");
        CHECK_INT(a->parts[1].start, 528384ULL * 512);
        CHECK_INT(a->parts[1].size, 4294967296ULL);
        CHECK_INT(a->has_keel, 0);
        CHECK_INT(a->boot_medium, 0);
        CHECK_STR(v->name, "vda");
        CHECK_STR(v->ids[0], "virtio-abc_123");
        CHECK_INT(v->boot_medium, 1);
        CHECK_INT(v->sector, 512);
    }
    keel_disks_free(&l);
    /* With udev: the links win over derived names. */
    puts_(r, "dev/disk/by-id/.keep", "");
    link_(r, "dev/disk/by-id/wwn-0x5000", "../../sda");
    link_(r, "dev/disk/by-id/ata-OTHER", "../../sdc");
    CHECK_INT(keel_backend_disk_list(b, &l, &e), 0);
    CHECK(l.n && l.v[0].nids == 1 && !strcmp(l.v[0].ids[0], "wwn-0x5000"));
    keel_disks_free(&l);
    keel_backend_free(b);
    rm_root(r);
}

UNIT_TEST(disk_real_nics)
{
    char *r = make_root();
    struct keel_backend *b;
    struct keel_nics l;

    make_tree(r);
    b = keel_backend_real_new(r);
    CHECK_INT(keel_backend_nic_list(b, &l, NULL), 0);
    CHECK_INT(l.n, 2);
    if (l.n == 2) {
        CHECK_STR(l.v[0].name, "eth0");
        CHECK_STR(l.v[0].mac, "52:54:00:12:34:56");
        CHECK_INT(l.v[0].link, 1);
        CHECK_INT(l.v[0].speed, 1000);
        CHECK_STR(l.v[0].driver, "e1000");
        CHECK_INT(l.v[1].link, 0);
        CHECK_INT(l.v[1].speed, 0);
    }
    keel_nics_free(&l);
    keel_backend_free(b);
    rm_root(r);
}

UNIT_TEST(disk_real_zero_and_image)
{
    char *r = make_root(), path[256];
    struct keel_backend *b;
    struct keel_stat st;
    struct keel_err e;
    char *img = malloc(5u << 20), *dev = malloc(8u << 20);
    FILE *f;

    for (size_t i = 0; i < (5u << 20); i++)
        img[i] = (char)(i * 7 + i / 4099);
    memset(dev, 0x5a, 8u << 20);
    put(r, "img", img, 5u << 20);
    put(r, "dev/sdz3", dev, 8u << 20);
    put(r, "dev/small", dev, 1u << 20);
    b = keel_backend_real_new(r);
    CHECK_INT(keel_backend_stat(b, "/dev/sdz3", &st, &e), 0);
    CHECK_INT(st.kind, KEEL_ST_FILE);
    CHECK_INT(st.size, 8u << 20);
    CHECK_INT(keel_backend_stat(b, "/nope/x", &st, &e), 0);
    CHECK_INT(st.kind, KEEL_ST_NONE);
    CHECK_INT(keel_backend_stat(b, "/dev", &st, &e), 0);
    CHECK_INT(st.kind, KEEL_ST_DIR);
    CHECK_INT(keel_backend_image_write(b, "/img", "/dev/sdz3", NULL, NULL,
                                       &e), 0);
    CHECK_INT(keel_backend_image_write(b, "/img", "/dev/small", NULL, NULL,
                                       &e), KEEL_EINVAL);
    CHECK(strstr(e.msg, "does not fit") != NULL);
    CHECK_INT(keel_backend_dev_zero(b, "/dev/sdz3", (7u << 20), 1u << 20,
                                    &e), 0);
    CHECK_INT(keel_backend_dev_zero(b, "/dev/sdz3", (7u << 20) + 1,
                                    1u << 20, &e), KEEL_EINVAL);
    snprintf(path, sizeof(path), "%s/dev/sdz3", r);
    f = fopen(path, "rb");
    CHECK(f && fread(dev, 1, 8u << 20, f) == (8u << 20));
    if (f)
        fclose(f);
    CHECK(memcmp(dev, img, 5u << 20) == 0);
    CHECK(dev[(6u << 20)] == 0x5a); /* only the image's bytes written */
    CHECK(dev[(7u << 20)] == 0 && dev[(8u << 20) - 1] == 0);
    keel_backend_free(b);
    free(img);
    free(dev);
    rm_root(r);
}
