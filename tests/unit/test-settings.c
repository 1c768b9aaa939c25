/*
 * test-settings.c - the settings table, get/set and the rules between
 * settings.
 */
#include <stdlib.h>

#include "keel-settings.h"
#include "unit.h"

UNIT_TEST(settings_table_sane)
{
    struct keel_settings s;
    struct keel_err e;

    CHECK(keel_setting_row(KEEL_S_COUNT) == NULL);
    CHECK_INT(keel_settings_init(&s, &e), 0);
    for (int i = 0; i < KEEL_S_COUNT; i++) {
        const struct keel_setting *r = keel_setting_row(i);

        CHECK_INT(r->id, i);
        CHECK(keel_setting_find(r->name) == r);
        CHECK(strspn(r->name, "abcdefghijklmnopqrstuvwxyz.-") ==
              strlen(r->name));
        CHECK(r->help && strlen(r->help) < 72);
        CHECK(r->type != KEEL_STYPE_ENUM || r->choices);
        CHECK(r->type != KEEL_STYPE_INT || r->min <= r->max);
        /* Every default is a value set would accept. */
        if (keel_settings_try(&s, r->id, r->def, &e))
            unit_fail(__FILE__, __LINE__, "default of %s: %s", r->name,
                      e.msg);
    }
    CHECK(keel_setting_find("nope") == NULL);
    CHECK_INT(keel_settings_check(&s, NULL, &e), 0);
    keel_settings_fini(&s);
}

UNIT_TEST(settings_defaults)
{
    struct keel_settings s;

    CHECK_INT(keel_settings_init(&s, NULL), 0);
    CHECK_STR(keel_settings_value(&s, KEEL_S_HOSTNAME), "keel");
    CHECK_STR(keel_settings_value(&s, KEEL_S_MGMT_MODE), "dhcp");
    CHECK_STR(keel_settings_value(&s, KEEL_S_SSH), "on");
    CHECK_STR(keel_settings_value(&s, KEEL_S_TIMEZONE), "UTC");
    CHECK_STR(keel_settings_value(&s, KEEL_S_KEYMAP), "us");
    CHECK_STR(keel_settings_value(&s, KEEL_S_CONSOLE_IDLE), "5");
    CHECK_STR(keel_settings_value(&s, KEEL_S_MGMT_VLAN), "");
    CHECK_STR(keel_settings_value(&s, KEEL_S_ROOT_HASH), "");
    CHECK(s.zones == NULL);
    keel_settings_fini(&s);
}

UNIT_TEST(settings_get_set_refuse)
{
    struct keel_settings s;
    struct keel_err e;
    const char *v = "x";

    CHECK_INT(keel_settings_init(&s, NULL), 0);
    CHECK_INT(keel_settings_set(&s, "hostname", "xen1.lab", &e), 0);
    CHECK_INT(keel_settings_get(&s, "hostname", &v, &e), 0);
    CHECK_STR(v, "xen1.lab");
    CHECK_INT(keel_settings_set(&s, "hostname", "my_host", &e),
              KEEL_EINVAL);
    CHECK_STR(e.msg, "hostname: my_host: '_' is not allowed in host names "
                     "(RFC 1123); use '-' instead");
    CHECK_STR(keel_settings_value(&s, KEEL_S_HOSTNAME), "xen1.lab");
    CHECK_INT(keel_settings_set(&s, "hostname", "", &e), KEEL_EINVAL);
    CHECK(strstr(e.msg, "hostname: a value is needed") != NULL);
    CHECK_INT(keel_settings_set(&s, "mgmt.address", "10.0.0.300", &e),
              KEEL_EINVAL);
    CHECK_STR(e.msg, "mgmt.address: 10.0.0.300: each of the four numbers "
                     "must be 0-255");
    CHECK_INT(keel_settings_set(&s, "mgmt.address", "", &e), 0);
    CHECK_INT(keel_settings_set(&s, "mgmt.mode", "manual", &e),
              KEEL_EINVAL);
    CHECK_STR(e.msg, "mgmt.mode: 'manual': write dhcp or static");
    CHECK_INT(keel_settings_set(&s, "mgmt.mode", "static", &e), 0);
    CHECK_INT(keel_settings_set(&s, "mgmt.vlan", "4095", &e), KEEL_EINVAL);
    CHECK(strstr(e.msg, "mgmt.vlan: VLAN 4095 is reserved") != NULL);
    CHECK_INT(keel_settings_set(&s, "keymap", "de-latin1", &e), 0);
    CHECK_INT(keel_settings_set(&s, "syslog.remote", "log:0", &e),
              KEEL_EINVAL);
    CHECK_INT(keel_settings_set(&s, "timezone", "Mars/Olympus", &e), 0);
    CHECK_INT(keel_settings_set(&s, "timezone", "Mars", &e), KEEL_EINVAL);
    keel_settings_fini(&s);
}

