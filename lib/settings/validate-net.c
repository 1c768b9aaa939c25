/*
 * validate-net.c - numbers, IPv4 addresses, subnets, VLANs, interfaces
 * (see keel-validate.h for the rules and why).
 */
#include <stdio.h>
#include <string.h>

#include "keel-validate.h"

#define EXAMPLE "e.g. 192.168.1.10"

int keel_parse_uint(const char *s, unsigned long max, unsigned long *v)
{
    unsigned long n = 0;
    const char *p = s;

    if (!*p || (p[0] == '0' && p[1]))
        return KEEL_EINVAL;
    for (; *p; p++) {
        unsigned long d = (unsigned long)(*p - '0');

        if (*p < '0' || *p > '9')
            return KEEL_EINVAL;
        if (d > max || n > (max - d) / 10)
            return KEEL_EINVAL;
        n = n * 10 + d;
    }
    *v = n;
    return 0;
}

/* Why s is not a dotted quad, in the order a person would fix it. */
static int ipv4_shape(const char *s, struct keel_err *e)
{
    int dots = 0;

    if (!*s)
        return keel_err_set(e, KEEL_EINVAL, "empty address; write four "
                            "numbers 0-255 separated by dots, " EXAMPLE);
    for (const char *p = s; *p; p++) {
        if (*p == ' ' || *p == '\t')
            return keel_err_set(e, KEEL_EINVAL, "'%.40s': remove the "
                                "spaces from the address", s);
        if (*p == '.')
            dots++;
        else if (*p < '0' || *p > '9')
            return keel_err_set(e, KEEL_EINVAL, "%.40s: an IPv4 address "
                                "has only digits and dots, " EXAMPLE, s);
    }
    if (dots != 3)
        return keel_err_set(e, KEEL_EINVAL, "%.40s: an IPv4 address has "
                            "four numbers separated by dots, " EXAMPLE, s);
    return 0;
}

int keel_ipv4_parse(const char *s, uint32_t *addr, struct keel_err *e)
{
    char fixed[KEEL_IPV4_BUFSZ];
    uint32_t a = 0;
    int rc = ipv4_shape(s, e), zeros = 0;
    const char *p = s;

    if (rc)
        return rc;
    for (int i = 0; i < 4; i++, p++) {
        size_t len = strcspn(p, ".");
        unsigned long v = 0;

        if (len == 0)
            return keel_err_set(e, KEEL_EINVAL, "%.40s: a number is "
                                "missing between the dots", s);
        for (size_t k = 0; k < len && v < 1000; k++)
            v = v * 10 + (unsigned long)(p[k] - '0');
        if (v > 255)
            return keel_err_set(e, KEEL_EINVAL, "%.40s: each of the four "
                                "numbers must be 0-255", s);
        zeros |= len > 1 && p[0] == '0';
        a = a << 8 | (uint32_t)v;
        p += len;
    }
    if (zeros) {
        keel_ipv4_format(a, fixed);
        return keel_err_set(e, KEEL_EINVAL, "%.40s: leading zeros are not "
                            "allowed (some tools read them as octal); "
                            "write %s", s, fixed);
    }
    *addr = a;
    return 0;
}

void keel_ipv4_format(uint32_t a, char buf[KEEL_IPV4_BUFSZ])
{
    snprintf(buf, KEEL_IPV4_BUFSZ, "%u.%u.%u.%u", (unsigned)(a >> 24),
             (unsigned)(a >> 16 & 255), (unsigned)(a >> 8 & 255),
             (unsigned)(a & 255));
}

int keel_valid_ipv4(const char *s, struct keel_err *e)
{
    uint32_t a;

    return keel_ipv4_parse(s, &a, e);
}

