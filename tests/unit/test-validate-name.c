/*
 * test-validate-name.c - host names, server lists, syslog target,
 * keymap, password hash, time zones.
 */
#include <stdio.h>
#include <stdlib.h>

#include "keel-validate.h"
#include "unit.h"
#include "vcase.h"

static const struct vcase hostname_cases[] = {
    { "keel", 1, NULL },
    { "Keel-Host1", 1, NULL },
    { "a", 1, NULL },
    { "host.example.com", 1, NULL },
    { "123abc", 1, NULL },
    { "1host.example", 1, NULL },
    { "x.123abc", 1, NULL },
    { "3com.com", 1, NULL },
    { "", 0, "empty host name" },
    { "123", 0, "all digits" },
    { "host.123", 0, "all digits" },
    { "1.2.3.4", 0, "all digits" },
    { "-host", 0, "starts or ends with '-'" },
    { "host-", 0, "starts or ends with '-'" },
    { "a.-b.c", 0, "'-b'" },
    { "my_host", 0, "'_' is not allowed" },
    { "host name", 0, "' ' is not allowed" },
    { "host!", 0, "'!' is not allowed" },
    { "h\xc3\xa9llo", 0, "0xc3 is not allowed" },
    { "host.", 0, "trailing dot" },
    { ".host", 0, "empty part" },
    { "a..b", 0, "empty part" },
    { " keel", 0, "not allowed" },
    { "keel\n", 0, "0x0a" },
};

UNIT_TEST(validate_hostname_table)
{
    unit_run_vcases("hostname", keel_valid_hostname, hostname_cases,
              NCASES(hostname_cases));
}

/* n copies of c followed by NUL, into buf. */
static char *rep(char *buf, char c, int n)
{
    memset(buf, c, (size_t)n);
    buf[n] = '\0';
    return buf;
}

UNIT_TEST(validate_hostname_lengths)
{
    char l63[64], l64[65], l61[62], l62[63], name[300];
    struct keel_err e;

    rep(l63, 'a', 63);
    rep(l64, 'a', 64);
    CHECK_INT(keel_valid_hostname(l63, &e), 0);
    CHECK_INT(keel_valid_hostname(l64, &e), KEEL_EINVAL);
    CHECK(strstr(e.msg, "64 characters; at most 63") != NULL);
    snprintf(name, sizeof(name), "x.%s.y", l64);
    CHECK_INT(keel_valid_hostname(name, &e), KEEL_EINVAL);
    /* 3 * 63 + 61 + 3 dots = 253: the longest name */
    snprintf(name, sizeof(name), "%s.%s.%s.%s", l63, l63, l63,
             rep(l61, 'd', 61));
    CHECK_INT(strlen(name), 253);
    CHECK_INT(keel_valid_hostname(name, &e), 0);
    snprintf(name, sizeof(name), "%s.%s.%s.%s", l63, l63, l63,
             rep(l62, 'd', 62));
    CHECK_INT(strlen(name), 254);
    CHECK_INT(keel_valid_hostname(name, &e), KEEL_EINVAL);
    CHECK(strstr(e.msg, "254 characters; at most 253") != NULL);
    /* This host's own name: Linux takes 64 at most. */
    CHECK_INT(keel_valid_own_hostname(l63, &e), 0);
    snprintf(name, sizeof(name), "%s.b", l63);
    CHECK_INT(keel_valid_own_hostname(name, &e), KEEL_EINVAL);
    CHECK(strstr(e.msg, "64") != NULL);
    snprintf(name, sizeof(name), "%.62s.b", l63);
    CHECK_INT(keel_valid_own_hostname(name, &e), 0);
    CHECK_INT(keel_valid_own_hostname("my_host", &e), KEEL_EINVAL);
}

