/*
 * test-validate-net.c - numbers, IPv4, subnets, VLANs, interface names.
 *
 * Each case is (input, expected result, a piece of the message): the
 * message piece makes sure a refusal says what is wrong, not just "no".
 */
#include <stdio.h>

#include "keel-validate.h"
#include "unit.h"
#include "vcase.h"

UNIT_TEST(validate_parse_uint)
{
    unsigned long v = 99;

    CHECK_INT(keel_parse_uint("0", 10, &v), 0);
    CHECK_INT(v, 0);
    CHECK_INT(keel_parse_uint("4094", 4094, &v), 0);
    CHECK_INT(v, 4094);
    CHECK_INT(keel_parse_uint("4095", 4094, &v), KEEL_EINVAL);
    CHECK_INT(keel_parse_uint("010", 100, &v), KEEL_EINVAL);
    CHECK_INT(keel_parse_uint("", 100, &v), KEEL_EINVAL);
    CHECK_INT(keel_parse_uint("-1", 100, &v), KEEL_EINVAL);
    CHECK_INT(keel_parse_uint("+1", 100, &v), KEEL_EINVAL);
    CHECK_INT(keel_parse_uint(" 1", 100, &v), KEEL_EINVAL);
    CHECK_INT(keel_parse_uint("5", 3, &v), KEEL_EINVAL);
    CHECK_INT(keel_parse_uint("99999999999999999999999", 65535, &v),
              KEEL_EINVAL);
    CHECK_INT(keel_parse_uint("18446744073709551616", (unsigned long)-1,
                              &v), KEEL_EINVAL);
}

static const struct vcase ipv4_cases[] = {
    { "0.0.0.0", 1, NULL },
    { "255.255.255.255", 1, NULL },
    { "192.168.1.10", 1, NULL },
    { "10.0.0.1", 1, NULL },
    { "1.2.3.0", 1, NULL },
    { "", 0, "empty" },
    { "1.2.3", 0, "four numbers" },
    { "1.2.3.4.5", 0, "four numbers" },
    { "1.2.3.4.", 0, "four numbers" },
    { ".1.2.3", 0, "missing between the dots" },
    { "1..2.3", 0, "missing" },
    { "1.2.3.", 0, "missing" },
    { "192.168.1.300", 0, "each of the four numbers must be 0-255" },
    { "256.1.1.1", 0, "0-255" },
    { "1.2.3.1000", 0, "0-255" },
    { "01.2.3.4", 0, "write 1.2.3.4" },
    { "1.2.3.04", 0, "leading zeros" },
    { "10.0.0.00", 0, "write 10.0.0.0" },
    { " 1.2.3.4", 0, "remove the spaces" },
    { "1.2.3.4 ", 0, "remove the spaces" },
    { "1.2.3.4\t", 0, "spaces" },
    { "1.2.3.4x", 0, "only digits and dots" },
    { "1.2.3.4/24", 0, "only digits and dots" },
    { "a.b.c.d", 0, "only digits and dots" },
    { "-1.2.3.4", 0, "only digits" },
    { "0x7f.0.0.1", 0, "only digits" },
    { "1.2.3.4\n", 0, "only digits" },
};

UNIT_TEST(validate_ipv4_table)
{
    unit_run_vcases("ipv4", keel_valid_ipv4, ipv4_cases, NCASES(ipv4_cases));
}

UNIT_TEST(validate_ipv4_parse_format)
{
    char buf[KEEL_IPV4_BUFSZ];
    uint32_t a = 0;

    CHECK_INT(keel_ipv4_parse("192.168.1.10", &a, NULL), 0);
    CHECK_INT(a, 0xc0a8010aU);
    keel_ipv4_format(a, buf);
    CHECK_STR(buf, "192.168.1.10");
    keel_ipv4_format(0xffffffffU, buf);
    CHECK_STR(buf, "255.255.255.255");
    keel_ipv4_format(0, buf);
    CHECK_STR(buf, "0.0.0.0");
    a = 7;
    CHECK_INT(keel_ipv4_parse("1.2.3", &a, NULL), KEEL_EINVAL);
    CHECK_INT(a, 7); /* untouched on error */
}

