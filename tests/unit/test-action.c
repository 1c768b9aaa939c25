/*
 * test-action.c - the console's action table (console/actions.c): the
 * rows the menus, the login gate, the confirmations and keelctl derive
 * from.
 */
#include <string.h>

#include "../../console/console.h"
#include "unit.h"

UNIT_TEST(action_rows_complete)
{
    for (size_t i = 0; i < n_actions; i++) {
        const struct action *a = &actions[i];

        if (!a->name || !a->name[0] || !a->label || !a->label[0] ||
            !a->args || !a->run || (a->menu && !a->activate))
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
        if (!actions[i].paint && strcmp(menu, "Local Shell") != 0)
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
    CHECK(action_find("nope") == NULL);
}
