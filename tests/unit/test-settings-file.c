/*
 * test-settings-file.c - host.conf: parsing, errors with line numbers,
 * stable output, round trip, atomic save and a power cut mid-save.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "keel-backend-fake.h"
#include "keel-settings.h"
#include "unit.h"

#define YESCRYPT "$y$j9T$/S5wmP1w/wTGOY8eMe5Cy/$6BDYIFU003SSVgWFpoEhiDIc" \
                 "dJspRF7zMuBLJyGNTx2"

static int parse(struct keel_settings *s, const char *text,
                 struct keel_err *e)
{
    return keel_settings_parse(s, text, strlen(text), "host.conf", e);
}

UNIT_TEST(settings_parse_basic)
{
    static const char text[] =
        "# a comment\n"
        "\n"
        "   # an indented comment\n"
        "hostname = xen1.lab  \n"
        "mgmt.mode=static\r\n"
        "\tmgmt.address=10.0.0.5\n"
        "mgmt.prefix=\"255.255.255.0\"\n"
        "mgmt.gateway=10.0.0.1\n"
        "dns=\"10.0.0.2, 10.0.0.3\"   \n"
        "ntp=\n"
        "ssh=off";
    struct keel_settings s;
    struct keel_err e = { "" };

    CHECK_INT(keel_settings_init(&s, NULL), 0);
    CHECK_INT(parse(&s, text, &e), 0);
    CHECK_STR(e.msg, "");
    CHECK_STR(s.val[KEEL_S_HOSTNAME], "xen1.lab");
    CHECK_STR(s.val[KEEL_S_MGMT_MODE], "static");
    CHECK_STR(s.val[KEEL_S_MGMT_ADDRESS], "10.0.0.5");
    CHECK_STR(s.val[KEEL_S_MGMT_PREFIX], "24");
    CHECK_STR(s.val[KEEL_S_DNS], "10.0.0.2 10.0.0.3");
    CHECK_STR(s.val[KEEL_S_NTP], "");
    CHECK_STR(s.val[KEEL_S_SSH], "off");
    CHECK_STR(s.val[KEEL_S_KEYMAP], "us"); /* not in the file: default */
    CHECK_INT(keel_settings_check(&s, NULL, &e), 0);
    /* Parsing again starts from defaults: the file is the whole truth. */
    CHECK_INT(parse(&s, "hostname=other\n", &e), 0);
    CHECK_STR(s.val[KEEL_S_SSH], "on");
    CHECK_STR(s.val[KEEL_S_MGMT_MODE], "dhcp");
    CHECK_INT(parse(&s, "", &e), 0);
    CHECK_STR(s.val[KEEL_S_HOSTNAME], "keel");
    keel_settings_fini(&s);
}

UNIT_TEST(settings_parse_quotes)
{
    struct keel_settings s;
    struct keel_err e;

    CHECK_INT(keel_settings_init(&s, NULL), 0);
    CHECK_INT(parse(&s, "root.hash=\"" YESCRYPT "\"\n", &e), 0);
    CHECK_STR(s.val[KEEL_S_ROOT_HASH], YESCRYPT);
    CHECK_INT(parse(&s, "hostname=\"\"\nntp=\"\"\n", &e), KEEL_EINVAL);
    CHECK(strstr(e.msg, "host.conf:1: hostname: a value is needed") ==
          e.msg);
    CHECK_INT(parse(&s, "ntp=\"a.example b.example\" \t\n", &e), 0);
    CHECK_STR(s.val[KEEL_S_NTP], "a.example b.example");
    /* Escapes decode; the validator then judges the decoded value. */
    CHECK_INT(parse(&s, "keymap=\"u\\\\s\"\n", &e), KEEL_EINVAL);
    CHECK(strstr(e.msg, "host.conf:1: keymap: 'u\\s'") == e.msg);
    CHECK_INT(parse(&s, "keymap=\"\\\"us\"\n", &e), KEEL_EINVAL);
    CHECK(strstr(e.msg, "keymap: '\"us'") != NULL);
    keel_settings_fini(&s);
}