UNIT_TEST(settings_unknown_name)
{
    struct keel_settings s;
    struct keel_err e;
    const char *v = "x";

    CHECK_INT(keel_settings_init(&s, NULL), 0);
    CHECK_INT(keel_settings_set(&s, "hostnme", "a", &e), KEEL_ENOENT);
    CHECK_STR(e.msg, "unknown setting 'hostnme'; did you mean "
                     "'hostname'?");
    CHECK_INT(keel_settings_get(&s, "mgmt.adress", &v, &e), KEEL_ENOENT);
    CHECK(v == NULL);
    CHECK(strstr(e.msg, "did you mean 'mgmt.address'") != NULL);
    CHECK_INT(keel_settings_get(&s, "colour", &v, &e), KEEL_ENOENT);
    CHECK(strstr(e.msg, "unknown setting 'colour'; the settings are "
                        "hostname, mgmt.nic,") != NULL);
    CHECK(strstr(e.msg, "console.idle-minutes") != NULL);
    keel_settings_fini(&s);
}

UNIT_TEST(settings_normalise)
{
    static const struct {
        const char *name, *in, *stored;
    } t[] = {
        { "mgmt.prefix", "255.255.255.0", "24" },
        { "mgmt.prefix", "255.255.255.252", "30" },
        { "mgmt.prefix", "16", "16" },
        { "ssh", "yes", "on" },
        { "ssh", "OFF", "off" },
        { "ssh", "0", "off" },
        { "ssh", "True", "on" },
        { "dns", "1.1.1.1,8.8.8.8", "1.1.1.1 8.8.8.8" },
        { "dns", " 1.1.1.1 ,\t 8.8.8.8 ,", "1.1.1.1 8.8.8.8" },
        { "ntp", ",,", "" },
        { "ntp", "a.example  b.example", "a.example b.example" },
    };
    struct keel_settings s;
    struct keel_err e;

    CHECK_INT(keel_settings_init(&s, NULL), 0);
    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        const char *v = NULL;

        if (keel_settings_set(&s, t[i].name, t[i].in, &e))
            unit_fail(__FILE__, __LINE__, "%s=%s: %s", t[i].name, t[i].in,
                      e.msg);
        keel_settings_get(&s, t[i].name, &v, &e);
        CHECK_STR(v, t[i].stored);
        /* Normalising is idempotent: the stored form sets to itself. */
        CHECK_INT(keel_settings_set(&s, t[i].name, v, &e), 0);
        keel_settings_get(&s, t[i].name, &v, &e);
        CHECK_STR(v, t[i].stored);
    }
    CHECK_INT(keel_settings_set(&s, "mgmt.prefix", "255.0.255.0", &e),
              KEEL_EINVAL);
    CHECK(strstr(e.msg, "mgmt.prefix: 255.0.255.0: a netmask") != NULL);
    CHECK_INT(keel_settings_set(&s, "mgmt.prefix", "0.0.0.0", &e),
              KEEL_EINVAL);
    CHECK_INT(keel_settings_set(&s, "ssh", "maybe", &e), KEEL_EINVAL);
    CHECK_STR(e.msg, "ssh: 'maybe': write on or off");
    keel_settings_fini(&s);
}

UNIT_TEST(settings_int_range)
{
    static const struct {
        const char *in;
        int ok;
    } t[] = {
        { "1", 1 },  { "5", 1 },     { "1440", 1 }, { "0", 0 },
        { "1441", 0 }, { "05", 0 },  { "-5", 0 },   { "abc", 0 },
        { "", 0 },   { "99999999999999999999", 0 },
    };
    struct keel_settings s;
    struct keel_err e;

    CHECK_INT(keel_settings_init(&s, NULL), 0);
    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        int rc = keel_settings_set(&s, "console.idle-minutes", t[i].in, &e);

        if (rc != (t[i].ok ? 0 : KEEL_EINVAL))
            unit_fail(__FILE__, __LINE__, "idle-minutes=%s: %d", t[i].in,
                      rc);
    }
    keel_settings_set(&s, "console.idle-minutes", "0", &e);
    CHECK(strstr(e.msg, "console.idle-minutes: '0': write a number "
                        "1-1440") != NULL);
    keel_settings_fini(&s);
}

