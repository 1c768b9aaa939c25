/*
 * screens.c - the console's side of the action rows (console.h): one
 * row per action that has a menu, in any order; the menus themselves
 * come from cmd-actions.c.
 */
#include <string.h>

#include "auth.h"
#include "console.h"
#include "fallback.h"
#include "hardware.h"
#include "network.h"
#include "prefs.h"
#include "sr.h"
#include "status.h"
#include "system.h"
#include "ui.h"
#include "update.h"
#include "vm.h"

/* action name, pane painter, activate */
const struct screen screens[] = {
    { "status", status_paint, status_activate },
    { "network", network_paint, ui_activate_plain },
    { "hostname", NULL, hostname_activate },
    { "net-dhcp", NULL, ui_activate_plain },
    { "net-static", NULL, static_activate },
    { "net-vlan", NULL, vlan_activate },
    { "net-nic", NULL, nic_activate },
    { "dns", NULL, dns_activate },
    { "ntp", NULL, ntp_activate },
    { "net-test", NULL, nettest_activate },
    { "auth", auth_paint, ui_activate_plain },
    { "login", NULL, login_activate },
    { "logout", NULL, logout_activate },
    { "passwd", NULL, passwd_activate },
    { "idle-minutes", NULL, pref_activate },
    { "vm-list", vm_paint, ui_activate_plain },
    { "vm-start", NULL, vm_activate },
    { "vm-shutdown", NULL, vm_activate },
    { "vm-reboot", NULL, vm_activate },
    { "vm-force-off", NULL, vm_activate },
    { "vm-pause", NULL, vm_activate },
    { "vm-resume", NULL, vm_activate },
    { "vm-console", NULL, vm_activate },
    { "vm-create", NULL, vm_create_activate },
    { "vm-delete", NULL, vm_activate },
    { "sr", sr_paint, ui_activate_plain },
    { "vdi-create", NULL, vdi_create_activate },
    { "vdi-delete", NULL, vdi_delete_activate },
    { "hardware", hardware_paint, ui_activate_plain },
    { "keyboard", keyboard_paint, ui_activate_plain },
    { "keymap", NULL, pref_activate },
    { "timezone", NULL, pref_activate },
    { "remote", remote_paint, ui_activate_plain },
    { "ssh", NULL, pref_activate },
    { "syslog-remote", NULL, pref_activate },
    { "slots", update_paint, ui_activate_plain },
    { "slot-mark-good", NULL, ui_activate_plain },
    { "update-apply", NULL, update_apply_activate },
    { "slot-revert", NULL, revert_activate },
    { "slot-clear-fallback", NULL, ui_activate_plain },
    { "logs", logs_paint, ui_activate_plain },
    { "log-syslog", NULL, log_activate },
    { "log-xen", NULL, log_activate },
    { "power", power_paint, ui_activate_plain },
    { "reboot", NULL, ui_activate_plain },
    { "poweroff", NULL, ui_activate_plain },
    { "shell", NULL, shell_activate },
};

const size_t n_screens = sizeof(screens) / sizeof(screens[0]);

const struct screen *screen_of(const struct action *act)
{
    for (size_t i = 0; act && i < n_screens; i++)
        if (strcmp(screens[i].name, act->name) == 0)
            return &screens[i];
    return NULL;
}
