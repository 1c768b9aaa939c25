/*
 * app.c - application state shared by keel-console and keelctl
 * (console.h): backend, settings, refresh.  No curses here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "console.h"
#include "tui.h"

#define SR_EVERY_S 60.0

double app_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void app_refresh(struct app *a, int sr)
{
    double now = app_now();
    struct keel_err e;

    keel_host_status_read(&a->st, a->b, &a->s, 0, NULL);
    if (!sr && a->sr_read_at != 0 && now - a->sr_read_at < SR_EVERY_S)
        return;
    /* lvm is a process: once a minute or after a change, not per tick */
    a->sr_read_at = now;
    keel_sr_fini(&a->sr);
    a->st.sr_ok = !keel_sr_read(&a->sr, a->b, &e);
    snprintf(a->st.sr_err, sizeof(a->st.sr_err), "%s",
             a->st.sr_ok ? "" : e.msg);
    a->st.sr_size = a->sr.size;
    a->st.sr_free = a->sr.free;
    a->st.sr_vdis = (unsigned)a->sr.n;
}

int app_load_settings(struct app *a, struct keel_err *e)
{
    int rc = keel_settings_load(&a->s, a->b, NULL, e);

    a->settings_bad[0] = '\0';
    if (rc == KEEL_ENOENT) {
        keel_err_clear(e);
        return 0; /* no file yet: the defaults are the settings */
    }
    if (rc)
        snprintf(a->settings_bad, sizeof(a->settings_bad), "%s", e->msg);
    return rc;
}

int app_settings_writable(const struct app *a, struct keel_err *e)
{
    if (!a->settings_bad[0])
        return 0;
    return keel_err_set(e, KEEL_EINVAL, "%.160s: fix or remove that line "
                        "first (nothing saved over it)", a->settings_bad);
}

int app_apply(struct app *a, struct keel_settings *new_s,
              struct keel_err *e)
{
    int idle = strcmp(keel_settings_value(&a->s, KEEL_S_CONSOLE_IDLE),
                      keel_settings_value(new_s, KEEL_S_CONSOLE_IDLE));
    int rc = app_settings_writable(a, e);

    if (!rc)
        rc = keel_host_apply(a->b, &a->s, new_s, NULL, e);

    if (!rc)
        rc = keel_settings_copy(&a->s, new_s, e);
    if (!rc && idle) {
        /* the console's own setting: its logout timer follows at once */
        a->auth.idle_s = 60.0 * atol(keel_settings_value(
                                         &a->s, KEEL_S_CONSOLE_IDLE));
        tui_idle_s = a->auth.idle_s;
    }
    return rc;
}

void app_dump_log(struct app *a)
{
    struct keel_err e;

    if (a->fake_log)
        keel_backend_log_write(a->b, a->fake_log, &e);
}