UNIT_TEST(settings_secret_never_displayed)
{
    static const char hash[] =
        "$y$j9T$/S5wmP1w/wTGOY8eMe5Cy/$6BDYIFU003SSVgWFpoEhiDIcdJspRF7z"
        "MuBLJyGNTx2";
    struct keel_settings s;
    struct keel_err e;

    CHECK_INT(keel_settings_init(&s, NULL), 0);
    CHECK(keel_setting_row(KEEL_S_ROOT_HASH)->flags & KEEL_SF_SECRET);
    CHECK_STR(keel_settings_display(&s, KEEL_S_ROOT_HASH), "(not set)");
    CHECK_INT(keel_settings_set(&s, "root.hash", hash, &e), 0);
    CHECK_STR(keel_settings_display(&s, KEEL_S_ROOT_HASH), "(set)");
    CHECK_STR(keel_settings_value(&s, KEEL_S_ROOT_HASH), hash);
    CHECK_STR(keel_settings_display(&s, KEEL_S_HOSTNAME), "keel");
    CHECK_INT(keel_settings_set(&s, "root.hash", "$6$x$hunter2", &e),
              KEEL_EINVAL);
    CHECK(strstr(e.msg, "hunter2") == NULL);
    keel_settings_fini(&s);
}

UNIT_TEST(settings_timezone_against_list)
{
    static const char tab[] = "DE\t+5230+01322\tEurope/Berlin\n";
    struct keel_tzlist *z = NULL;
    struct keel_settings s;
    struct keel_err e;

    CHECK_INT(keel_tz_load(tab, sizeof(tab) - 1, &z, &e), 0);
    CHECK_INT(keel_settings_init(&s, NULL), 0);
    s.zones = z;
    CHECK_INT(keel_settings_set(&s, "timezone", "Europe/Berlin", &e), 0);
    CHECK_INT(keel_settings_set(&s, "timezone", "UTC", &e), 0);
    CHECK_INT(keel_settings_set(&s, "timezone", "Europe/Paris", &e),
              KEEL_EINVAL);
    CHECK(strstr(e.msg, "timezone: Europe/Paris is not a known time "
                        "zone") != NULL);
    s.zones = NULL;
    CHECK_INT(keel_settings_set(&s, "timezone", "Europe/Paris", &e), 0);
    keel_settings_fini(&s);
    keel_tz_free(z);
}

/* Set name=value or fail the test. */
static void put(struct keel_settings *s, const char *name, const char *v)
{
    struct keel_err e;

    if (keel_settings_set(s, name, v, &e))
        unit_fail(__FILE__, __LINE__, "%s=%s: %s", name, v, e.msg);
}

UNIT_TEST(settings_check_static_needs_all)
{
    struct keel_settings s;
    struct keel_check c;
    struct keel_err e;

    CHECK_INT(keel_settings_init(&s, NULL), 0);
    put(&s, "mgmt.mode", "static");
    CHECK_INT(keel_settings_check(&s, &c, &e), KEEL_EINVAL);
    CHECK_INT(c.n, 3);
    CHECK_INT(c.p[0].id, KEEL_S_MGMT_ADDRESS);
    CHECK_STR(c.p[0].msg, "mgmt.address: static mode needs an address; "
                          "set it, or set mgmt.mode to dhcp");
    CHECK_INT(c.p[1].id, KEEL_S_MGMT_PREFIX);
    CHECK(strstr(c.p[1].msg, "mgmt.prefix: static mode needs") != NULL);
    CHECK_INT(c.p[2].id, KEEL_S_MGMT_GATEWAY);
    CHECK(strstr(c.p[2].msg, "mgmt.gateway: static mode needs") != NULL);
    CHECK(strstr(e.msg, "mgmt.address: static mode") == e.msg);
    CHECK(strstr(e.msg, "(and 2 more problems)") != NULL);
    put(&s, "mgmt.address", "192.168.1.10");
    put(&s, "mgmt.prefix", "24");
    CHECK_INT(keel_settings_check(&s, &c, &e), KEEL_EINVAL);
    CHECK_INT(c.n, 1);
    CHECK_INT(c.p[0].id, KEEL_S_MGMT_GATEWAY);
    CHECK_STR(e.msg, c.p[0].msg);
    put(&s, "mgmt.gateway", "192.168.1.1");
    CHECK_INT(keel_settings_check(&s, &c, &e), 0);
    CHECK_INT(c.n, 0);
    keel_settings_fini(&s);
}

