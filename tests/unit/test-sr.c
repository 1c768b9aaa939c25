/*
 * test-sr.c - lvm JSON reports and the storage repository (keel-sr.h,
 * sr-json.h).
 */
#include <string.h>

#include "keel-backend-fake.h"
#include "keel-sr.h"
#include "keel-validate.h"
#include "keel-xen.h"
#include "sr-json.h"
#include "unit.h"

UNIT_TEST(sr_json_accepts_and_refuses)
{
    static const char *const good[] = {
        "{}", "[]", " [1, -0.5e+3, \"a\\u00e9\\ud83d\\ude00\", true, false,"
        " null] ", "{\"a\":{\"b\":[{}]}}", "\"\xc3\xa9\"", "0", "-1E9",
    };
    static const char *const bad[] = {
        "", "{", "[1,]", "{\"a\":1,}", "01", "1.", "-", "\"\\x\"",
        "\"a\nb\"", "\"\\ud800\"", "\"\\udc00\"", "\"\\u0000\"", "tru",
        "[1] 2", "{1:2}", "{\"a\" 1}", "\"\xc0\xaf\"", "\"\xed\xa0\x80\"",
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]"
        "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]", "/* */ 1", "nul",
    };
    struct keel_json *j;
    struct keel_err e;

    for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
        if (keel_json_parse(good[i], strlen(good[i]), &j, &e))
            unit_fail(__FILE__, __LINE__, "refused %s: %s", good[i], e.msg);
        keel_json_free(j);
    }
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        if (keel_json_parse(bad[i], strlen(bad[i]), &j, &e) != KEEL_EINVAL)
            unit_fail(__FILE__, __LINE__, "accepted %s", bad[i]);
        CHECK(j == NULL);
    }
    CHECK_INT(keel_json_parse("\"a\\u00e9\"", 9, &j, &e), 0);
    CHECK_STR(j->text, "a\xc3\xa9");
    keel_json_free(j);
    CHECK_INT(keel_json_parse("[1]\0", 4, &j, &e), KEEL_EINVAL);
}

/* What lvm 2.03 prints for `vgs --reportformat json --units b
 * --nosuffix -o vg_name,vg_size,vg_free`, and for lvs. */
static const char vgs[] =
    "  {\n      \"report\": [\n          {\n              \"vg\": [\n"
    "                  {\"vg_name\":\"other\", \"vg_size\":\"1\", "
    "\"vg_free\":\"0\"},\n"
    "                  {\"vg_name\":\"keel-sr\", \"vg_size\":\"107369988096\","
    " \"vg_free\":\"96632569856\"}\n              ]\n          }\n"
    "      ]\n  }\n";
static const char lvs[] =
    "{\"report\": [{\"lv\": [\n"
    "{\"lv_name\":\"web-disk0\", \"vg_name\":\"keel-sr\", \"lv_size\":"
    "\"10737418240\", \"lv_tags\":\"x,keel.owner=web,y\"},\n"
    "{\"lv_name\":\"scratch\", \"vg_name\":\"keel-sr\", \"lv_size\":"
    "\"4194304\", \"lv_tags\":\"\"},\n"
    "{\"lv_name\":\"root\", \"vg_name\":\"other\", \"lv_size\":\"1\", "
    "\"lv_tags\":\"\"}]}], \"log\": []}";

UNIT_TEST(sr_parse_lvm_reports)
{
    struct keel_sr sr;
    struct keel_err e;

    CHECK_INT(keel_sr_parse(&sr, "keel-sr", vgs, strlen(vgs), lvs,
                            strlen(lvs), &e), 0);
    CHECK_STR(sr.vg, "keel-sr");
    CHECK(sr.size == 107369988096ull);
    CHECK(sr.free == 96632569856ull);
    CHECK_INT(sr.n, 2);
    CHECK_STR(sr.vdis[0].name, "scratch");
    CHECK_STR(sr.vdis[0].owner, "");
    CHECK_STR(sr.vdis[1].name, "web-disk0");
    CHECK_STR(sr.vdis[1].owner, "web");
    keel_sr_fini(&sr);
    CHECK_INT(keel_sr_parse(&sr, "nope", vgs, strlen(vgs), NULL, 0, &e),
              KEEL_ENOENT);
    CHECK_INT(keel_sr_parse(&sr, "keel-sr", "{\"report\":[]}", 13, NULL, 0,
                            &e), KEEL_EINVAL);
    CHECK_INT(keel_sr_parse(&sr, "keel-sr", "{\"report\":[{\"vg\":[{"
                            "\"vg_name\":\"keel-sr\",\"vg_size\":\"1G\","
                            "\"vg_free\":\"0\"}]}]}", 68, NULL, 0, &e),
              KEEL_EINVAL);
}

