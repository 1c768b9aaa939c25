/*
 * keel-settings.h - the host settings: one table, read and written by
 * the installer, the console and keelctl alike.
 *
 * Each row of the table says a setting's name, type, default, validator,
 * help text and flags; screens, help output and the settings file are
 * all derived from it.  Values are kept as text, normalised on the way
 * in (a netmask becomes a prefix length, "yes" becomes "on", list
 * separators become single spaces), so what is stored is what is saved.
 *
 * The settings file (/etc/keel/host.conf) holds `name=value` lines in
 * table order; '#' starts a comment line; blank lines are ignored; a
 * value may be written in double quotes, inside which only \" and \\
 * are escapes.  Unknown and duplicate names are errors.  Settings the
 * file does not mention take their defaults.
 */
#ifndef KEEL_SETTINGS_H
#define KEEL_SETTINGS_H

#include <stddef.h>

#include "keel-backend.h"
#include "keel-error.h"
#include "keel-validate.h"

#define KEEL_HOST_CONF "/etc/keel/host.conf"
/* Held while host.conf is read, changed and saved (keel_settings_update).
 * In /run: a lock outlives no boot, and keel-state may be read-only. */
#define KEEL_HOST_CONF_LOCK "/run/keel/host.conf.lock"
/* How long a writer waits for another's change (a service restart takes
 * seconds; keel_host_apply gives a script up to a minute). */
#define KEEL_SETTINGS_LOCK_S 30

/* Row indexes, in table (and file) order. */
enum keel_setting_id {
    KEEL_S_HOSTNAME,
    KEEL_S_MGMT_NIC,
    KEEL_S_MGMT_MODE,
    KEEL_S_MGMT_ADDRESS,
    KEEL_S_MGMT_PREFIX,
    KEEL_S_MGMT_GATEWAY,
    KEEL_S_MGMT_VLAN,
    KEEL_S_DNS,
    KEEL_S_NTP,
    KEEL_S_TIMEZONE,
    KEEL_S_KEYMAP,
    KEEL_S_SSH,
    KEEL_S_SYSLOG_REMOTE,
    KEEL_S_ROOT_HASH,
    KEEL_S_CONSOLE_IDLE,
    KEEL_S_COUNT
};

/* What kind of input a screen should offer. */
enum keel_setting_type {
    KEEL_STYPE_STRING,
    KEEL_STYPE_BOOL,     /* "on" or "off" */
    KEEL_STYPE_ENUM,     /* one of choices */
    KEEL_STYPE_IPV4,
    KEEL_STYPE_INT,      /* decimal min..max */
    KEEL_STYPE_LIST,     /* space-separated items */
    KEEL_STYPE_TIMEZONE, /* a zone name; offer a picker */
};

#define KEEL_SF_SECRET 0x1u   /* never displayed (the root hash) */
#define KEEL_SF_OPTIONAL 0x2u /* "" is allowed: unset, none or off */
#define KEEL_SF_NETMASK 0x4u  /* a dotted netmask is taken as a prefix */

struct keel_setting {
    enum keel_setting_id id;
    const char *name;
    enum keel_setting_type type;
    const char *def;
    /* The value rule; NULL for BOOL, ENUM and INT rows whose type says
     * it all.  Never called with "" on an OPTIONAL row. */
    int (*valid)(const char *s, struct keel_err *e);
    const char *const *choices; /* ENUM: NULL-terminated */
    long min, max;              /* INT */
    unsigned flags;             /* KEEL_SF_* */
    const char *help;           /* one line, under 72 characters */
};

/* The table: rows 0..KEEL_S_COUNT-1, and lookup by name (NULL if
 * unknown).  Static storage; never freed. */
const struct keel_setting *keel_setting_row(enum keel_setting_id id);
const struct keel_setting *keel_setting_find(const char *name);

/* A set of values.  Initialise before use, finalise after. */
struct keel_settings {
    char *val[KEEL_S_COUNT]; /* owned, never NULL once initialised */
    /* Borrowed, may be NULL: when set, time zones must be in it. */
    const struct keel_tzlist *zones;
    /* Lines whose name this version does not know (a newer Keel wrote
     * them, or a typo), "name=value\n" each, written back unchanged by
     * keel_settings_format(); NULL if none.  Owned. */
    char *unknown;
    /* The first of them as a warning with its line ("" if none). */
    char warning[KEEL_ERR_MSG_MAX];
};

/* Every setting at its default, zones NULL.  0 or KEEL_ENOMEM (then s
 * needs no keel_settings_fini()). */
int keel_settings_init(struct keel_settings *s, struct keel_err *e);
void keel_settings_fini(struct keel_settings *s);

/* dst (initialised) becomes a copy of src, zones included.  0 or
 * KEEL_ENOMEM (then dst is unchanged). */
int keel_settings_copy(struct keel_settings *dst,
                       const struct keel_settings *src, struct keel_err *e);

