/*
 * keel-validate.h - validators for what a user types into the installer,
 * the console or keelctl.
 *
 * Each keel_valid_*() returns 0 if s is acceptable, or KEEL_EINVAL with
 * e (may be NULL) saying what is wrong and how to fix it, e.g.
 * "192.168.1.300: each of the four numbers must be 0-255".  None of them
 * allocates, none accepts leading or trailing spaces, and all take a
 * NUL-terminated string (never NULL).
 *
 * Decisions worth knowing:
 * - Numbers (address parts, prefix, VLAN, ports) are plain decimal with
 *   no sign and no leading zeros: "01.2.3.4" and VLAN "010" are refused
 *   because inet_aton() and friends read a leading 0 as octal, so the
 *   same text would mean different things to different tools.
 * - A host name's last label may not be all digits ("123", "1.2.3.4"),
 *   so a name can never be mistaken for an address (RFC 1123 2.1,
 *   RFC 3696 2).  A trailing dot is refused (write the name without it).
 * - Lists (DNS, NTP) are separated by any run of spaces, tabs and commas.
 * - No IPv6 yet.
 */
#ifndef KEEL_VALIDATE_H
#define KEEL_VALIDATE_H

#include <stddef.h>
#include <stdint.h>

#include "keel-error.h"

/* Room for "255.255.255.255" and its NUL. */
#define KEEL_IPV4_BUFSZ 16

/*
 * Plain decimal 0..max with no sign, no spaces and no leading zeros.
 * 0 with *v set, or KEEL_EINVAL (no message: callers know the context).
 */
int keel_parse_uint(const char *s, unsigned long max, unsigned long *v);

/* Dotted quad to a host-order address; message as keel_valid_ipv4. */
int keel_ipv4_parse(const char *s, uint32_t *addr, struct keel_err *e);
void keel_ipv4_format(uint32_t addr, char buf[KEEL_IPV4_BUFSZ]);

/* "20G", "512M", "1T", "4096": bytes, binary suffixes, a whole number
 * without leading zeros that fits 64 bits.  KEEL_EINVAL says the rule.
 * The one size parser: VDI sizes, the fake's scenarios and emulator. */
int keel_parse_bytes(const char *s, uint64_t *bytes, struct keel_err *e);

/* Any dotted quad, 0.0.0.0 and 255.255.255.255 included. */
int keel_valid_ipv4(const char *s, struct keel_err *e);

/*
 * A dotted quad usable as a host's own address, a gateway or a server:
 * not in 0.0.0.0/8, 127.0.0.0/8 (loopback), 224.0.0.0/4 (multicast) or
 * 240.0.0.0/4 (reserved, with 255.255.255.255).
 */
int keel_valid_ipv4_host(const char *s, struct keel_err *e);

/* Prefix length "1".."32". */
int keel_valid_prefix(const char *s, struct keel_err *e);

/*
 * A dotted netmask ("255.255.255.0") to its prefix length (24).  Only
 * contiguous masks are accepted; 0.0.0.0 gives 0.
 */
int keel_netmask_to_prefix(const char *s, int *prefix, struct keel_err *e);

/*
 * addr is a usable host address in addr/prefix: a host address, and for
 * prefixes up to 30 neither the network nor the broadcast address.
 */
int keel_valid_address(const char *addr, const char *prefix,
                       struct keel_err *e);

/*
 * gw is a usable gateway for addr/prefix: a host address inside the
 * subnet, not addr itself and, for prefixes up to 30, neither the
 * network nor the broadcast address.  /31 (RFC 3021) has two usable
 * addresses.  /32 is refused: the subnet holds only addr, and on-link
 * routes to a gateway outside it are not supported.
 */
int keel_valid_gateway(const char *addr, const char *prefix,
                       const char *gw, struct keel_err *e);

/* VLAN id "1".."4094"; "" means no VLAN and is accepted. */
int keel_valid_vlan(const char *s, struct keel_err *e);

/*
 * A network interface name: 1-15 characters of [A-Za-z0-9_.-], not
 * starting with '-' or '.' (so it can never be taken for an option).
 */
int keel_valid_ifname(const char *s, struct keel_err *e);

/*
 * RFC 1123 host name, FQDN allowed: dot-separated labels of 1-63
 * characters from [A-Za-z0-9-], not starting or ending with '-',
 * at most 253 characters in all; see the note above on digits.
 */
int keel_valid_hostname(const char *s, struct keel_err *e);

/* keel_valid_hostname(), and at most 64 characters: the Linux limit
 * for the name of this host (sethostname()). */
int keel_valid_own_hostname(const char *s, struct keel_err *e);

#define KEEL_DNS_MAX 3 /* resolv.conf uses 3 */
#define KEEL_NTP_MAX 4

/* 1 to 3 DNS servers, host IPv4 addresses; more are refused. */
int keel_valid_dns_list(const char *s, struct keel_err *e);

/* 0 to 4 NTP servers, each a host name or a host IPv4 address; more
 * are refused. */
int keel_valid_ntp_list(const char *s, struct keel_err *e);

/* Remote syslog: "" (off), or HOST or HOST:PORT, port 1-65535. */
int keel_valid_syslog_target(const char *s, struct keel_err *e);

/*
 * Time zone name, syntax only: "UTC" or Region/City[/More] whose parts
 * are letters, digits, '_', '+' and '-' and start with a letter.
 */
int keel_valid_tz_name(const char *s, struct keel_err *e);

/* A sorted, duplicate-free list of zone names ("UTC" included). */
struct keel_tzlist {
    char **names; /* read-only for callers */
    size_t n;
};

/*
 * Parse tzdata's zone.tab or zone1970.tab format (comments '#', lines
 * of tab-separated fields, the zone name third) from len bytes of text.
 * On success *out is a new list the caller frees with keel_tz_free().
 * KEEL_EINVAL names the line that is wrong; KEEL_ENOMEM.
 */
int keel_tz_load(const char *text, size_t len, struct keel_tzlist **out,
                 struct keel_err *e);
void keel_tz_free(struct keel_tzlist *l);

/* keel_valid_tz_name() and membership in zones (NULL: syntax only). */
int keel_valid_tz(const char *s, const struct keel_tzlist *zones,
                  struct keel_err *e);

/* Console keymap name: 1-32 of [a-z0-9_-], first a letter or digit. */
int keel_valid_keymap(const char *s, struct keel_err *e);

/*
 * A crypt(3) password hash as in /etc/shadow: yescrypt
 * ($y$PARAMS$SALT$HASH, 43-character hash) or SHA-512 crypt
 * ($6$[rounds=N$]SALT$HASH, salt 1-16, hash 86 characters).  The
 * message never quotes the hash: it is a secret.
 */
int keel_valid_pwhash(const char *s, struct keel_err *e);

#endif
