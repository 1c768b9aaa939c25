/*
 * cmd-fallback.c - the notice of a slot fallback and its dismissal.
 */
#include <stdio.h>

#include "cmd-runs.h"
#include "keel-slot.h"

void fallback_out(struct app *a, struct out *o)
{
    const struct keel_slot_fallback *f = &a->st.fallback;
    char text[160];

    if (!f->failed) {
        out_null(o, "fallback");
        return;
    }
    keel_slot_fallback_text(f, text, sizeof(text));
    out_obj(o, "fallback");
    out_str(o, "failed_slot", cmd_fmt("%c", f->failed));
    out_str(o, "failed_version", f->failed_version);
    out_str(o, "running_slot", cmd_fmt("%c", f->running));
    out_str(o, "running_version", f->running_version);
    out_str(o, "at", f->at);
    out_str(o, "message", text);
    out_end(o);
}

int fallback_clear_run(struct app *a, int argc, char **argv, struct out *o,
                       struct keel_err *e)
{
    int cleared, rc = keel_slot_fallback_clear(a->b, &cleared, e);

    (void)argc, (void)argv;
    if (rc)
        return rc;
    a->st.fallback.failed = 0;
    if (o->json) {
        out_obj(o, NULL);
        out_bool(o, "cleared", cleared);
        out_end(o);
    } else if (!cleared) {
        out_str(o, NULL, "There is no failed update to dismiss.");
    }
    return 0;
}
