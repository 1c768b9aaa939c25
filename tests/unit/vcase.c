/* vcase.c - the runner of vcase.h's validator tables. */
#include <string.h>

#include "unit.h"
#include "vcase.h"

void unit_run_vcases(const char *what,
                     int (*fn)(const char *, struct keel_err *),
                     const struct vcase *t, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        struct keel_err e = { "" };
        int rc = fn(t[i].in, &e);

        if (rc != (t[i].ok ? 0 : KEEL_EINVAL))
            unit_fail(__FILE__, __LINE__, "%s(\"%s\") = %d, want %s (%s)",
                      what, t[i].in, rc, t[i].ok ? "ok" : "EINVAL", e.msg);
        else if (!t[i].ok && (!e.msg[0] || !strstr(e.msg, t[i].msg)))
            unit_fail(__FILE__, __LINE__, "%s(\"%s\"): message \"%s\" "
                      "lacks \"%s\"", what, t[i].in, e.msg, t[i].msg);
    }
}