UNIT_TEST(settings_check_subnet_rules)
{
    struct keel_settings s;
    struct keel_check c;
    struct keel_err e;

    CHECK_INT(keel_settings_init(&s, NULL), 0);
    put(&s, "mgmt.mode", "static");
    put(&s, "mgmt.address", "192.168.1.10");
    put(&s, "mgmt.prefix", "255.255.255.0");
    put(&s, "mgmt.gateway", "192.168.2.1");
    CHECK_INT(keel_settings_check(&s, &c, &e), KEEL_EINVAL);
    CHECK_INT(c.n, 1);
    CHECK_INT(c.p[0].id, KEEL_S_MGMT_GATEWAY);
    CHECK_STR(c.p[0].msg, "mgmt.gateway: gateway 192.168.2.1 is not in "
                          "192.168.1.0/24; use an address from 192.168.1.1"
                          " to 192.168.1.254");
    put(&s, "mgmt.address", "192.168.1.255");
    put(&s, "mgmt.gateway", "192.168.1.1");
    CHECK_INT(keel_settings_check(&s, &c, &e), KEEL_EINVAL);
    CHECK_INT(c.n, 1);
    CHECK_INT(c.p[0].id, KEEL_S_MGMT_ADDRESS);
    CHECK(strstr(c.p[0].msg, "broadcast address") != NULL);
    /* dhcp ignores the static fields, even inconsistent ones. */
    put(&s, "mgmt.mode", "dhcp");
    CHECK_INT(keel_settings_check(&s, &c, &e), 0);
    keel_settings_fini(&s);
}

/* Force a stored value past the setter, as a corrupted struct would. */
static void poke(struct keel_settings *s, enum keel_setting_id id,
                 const char *v)
{
    free(s->val[id]);
    s->val[id] = strdup(v);
}

UNIT_TEST(settings_check_reports_every_problem)
{
    struct keel_settings s;
    struct keel_check c;
    struct keel_err e;

    CHECK_INT(keel_settings_init(&s, NULL), 0);
    poke(&s, KEEL_S_HOSTNAME, "bad_name");
    poke(&s, KEEL_S_CONSOLE_IDLE, "0");
    poke(&s, KEEL_S_MGMT_MODE, "static");
    poke(&s, KEEL_S_MGMT_ADDRESS, "10.0.0.300");
    poke(&s, KEEL_S_MGMT_PREFIX, "24");
    CHECK_INT(keel_settings_check(&s, &c, &e), KEEL_EINVAL);
    CHECK_INT(c.n, 4);
    CHECK_INT(c.p[0].id, KEEL_S_HOSTNAME);
    CHECK(strstr(c.p[0].msg, "hostname: bad_name") == c.p[0].msg);
    CHECK_INT(c.p[1].id, KEEL_S_MGMT_ADDRESS);
    CHECK(strstr(c.p[1].msg, "mgmt.address: 10.0.0.300") == c.p[1].msg);
    CHECK_INT(c.p[2].id, KEEL_S_CONSOLE_IDLE);
    CHECK(strstr(c.p[2].msg, "console.idle-minutes: ") == c.p[2].msg);
    /* The bad address is reported once; the gateway is still missing. */
    CHECK_INT(c.p[3].id, KEEL_S_MGMT_GATEWAY);
    CHECK(strstr(c.p[3].msg, "needs a gateway") != NULL);
    CHECK(strstr(e.msg, "(and 3 more problems)") != NULL);
    keel_settings_fini(&s);
}

UNIT_TEST(settings_copy_equal)
{
    struct keel_settings a, b;

    CHECK_INT(keel_settings_init(&a, NULL), 0);
    CHECK_INT(keel_settings_init(&b, NULL), 0);
    CHECK(keel_settings_equal(&a, &b));
    put(&a, "hostname", "other");
    CHECK(!keel_settings_equal(&a, &b));
    CHECK_INT(keel_settings_copy(&b, &a, NULL), 0);
    CHECK(keel_settings_equal(&a, &b));
    CHECK(a.val[KEEL_S_HOSTNAME] != b.val[KEEL_S_HOSTNAME]);
    keel_settings_fini(&a);
    keel_settings_fini(&b);
}
