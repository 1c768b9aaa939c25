/*
 * settings.c - the host settings table and the values that follow it
 * (see keel-settings.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "keel-settings.h"

#define VALUE_MAX 1024 /* 4 NTP names of 253 characters fit */

static const char *const mode_choices[] = { "dhcp", "static", NULL };

static const struct keel_setting table[KEEL_S_COUNT] = {
    { KEEL_S_HOSTNAME, "hostname", KEEL_STYPE_STRING, "keel",
      keel_valid_own_hostname, NULL, 0, 0, 0,
      "Name of this host: letters, digits and '-', dots for a domain" },
    { KEEL_S_MGMT_NIC, "mgmt.nic", KEEL_STYPE_STRING, "eth0",
      keel_valid_ifname, NULL, 0, 0, 0,
      "Network interface that carries the management bridge xenbr0" },
    { KEEL_S_MGMT_MODE, "mgmt.mode", KEEL_STYPE_ENUM, "dhcp", NULL,
      mode_choices, 0, 0, 0,
      "How the management interface gets its address: dhcp or static" },
    { KEEL_S_MGMT_ADDRESS, "mgmt.address", KEEL_STYPE_IPV4, "",
      keel_valid_ipv4_host, NULL, 0, 0, KEEL_SF_OPTIONAL,
      "IPv4 address of this host (static mode)" },
    { KEEL_S_MGMT_PREFIX, "mgmt.prefix", KEEL_STYPE_INT, "",
      keel_valid_prefix, NULL, 1, 32, KEEL_SF_OPTIONAL | KEEL_SF_NETMASK,
      "Prefix length, e.g. 24, or a netmask (static mode)" },
    { KEEL_S_MGMT_GATEWAY, "mgmt.gateway", KEEL_STYPE_IPV4, "",
      keel_valid_ipv4_host, NULL, 0, 0, KEEL_SF_OPTIONAL,
      "Default gateway, inside the subnet (static mode)" },
    { KEEL_S_MGMT_VLAN, "mgmt.vlan", KEEL_STYPE_INT, "", keel_valid_vlan,
      NULL, 1, 4094, KEEL_SF_OPTIONAL,
      "VLAN id of the management network, 1-4094; empty for none" },
    { KEEL_S_DNS, "dns", KEEL_STYPE_LIST, "", keel_valid_dns_list, NULL,
      0, 0, KEEL_SF_OPTIONAL,
      "1-3 DNS server addresses; empty to use those from DHCP" },
    { KEEL_S_NTP, "ntp", KEEL_STYPE_LIST, "pool.ntp.org",
      keel_valid_ntp_list, NULL, 0, 0, KEEL_SF_OPTIONAL,
      "Up to 4 NTP server names or addresses; empty for no NTP" },
    { KEEL_S_TIMEZONE, "timezone", KEEL_STYPE_TIMEZONE, "UTC",
      keel_valid_tz_name, NULL, 0, 0, 0,
      "Time zone as Region/City, e.g. Europe/Berlin, or UTC" },
    { KEEL_S_KEYMAP, "keymap", KEEL_STYPE_STRING, "us", keel_valid_keymap,
      NULL, 0, 0, 0, "Console keyboard layout, e.g. us, de-latin1, fr" },
    { KEEL_S_SSH, "ssh", KEEL_STYPE_BOOL, "on", NULL, NULL, 0, 0, 0,
      "Accept SSH logins: on or off" },
    { KEEL_S_SYSLOG_REMOTE, "syslog.remote", KEEL_STYPE_STRING, "",
      keel_valid_syslog_target, NULL, 0, 0, KEEL_SF_OPTIONAL,
      "Also send logs to HOST[:PORT] over UDP (514); empty for off" },
    { KEEL_S_ROOT_HASH, "root.hash", KEEL_STYPE_STRING, "",
      keel_valid_pwhash, NULL, 0, 0, KEEL_SF_SECRET | KEEL_SF_OPTIONAL,
      "Root password hash, yescrypt or SHA-512 crypt (never shown)" },
    { KEEL_S_CONSOLE_IDLE, "console.idle-minutes", KEEL_STYPE_INT, "5",
      NULL, NULL, 1, 1440, 0,
      "Minutes without a key press before the console logs out" },
};

const struct keel_setting *keel_setting_row(enum keel_setting_id id)
{
    if ((unsigned)id >= KEEL_S_COUNT)
        return NULL;
    return &table[id];
}

const struct keel_setting *keel_setting_find(const char *name)
{
    for (int i = 0; i < KEEL_S_COUNT; i++)
        if (strcmp(table[i].name, name) == 0)
            return &table[i];
    return NULL;
}

