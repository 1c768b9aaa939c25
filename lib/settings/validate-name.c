/*
 * validate-name.c - host names, server lists, syslog target, keymap,
 * password hash (see keel-validate.h for the rules and why).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "keel-validate.h"

#define ALNUM "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ" \
              "0123456789"
#define CRYPT64 "./" ALNUM
#define LIST_SEPS " \t,"
#define ITEM_MAX 256 /* a list item: a host name (253) or an address */

/* 'x' or 0x01, for messages about one character. */
static void char_desc(char c, char buf[12])
{
    if (isprint((unsigned char)c) && c != '\'')
        snprintf(buf, 12, "'%c'", c);
    else
        snprintf(buf, 12, "0x%02x", (unsigned)(unsigned char)c);
}

static int label_check(const char *s, const char *l, size_t len,
                       struct keel_err *e)
{
    size_t ok = strspn(l, ALNUM "-");
    char c[12];

    if (len == 0)
        return keel_err_set(e, KEEL_EINVAL, "%.64s: empty part between "
                            "dots; remove the extra dot", s);
    if (len > 63)
        return keel_err_set(e, KEEL_EINVAL, "%.20s...: a part between "
                            "dots has %zu characters; at most 63 are "
                            "allowed", l, len);
    if (ok < len && l[ok] == '_')
        return keel_err_set(e, KEEL_EINVAL, "%.64s: '_' is not allowed in "
                            "host names (RFC 1123); use '-' instead", s);
    if (ok < len) {
        char_desc(l[ok], c);
        return keel_err_set(e, KEEL_EINVAL, "%.64s: %s is not allowed; a "
                            "host name has letters, digits, '-' and dots",
                            s, c);
    }
    if (l[0] == '-' || l[len - 1] == '-')
        return keel_err_set(e, KEEL_EINVAL, "%.64s: '%.*s' starts or ends "
                            "with '-'; move or remove the '-'", s,
                            (int)len, l);
    return 0;
}

int keel_valid_hostname(const char *s, struct keel_err *e)
{
    size_t total = strlen(s), len = 0;
    const char *l = s;
    int rc;

    if (total == 0)
        return keel_err_set(e, KEEL_EINVAL, "empty host name; use letters,"
                            " digits and '-', e.g. keel-host1");
    if (total > 253)
        return keel_err_set(e, KEEL_EINVAL, "%.20s...: the name has %zu "
                            "characters; at most 253 are allowed", s,
                            total);
    if (s[total - 1] == '.')
        return keel_err_set(e, KEEL_EINVAL, "%.64s: remove the trailing "
                            "dot", s);
    for (;;) {
        len = strcspn(l, ".");
        rc = label_check(s, l, len, e);
        if (rc)
            return rc;
        if (!l[len])
            break;
        l += len + 1;
    }
    if (strspn(l, "0123456789") == len)
        return keel_err_set(e, KEEL_EINVAL, "%.64s: the last part of a "
                            "host name cannot be all digits (it would look"
                            " like an address)", s);
    return 0;
}

int keel_valid_own_hostname(const char *s, struct keel_err *e)
{
    int rc = keel_valid_hostname(s, e);

    if (!rc && strlen(s) > 64)
        rc = keel_err_set(e, KEEL_EINVAL, "%.20s...: Linux allows at most "
                          "64 characters for this host's name; use a "
                          "shorter name", s);
    return rc;
}

/* An IPv4 address if it looks like one, otherwise a host name. */
static int valid_server(const char *s, struct keel_err *e)
{
    if (strspn(s, "0123456789.") == strlen(s))
        return keel_valid_ipv4_host(s, e);
    return keel_valid_hostname(s, e);
}

struct list_rule {
    const char *what; /* "DNS server" */
    int min, max;
    const char *example;
    int (*valid)(const char *s, struct keel_err *e);
};

/* Next item of *p into buf: 1, 0 at the end, KEEL_EINVAL if too long. */
static int next_item(const char **p, char buf[ITEM_MAX])
{
    size_t n;

    *p += strspn(*p, LIST_SEPS);
    if (!**p)
        return 0;
    n = strcspn(*p, LIST_SEPS);
    if (n >= ITEM_MAX)
        return KEEL_EINVAL;
    memcpy(buf, *p, n);
    buf[n] = '\0';
    *p += n;
    return 1;
}

static int check_list(const char *s, const struct list_rule *r,
                      struct keel_err *e)
{
    char items[5][ITEM_MAX]; /* up to max (4) kept, then a scratch slot */
    struct keel_err sub;
    const char *p = s;
    int n = 0, got;

    for (;;) {
        char *it = items[n < 4 ? n : 4];

        got = next_item(&p, it);
        if (got == 0)
            break;
        if (got < 0)
            return keel_err_set(e, KEEL_EINVAL, "%s %d is longer than 253 "
                                "characters; shorten it", r->what, n + 1);
        if (++n > r->max)
            continue;
        if (r->valid(it, &sub))
            return keel_err_set(e, KEEL_EINVAL, "%s %d: %s", r->what, n,
                                sub.msg);
        for (int i = 0; i < n - 1; i++)
            if (strcasecmp(items[i], it) == 0)
                return keel_err_set(e, KEEL_EINVAL, "%s is listed twice; "
                                    "remove one", it);
    }
    if (n > r->max)
        return keel_err_set(e, KEEL_EINVAL, "%d %ss given; at most %d are "
                            "allowed, remove %d", n, r->what, r->max,
                            n - r->max);
    if (n < r->min)
        return keel_err_set(e, KEEL_EINVAL, "no %s given; give 1-%d "
                            "separated by spaces, e.g. %s", r->what, r->max,
                            r->example);
    return 0;
}