UNIT_TEST(settings_parse_errors_table)
{
    static const struct {
        const char *text;
        const char *msg; /* the message starts with this */
    } t[] = {
        { "Colour=blue\n", "host.conf:1: a setting name is lower-case" },
        /* found by fuzz-settings: an unknown name whose value cannot be
         * written back */
        { "s=\"\t \"\n", "host.conf:1: control character in the value" },
        { "ssh=on\nhostname=a\nssh=off\n",
          "host.conf:3: ssh is already set on line 1; keep only one" },
        { "hostname\n", "host.conf:1: expected name=value" },
        { "=keel\n", "host.conf:1: expected name=value" },
        { "hostname=\"keel\n", "host.conf:1: missing closing '\"'" },
        { "hostname=\"keel\\\"\n", "host.conf:1: missing closing" },
        { "hostname=\"ke\\nl\"\n", "host.conf:1: unknown escape" },
        { "hostname=\"keel\" # c\n", "host.conf:1: text after the "
          "closing '\"'" },
        { "hostname=ke\"el\n", "host.conf:1: a value with '\"' or '\\' "
          "must be in double quotes" },
        { "hostname=ke\\el\n", "host.conf:1: a value with" },
        { "\nhostname=ke\x01l\n", "host.conf:2: control character" },
        { "hostname=keel\x7f\n", "host.conf:1: control character" },
        { "hostname=my_host\n", "host.conf:1: hostname: my_host: '_' is "
          "not allowed" },
        { "mgmt.gateway=1.2.3\n", "host.conf:1: mgmt.gateway: 1.2.3: an "
          "IPv4 address has four numbers" },
        { "ssh=maybe\n", "host.conf:1: ssh: 'maybe': write on or off" },
        { "console.idle-minutes=0\n", "host.conf:1: console.idle-minutes:"
          " '0': write a number 1-1440" },
        { "hostname=keel # comment\n", "host.conf:1: hostname: keel # "
          "comment: ' ' is not allowed" },
    };
    struct keel_settings s;
    struct keel_err e;

    CHECK_INT(keel_settings_init(&s, NULL), 0);
    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        int rc = parse(&s, t[i].text, &e);

        if (rc != KEEL_EINVAL)
            unit_fail(__FILE__, __LINE__, "case %zu parsed (rc %d)", i, rc);
        else if (strncmp(e.msg, t[i].msg, strlen(t[i].msg)) != 0)
            unit_fail(__FILE__, __LINE__, "case %zu: \"%s\", want \"%s\"",
                      i, e.msg, t[i].msg);
    }
    keel_settings_fini(&s);
}

UNIT_TEST(settings_parse_binary_input)
{
    static const char text[] = "hostname=a\0b\n";
    char big[3000];
    struct keel_settings s;
    struct keel_err e;

    CHECK_INT(keel_settings_init(&s, NULL), 0);
    CHECK_INT(keel_settings_parse(&s, text, sizeof(text) - 1, "f", &e),
              KEEL_EINVAL);
    CHECK(strstr(e.msg, "f:1: control character") == e.msg);
    memset(big, 'a', sizeof(big));
    memcpy(big, "ntp=", 4);
    big[2004] = '\0';
    CHECK_INT(parse(&s, big, &e), KEEL_EINVAL);
    CHECK(strstr(e.msg, "too long") != NULL);
    memset(big, 'a', sizeof(big));
    CHECK_INT(keel_settings_parse(&s, big, sizeof(big), "f", &e),
              KEEL_EINVAL);
    keel_settings_fini(&s);
}

UNIT_TEST(settings_parse_error_leaves_settings)
{
    struct keel_settings s;
    struct keel_err e;

    CHECK_INT(keel_settings_init(&s, NULL), 0);
    CHECK_INT(parse(&s, "hostname=before\n", &e), 0);
    CHECK_INT(parse(&s, "hostname=after\nssh=off\nbogus 1\n", &e),
              KEEL_EINVAL);
    CHECK(strstr(e.msg, "host.conf:3:") == e.msg);
    CHECK_STR(s.val[KEEL_S_HOSTNAME], "before");
    CHECK_STR(s.val[KEEL_S_SSH], "on");
    keel_settings_fini(&s);
}

/* A name this version does not know (a newer slot's setting, met
 * after a rollback, or a typo) is kept and written back unchanged, with
 * a warning naming it; the known ones load as usual. */
UNIT_TEST(settings_unknown_kept)
{
    static const char text[] = "# 1\n# 2\n# 3\n# 4\n# 5\n\nhostnme=keel\n"
                               "hostname=h1\nfuture.knob=\"a b\"\n";
    struct keel_settings s, t;
    struct keel_err e;
    char *out = NULL;
    size_t len;

    CHECK_INT(keel_settings_init(&s, NULL), 0);
    CHECK_INT(keel_settings_init(&t, NULL), 0);
    CHECK_INT(parse(&s, text, &e), 0);
    CHECK_STR(s.val[KEEL_S_HOSTNAME], "h1");
    CHECK_STR(s.warning, "host.conf:7: unknown setting 'hostnme' kept as "
              "it is (a newer Keel's, or a typo: did you mean "
              "'hostname'?)");
    CHECK_STR(s.unknown, "hostnme=keel\nfuture.knob=\"a b\"\n");
    CHECK_INT(keel_settings_format(&s, &out, &len, &e), 0);
    CHECK(out && strstr(out, "\nhostnme=keel\nfuture.knob=\"a b\"\n"));
    CHECK_INT(keel_settings_parse(&t, out, len, "again", &e), 0);
    CHECK_STR(t.unknown, s.unknown);
    CHECK_INT(keel_settings_copy(&t, &s, &e), 0);
    CHECK_STR(t.unknown, s.unknown);
    free(out);
    keel_settings_fini(&s);
    keel_settings_fini(&t);
}

