/*
 * test-action.c - the action table (cmd/cmd-actions.c): the rows the
 * menus, the login gate, the confirmations and keelctl derive from, the
 * console's screens for them (console/screens.c), and the setters run
 * through them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "actrun.h"
#include "console.h"
#include "keel-backend-fake.h"
#include "unit.h"

UNIT_TEST(action_rows_complete)
{
    for (size_t i = 0; i < n_actions; i++) {
        const struct action *a = &actions[i];

        if (!a->name || !a->name[0] || !a->label || !a->label[0] ||
            !a->args || !a->run ||
            (a->menu && (!screen_of(a) || !screen_of(a)->activate)))
            unit_fail(__FILE__, __LINE__, "row %zu (%s) lacks a name, "
                      "label, args, run or activate", i,
                      a->name ? a->name : "?");
        /* a row that changes the host must be behind the login, except
         * the keyboard layout (the issue: no login for it) */
        if (a->modifies_host && !a->needs_login &&
            strcmp(a->name, "keymap") != 0)
            unit_fail(__FILE__, __LINE__, "%s changes the host without a "
                      "login", a->name);
        if (a->confirm && !a->needs_login)
            unit_fail(__FILE__, __LINE__, "%s confirms but needs no login",
                      a->name);
        if (a->min_args > a->max_args || a->max_args > 5)
            unit_fail(__FILE__, __LINE__, "%s: bad argument counts",
                      a->name);
        if (strlen(a->label) > 38)
            unit_fail(__FILE__, __LINE__, "%s: label too wide for the "
                      "pane", a->name);
        CHECK(action_find(a->name) == a); /* names are unique */
    }
}

UNIT_TEST(action_screens_name_menu_rows)
{
    /* a screen for a row the console never lists is a stale row */
    for (size_t i = 0; i < n_screens; i++) {
        const struct action *a = action_find(screens[i].name);

        if (!a || !a->menu)
            unit_fail(__FILE__, __LINE__, "screen '%s' names no action "
                      "with a menu", screens[i].name);
        else
            CHECK(screen_of(a) == &screens[i]); /* one screen a row */
    }
}

UNIT_TEST(action_menus_as_xcpng_names_them)
{
    static const char *const want[] = {
        "Status Display", "Network and Management Interface",
        "Authentication", "Virtual Machines", "Storage Repository",
        "Hardware", "Keyboard and Timezone", "Remote Services",
        "Update and Rollback", "Logs", "Reboot or Shutdown", "Local Shell",
    };
    size_t m = 0;

    for (size_t i = 0; i < n_actions; i++) {
        const char *menu = actions[i].menu;

        if (!menu || (i && actions[i - 1].menu &&
                      strcmp(actions[i - 1].menu, menu) == 0))
            continue;
        if (m >= sizeof(want) / sizeof(want[0]) ||
            strcmp(menu, want[m]) != 0)
            unit_fail(__FILE__, __LINE__, "menu %zu is '%s'", m, menu);
        /* every menu opens with a row that paints its pane */
        if ((!screen_of(&actions[i]) || !screen_of(&actions[i])->paint) &&
            strcmp(menu, "Local Shell") != 0)
            unit_fail(__FILE__, __LINE__, "menu '%s' has no painter",
                      menu);
        m++;
    }
    CHECK_INT(m, sizeof(want) / sizeof(want[0]));
}

UNIT_TEST(action_destructive_rows_confirm)
{
    static const char *const destructive[] = {
        "vm-shutdown", "vm-reboot", "vm-force-off", "vm-delete",
        "vdi-delete", "reboot", "poweroff", "net-dhcp", "net-nic",
    };

    for (size_t i = 0; i < sizeof(destructive) / sizeof(destructive[0]);
         i++) {
        const struct action *a = action_find(destructive[i]);

        CHECK(a != NULL);
        if (a && !a->confirm)
            unit_fail(__FILE__, __LINE__, "%s does not confirm",
                      destructive[i]);
    }
    CHECK(action_find("status")->needs_login == 0);
    CHECK(action_find("hostname")->needs_login == 1);
    /* a local admin must not be locked out of typing the password, nor
     * the host made to send packets, without a login */
    CHECK(action_find("keymap")->needs_login == 1);
    CHECK(action_find("net-test")->needs_login == 1);
    CHECK(action_find("nope") == NULL);
}

/* keelctl set root.hash changes what login and sshd read (shadow), and
 * a hash that is not yescrypt or SHA-512 crypt changes nothing. */