int keel_valid_dns_list(const char *s, struct keel_err *e)
{
    static const struct list_rule r = { "DNS server", 1, KEEL_DNS_MAX,
                                        "1.1.1.1 9.9.9.9",
                                        keel_valid_ipv4_host };

    return check_list(s, &r, e);
}

int keel_valid_ntp_list(const char *s, struct keel_err *e)
{
    static const struct list_rule r = { "NTP server", 0, KEEL_NTP_MAX,
                                        "pool.ntp.org", valid_server };

    return check_list(s, &r, e);
}

int keel_valid_syslog_target(const char *s, struct keel_err *e)
{
    const char *colon = strrchr(s, ':');
    char host[ITEM_MAX];
    size_t hlen = colon ? (size_t)(colon - s) : strlen(s);
    struct keel_err sub;
    unsigned long port;

    if (!*s)
        return 0;
    if (hlen >= ITEM_MAX)
        return keel_err_set(e, KEEL_EINVAL, "syslog host %.20s...: longer "
                            "than 253 characters; shorten it", s);
    snprintf(host, sizeof(host), "%.*s", (int)hlen, s);
    if (strchr(host, ':'))
        return keel_err_set(e, KEEL_EINVAL, "%.64s: IPv6 is not supported "
                            "yet; use an IPv4 address or a host name", s);
    if (valid_server(host, &sub))
        return keel_err_set(e, KEEL_EINVAL, "syslog host %s", sub.msg);
    if (colon && keel_parse_uint(colon + 1, 65535, &port) == 0 && port)
        return 0;
    if (colon)
        return keel_err_set(e, KEEL_EINVAL, "%.64s: the port after ':' must"
                            " be a number 1-65535 (syslog uses 514), or "
                            "leave out ':PORT'", s);
    return 0;
}

int keel_valid_keymap(const char *s, struct keel_err *e)
{
    size_t len = strlen(s);

    if (len == 0 || len > 32)
        return keel_err_set(e, KEEL_EINVAL, "'%.40s': a keymap name has "
                            "1-32 characters, e.g. us, de-latin1, fr", s);
    if (strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_-") != len)
        return keel_err_set(e, KEEL_EINVAL, "'%s': a keymap name has only "
                            "lowercase letters, digits, '_' and '-', e.g. "
                            "de-latin1", s);
    if (s[0] == '-' || s[0] == '_')
        return keel_err_set(e, KEEL_EINVAL, "%s: a keymap name starts with"
                            " a letter or digit, e.g. us", s);
    return 0;
}

static int bad_hash(struct keel_err *e, const char *why)
{
    return keel_err_set(e, KEEL_EINVAL, "the root password hash is not "
                        "well formed: %s; make one with 'mkpasswd -m "
                        "yescrypt' or 'openssl passwd -6'", why);
}

/* "rounds=N$" at *s, if present, with N in glibc's 1000..999999999. */
static int sha512_rounds(const char **s, struct keel_err *e)
{
    char num[12];
    size_t n;
    unsigned long v;

    if (strncmp(*s, "rounds=", 7) != 0)
        return 0;
    *s += 7;
    n = strspn(*s, "0123456789");
    if (n == 0 || n >= sizeof(num) || (*s)[n] != '$')
        return bad_hash(e, "rounds= needs a number then '$'");
    snprintf(num, sizeof(num), "%.*s", (int)n, *s);
    if (keel_parse_uint(num, 999999999, &v) || v < 1000)
        return bad_hash(e, "rounds must be 1000-999999999");
    *s += n + 1;
    return 0;
}

static int sha512_hash(const char *s, struct keel_err *e)
{
    size_t n;
    int rc = sha512_rounds(&s, e);

    if (rc)
        return rc;
    n = strspn(s, CRYPT64);
    if (n < 1 || n > 16 || s[n] != '$')
        return bad_hash(e, "a SHA-512 salt is 1-16 characters of "
                        "[./0-9A-Za-z] followed by '$'");
    s += n + 1;
    n = strspn(s, CRYPT64);
    if (n != 86 || s[n])
        return bad_hash(e, "a SHA-512 hash ends with 86 characters of "
                        "[./0-9A-Za-z]");
    return 0;
}

static int yescrypt_hash(const char *s, struct keel_err *e)
{
    size_t n = strspn(s, CRYPT64);

    if (n < 1 || s[n] != '$')
        return bad_hash(e, "yescrypt parameters ($y$PARAMS$) are missing");
    s += n + 1;
    n = strspn(s, CRYPT64);
    if (n < 1 || n > 86 || s[n] != '$')
        return bad_hash(e, "a yescrypt salt is 1-86 characters of "
                        "[./0-9A-Za-z] followed by '$'");
    s += n + 1;
    n = strspn(s, CRYPT64);
    if (n != 43 || s[n])
        return bad_hash(e, "a yescrypt hash ends with 43 characters of "
                        "[./0-9A-Za-z]");
    return 0;
}

int keel_valid_pwhash(const char *s, struct keel_err *e)
{
    if (strncmp(s, "$y$", 3) == 0)
        return yescrypt_hash(s + 3, e);
    if (strncmp(s, "$6$", 3) == 0)
        return sha512_hash(s + 3, e);
    if (!*s)
        return bad_hash(e, "it is empty");
    return bad_hash(e, "only yescrypt ($y$...) and SHA-512 crypt "
                    "($6$...) are accepted");
}
