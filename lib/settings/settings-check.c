/*
 * settings-check.c - the rules between settings (keel_settings_check).
 *
 * Every problem is collected, not just the first: a screen can then mark
 * every wrong field at once instead of making the user fix them one
 * round trip at a time.
 */
#include <stdio.h>
#include <string.h>

#include "keel-settings.h"

static void add(struct keel_check *c, enum keel_setting_id id,
                const char *msg)
{
    if (c->n < KEEL_CHECK_MAX) {
        c->p[c->n].id = id;
        snprintf(c->p[c->n].msg, sizeof(c->p[c->n].msg), "%s", msg);
    }
    c->n++;
}

static void add_named(struct keel_check *c, enum keel_setting_id id,
                      const char *msg)
{
    struct keel_err named;

    /* Cut to fit like every other message. */
    keel_err_set(&named, 0, "%s: %s", keel_setting_row(id)->name, msg);
    add(c, id, named.msg);
}

/* Static addressing: all three present, then usable together. */
static void check_static(const struct keel_settings *s,
                         struct keel_check *c, const int bad[KEEL_S_COUNT])
{
    static const enum keel_setting_id need[] = {
        KEEL_S_MGMT_ADDRESS, KEEL_S_MGMT_PREFIX, KEEL_S_MGMT_GATEWAY
    };
    static const char *const what[] = { "an address", "a prefix length",
                                        "a gateway" };
    const char *addr = s->val[KEEL_S_MGMT_ADDRESS];
    const char *prefix = s->val[KEEL_S_MGMT_PREFIX];
    const char *gw = s->val[KEEL_S_MGMT_GATEWAY];
    struct keel_err sub;
    char msg[KEEL_ERR_MSG_MAX];
    int ok = 1;

    for (int i = 0; i < 3; i++) {
        if (bad[need[i]]) {
            ok = 0;
        } else if (!s->val[need[i]][0]) {
            snprintf(msg, sizeof(msg), "static mode needs %s; set it, or "
                     "set mgmt.mode to dhcp", what[i]);
            add_named(c, need[i], msg);
            ok = 0;
        }
    }
    if (!ok)
        return;
    if (keel_valid_address(addr, prefix, &sub)) {
        add_named(c, KEEL_S_MGMT_ADDRESS, sub.msg);
        return;
    }
    if (keel_valid_gateway(addr, prefix, gw, &sub))
        add_named(c, KEEL_S_MGMT_GATEWAY, sub.msg);
}

int keel_settings_check(const struct keel_settings *s, struct keel_check *c,
                        struct keel_err *e)
{
    struct keel_check local;
    struct keel_err sub;
    int bad[KEEL_S_COUNT] = { 0 };

    if (!c)
        c = &local;
    c->n = 0;
    for (int i = 0; i < KEEL_S_COUNT; i++) {
        if (keel_settings_try(s, (enum keel_setting_id)i, s->val[i],
                              &sub)) {
            add(c, (enum keel_setting_id)i, sub.msg);
            bad[i] = 1;
        }
    }
    if (strcmp(s->val[KEEL_S_MGMT_MODE], "static") == 0)
        check_static(s, c, bad);
    if (c->n == 0) {
        keel_err_clear(e);
        return 0;
    }
    if (c->n == 1)
        return keel_err_set(e, KEEL_EINVAL, "%s", c->p[0].msg);
    return keel_err_set(e, KEEL_EINVAL, "%s (and %d more problem%s)",
                        c->p[0].msg, c->n - 1, c->n > 2 ? "s" : "");
}