static const struct vcase ipv4_host_cases[] = {
    { "192.168.1.10", 1, NULL },
    { "1.0.0.0", 1, NULL },
    { "223.255.255.255", 1, NULL },
    { "0.0.0.0", 0, "this network" },
    { "0.1.2.3", 0, "this network" },
    { "127.0.0.1", 0, "loopback" },
    { "224.0.0.1", 0, "multicast" },
    { "239.255.255.255", 0, "multicast" },
    { "240.0.0.1", 0, "reserved" },
    { "255.255.255.255", 0, "broadcast" },
    { "1.2.3", 0, "four numbers" },
};

UNIT_TEST(validate_ipv4_host_table)
{
    unit_run_vcases("ipv4_host", keel_valid_ipv4_host, ipv4_host_cases,
              NCASES(ipv4_host_cases));
}

static const struct vcase prefix_cases[] = {
    { "1", 1, NULL },
    { "24", 1, NULL },
    { "31", 1, NULL },
    { "32", 1, NULL },
    { "0", 0, "1-32" },
    { "33", 0, "1-32" },
    { "024", 0, "1-32" },
    { "-1", 0, "1-32" },
    { "", 0, "1-32" },
    { "/24", 0, "1-32" },
    { " 24", 0, "1-32" },
    { "255.255.255.0", 0, "not a netmask" },
};

UNIT_TEST(validate_prefix_table)
{
    unit_run_vcases("prefix", keel_valid_prefix, prefix_cases,
              NCASES(prefix_cases));
}

UNIT_TEST(validate_netmask_to_prefix)
{
    static const struct {
        const char *mask;
        int prefix; /* -1: refused */
    } t[] = {
        { "255.255.255.0", 24 },  { "255.255.255.255", 32 },
        { "255.0.0.0", 8 },       { "128.0.0.0", 1 },
        { "0.0.0.0", 0 },         { "255.255.255.252", 30 },
        { "255.255.254.0", 23 },  { "255.255.255.254", 31 },
        { "255.0.255.0", -1 },    { "255.255.255.1", -1 },
        { "0.255.255.255", -1 },  { "255.255.0.255", -1 },
        { "24", -1 },             { "255.255.255.00", -1 },
    };
    struct keel_err e;

    for (size_t i = 0; i < NCASES(t); i++) {
        int p = -7, rc = keel_netmask_to_prefix(t[i].mask, &p, &e);

        if (t[i].prefix < 0) {
            CHECK_INT(rc, KEEL_EINVAL);
            CHECK_INT(p, -7);
        } else {
            CHECK_INT(rc, 0);
            CHECK_INT(p, t[i].prefix);
        }
    }
    keel_netmask_to_prefix("255.0.255.0", &(int){ 0 }, &e);
    CHECK(strstr(e.msg, "gap") != NULL);
}

UNIT_TEST(validate_address_in_subnet)
{
    static const struct {
        const char *addr, *prefix;
        int ok;
        const char *msg;
    } t[] = {
        { "192.168.1.10", "24", 1, NULL },
        { "192.168.1.0", "24", 0, "network address" },
        { "192.168.1.255", "24", 0, "broadcast address" },
        { "10.0.0.0", "31", 1, NULL },  /* RFC 3021: both usable */
        { "10.0.0.1", "31", 1, NULL },
        { "10.0.0.7", "32", 1, NULL },
        { "10.0.0.4", "30", 0, "network" },
        { "10.0.0.5", "30", 1, NULL },
        { "127.0.0.1", "8", 0, "loopback" },
        { "1.2.3", "24", 0, "address 1.2.3" },
        { "10.0.0.1", "33", 0, "prefix 33" },
    };
    struct keel_err e;

    for (size_t i = 0; i < NCASES(t); i++) {
        int rc = keel_valid_address(t[i].addr, t[i].prefix, &e);

        CHECK_INT(rc, t[i].ok ? 0 : KEEL_EINVAL);
        if (!t[i].ok && !strstr(e.msg, t[i].msg))
            unit_fail(__FILE__, __LINE__, "%s/%s: \"%s\" lacks \"%s\"",
                      t[i].addr, t[i].prefix, e.msg, t[i].msg);
    }
}