UNIT_TEST(action_set_root_hash_writes_shadow)
{
    char name[] = "root.hash", bad[] = "plain-text";
    char good[] = "$6$saltsalt$qFmFH.bQmmtXzyBY0s9v7Oicd2z4XSIecDzlB5KiA2/"
                  "jctKu9YterLp8wwnSq.qc.eoxqOmSuNp2xS0ktL3nh/";
    char *a_bad[] = { name, bad }, *a_good[] = { name, good };
    struct keel_err e = { "" };
    struct app a;
    char *text = NULL;
    const char *shadow = NULL;

    memset(&a, 0, sizeof(a));
    a.b = keel_fake_new();
    keel_settings_init(&a.s, &e);
    CHECK_INT(unit_act_run(&a, "set", 2, a_bad, 0, &text, &e), KEEL_EINVAL);
    free(text);
    CHECK(strstr(keel_fake_log(a.b), "write") == NULL);
    CHECK_INT(unit_act_run(&a, "set", 2, a_good, 0, &text, &e), 0);
    free(text);
    CHECK_INT(keel_fake_get(a.b, "/etc/keel/shadow", &shadow, NULL, NULL), 0);
    CHECK(shadow && strstr(shadow, good) && !strncmp(shadow, "root:", 5));
    CHECK_STR(keel_settings_value(&a.s, KEEL_S_ROOT_HASH), good);
    keel_settings_fini(&a.s);
    keel_backend_free(a.b);
}

/* keelctl guests-stop (rcK's K10guests, for `reboot` from a shell):
 * every VM asked to shut down, none forced when they go, no reboot. */
UNIT_TEST(action_guests_stop)
{
    static const char scenario[] = "xen 4.17.5 4 2400 16384 12288\n"
                                   "vm web running 1024 2 3700\n"
                                   "vm db running 2048 1 60\n";
    struct keel_err e = { "" };
    struct app a;
    char *text = NULL;
    const char *log;

    memset(&a, 0, sizeof(a));
    a.b = keel_fake_new();
    keel_settings_init(&a.s, &e);
    CHECK_INT(keel_fake_xen_load(a.b, scenario, strlen(scenario), "t", &e),
              0);
    CHECK_INT(unit_act_run(&a, "guests-stop", 0, NULL, 0, &text, &e), 0);
    log = keel_fake_log(a.b);
    CHECK(strstr(log, "run xl shutdown web\n") != NULL);
    CHECK(strstr(log, "run xl shutdown db\n") != NULL);
    CHECK(strstr(log, "xl destroy") == NULL);
    CHECK(strstr(log, "run reboot") == NULL);
    CHECK(text && strstr(text, "web: shut down cleanly"));
    free(text);
    keel_settings_fini(&a.s);
    keel_backend_free(a.b);
}

/* net-test HOST: never an option for ping. */
UNIT_TEST(action_net_test_refuses_options)
{
    char opt[] = "-f", *argv[] = { opt };
    struct keel_err e = { "" };
    struct app a;
    char *text = NULL;

    memset(&a, 0, sizeof(a));
    a.b = keel_fake_new();
    keel_settings_init(&a.s, &e);
    CHECK_INT(unit_act_run(&a, "net-test", 1, argv, 0, &text, &e),
              KEEL_EINVAL);
    free(text);
    CHECK(strstr(e.msg, "not a host name") != NULL);
    CHECK(strstr(keel_fake_log(a.b), "ping") == NULL);
    keel_settings_fini(&a.s);
    keel_backend_free(a.b);
}

UNIT_TEST(action_setters_apply_services_live)
{
    char off[] = "off", ntp[] = "ntp", srv[] = "10.0.2.2", ten[] = "10";
    char *a_off[] = { off }, *a_ntp[] = { ntp, srv }, *a_ten[] = { ten };
    struct keel_err e = { "" };
    struct app a;
    char *text = NULL;

    memset(&a, 0, sizeof(a));
    a.b = keel_fake_new();
    keel_settings_init(&a.s, &e);
    /* the console's row: live, so nothing to say afterwards */
    CHECK_INT(unit_act_run(&a, "ssh", 1, a_off, 0, &text, &e), 0);
    CHECK_STR(text, "");
    free(text);
    CHECK_STR(keel_settings_value(&a.s, KEEL_S_SSH), "off");
    CHECK(strstr(keel_fake_log(a.b), "write /etc/keel/host.conf\n"
                 "run /etc/init.d/S80ssh restart\n") != NULL);
    /* keelctl set: the service refuses, the old value stays */
    keel_fake_script(a.b, "/etc/init.d/S70time restart", 1,
                     "keel: [3.0] FAILED: ntp: openntpd did not start\n",
                     NULL);
    CHECK_INT(unit_act_run(&a, "set", 2, a_ntp, 0, &text, &e), KEEL_ECMD);
    free(text);
    CHECK(strncmp(e.msg, "ntp: ", 5) == 0);
    CHECK_STR(keel_settings_value(&a.s, KEEL_S_NTP), "pool.ntp.org");
    /* the console's idle time: its running logout timer follows */
    a.auth.idle_s = 300;
    CHECK_INT(unit_act_run(&a, "idle-minutes", 1, a_ten, 0, &text, &e), 0);
    free(text);
    CHECK(a.auth.idle_s == 600.0);
    keel_settings_fini(&a.s);
    keel_backend_free(a.b);
}