UNIT_TEST(sr_sizes_and_names)
{
    uint64_t v;
    char buf[32];
    struct keel_err e;

    CHECK_INT(keel_sr_parse_size("20G", &v, &e), 0);
    CHECK(v == 20ull << 30);
    CHECK_INT(keel_sr_parse_size("4194304", &v, &e), 0);
    CHECK_INT(keel_sr_parse_size("1M", &v, &e), KEEL_EINVAL);
    CHECK_INT(keel_sr_parse_size("1.5G", &v, &e), KEEL_EINVAL);
    CHECK_INT(keel_sr_parse_size("020G", &v, &e), KEEL_EINVAL);
    CHECK_INT(keel_sr_parse_size("99999999999T", &v, &e), KEEL_EINVAL);
    keel_sr_format_size(3ull << 29, buf, sizeof(buf));
    CHECK_STR(buf, "1.5 GiB");
    CHECK_INT(keel_sr_valid_name("web-disk0", &e), 0);
    CHECK_INT(keel_sr_valid_name("-x", &e), KEEL_EINVAL);
    CHECK_INT(keel_sr_valid_name("a/b", &e), KEEL_EINVAL);
}

static const char scenario[] =
    "xen 4.17.5 4 2400 16384 12288 hvm\n"
    "vg keel-sr 100G 90G\n"
    "lv web-disk0 10G web\n";

UNIT_TEST(sr_vdi_create_delete_through_fake)
{
    struct keel_backend *b = keel_fake_new();
    struct keel_sr sr;
    struct keel_err e;

    CHECK_INT(keel_fake_xen_load(b, scenario, strlen(scenario), "t", &e), 0);
    CHECK_INT(keel_sr_read(&sr, b, &e), 0);
    CHECK_INT(sr.n, 1);
    CHECK(sr.free == 90ull << 30);
    keel_sr_fini(&sr);
    keel_fake_log_clear(b);
    CHECK_INT(keel_sr_vdi_create(b, "data", 5ull << 30, "web", &e), 0);
    CHECK(strstr(keel_fake_log(b), "run lvm lvcreate -y -n data -L "
                 "5368709120b --addtag keel.owner=web keel-sr\n") != NULL);
    CHECK_INT(keel_sr_vdi_create(b, "data", 5ull << 30, "", &e),
              KEEL_EEXIST);
    CHECK_INT(keel_sr_vdi_create(b, "huge", 100ull << 30, "", &e),
              KEEL_EINVAL);
    CHECK_INT(keel_sr_read(&sr, b, &e), 0);
    CHECK_INT(sr.n, 2);
    CHECK(sr.free == 85ull << 30);
    keel_sr_fini(&sr);
    CHECK_INT(keel_sr_vdi_delete(b, "data", &e), 0);
    CHECK(strstr(keel_fake_log(b), "run lvm lvremove -y keel-sr/data\n"));
    CHECK_INT(keel_sr_vdi_delete(b, "data", &e), KEEL_ENOENT);
    keel_backend_free(b);
}

