/*
 * cmd-sr.c - the storage repository and its virtual disks.
 */
#include <stdio.h>
#include <string.h>
#include <syslog.h>

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

struct meter {
    struct app *a;
    const char *title, *stage;
    int tenth;
};

/* The console's bar, or a line on stderr every 10 % (keelctl). */
static void meter(void *ctx, double done)
{
    struct meter *m = ctx;
    int tenth = (int)(done * 10);

    if (m->a->progress)
        m->a->progress(m->title, m->stage, done);
    else if (tenth != m->tenth)
        fprintf(stderr, "%s: %d%%\n", m->title, tenth * 10);
    m->tenth = tenth;
}

int vdi_image_run(struct app *a, int argc, char **argv, struct out *o,
                  struct keel_err *e)
{
    int import = strcmp(a->cur->name, "vdi-import") == 0, rc;
    struct meter m = { a, import ? "Importing the disk image" :
                       "Exporting the disk", import && strstr(argv[0], "://")
                       ? "wget, qemu-img convert" : "qemu-img convert", -1 };

    (void)argc, (void)o;
    syslog(LOG_INFO, "%s %s %s: started", a->cur->name, argv[0], argv[1]);
    if (import)
        rc = keel_sr_vdi_import(a->b, argv[0], argv[1], meter, &m, e);
    else
        rc = keel_sr_vdi_export(a->b, argv[0], argv[1], meter, &m, e);
    syslog(rc ? LOG_ERR : LOG_INFO, "%s %s %s: %s", a->cur->name, argv[0],
           argv[1], rc ? e->msg : "done");
    return rc;
}

int iso_list_run(struct app *a, int argc, char **argv, struct out *o,
                 struct keel_err *e)
{
    struct keel_isos l;
    int rc = keel_iso_list(a->b, &l, e);

    (void)argc, (void)argv;
    if (rc)
        return rc;
    out_obj(o, NULL);
    out_str(o, "dir", KEEL_ISO_DIR);
    out_num(o, "size_bytes", (long long)l.size);
    out_num(o, "free_bytes", (long long)l.free);
    out_arr(o, "isos");
    for (size_t i = 0; i < l.n; i++) {
        out_obj(o, NULL);
        out_str(o, "name", l.v[i].name);
        out_num(o, "size_bytes", (long long)l.v[i].size);
        out_end(o);
    }
    out_end(o);
    out_end(o);
    keel_isos_free(&l);
    return 0;
}

int iso_fetch_run(struct app *a, int argc, char **argv, struct out *o,
                  struct keel_err *e)
{
    struct meter m = { a, "Downloading the ISO", "wget", -1 };
    int rc;

    (void)o;
    syslog(LOG_INFO, "iso-fetch %s: started", argv[0]);
    rc = keel_iso_fetch(a->b, argv[0], argc > 1 ? argv[1] : NULL, meter,
                        &m, e);
    syslog(rc ? LOG_ERR : LOG_INFO, "iso-fetch %s: %s", argv[0],
           rc ? e->msg : "done");
    return rc;
}

int iso_delete_run(struct app *a, int argc, char **argv, struct out *o,
                   struct keel_err *e)
{
    (void)argc, (void)o;
    return keel_iso_delete(a->b, argv[0], e);
}
