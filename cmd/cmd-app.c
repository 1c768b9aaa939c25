/*
 * cmd-app.c - application state shared by keel-console and keelctl
 * (cmd.h): backend, settings, refresh, setting changes.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd.h"
#include "keel-log.h"

#define SR_EVERY_S 60.0

double app_now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void refresh_log(struct app *a)
{
    struct keel_err e = { "" };

    free(a->log_pane);
    a->log_pane = NULL;
    a->log_rc = keel_log_tail(a->b, KEEL_SYSLOG, KEEL_LOG_PANE_MAX,
                              &a->log_pane, NULL, &e);
    snprintf(a->log_err, sizeof(a->log_err), "%s", a->log_rc ? e.msg : "");
}

void app_refresh_vms(struct app *a)
{
    struct keel_err e = { "" };

    keel_vms_free(&a->vms);
    a->vms_rc = keel_vm_list(a->b, &a->vms, &e);
    snprintf(a->vms_err, sizeof(a->vms_err), "%s", a->vms_rc ? e.msg : "");
}

void app_refresh_pw(struct app *a)
{
    char hash[KEEL_HASH_MAX] = "";

    keel_auth_root_hash(a->b, hash, sizeof(hash), NULL);
    a->root_pw = !hash[0] ? APP_PW_UNSET :
                 hash[0] == '*' || hash[0] == '!' ? APP_PW_LOCKED :
                 APP_PW_SET;
    explicit_bzero(hash, sizeof(hash));
}

void app_refresh(struct app *a, unsigned what)
{
    double now = app_now();
    struct keel_err e;

    keel_host_status_read(&a->st, a->b, &a->s, 0, NULL);
    if (what & APP_LOG)
        refresh_log(a);
    if (what & APP_VMS)
        app_refresh_vms(a);
    if (what & APP_ISOS) {
        struct keel_err ie = { "" };

        keel_isos_free(&a->isos);
        a->isos_rc = keel_iso_list(a->b, &a->isos, &ie);
        snprintf(a->isos_err, sizeof(a->isos_err), "%s",
                 a->isos_rc ? ie.msg : "");
    }
    keel_host_hw_read(&a->hw, a->b, KEEL_HW_NICS);
    if (!(what & APP_SLOW) && a->sr_read_at != 0 &&
        now - a->sr_read_at < SR_EVERY_S)
        return;
    /* lvm is a process: once a minute or after a change, not per tick */
    a->sr_read_at = now;
    keel_host_hw_read(&a->hw, a->b, KEEL_HW_MACHINE);
    app_refresh_pw(a);
    keel_sr_fini(&a->sr);
    a->sr_rc = keel_sr_read(&a->sr, a->b, &e);
    a->st.sr_ok = !a->sr_rc;
    snprintf(a->st.sr_err, sizeof(a->st.sr_err), "%s",
             a->st.sr_ok ? "" : e.msg);
    a->st.sr_size = a->sr.size;
    a->st.sr_free = a->sr.free;
    a->st.sr_vdis = (unsigned)a->sr.n;
}

void app_fini(struct app *a)
{
    keel_sr_fini(&a->sr);
    keel_host_hw_fini(&a->hw);
    keel_vms_free(&a->vms);
    keel_isos_free(&a->isos);
    free(a->log_pane);
    a->log_pane = NULL;
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

    /* on top of host.conf as it is now: the other console or keelctl
     * may have saved since a->s was read */
    if (!rc)
        rc = keel_host_change(a->b, &a->s, new_s, NULL, e);
    if (!rc && idle) {
        /* the console's own setting: its logout timer follows at once */
        a->auth.idle_s = 60.0 * atol(keel_settings_value(
                                         &a->s, KEEL_S_CONSOLE_IDLE));
    }
    return rc;
}

void app_dump_log(struct app *a)
{
    struct keel_err e;

    if (a->fake_log)
        keel_backend_log_write(a->b, a->fake_log, &e);
}

const char *cmd_fmt(const char *fmt, ...)
{
    static char buf[4][256];
    static int i;
    va_list ap;

    i = (i + 1) % 4;
    va_start(ap, fmt);
    vsnprintf(buf[i], sizeof(buf[i]), fmt, ap);
    va_end(ap);
    return buf[i];
}

int cmd_set_apply(struct app *a, enum keel_setting_id id, const char *v,
                  struct keel_err *e)
{
    struct keel_settings n;
    int rc = keel_settings_init(&n, e);

    if (rc)
        return rc;
    rc = keel_settings_copy(&n, &a->s, e);
    if (!rc)
        rc = keel_settings_set_id(&n, id, v, e);
    if (!rc)
        rc = app_apply(a, &n, e);
    keel_settings_fini(&n);
    return rc;
}
