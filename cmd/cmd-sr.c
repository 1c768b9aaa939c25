/*
 * cmd-sr.c - the storage repository and its virtual disks.
 */
#include <stdio.h>
#include <string.h>

#include "cmd-runs.h"
#include "keel-sr.h"

int sr_run(struct app *a, int argc, char **argv, struct out *o,
           struct keel_err *e)
{
    const struct keel_sr *sr = &a->sr;

    (void)argc, (void)argv;
    app_refresh(a, APP_SLOW);
    if (a->sr_rc)
        return keel_err_set(e, a->sr_rc, "%s", a->st.sr_err);
    out_obj(o, NULL);
    out_str(o, "vg", sr->vg);
    out_num(o, "size_bytes", (long long)sr->size);
    out_num(o, "free_bytes", (long long)sr->free);
    out_arr(o, "vdis");
    for (size_t i = 0; i < sr->n; i++) {
        out_obj(o, NULL);
        out_str(o, "name", sr->vdis[i].name);
        out_num(o, "size_bytes", (long long)sr->vdis[i].size);
        out_str(o, "owner", sr->vdis[i].owner);
        out_end(o);
    }
    out_end(o);
    out_end(o);
    return 0;
}

int vdi_create_run(struct app *a, int argc, char **argv, struct out *o,
                   struct keel_err *e)
{
    uint64_t size;
    int rc = keel_sr_parse_size(argv[1], &size, e);

    (void)o;
    if (!rc)
        rc = keel_sr_vdi_create(a->b, argv[0], size, argc > 2 ? argv[2] :
                                "", e);
    return rc;
}

int vdi_delete_run(struct app *a, int argc, char **argv, struct out *o,
                   struct keel_err *e)
{
    (void)argc, (void)o;
    return keel_sr_vdi_delete(a->b, argv[0], e);
}