static int host_addr(const char *s, uint32_t *addr, struct keel_err *e)
{
    int rc = keel_ipv4_parse(s, addr, e);
    unsigned top;

    if (rc)
        return rc;
    top = *addr >> 24;
    if (top == 0)
        return keel_err_set(e, KEEL_EINVAL, "%s: addresses starting with "
                            "0 mean 'this network' and cannot be used; "
                            EXAMPLE, s);
    if (top == 127)
        return keel_err_set(e, KEEL_EINVAL, "%s: 127.x.x.x is the "
                            "loopback network; use an address on the "
                            "real network, " EXAMPLE, s);
    if (top >= 224 && top < 240)
        return keel_err_set(e, KEEL_EINVAL, "%s: 224-239.x.x.x are "
                            "multicast addresses; use a unicast address, "
                            EXAMPLE, s);
    if (top >= 240)
        return keel_err_set(e, KEEL_EINVAL, "%s: 240-255.x.x.x are "
                            "reserved (or broadcast); use a unicast "
                            "address, " EXAMPLE, s);
    return 0;
}

int keel_valid_ipv4_host(const char *s, struct keel_err *e)
{
    uint32_t a = 0;

    return host_addr(s, &a, e);
}

static int prefix_parse(const char *s, int *prefix, struct keel_err *e)
{
    unsigned long v;

    if (strchr(s, '.'))
        return keel_err_set(e, KEEL_EINVAL, "%.40s: write the prefix "
                            "length (e.g. 24), not a netmask", s);
    if (keel_parse_uint(s, 32, &v) || v < 1)
        return keel_err_set(e, KEEL_EINVAL, "%.40s: the prefix length "
                            "must be a number 1-32 (24 means netmask "
                            "255.255.255.0)", s);
    *prefix = (int)v;
    return 0;
}

int keel_valid_prefix(const char *s, struct keel_err *e)
{
    int p;

    return prefix_parse(s, &p, e);
}

int keel_netmask_to_prefix(const char *s, int *prefix, struct keel_err *e)
{
    uint32_t m, inv;
    int rc = keel_ipv4_parse(s, &m, e), n = 0;

    if (rc)
        return rc;
    inv = ~m;
    if (inv & (inv + 1))
        return keel_err_set(e, KEEL_EINVAL, "%s: a netmask is ones "
                            "followed by zeros (e.g. 255.255.255.0); "
                            "this one has a gap", s);
    for (; m; m <<= 1)
        n++;
    *prefix = n;
    return 0;
}

static uint32_t mask_of(int prefix)
{
    return prefix ? ~(uint32_t)0 << (32 - prefix) : 0;
}

/* "10.0.0.1 to 10.0.0.254" for the usable range of net/prefix. */
static void usable_range(uint32_t net, int prefix, char *buf, size_t n)
{
    char lo[KEEL_IPV4_BUFSZ], hi[KEEL_IPV4_BUFSZ];
    uint32_t bcast = net | ~mask_of(prefix);

    keel_ipv4_format(prefix < 31 ? net + 1 : net, lo);
    keel_ipv4_format(prefix < 31 ? bcast - 1 : bcast, hi);
    snprintf(buf, n, "%s to %s", lo, hi);
}

/* gw (or addr when gw == addr) is usable in addr/prefix. */
static int in_subnet(const char *what, const char *s, uint32_t a,
                     uint32_t addr, int prefix, struct keel_err *e)
{
    uint32_t m = mask_of(prefix), net = addr & m;
    char netbuf[KEEL_IPV4_BUFSZ], range[40];

    keel_ipv4_format(net, netbuf);
    usable_range(net, prefix, range, sizeof(range));
    if ((a & m) != net)
        return keel_err_set(e, KEEL_EINVAL, "%s %s is not in %s/%d; use "
                            "an address from %s", what, s, netbuf, prefix,
                            range);
    if (prefix < 31 && (a == net || a == (net | ~m)))
        return keel_err_set(e, KEEL_EINVAL, "%s %s is the %s address of "
                            "%s/%d; use an address from %s", what, s,
                            a == net ? "network" : "broadcast", netbuf,
                            prefix, range);
    return 0;
}

/* Parse addr and prefix for the subnet checks, naming the culprit. */
static int subnet_parse(const char *addr, const char *prefix, uint32_t *a,
                        int *p, struct keel_err *e)
{
    struct keel_err sub;
    int rc = host_addr(addr, a, &sub);

    if (rc)
        return keel_err_set(e, rc, "address %s", sub.msg);
    rc = prefix_parse(prefix, p, &sub);
    if (rc)
        return keel_err_set(e, rc, "prefix %s", sub.msg);
    return 0;
}