UNIT_TEST(parse_bytes_one_rule)
{
    static const struct {
        const char *in;
        int rc;
        uint64_t want;
    } t[] = {
        { "0", 0, 0 }, { "4096", 0, 4096 }, { "512K", 0, 512ull << 10 },
        { "20G", 0, 20ull << 30 }, { "1T", 0, 1ull << 40 },
        { "", KEEL_EINVAL, 0 }, { "08", KEEL_EINVAL, 0 },
        { "1g", KEEL_EINVAL, 0 }, { "1GB", KEEL_EINVAL, 0 },
        { "-1", KEEL_EINVAL, 0 }, { "16777216T", KEEL_EINVAL, 0 },
        { "18446744073709551616", KEEL_EINVAL, 0 },
    };
    struct keel_err e;

    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        uint64_t got = 0;

        CHECK_INT(keel_parse_bytes(t[i].in, &got, &e), t[i].rc);
        if (!t[i].rc)
            CHECK_INT(got, t[i].want);
    }
    /* the SR's rule adds a minimum on top */
    CHECK_INT(keel_sr_parse_size("1M", &(uint64_t){ 0 }, &e), KEEL_EINVAL);
}

struct seen {
    double last;
    int calls;
};

static void seen_progress(void *ctx, double done)
{
    struct seen *s = ctx;

    s->last = done;
    s->calls++;
}

/* vdi-import URL: the size asked first, the download into a scratch
 * volume, the import from there, the scratch volume always removed. */
UNIT_TEST(sr_vdi_import_url)
{
    struct keel_backend *b = keel_fake_new();
    struct keel_err e;
    const char *log, *dl, *mk, *cv, *rm;

    CHECK_INT(keel_fake_xen_load(b, scenario, strlen(scenario), "t", &e), 0);
    keel_fake_script(b, "wget --spider -S http://h/a.qcow2", 0, "",
                     "Connecting to h (10.0.2.2:80)\n  HTTP/1.0 200 OK\n"
                     "  Content-Length: 20971520\n");
    keel_fake_script(b, "wget --spider -S http://h/huge.img", 0, "",
                     "  Content-Length: 214748364800\n");
    keel_fake_script(b, "wget --spider -S http://h/chunked", 0, "",
                     "  HTTP/1.1 200 OK\n");
    keel_fake_script(b, "wget --spider -S http://h/gone", 1, "",
                     "  HTTP/1.0 404 File not found\nwget: server returned "
                     "error: HTTP/1.0 404 File not found\n");
    keel_fake_script(b, "wget --spider -S http://h/cut.qcow2", 0, "",
                     "  Content-Length: 20971520\n");
    keel_fake_script(b, "wget -O /dev/keel-sr/keel-download-cut "
                     "http://h/cut.qcow2", 1, "", "connection reset\n");
    keel_fake_script(b, "wget -O *", 0, "", "x  50% |** | 10M\r");
    keel_fake_script(b, "qemu-img info --output=json "
                     "/dev/keel-sr/keel-download-web", 0,
                     "{\"virtual-size\": 1073741824, \"format\": "
                     "\"qcow2\"}\n", NULL);
    keel_fake_script(b, "qemu-img convert -p -n -f qcow2 *", 0, "", NULL);
    keel_fake_log_clear(b);
    CHECK_INT(keel_sr_vdi_import(b, "http://h/a.qcow2", "web", NULL, NULL,
                                 &e), 0);
    log = keel_fake_log(b);
    dl = strstr(log, "run lvm lvcreate -y -n keel-download-web -L "
                "20971520b keel-sr\n");
    mk = strstr(log, "run lvm lvcreate -y -n web -L 1073741824b keel-sr\n");
    cv = strstr(log, "run qemu-img convert -p -n -f qcow2 -O raw "
                "/dev/keel-sr/keel-download-web /dev/keel-sr/web\n");
    rm = strstr(log, "run lvm lvremove -y keel-sr/keel-download-web\n");
    CHECK(dl && strstr(log, "run wget -O /dev/keel-sr/keel-download-web "
                       "http://h/a.qcow2\n") && mk && cv && rm);
    CHECK(dl < mk && mk < cv && cv < rm);
    /* refused before anything is made, each saying why */
    keel_fake_log_clear(b);
    CHECK_INT(keel_sr_vdi_import(b, "http://h/huge.img", "x", NULL, NULL,
                                 &e), KEEL_ENOSPC);
    CHECK(strstr(e.msg, "the image needs 204800 MiB") != NULL);
    CHECK_INT(keel_sr_vdi_import(b, "http://h/chunked", "x", NULL, NULL,
                                 &e), KEEL_EINVAL);
    CHECK(strstr(e.msg, "does not say how big") != NULL);
    CHECK_INT(keel_sr_vdi_import(b, "http://h/gone", "x", NULL, NULL, &e),
              KEEL_EINVAL);
    CHECK(strstr(e.msg, "404 File not found") != NULL);
    CHECK_INT(keel_sr_vdi_import(b, "http://h/a.qcow2", "web", NULL, NULL,
                                 &e), KEEL_EEXIST);
    CHECK_INT(keel_sr_vdi_import(b, "http://h/a b", "y", NULL, NULL, &e),
              KEEL_EINVAL);
    CHECK(strstr(keel_fake_log(b), "lvcreate") == NULL);
    /* a download that fails removes the scratch volume, makes no disk */
    CHECK_INT(keel_sr_vdi_import(b, "http://h/cut.qcow2", "cut", NULL, NULL,
                                 &e), KEEL_EIO);
    CHECK(strstr(e.msg, "cannot download http://h/cut.qcow2") != NULL);
    log = keel_fake_log(b);
    CHECK(strstr(log, "run lvm lvremove -y keel-sr/keel-download-cut\n"));
    CHECK(strstr(log, "-n cut ") == NULL);
    keel_backend_free(b);
}

