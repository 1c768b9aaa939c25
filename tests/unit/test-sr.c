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