static const struct vcase dns_cases[] = {
    { "1.1.1.1", 1, NULL },
    { "1.1.1.1 8.8.8.8", 1, NULL },
    { "1.1.1.1,8.8.8.8", 1, NULL },
    { "1.1.1.1, 8.8.8.8,\t9.9.9.9", 1, NULL },
    { " 1.1.1.1 ", 1, NULL },
    { "", 0, "no DNS server given" },
    { " , ", 0, "no DNS server given" },
    { "1.1.1.1 8.8.8.8 9.9.9.9 8.8.4.4", 0, "4 DNS servers given; at "
      "most 3" },
    { "1.1.1.1 1.2.3", 0, "DNS server 2: 1.2.3" },
    { "dns.google", 0, "DNS server 1: dns.google: an IPv4 address" },
    { "1.1.1.1 1.1.1.1", 0, "1.1.1.1 is listed twice" },
    { "127.0.0.1", 0, "loopback" },
    { "0.0.0.0", 0, "this network" },
    { "01.1.1.1", 0, "leading zeros" },
};

UNIT_TEST(validate_dns_list_table)
{
    unit_run_vcases("dns", keel_valid_dns_list, dns_cases, NCASES(dns_cases));
}

static const struct vcase ntp_cases[] = {
    { "", 1, NULL },
    { "pool.ntp.org", 1, NULL },
    { "0.pool.ntp.org 1.pool.ntp.org 2.pool.ntp.org 3.pool.ntp.org", 1,
      NULL },
    { "192.168.1.1,time.example.com", 1, NULL },
    { "a b c d e", 0, "5 NTP servers given; at most 4" },
    { "pool.ntp.org POOL.NTP.ORG", 0, "listed twice" },
    { "1.2.3.400", 0, "NTP server 1: 1.2.3.400: each of the four" },
    { "ntp_1.example", 0, "NTP server 1: ntp_1.example: '_'" },
    { "good.example bad-.example", 0, "NTP server 2" },
    { "123", 0, "four numbers" },
};

UNIT_TEST(validate_ntp_list_table)
{
    unit_run_vcases("ntp", keel_valid_ntp_list, ntp_cases, NCASES(ntp_cases));
}

UNIT_TEST(validate_list_long_item)
{
    char buf[600];
    struct keel_err e;

    rep(buf, 'a', 300);
    CHECK_INT(keel_valid_ntp_list(buf, &e), KEEL_EINVAL);
    CHECK(strstr(e.msg, "NTP server 1 is longer than 253") != NULL);
}

static const struct vcase syslog_cases[] = {
    { "", 1, NULL },
    { "loghost", 1, NULL },
    { "loghost:514", 1, NULL },
    { "10.0.0.5", 1, NULL },
    { "10.0.0.5:65535", 1, NULL },
    { "logs.example.com:1", 1, NULL },
    { "loghost:0", 0, "1-65535" },
    { "loghost:65536", 0, "1-65535" },
    { "loghost:", 0, "1-65535" },
    { "loghost:0514", 0, "1-65535" },
    { "loghost:abc", 0, "1-65535" },
    { ":514", 0, "syslog host empty" },
    { "10.0.0.300:514", 0, "syslog host 10.0.0.300" },
    { "log_host", 0, "'_'" },
    { "fe80::1", 0, "IPv6" },
    { " loghost", 0, "not allowed" },
};

UNIT_TEST(validate_syslog_table)
{
    unit_run_vcases("syslog", keel_valid_syslog_target, syslog_cases,
              NCASES(syslog_cases));
}

static const struct vcase keymap_cases[] = {
    { "us", 1, NULL },
    { "de-latin1", 1, NULL },
    { "fr", 1, NULL },
    { "dvorak_r", 1, NULL },
    { "abcdefghijklmnopqrstuvwxyz012345", 1, NULL }, /* 32 */
    { "abcdefghijklmnopqrstuvwxyz0123456", 0, "1-32" },
    { "", 0, "1-32" },
    { "US", 0, "lowercase" },
    { "de latin1", 0, "lowercase" },
    { "../../etc/passwd", 0, "lowercase" },
    { "-us", 0, "starts with a letter" },
};

UNIT_TEST(validate_keymap_table)
{
    unit_run_vcases("keymap", keel_valid_keymap, keymap_cases,
              NCASES(keymap_cases));
}