int keel_settings_init(struct keel_settings *s, struct keel_err *e)
{
    memset(s, 0, sizeof(*s));
    for (int i = 0; i < KEEL_S_COUNT; i++) {
        s->val[i] = strdup(table[i].def);
        if (!s->val[i]) {
            keel_settings_fini(s);
            return keel_err_set(e, KEEL_ENOMEM, "out of memory for the "
                                "host settings");
        }
    }
    return 0;
}

void keel_settings_fini(struct keel_settings *s)
{
    for (int i = 0; i < KEEL_S_COUNT; i++) {
        free(s->val[i]);
        s->val[i] = NULL;
    }
    free(s->unknown);
    s->unknown = NULL;
}

int keel_settings_copy(struct keel_settings *dst,
                       const struct keel_settings *src, struct keel_err *e)
{
    char *v[KEEL_S_COUNT], *unknown = NULL;

    if (src->unknown && !(unknown = strdup(src->unknown)))
        return keel_err_set(e, KEEL_ENOMEM, "out of memory copying the "
                            "host settings");
    for (int i = 0; i < KEEL_S_COUNT; i++) {
        v[i] = strdup(src->val[i]);
        if (!v[i]) {
            while (i--)
                free(v[i]);
            free(unknown);
            return keel_err_set(e, KEEL_ENOMEM, "out of memory copying "
                                "the host settings");
        }
    }
    keel_settings_fini(dst);
    memcpy(dst->val, v, sizeof(v));
    dst->zones = src->zones;
    dst->unknown = unknown;
    memcpy(dst->warning, src->warning, sizeof(dst->warning));
    return 0;
}

int keel_settings_equal(const struct keel_settings *a,
                        const struct keel_settings *b)
{
    for (int i = 0; i < KEEL_S_COUNT; i++)
        if (strcmp(a->val[i], b->val[i]) != 0)
            return 0;
    return 1;
}

const char *keel_settings_value(const struct keel_settings *s,
                                enum keel_setting_id id)
{
    return s->val[id];
}

const char *keel_settings_display(const struct keel_settings *s,
                                  enum keel_setting_id id)
{
    if (!(table[id].flags & KEEL_SF_SECRET))
        return s->val[id];
    return s->val[id][0] ? "(set)" : "(not set)";
}

/* Edit distance between a and b, both under 64 bytes. */
static int distance(const char *a, const char *b)
{
    int prev[64], cur[64];
    int la = (int)strlen(a), lb = (int)strlen(b);

    for (int j = 0; j <= lb; j++)
        prev[j] = j;
    for (int i = 1; i <= la; i++) {
        cur[0] = i;
        for (int j = 1; j <= lb; j++) {
            int sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
            int del = prev[j] + 1, ins = cur[j - 1] + 1;

            cur[j] = sub < del ? (sub < ins ? sub : ins)
                               : (del < ins ? del : ins);
        }
        memcpy(prev, cur, sizeof(int) * (size_t)(lb + 1));
    }
    return prev[lb];
}

static int unknown(const char *name, struct keel_err *e)
{
    const char *best = NULL;
    char names[KEEL_ERR_MSG_MAX];
    size_t n = 0;
    int bestd = 3;

    for (int i = 0; strlen(name) < 64 && i < KEEL_S_COUNT; i++) {
        int d = distance(name, table[i].name);

        if (d < bestd) {
            bestd = d;
            best = table[i].name;
        }
    }
    if (best)
        return keel_err_set(e, KEEL_ENOENT, "unknown setting '%.40s'; did "
                            "you mean '%s'?", name, best);
    names[0] = '\0';
    for (int i = 0; i < KEEL_S_COUNT && n < sizeof(names); i++)
        n += (size_t)snprintf(names + n, sizeof(names) - n, "%s%s",
                              i ? ", " : "", table[i].name);
    return keel_err_set(e, KEEL_ENOENT, "unknown setting '%.40s'; the "
                        "settings are %s", name, names);
}

int keel_settings_get(const struct keel_settings *s, const char *name,
                      const char **value, struct keel_err *e)
{
    const struct keel_setting *r = keel_setting_find(name);

    *value = NULL;
    if (!r)
        return unknown(name, e);
    *value = s->val[r->id];
    return 0;
}

static int normal_bool(const struct keel_setting *r, const char *in,
                       char out[VALUE_MAX], struct keel_err *e)
{
    static const char *const on[] = { "on", "yes", "true", "1" };
    static const char *const off[] = { "off", "no", "false", "0" };

    for (int i = 0; i < 4; i++) {
        if (strcasecmp(in, on[i]) == 0 || strcasecmp(in, off[i]) == 0) {
            strcpy(out, strcasecmp(in, on[i]) == 0 ? "on" : "off");
            return 0;
        }
    }
    return keel_err_set(e, KEEL_EINVAL, "%s: '%.40s': write on or off",
                        r->name, in);
}