/* 1 if every value is the same, else 0. */
int keel_settings_equal(const struct keel_settings *a,
                        const struct keel_settings *b);

/* The stored value (borrowed: valid until that setting changes). */
const char *keel_settings_value(const struct keel_settings *s,
                                enum keel_setting_id id);

/* The value for showing on a screen: secret rows give "(set)" or
 * "(not set)".  Borrowed as above. */
const char *keel_settings_display(const struct keel_settings *s,
                                  enum keel_setting_id id);

/* By name: *value borrowed as above.  KEEL_ENOENT for an unknown name
 * (the message suggests the nearest known one). */
int keel_settings_get(const struct keel_settings *s, const char *name,
                      const char **value, struct keel_err *e);

/*
 * Normalise and validate value, then store a copy.  KEEL_EINVAL with
 * "NAME: what is wrong and how to fix it" and s unchanged; KEEL_ENOENT
 * for an unknown name; KEEL_ENOMEM.  Only this one value is checked:
 * rules between settings are keel_settings_check()'s.
 */
int keel_settings_set(struct keel_settings *s, const char *name,
                      const char *value, struct keel_err *e);
int keel_settings_set_id(struct keel_settings *s, enum keel_setting_id id,
                         const char *value, struct keel_err *e);

/* What keel_settings_set_id() would say, without storing anything: for
 * screens that check input as it is typed. */
int keel_settings_try(const struct keel_settings *s, enum keel_setting_id id,
                      const char *value, struct keel_err *e);

/* Problems found by keel_settings_check(), each naming its setting. */
#define KEEL_CHECK_MAX 32
struct keel_check {
    int n; /* problems found; only the first KEEL_CHECK_MAX are kept */
    struct {
        enum keel_setting_id id;
        char msg[KEEL_ERR_MSG_MAX]; /* starts with the setting's name */
    } p[KEEL_CHECK_MAX];
};

/*
 * Check every value and the rules between them: static addressing
 * needs mgmt.address, mgmt.prefix and mgmt.gateway, with the address
 * and gateway usable in the subnet; dhcp ignores those three.  Every
 * problem is reported in c (may be NULL); e gets the first and a count.
 * 0 or KEEL_EINVAL.
 */
int keel_settings_check(const struct keel_settings *s, struct keel_check *c,
                        struct keel_err *e);

/*
 * Parse len bytes of settings-file text into s (values not in the text
 * take defaults; s->zones is kept and used).  Errors read
 * "LABEL:LINE: what is wrong" and leave s unchanged.  KEEL_EINVAL or
 * KEEL_ENOMEM.  Cross-setting rules are not applied.
 */
int keel_settings_parse(struct keel_settings *s, const char *text,
                        size_t len, const char *label, struct keel_err *e);

/*
 * The settings-file text for s, in table order, every setting written,
 * each preceded by its help as a comment.  *text is malloc'd,
 * NUL-terminated, *len bytes; the caller frees it with free().
 */
int keel_settings_format(const struct keel_settings *s, char **text,
                         size_t *len, struct keel_err *e);

/* Read and parse path (NULL: KEEL_HOST_CONF) through b.  KEEL_ENOENT if
 * there is no file (s unchanged: the caller decides what that means). */
int keel_settings_load(struct keel_settings *s, struct keel_backend *b,
                       const char *path, struct keel_err *e);

/*
 * Refuse (KEEL_EINVAL) if keel_settings_check() finds a problem, else
 * write the file atomically through b, mode 0600 since it holds the
 * root password hash.  On any error the old file is untouched.
 */
int keel_settings_save(const struct keel_settings *s, struct keel_backend *b,
                       const char *path, struct keel_err *e);

/*
 * Make a change to the settings file that undoes no other writer's:
 * under the lock of path (NULL: KEEL_HOST_CONF and its lock
 * KEEL_HOST_CONF_LOCK; else path + ".lock"), waiting up to
 * KEEL_SETTINGS_LOCK_S for it, read path again into was (a copy of cur
 * if there is no file), set on a copy of it, now, each value in which
 * want differs from cur, and commit: commit(b, path, was, now, e),
 * which must save now to path (NULL: keel_settings_save alone).  The
 * lock is let go whatever happened.  On success cur becomes now, the
 * file's settings.  Errors: KEEL_EIO when the lock is still held after
 * the wait ("another change of the host settings is under way (PATH is
 * held by keelctl (pid 812), ...)"), the file's when it cannot be read
 * (nothing is saved over it), a value of want's refused, commit's.
 */
typedef int (*keel_settings_commit_fn)(struct keel_backend *b,
                                       const char *path,
                                       const struct keel_settings *was,
                                       const struct keel_settings *now,
                                       struct keel_err *e);
int keel_settings_update(struct keel_backend *b, const char *path,
                         struct keel_settings *cur,
                         const struct keel_settings *want,
                         keel_settings_commit_fn commit,
                         struct keel_err *e);

#endif