/* Made with libxcrypt's crypt() for the password "secret". */
#define YESCRYPT "$y$j9T$/S5wmP1w/wTGOY8eMe5Cy/$6BDYIFU003SSVgWFpoEhiDIc" \
                 "dJspRF7zMuBLJyGNTx2"
#define SHA512 "$6$TEaV371xQwqkjZCy$qlKFBZZeNE.e9nzvm5Y439Sm51tWwCzCs.6f" \
               "WfZ0JY73FM7QlDl3Ad380LcOOAiWPD1dzZDvnaolcxFspldTv/"
#define SHA512R "$6$rounds=5000$abcdefgh$ltjgWl6579NluT/Vi1nwEvcil.G5Nbc4" \
                "NiXZaNGStk8PSwGfQv72N2CKPPrVACtLtip/cZ/1GM/O6IND4WQhG."

static const struct vcase pwhash_cases[] = {
    { YESCRYPT, 1, NULL },
    { SHA512, 1, NULL },
    { SHA512R, 1, NULL },
    { "", 0, "empty" },
    { "secret", 0, "only yescrypt" },
    { "$1$abc$def", 0, "only yescrypt" },
    { "$5$abc$def", 0, "only yescrypt" },
    { "!", 0, "only yescrypt" },
    { "$y$", 0, "parameters" },
    { "$y$j9T$", 0, "salt" },
    { "$y$j9T$salt$", 0, "43" },
    { YESCRYPT "x", 0, "43" },
    { YESCRYPT "\n", 0, "43" },
    { "$6$", 0, "salt" },
    { "$6$12345678901234567$" "abc", 0, "1-16" },
    { "$6$salt$short", 0, "86" },
    { SHA512 "x", 0, "86" },
    { "$6$rounds=999$salt$x", 0, "1000-999999999" },
    { "$6$rounds=05000$salt$x", 0, "1000-999999999" },
    { "$6$rounds=$salt$x", 0, "rounds= needs a number" },
    { "$6$rounds=5000salt$x", 0, "rounds= needs a number" },
};

UNIT_TEST(validate_pwhash_table)
{
    unit_run_vcases("pwhash", keel_valid_pwhash, pwhash_cases,
              NCASES(pwhash_cases));
}

UNIT_TEST(validate_pwhash_never_quoted)
{
    struct keel_err e;

    CHECK_INT(keel_valid_pwhash("$6$saltsalt$hunter2", &e), KEEL_EINVAL);
    CHECK(strstr(e.msg, "hunter2") == NULL);
    CHECK(strstr(e.msg, "saltsalt") == NULL);
    CHECK(strstr(e.msg, "mkpasswd") != NULL);
}

static const struct vcase tzname_cases[] = {
    { "UTC", 1, NULL },
    { "Europe/Berlin", 1, NULL },
    { "America/Argentina/Buenos_Aires", 1, NULL },
    { "America/Port-au-Prince", 1, NULL },
    { "Etc/GMT+5", 1, NULL },
    { "", 0, "1-64" },
    { "Berlin", 0, "Region/City" },
    { "utc", 0, "Region/City" },
    { "/etc/passwd", 0, "empty part" },
    { "Europe/", 0, "empty part" },
    { "Europe//Berlin", 0, "empty part" },
    { "../etc/shadow", 0, "no '.'" },
    { "Europe/../../etc", 0, "no '.'" },
    { "Europe/Ber lin", 0, "no '.' or spaces" },
    { "Etc/+5", 0, "starts with a letter" },
    { "Europe/Berlin\n", 0, "no '.' or spaces" },
};

UNIT_TEST(validate_tz_name_table)
{
    unit_run_vcases("tz_name", keel_valid_tz_name, tzname_cases,
              NCASES(tzname_cases));
}

/* A few lines in zone1970.tab's format (codes, coordinates, zone). */
static const char zones_text[] =
    "# tzdb timezone descriptions\n"
    "#\n"
    "#country-\n"
    "#codes\tcoordinates\tTZ\tcomments\n"
    "AD\t+4230+00131\tEurope/Andorra\n"
    "AR\t-3436-05827\tAmerica/Argentina/Buenos_Aires\tBuenos Aires (BA, "
    "CF)\n"
    "\n"
    "DE,DK,NO,SE,SJ\t+5230+01322\tEurope/Berlin\tmost of Germany\n"
    "US\t+404251-0740023\tAmerica/New_York\tEastern (most areas)\n"
    "NO\t+5955+01045\tEurope/Berlin\n";