/* Settings that exercise every type and quoting. */
static void fill(struct keel_settings *s)
{
    static const char *const kv[][2] = {
        { "hostname", "xen1.lab.example" }, { "mgmt.nic", "enp3s0" },
        { "mgmt.mode", "static" },          { "mgmt.address", "10.0.0.5" },
        { "mgmt.prefix", "24" },            { "mgmt.gateway", "10.0.0.1" },
        { "mgmt.vlan", "42" },              { "dns", "10.0.0.2,1.1.1.1" },
        { "ntp", "0.pool.ntp.org 10.0.0.1" },
        { "timezone", "Europe/Berlin" },    { "keymap", "de-latin1" },
        { "ssh", "off" },                   { "syslog.remote", "log:514" },
        { "root.hash", YESCRYPT },          { "console.idle-minutes", "30" },
    };
    struct keel_err e;

    for (size_t i = 0; i < sizeof(kv) / sizeof(kv[0]); i++)
        if (keel_settings_set(s, kv[i][0], kv[i][1], &e))
            unit_fail(__FILE__, __LINE__, "%s: %s", kv[i][0], e.msg);
}

UNIT_TEST(settings_roundtrip)
{
    struct keel_settings a, b;
    struct keel_err e;
    char *t1 = NULL, *t2 = NULL;
    size_t n1 = 0, n2 = 0;

    CHECK_INT(keel_settings_init(&a, NULL), 0);
    CHECK_INT(keel_settings_init(&b, NULL), 0);
    for (int pass = 0; pass < 2; pass++) {
        if (pass)
            fill(&a);
        CHECK_INT(keel_settings_format(&a, &t1, &n1, &e), 0);
        CHECK_INT(strlen(t1), n1);
        CHECK_INT(keel_settings_parse(&b, t1, n1, "t", &e), 0);
        CHECK(keel_settings_equal(&a, &b));
        CHECK_INT(keel_settings_format(&b, &t2, &n2, &e), 0);
        CHECK_STR(t2, t1);
        free(t1);
        free(t2);
    }
    keel_settings_fini(&a);
    keel_settings_fini(&b);
}

static char *slurp(const char *name, size_t *len)
{
    char path[512], *buf = NULL;
    FILE *f;

    snprintf(path, sizeof(path), "%s/settings/%s", unit_data_dir(), name);
    f = fopen(path, "r");
    if (!f) {
        unit_fail(__FILE__, __LINE__, "cannot open %s", path);
        return NULL;
    }
    buf = calloc(1, 65536);
    *len = buf ? fread(buf, 1, 65535, f) : 0;
    fclose(f);
    return buf;
}

UNIT_TEST(settings_format_golden)
{
    static const char *const golden[] = { "defaults.conf", "static.conf" };
    struct keel_settings s;
    struct keel_err e;
    char *text = NULL, *want;
    size_t len, wlen;

    CHECK_INT(keel_settings_init(&s, NULL), 0);
    for (int i = 0; i < 2; i++) {
        if (i)
            fill(&s);
        want = slurp(golden[i], &wlen);
        CHECK_INT(keel_settings_format(&s, &text, &len, &e), 0);
        if (want && text && strcmp(text, want) != 0)
            unit_fail(__FILE__, __LINE__, "%s differs; got:\n%s", golden[i],
                      text);
        free(text);
        free(want);
    }
    keel_settings_fini(&s);
}

UNIT_TEST(settings_save_load_fake)
{
    struct keel_backend *b = keel_fake_new();
    struct keel_settings a, c;
    struct keel_err e;
    unsigned mode = 0;

    CHECK_INT(keel_settings_init(&a, NULL), 0);
    CHECK_INT(keel_settings_init(&c, NULL), 0);
    fill(&a);
    CHECK_INT(keel_settings_save(&a, b, NULL, &e), 0);
    CHECK_STR(keel_fake_log(b), "write /etc/keel/host.conf\n");
    CHECK_INT(keel_fake_get(b, KEEL_HOST_CONF, NULL, NULL, &mode), 0);
    CHECK_INT(mode, 0600);
    CHECK_INT(keel_settings_load(&c, b, NULL, &e), 0);
    CHECK(keel_settings_equal(&a, &c));
    CHECK_INT(keel_settings_save(&a, b, "/tmp/other.conf", &e), 0);
    CHECK_INT(keel_fake_get(b, "/tmp/other.conf", NULL, NULL, NULL), 0);
    keel_settings_fini(&a);
    keel_settings_fini(&c);
    keel_backend_free(b);
}