int keel_valid_address(const char *addr, const char *prefix,
                       struct keel_err *e)
{
    uint32_t a = 0;
    int p = 0, rc = subnet_parse(addr, prefix, &a, &p, e);

    if (rc)
        return rc;
    return in_subnet("address", addr, a, a, p, e);
}

int keel_valid_gateway(const char *addr, const char *prefix,
                       const char *gw, struct keel_err *e)
{
    struct keel_err sub;
    uint32_t a = 0, g = 0;
    int p = 0, rc = subnet_parse(addr, prefix, &a, &p, e);

    if (rc)
        return rc;
    rc = host_addr(gw, &g, &sub);
    if (rc)
        return keel_err_set(e, rc, "gateway %s", sub.msg);
    if (p == 32)
        return keel_err_set(e, KEEL_EINVAL, "gateway %s: with prefix 32 "
                            "the subnet holds only %s, so no gateway can "
                            "be reached; use your network's prefix "
                            "(e.g. 24)", gw, addr);
    if (g == a)
        return keel_err_set(e, KEEL_EINVAL, "gateway %s is this host's own"
                            " address; use your router's address", gw);
    return in_subnet("gateway", gw, g, a, p, e);
}

int keel_valid_vlan(const char *s, struct keel_err *e)
{
    unsigned long v;

    if (!*s)
        return 0;
    if (strcmp(s, "0") == 0)
        return keel_err_set(e, KEEL_EINVAL, "VLAN 0 means untagged; leave "
                            "the VLAN empty for no VLAN");
    if (s[0] == '0' && strspn(s, "0123456789") == strlen(s))
        return keel_err_set(e, KEEL_EINVAL, "VLAN %.20s: write the number "
                            "without leading zeros", s);
    if (keel_parse_uint(s, 4095, &v))
        return keel_err_set(e, KEEL_EINVAL, "VLAN %.20s: a VLAN id is a "
                            "number 1-4094; leave it empty for no VLAN", s);
    if (v == 4095)
        return keel_err_set(e, KEEL_EINVAL, "VLAN 4095 is reserved; use "
                            "1-4094, or leave it empty for no VLAN");
    return 0;
}

int keel_valid_ifname(const char *s, struct keel_err *e)
{
    size_t len = strlen(s);

    if (len == 0 || len > 15)
        return keel_err_set(e, KEEL_EINVAL, "'%.40s': an interface name "
                            "has 1-15 characters, e.g. eth0", s);
    if (strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                  "0123456789_.-") != len)
        return keel_err_set(e, KEEL_EINVAL, "'%s': an interface name has "
                            "only letters, digits, '_', '.' and '-', e.g. "
                            "eth0", s);
    if (s[0] == '-' || s[0] == '.')
        return keel_err_set(e, KEEL_EINVAL, "%s: an interface name cannot "
                            "start with '%c'; e.g. eth0", s, s[0]);
    return 0;
}

int keel_parse_bytes(const char *s, uint64_t *bytes, struct keel_err *e)
{
    uint64_t n = 0;
    int shift = 0;
    const char *p = s;

    for (; *p >= '0' && *p <= '9'; p++) {
        if (n > (UINT64_MAX - 9) / 10)
            goto bad;
        n = n * 10 + (uint64_t)(*p - '0');
    }
    if (p == s || (s[0] == '0' && p - s > 1))
        goto bad;
    if (*p && !p[1] && strchr("KMGT", *p))
        shift = 10 * (int)(strchr("KMGT", *p) - "KMGT" + 1), p++;
    if (*p || (shift && n > (UINT64_MAX >> shift)))
        goto bad;
    *bytes = n << shift;
    return 0;
bad:
    return keel_err_set(e, KEEL_EINVAL, "'%s' is not a size: write a whole "
                        "number with K, M, G or T, e.g. 20G", s);
}
