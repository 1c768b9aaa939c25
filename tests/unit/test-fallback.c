/*
 * test-fallback.c - the fallback notice in keelctl's output (status,
 * slots) and `keelctl slot clear-fallback`, through the action table
 * as keelctl runs them.
 */
#include <stdlib.h>

#include "actrun.h"
#include "keel-backend-fake.h"
#include "keel-slot.h"
#include "unit.h"

static const char note[] = "failed_slot=B\nfailed_version=0.2.0\n"
                           "running_slot=A\nrunning_version=0.1.0\n"
                           "at=2025-03-14T09:26:53Z\n";

static const char json[] = "\"fallback\":{\"failed_slot\":\"B\","
                           "\"failed_version\":\"0.2.0\",\"running_slot\":"
                           "\"A\",\"running_version\":\"0.1.0\",\"at\":"
                           "\"2025-03-14T09:26:53Z\",\"message\":\"Update "
                           "to slot B (0.2.0) failed to boot; running slot"
                           " A (0.1.0) again.\"}";

static void app_on(struct app *a, const char *record)
{
    static const char cmdline[] = "keel.root=PARTLABEL=keel-a\n";
    struct keel_err e;

    memset(a, 0, sizeof(*a));
    a->b = keel_fake_new();
    keel_settings_init(&a->s, &e);
    keel_fake_put(a->b, "/proc/cmdline", cmdline, strlen(cmdline), 0444);
    if (record)
        keel_fake_put(a->b, KEEL_SLOT_FALLBACK, record, strlen(record),
                      0644);
}

static void app_off(struct app *a)
{
    app_fini(a);
    keel_settings_fini(&a->s);
    keel_backend_free(a->b);
}

/* The output of action name (no arguments) as JSON; caller frees. */
static char *json_of(struct app *a, const char *name)
{
    char *text = NULL;

    CHECK_INT(unit_act_run(a, name, 0, NULL, 1, &text, NULL), 0);
    return text;
}

UNIT_TEST(fallback_in_status_and_slots_json)
{
    static const char *const rows[] = { "status", "slots" };
    struct app a;

    for (size_t i = 0; i < 2; i++) {
        char *out;

        app_on(&a, note);
        out = json_of(&a, rows[i]);
        if (out && !strstr(out, json))
            unit_fail(__FILE__, __LINE__, "%s --json lacks the fallback:"
                      " %s", rows[i], out);
        free(out);
        app_off(&a);
        /* none recorded: null, not left out */
        app_on(&a, NULL);
        out = json_of(&a, rows[i]);
        if (out && !strstr(out, ",\"fallback\":null,") &&
            !strstr(out, ",\"fallback\":null}"))
            unit_fail(__FILE__, __LINE__, "%s --json: no \"fallback\":"
                      "null in %s", rows[i], out);
        free(out);
        app_off(&a);
    }
}

UNIT_TEST(fallback_clear_action)
{
    struct keel_err e = { "" };
    char *text = NULL;
    struct app a;

    /* keelctl slot clear-fallback: the row's name, two words */
    CHECK(action_find("slot-clear-fallback") != NULL);
    CHECK(action_find("slot-clear-fallback")->needs_login);
    app_on(&a, note);
    CHECK_INT(unit_act_run(&a, "slot-clear-fallback", 0, NULL, 1, &text,
                           &e), 0);
    CHECK_STR(text, "{\"cleared\":true}");
    free(text);
    CHECK_INT(keel_fake_get(a.b, KEEL_SLOT_FALLBACK, NULL, NULL, NULL),
              KEEL_ENOENT);
    text = json_of(&a, "status");
    CHECK(text && strstr(text, "\"fallback\":null"));
    free(text);
    /* again: nothing to dismiss, said, and not an error */
    CHECK_INT(unit_act_run(&a, "slot-clear-fallback", 0, NULL, 0, &text,
                           &e), 0);
    CHECK_STR(text, "There is no failed update to dismiss.\n");
    free(text);
    /* the host refuses: the error, and the record stays */
    keel_fake_put(a.b, KEEL_SLOT_FALLBACK, note, strlen(note), 0644);
    keel_fake_fail(a.b, "remove", KEEL_SLOT_FALLBACK, KEEL_EIO);
    CHECK_INT(unit_act_run(&a, "slot-clear-fallback", 0, NULL, 0, &text,
                           &e), KEEL_EIO);
    free(text);
    CHECK(strstr(e.msg, KEEL_SLOT_FALLBACK) != NULL);
    CHECK_INT(keel_fake_get(a.b, KEEL_SLOT_FALLBACK, NULL, NULL, NULL), 0);
    app_off(&a);
}