UNIT_TEST(sr_vdi_import_checks_then_copies)
{
    struct keel_backend *b = keel_fake_new();
    struct keel_err e;
    struct seen s = { -1, 0 };

    CHECK_INT(keel_fake_xen_load(b, scenario, strlen(scenario), "t", &e), 0);
    keel_fake_script(b, "qemu-img info --output=json /tmp/a.qcow2", 0,
                     "{\"virtual-size\": 1073741824, \"filename\": "
                     "\"/tmp/a.qcow2\", \"format\": \"qcow2\"}\n", NULL);
    keel_fake_script(b, "qemu-img info --output=json /tmp/big.vmdk", 0,
                     "{\"virtual-size\": 107374182400, \"format\": "
                     "\"vmdk\"}\n", NULL);
    keel_fake_script(b, "qemu-img info --output=json /tmp/a.iso", 0,
                     "{\"virtual-size\": 1000, \"format\": \"dmg\"}\n",
                     NULL);
    keel_fake_script(b, "qemu-img info --output=json /tmp/linked.qcow2", 0,
                     "{\"virtual-size\": 1024, \"format\": \"qcow2\", "
                     "\"backing-filename\": \"/dev/keel-sr/web-disk0\"}\n",
                     NULL);
    keel_fake_script(b, "qemu-img info --output=json /tmp/split.vmdk", 0,
                     "{\"virtual-size\": 1024, \"format\": \"vmdk\", "
                     "\"format-specific\": {\"type\": \"vmdk\", \"data\": "
                     "{\"extents\": [{\"filename\": \"/etc/shadow\"}]}}}\n",
                     NULL);
    keel_fake_script(b, "qemu-img info --output=json /tmp/none", 1, "",
                     "qemu-img: Could not open '/tmp/none': No such file\n");
    keel_fake_script(b, "qemu-img convert -p -n -f qcow2 -O raw /tmp/a.qcow2 "
                     "/dev/keel-sr/broken", 1, "", "write error\n");
    keel_fake_script(b, "qemu-img convert -p -n -f qcow2 *", 0,
                     "    (0.00/100%)\r    (50.00/100%)\r    (100.00/100%)\r",
                     NULL);
    keel_fake_log_clear(b);
    CHECK_INT(keel_sr_vdi_import(b, "/tmp/a.qcow2", "imported",
                                 seen_progress, &s, &e), 0);
    CHECK(strstr(keel_fake_log(b), "run lvm lvcreate -y -n imported -L "
                 "1073741824b keel-sr\n") != NULL);
    CHECK(strstr(keel_fake_log(b), "run qemu-img convert -p -n -f qcow2 -O "
                 "raw /tmp/a.qcow2 /dev/keel-sr/imported\n") != NULL);
    CHECK(s.calls >= 2 && s.last == 1.0);
    /* refused before anything is made, each saying why */
    keel_fake_log_clear(b);
    CHECK_INT(keel_sr_vdi_import(b, "/tmp/big.vmdk", "big", NULL, NULL, &e),
              KEEL_ENOSPC);
    CHECK_STR(e.msg, "the image needs 102400 MiB; the storage repository "
              "has 91136 MiB free");
    CHECK_INT(keel_sr_vdi_import(b, "/tmp/a.iso", "x", NULL, NULL, &e),
              KEEL_EINVAL);
    CHECK(strstr(e.msg, "is a dmg image; an import takes raw, qcow2") !=
          NULL);
    CHECK_INT(keel_sr_vdi_import(b, "/tmp/linked.qcow2", "x", NULL, NULL,
                                 &e), KEEL_EINVAL);
    CHECK(strstr(e.msg, "names a backing file (/dev/keel-sr/web-disk0)") !=
          NULL);
    CHECK_INT(keel_sr_vdi_import(b, "/tmp/split.vmdk", "x", NULL, NULL, &e),
              KEEL_EINVAL);
    CHECK(strstr(e.msg, "keeps its data in another file (/etc/shadow)") !=
          NULL);
    CHECK_INT(keel_sr_vdi_import(b, "/tmp/none", "x", NULL, NULL, &e),
              KEEL_EINVAL);
    CHECK(strstr(e.msg, "Could not open") != NULL);
    CHECK_INT(keel_sr_vdi_import(b, "/tmp/a.qcow2", "imported", NULL, NULL,
                                 &e), KEEL_EEXIST);
    CHECK_INT(keel_sr_vdi_import(b, "tmp/a.qcow2", "y", NULL, NULL, &e),
              KEEL_EINVAL);
    CHECK(strstr(keel_fake_log(b), "lvcreate") == NULL);
    /* a copy that fails removes the new disk */
    CHECK_INT(keel_sr_vdi_import(b, "/tmp/a.qcow2", "broken", NULL, NULL,
                                 &e), KEEL_ECMD);
    CHECK(strstr(e.msg, "write error") != NULL);
    CHECK(strstr(keel_fake_log(b), "run lvm lvremove -y keel-sr/broken\n")
          != NULL);
    /* export: qcow2, never over a file */
    keel_fake_log_clear(b);
    CHECK_INT(keel_sr_vdi_export(b, "imported", "/tmp/out.qcow2", NULL,
                                 NULL, &e), 0);
    CHECK(strstr(keel_fake_log(b), "run qemu-img convert -p -f raw -O qcow2 "
                 "/dev/keel-sr/imported /tmp/out.qcow2.part\n"
                 "run mv -f /tmp/out.qcow2.part /tmp/out.qcow2\n") != NULL);
    /* a failed export leaves no half file */
    keel_fake_script(b, "qemu-img convert -p -f raw -O qcow2 "
                     "/dev/keel-sr/imported /tmp/bad.qcow2.part", 1, "",
                     "No space left on device\n");
    keel_fake_log_clear(b);
    CHECK_INT(keel_sr_vdi_export(b, "imported", "/tmp/bad.qcow2", NULL,
                                 NULL, &e), KEEL_ECMD);
    CHECK(strstr(keel_fake_log(b), "remove /tmp/bad.qcow2.part\n") != NULL);
    keel_fake_put(b, "/tmp/dir/f", "x", 1, 0644);
    CHECK_INT(keel_sr_vdi_export(b, "imported", "/tmp/dir", NULL, NULL, &e),
              KEEL_EINVAL);
    CHECK(strstr(e.msg, "is a directory") != NULL);
    CHECK_INT(keel_sr_vdi_export(b, "nope", "/tmp/o2.qcow2", NULL, NULL,
                                 &e), KEEL_ENOENT);
    keel_fake_put(b, "/tmp/exists.qcow2", "x", 1, 0644);
    CHECK_INT(keel_sr_vdi_export(b, "imported", "/tmp/exists.qcow2", NULL,
                                 NULL, &e), KEEL_EEXIST);
    keel_backend_free(b);
}