UNIT_TEST(validate_gateway_table)
{
    static const struct {
        const char *addr, *prefix, *gw;
        int ok;
        const char *msg;
    } t[] = {
        { "192.168.1.10", "24", "192.168.1.1", 1, NULL },
        { "192.168.1.10", "24", "192.168.1.254", 1, NULL },
        { "192.168.1.10", "24", "192.168.2.1", 0,
          "not in 192.168.1.0/24; use an address from 192.168.1.1 to "
          "192.168.1.254" },
        { "192.168.1.10", "24", "192.168.1.0", 0, "network address" },
        { "192.168.1.10", "24", "192.168.1.255", 0, "broadcast address" },
        { "192.168.1.10", "24", "192.168.1.10", 0, "own address" },
        { "10.1.2.3", "8", "10.255.255.254", 1, NULL },
        { "10.0.0.0", "31", "10.0.0.1", 1, NULL },
        { "10.0.0.1", "31", "10.0.0.0", 1, NULL },
        { "10.0.0.1", "31", "10.0.0.2", 0, "10.0.0.0 to 10.0.0.1" },
        { "10.0.0.1", "31", "10.0.0.1", 0, "own address" },
        { "10.0.0.5", "30", "10.0.0.6", 1, NULL },
        { "10.0.0.5", "30", "10.0.0.7", 0, "broadcast" },
        { "10.0.0.5", "32", "10.0.0.6", 0, "prefix 32" },
        { "10.0.0.5", "32", "10.0.0.5", 0, "prefix 32" },
        { "192.168.1.10", "24", "", 0, "gateway empty" },
        { "192.168.1.10", "24", "192.168.1.300", 0, "gateway" },
        { "192.168.1.10", "24", "127.0.0.1", 0, "loopback" },
        { "192.168.1.10", "0", "192.168.1.1", 0, "prefix" },
        { "", "24", "192.168.1.1", 0, "address empty" },
    };
    struct keel_err e;

    for (size_t i = 0; i < NCASES(t); i++) {
        int rc = keel_valid_gateway(t[i].addr, t[i].prefix, t[i].gw, &e);

        if (rc != (t[i].ok ? 0 : KEEL_EINVAL))
            unit_fail(__FILE__, __LINE__, "%s/%s via %s: rc %d (%s)",
                      t[i].addr, t[i].prefix, t[i].gw, rc, e.msg);
        else if (!t[i].ok && !strstr(e.msg, t[i].msg))
            unit_fail(__FILE__, __LINE__, "%s/%s via %s: \"%s\" lacks "
                      "\"%s\"", t[i].addr, t[i].prefix, t[i].gw, e.msg,
                      t[i].msg);
    }
}

static const struct vcase vlan_cases[] = {
    { "", 1, NULL },
    { "1", 1, NULL },
    { "100", 1, NULL },
    { "4094", 1, NULL },
    { "0", 0, "untagged" },
    { "4095", 0, "reserved" },
    { "4096", 0, "1-4094" },
    { "99999999999999999999", 0, "1-4094" },
    { "abc", 0, "1-4094" },
    { "-1", 0, "1-4094" },
    { "010", 0, "leading zeros" },
    { " 5", 0, "1-4094" },
    { "5 ", 0, "1-4094" },
    { "1.5", 0, "1-4094" },
};

UNIT_TEST(validate_vlan_table)
{
    unit_run_vcases("vlan", keel_valid_vlan, vlan_cases, NCASES(vlan_cases));
}

static const struct vcase ifname_cases[] = {
    { "eth0", 1, NULL },
    { "enp3s0f1", 1, NULL },
    { "eth0.100", 1, NULL },
    { "br_mgmt-1", 1, NULL },
    { "abcdefghijklmno", 1, NULL }, /* 15 */
    { "abcdefghijklmnop", 0, "1-15" },
    { "", 0, "1-15" },
    { "eth 0", 0, "only letters" },
    { "eth0:1", 0, "only letters" },
    { "a/b", 0, "only letters" },
    { "-eth0", 0, "cannot start" },
    { ".", 0, "cannot start" },
    { "..", 0, "cannot start" },
};

UNIT_TEST(validate_ifname_table)
{
    unit_run_vcases("ifname", keel_valid_ifname, ifname_cases,
              NCASES(ifname_cases));
}

UNIT_TEST(validate_null_err_allowed)
{
    CHECK_INT(keel_valid_ipv4("1.2.3", NULL), KEEL_EINVAL);
    CHECK_INT(keel_valid_gateway("1.2.3.4", "24", "9.9.9.9", NULL),
              KEEL_EINVAL);
    CHECK_INT(keel_valid_vlan("0", NULL), KEEL_EINVAL);
}
