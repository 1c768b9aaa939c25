/*
 * test-iso.c - the ISO library (keel-sr.h) and a VM's CD (keel-vm.h),
 * through the fake: names, the library made and grown on the SR, a
 * download that is not an ISO, the CD drive.
 */
#include <string.h>

#include "keel-backend-fake.h"
#include "keel-sr.h"
#include "keel-vm.h"
#include "keel-xen.h"
#include "unit.h"

static const char scenario[] =
    "xen 4.17.5 4 2400 16384 12288 hvm\n"
    "vg keel-sr 100G 3G\n"
    "lv web-disk0 10G web\n";

UNIT_TEST(iso_names)
{
    static const char *const good[] = { "debian-12.iso", "a.ISO",
                                        "x_1.2+3-4.iso" };
    static const char *const bad[] = { "", ".iso", "-a.iso", ".a.iso",
                                       "a.img", "a b.iso", "a/b.iso",
                                       "../a.iso", "a.iso.part" };
    struct keel_err e;

    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
        CHECK_INT(keel_iso_valid_name(good[i], &e), 0);
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        if (keel_iso_valid_name(bad[i], &e) != KEEL_EINVAL)
            unit_fail(__FILE__, __LINE__, "accepted '%s'", bad[i]);
    CHECK(strstr(e.msg, "ends in .iso") != NULL);
}

static struct keel_backend *fake(void)
{
    struct keel_backend *b = keel_fake_new();
    struct keel_err e;

    CHECK_INT(keel_fake_xen_load(b, scenario, strlen(scenario), "t", &e), 0);
    keel_fake_put(b, "/proc/mounts", "/dev/vda5 /var/lib/keel ext4 rw 0 0\n",
                  36, 0444);
    keel_fake_script(b, "wget --spider -S http://h/d.iso", 0, "",
                     "  Content-Length: 1610612736\n");
    keel_fake_script(b, "wget --spider -S http://h/huge.iso", 0, "",
                     "  Content-Length: 5368709120\n");
    keel_fake_script(b, "wget --spider -S http://h/page.iso", 0, "",
                     "  Content-Length: 1000\n");
    keel_fake_script(b, "blkid /dev/keel-sr/keel-iso", 2, "", "");
    keel_fake_script(b, "df -Pk /var/lib/keel/iso", 0,
                     "Filesystem 1024-blocks Used Available Capacity "
                     "Mounted on\n/dev/mapper/keel--sr-keel--iso 1015748 24 "
                     "1015724 0% /var/lib/keel/iso\n", NULL);
    return b;
}

UNIT_TEST(iso_fetch_makes_and_grows_the_library)
{
    struct keel_backend *b = fake();
    struct keel_err e;
    const char *log, *mk, *fs, *ext, *rs, *dl;

    keel_fake_log_clear(b);
    /* the first fetch: no library yet; made, file system, mounted, grown
     * to hold 1.5 GiB, downloaded; the download is no ISO: removed */
    CHECK_INT(keel_iso_fetch(b, "http://h/d.iso", NULL, NULL, NULL, &e),
              KEEL_EINVAL);
    if (!strstr(e.msg, "not an ISO 9660"))
        unit_fail(__FILE__, __LINE__, "message: %s", e.msg);
    log = keel_fake_log(b);
    mk = strstr(log, "run lvm lvcreate -y -n keel-iso -L 1677721600b "
                "--addtag keel.owner=keel-iso keel-sr\n");
    fs = strstr(log, "run mke2fs -q -F -t ext4 -m 0 -L keel-iso "
                "/dev/keel-sr/keel-iso\n");
    ext = strstr(log, "run lvm lvextend -L +");
    rs = strstr(log, "run resize2fs /dev/keel-sr/keel-iso\n");
    dl = strstr(log, "run wget -O /var/lib/keel/iso/.d.iso.part "
                "http://h/d.iso\n");
    CHECK(mk && fs && ext && rs && dl);
    CHECK(mk < fs && fs < ext && ext < rs && rs < dl);
    CHECK(strstr(log, "run mv") == NULL);
    /* refused before a byte is downloaded, each saying why */
    keel_fake_log_clear(b);
    CHECK_INT(keel_iso_fetch(b, "http://h/huge.iso", NULL, NULL, NULL, &e),
              KEEL_ENOSPC);
    CHECK(strstr(e.msg, "storage repository has") != NULL);
    CHECK_INT(keel_iso_fetch(b, "ftp://h/a.iso", NULL, NULL, NULL, &e),
              KEEL_EINVAL);
    CHECK_INT(keel_iso_fetch(b, "http://h/d.iso", "d.img", NULL, NULL, &e),
              KEEL_EINVAL);
    CHECK_INT(keel_iso_fetch(b, "http://h/", NULL, NULL, NULL, &e),
              KEEL_EINVAL);
    CHECK(strstr(keel_fake_log(b), "run wget -O") == NULL);
    /* one that is there already */
    keel_fake_put(b, "/var/lib/keel/iso/page.iso", "x", 1, 0644);
    CHECK_INT(keel_iso_fetch(b, "http://h/page.iso", NULL, NULL, NULL, &e),
              KEEL_EEXIST);
    CHECK(strstr(e.msg, "iso-delete page.iso") != NULL);
    keel_backend_free(b);
}

