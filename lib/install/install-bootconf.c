/*
 * install-bootconf.c - hypervisor/boot.conf (keel-install.h).
 */
#include <stdio.h>
#include <string.h>

#include "keel-install.h"

static const char *const keys[KEEL_BC_COUNT] = {
    "XEN_MEM", "XEN_LOG", "XEN_CONSOLE", "XEN_CONSOLE_SERIAL",
    "DOM0_CONSOLE", "DOM0_CONSOLE_SERIAL",
};

int keel_bootconf_parse(struct keel_bootconf *bc, const char *text,
                        size_t len, struct keel_err *e)
{
    struct keel_bootconf t;
    const char *p = text, *end = text + len;
    int line = 0, seen[KEEL_BC_COUNT] = { 0 };

    memset(&t, 0, sizeof(t));
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = (size_t)((nl ? nl : end) - p);
        const char *eq = memchr(p, '=', n);

        line++;
        if (n && *p != '#' && !eq)
            return keel_err_set(e, KEEL_EINVAL, "boot.conf:%d: expected "
                                "KEY=VALUE", line);
        for (int k = 0; n && *p != '#' && k < KEEL_BC_COUNT; k++) {
            size_t kl = strlen(keys[k]), vl = n - kl - 1;

            if ((size_t)(eq - p) != kl || memcmp(p, keys[k], kl))
                continue;
            if (vl >= sizeof(t.v[k]) || memchr(eq + 1, '"', vl) ||
                memchr(eq + 1, '\'', vl))
                return keel_err_set(e, KEEL_EINVAL, "boot.conf:%d: %s: "
                                    "value too long or quoted", line,
                                    keys[k]);
            memcpy(t.v[k], eq + 1, vl);
            t.v[k][vl] = '\0';
            seen[k] = 1;
        }
        p += n + 1;
    }
    for (int k = 0; k < KEEL_BC_COUNT; k++)
        if (!seen[k])
            return keel_err_set(e, KEEL_EINVAL, "boot.conf: %s is missing",
                                keys[k]);
    *bc = t;
    return 0;
}