UNIT_TEST(validate_tz_load_and_member)
{
    struct keel_tzlist *z = NULL;
    struct keel_err e;

    CHECK_INT(keel_tz_load(zones_text, strlen(zones_text), &z, &e), 0);
    if (!z)
        return;
    CHECK_INT(z->n, 5); /* UTC added, Europe/Berlin once */
    CHECK_STR(z->names[0], "America/Argentina/Buenos_Aires");
    CHECK_STR(z->names[4], "UTC");
    CHECK_INT(keel_valid_tz("Europe/Berlin", z, &e), 0);
    CHECK_INT(keel_valid_tz("America/New_York", z, &e), 0);
    CHECK_INT(keel_valid_tz("UTC", z, &e), 0);
    CHECK_INT(keel_valid_tz("Europe/Paris", z, &e), KEEL_EINVAL);
    CHECK(strstr(e.msg, "Europe/Paris is not a known time zone") != NULL);
    CHECK_INT(keel_valid_tz("europe/berlin", z, &e), KEEL_EINVAL);
    CHECK(strstr(e.msg, "case-sensitive") != NULL);
    CHECK_INT(keel_valid_tz("Europe/../Berlin", z, &e), KEEL_EINVAL);
    CHECK_INT(keel_valid_tz("Europe/Paris", NULL, &e), 0);
    keel_tz_free(z);
}

UNIT_TEST(validate_tz_load_errors)
{
    static const struct {
        const char *text;
        const char *msg;
    } t[] = {
        { "AD\t+4230+00131\n", "line 1: expected CODE<tab>" },
        { "# c\nAD Europe/Andorra\n", "line 2: expected" },
        { "AD\t+4230\t\n", "line 1: the zone name" },
        { "AD\t+4230\tEurope/../x\n", "line 1: 'Europe/../x'" },
        { "AD\t+4230\tEurope/Andorra\nAD\t+1\tBad Zone\n", "line 2" },
    };
    struct keel_tzlist *z = (struct keel_tzlist *)&z; /* not NULL */
    struct keel_err e;

    for (size_t i = 0; i < NCASES(t); i++) {
        CHECK_INT(keel_tz_load(t[i].text, strlen(t[i].text), &z, &e),
                  KEEL_EINVAL);
        CHECK(z == NULL);
        if (!strstr(e.msg, t[i].msg))
            unit_fail(__FILE__, __LINE__, "\"%s\" lacks \"%s\"", e.msg,
                      t[i].msg);
    }
    /* The length bounds the text: nothing past it is read. */
    CHECK_INT(keel_tz_load("AD\t+1\tEurope/Andorra\nXX", 21, &z, &e), 0);
    CHECK_INT(z ? z->n : 0, 2);
    keel_tz_free(z);
}

/* The host's real tzdata, when present, loads and has the usual zones. */
UNIT_TEST(validate_tz_load_system)
{
    FILE *f = fopen("/usr/share/zoneinfo/zone1970.tab", "r");
    struct keel_tzlist *z = NULL;
    struct keel_err e = { "" };
    char *buf;
    size_t n;

    if (!f)
        return;
    buf = malloc(1 << 20);
    n = buf ? fread(buf, 1, 1 << 20, f) : 0;
    fclose(f);
    CHECK_INT(keel_tz_load(buf, n, &z, &e), 0);
    if (*e.msg)
        unit_fail(__FILE__, __LINE__, "%s", e.msg);
    CHECK(z && z->n > 300);
    CHECK_INT(keel_valid_tz("Europe/Berlin", z, NULL), 0);
    CHECK_INT(keel_valid_tz("Asia/Tokyo", z, NULL), 0);
    keel_tz_free(z);
    free(buf);
}