UNIT_TEST(settings_save_refuses_bad)
{
    struct keel_backend *b = keel_fake_new();
    struct keel_settings s;
    struct keel_err e;

    CHECK_INT(keel_settings_init(&s, NULL), 0);
    CHECK_INT(keel_settings_set(&s, "mgmt.mode", "static", &e), 0);
    CHECK_INT(keel_settings_save(&s, b, NULL, &e), KEEL_EINVAL);
    CHECK(strstr(e.msg, "not saving /etc/keel/host.conf: mgmt.address: "
                        "static mode needs an address") == e.msg);
    CHECK_INT(keel_fake_log_count(b), 0);
    keel_settings_fini(&s);
    keel_backend_free(b);
}

UNIT_TEST(settings_save_power_cut)
{
    static const char old[] = "hostname=old-name\nssh=off\n";
    struct keel_backend *b = keel_fake_new();
    struct keel_settings s;
    struct keel_err e;
    const char *data = NULL;

    CHECK_INT(keel_fake_put(b, KEEL_HOST_CONF, old, sizeof(old) - 1, 0600),
              0);
    CHECK_INT(keel_settings_init(&s, NULL), 0);
    fill(&s);
    CHECK_INT(keel_fake_fail(b, "rename", KEEL_HOST_CONF, KEEL_EIO), 0);
    CHECK_INT(keel_settings_save(&s, b, NULL, &e), KEEL_EIO);
    CHECK(strstr(e.msg, KEEL_HOST_CONF) != NULL);
    CHECK_INT(keel_fake_get(b, KEEL_HOST_CONF, &data, NULL, NULL), 0);
    CHECK_STR(data, old);
    CHECK_INT(keel_fake_nfiles(b), 1);
    keel_fake_fail_clear(b);
    CHECK_INT(keel_settings_load(&s, b, NULL, &e), 0);
    CHECK_STR(s.val[KEEL_S_HOSTNAME], "old-name");
    CHECK_STR(s.val[KEEL_S_SSH], "off");
    keel_settings_fini(&s);
    keel_backend_free(b);
}

UNIT_TEST(settings_load_errors)
{
    static const char bad[] = "hostname=a\nhostname=b\n";
    struct keel_backend *b = keel_fake_new();
    struct keel_settings s;
    struct keel_err e;

    CHECK_INT(keel_settings_init(&s, NULL), 0);
    CHECK_INT(keel_settings_set(&s, "hostname", "kept", &e), 0);
    CHECK_INT(keel_settings_load(&s, b, NULL, &e), KEEL_ENOENT);
    CHECK(strstr(e.msg, KEEL_HOST_CONF) != NULL);
    CHECK_STR(s.val[KEEL_S_HOSTNAME], "kept");
    CHECK_INT(keel_fake_put(b, KEEL_HOST_CONF, bad, sizeof(bad) - 1, 0600),
              0);
    CHECK_INT(keel_settings_load(&s, b, NULL, &e), KEEL_EINVAL);
    CHECK(strstr(e.msg, "/etc/keel/host.conf:2: hostname is already "
                        "set on line 1") == e.msg);
    CHECK_STR(s.val[KEEL_S_HOSTNAME], "kept");
    keel_settings_fini(&s);
    keel_backend_free(b);
}

UNIT_TEST(settings_save_load_real)
{
    char root[] = "/tmp/keel-unit-XXXXXX", dir[600];
    struct keel_backend *b;
    struct keel_settings a, c;
    struct keel_err e;

    if (!mkdtemp(root))
        return;
    snprintf(dir, sizeof(dir), "%s/etc", root);
    mkdir(dir, 0755);
    snprintf(dir, sizeof(dir), "%s/etc/keel", root);
    mkdir(dir, 0755);
    b = keel_backend_real_new(root);
    CHECK_INT(keel_settings_init(&a, NULL), 0);
    CHECK_INT(keel_settings_init(&c, NULL), 0);
    fill(&a);
    CHECK_INT(keel_settings_save(&a, b, NULL, &e), 0);
    CHECK_INT(keel_settings_load(&c, b, NULL, &e), 0);
    CHECK(keel_settings_equal(&a, &c));
    CHECK_INT(keel_backend_remove(b, KEEL_HOST_CONF, &e), 0);
    rmdir(dir);
    snprintf(dir, sizeof(dir), "%s/etc", root);
    rmdir(dir);
    CHECK_INT(rmdir(root), 0);
    keel_settings_fini(&a);
    keel_settings_fini(&c);
    keel_backend_free(b);
}