/* Runs of spaces, tabs and commas become one space; none at the ends. */
static void normal_list(const char *in, char out[VALUE_MAX])
{
    size_t n = 0;

    for (const char *p = in; *p;) {
        size_t sep = strspn(p, " \t,"), len;

        p += sep;
        len = strcspn(p, " \t,");
        if (len && n)
            out[n++] = ' ';
        memcpy(out + n, p, len);
        n += len;
        p += len;
    }
    out[n] = '\0';
}

static int normalise(const struct keel_setting *r, const char *in,
                     char out[VALUE_MAX], struct keel_err *e)
{
    struct keel_err sub;
    int prefix;

    if (strlen(in) >= VALUE_MAX)
        return keel_err_set(e, KEEL_EINVAL, "%s: the value is longer than "
                            "%d characters; shorten it", r->name,
                            VALUE_MAX - 1);
    if (r->type == KEEL_STYPE_BOOL)
        return normal_bool(r, in, out, e);
    if (r->type == KEEL_STYPE_LIST) {
        normal_list(in, out);
        return 0;
    }
    if ((r->flags & KEEL_SF_NETMASK) && strchr(in, '.')) {
        if (keel_netmask_to_prefix(in, &prefix, &sub))
            return keel_err_set(e, KEEL_EINVAL, "%s: %s", r->name,
                                sub.msg);
        snprintf(out, VALUE_MAX, "%d", prefix);
        return 0;
    }
    strcpy(out, in);
    return 0;
}

static int check_type(const struct keel_setting *r, const char *v,
                      struct keel_err *e)
{
    unsigned long n;

    switch (r->type) {
    case KEEL_STYPE_BOOL:
        if (strcmp(v, "on") == 0 || strcmp(v, "off") == 0)
            return 0;
        return keel_err_set(e, KEEL_EINVAL, "'%.40s': write on or off", v);
    case KEEL_STYPE_ENUM:
        for (int i = 0; r->choices[i]; i++)
            if (strcmp(v, r->choices[i]) == 0)
                return 0;
        return keel_err_set(e, KEEL_EINVAL, "'%.40s': write %s or %s", v,
                            r->choices[0], r->choices[1]);
    case KEEL_STYPE_INT:
        if (r->valid || (keel_parse_uint(v, (unsigned long)r->max, &n) == 0
                         && n >= (unsigned long)r->min))
            return 0;
        return keel_err_set(e, KEEL_EINVAL, "'%.40s': write a number "
                            "%ld-%ld", v, r->min, r->max);
    default:
        return 0;
    }
}

/* Whether v (already normalised) is acceptable for r. */
static int validate(const struct keel_setting *r,
                    const struct keel_tzlist *zones, const char *v,
                    struct keel_err *e)
{
    struct keel_err sub;
    int rc;

    if (!*v && (r->flags & KEEL_SF_OPTIONAL))
        return 0;
    if (!*v)
        return keel_err_set(e, KEEL_EINVAL, "%s: a value is needed (%s)",
                            r->name, r->help);
    rc = check_type(r, v, &sub);
    if (!rc && r->type == KEEL_STYPE_TIMEZONE)
        rc = keel_valid_tz(v, zones, &sub);
    else if (!rc && r->valid)
        rc = r->valid(v, &sub);
    if (rc)
        return keel_err_set(e, rc, "%s: %s", r->name, sub.msg);
    return 0;
}

int keel_settings_try(const struct keel_settings *s, enum keel_setting_id id,
                      const char *value, struct keel_err *e)
{
    char norm[VALUE_MAX];
    int rc;

    if ((unsigned)id >= KEEL_S_COUNT)
        return keel_err_set(e, KEEL_EINVAL, "setting number %d does not "
                            "exist", (int)id);
    rc = normalise(&table[id], value, norm, e);
    if (!rc)
        rc = validate(&table[id], s->zones, norm, e);
    return rc;
}

int keel_settings_set_id(struct keel_settings *s, enum keel_setting_id id,
                         const char *value, struct keel_err *e)
{
    char norm[VALUE_MAX], *copy;
    int rc = keel_settings_try(s, id, value, e);

    if (rc)
        return rc;
    normalise(&table[id], value, norm, NULL);
    copy = strdup(norm);
    if (!copy)
        return keel_err_set(e, KEEL_ENOMEM, "out of memory setting %s",
                            table[id].name);
    free(s->val[id]);
    s->val[id] = copy;
    return 0;
}

int keel_settings_set(struct keel_settings *s, const char *name,
                      const char *value, struct keel_err *e)
{
    const struct keel_setting *r = keel_setting_find(name);

    if (!r)
        return unknown(name, e);
    return keel_settings_set_id(s, r->id, value, e);
}