UNIT_TEST(iso_list_and_cd)
{
    struct keel_backend *b = fake();
    struct keel_isos l;
    struct keel_err e;
    const char *cd = NULL;
    size_t len;

    /* no library yet: an empty list, nothing made */
    keel_fake_log_clear(b);
    CHECK_INT(keel_iso_list(b, &l, &e), 0);
    CHECK_INT(l.n, 0);
    CHECK(l.size == 0);
    CHECK(strstr(keel_fake_log(b), "lvcreate") == NULL);
    keel_isos_free(&l);
    CHECK_INT(keel_sr_vdi_create(b, "keel-iso", 1ull << 30, "keel-iso", &e),
              0);
    keel_fake_put(b, "/var/lib/keel/iso/b.iso", "12345", 5, 0644);
    keel_fake_put(b, "/var/lib/keel/iso/a.iso", "1", 1, 0644);
    keel_fake_put(b, "/var/lib/keel/iso/.c.iso.part", "1", 1, 0644);
    keel_fake_put(b, "/var/lib/keel/iso/notes.txt", "1", 1, 0644);
    CHECK_INT(keel_iso_list(b, &l, &e), 0);
    CHECK_INT(l.n, 2);
    CHECK_STR(l.v[0].name, "a.iso");
    CHECK_STR(l.v[1].name, "b.iso");
    CHECK(l.v[1].size == 5);
    CHECK(l.free == 1015724ull * 1024);
    keel_isos_free(&l);
    /* a VM's CD: the library's path; nothing to eject, no such ISO */
    CHECK_INT(keel_backend_vm_define(b, "<domain type='xen'><name>web2"
                                     "</name><memory unit='MiB'>128</memory>"
                                     "<vcpu>1</vcpu></domain>", &e), 0);
    CHECK_INT(keel_vm_cd(b, "web2", "none.iso", &e), KEEL_ENOENT);
    CHECK(strstr(e.msg, "iso-fetch") != NULL);
    CHECK_INT(keel_vm_cd(b, "web2", NULL, &e), KEEL_ENOENT);
    CHECK_INT(keel_vm_cd(b, "web2", "b.iso", &e), 0);
    CHECK_INT(keel_fake_get(b, KEEL_VM_DEF_DIR "/web2.cd", &cd, &len, NULL),
              0);
    CHECK(cd && len == 23 && memcmp(cd, "/var/lib/keel/iso/b.iso", 23) == 0);
    CHECK_INT(keel_vm_cd(b, "nope", "b.iso", &e), KEEL_ENOENT);
    CHECK_INT(keel_vm_cd(b, "web2", NULL, &e), 0);
    CHECK_INT(keel_iso_delete(b, "b.iso", &e), 0);
    CHECK_INT(keel_iso_delete(b, "b.iso", &e), KEEL_ENOENT);
    keel_backend_free(b);
}
