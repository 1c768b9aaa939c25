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
#include "iso.h"
#include "sr.h"
#include "status.h"
#include "system.h"
#include "ui.h"
#include "update.h"
#include "vm.h"

/* action name, pane painter, activate, what the pane needs gathered */
const struct screen screens[] = {
    { "status", status_paint, status_activate, 0 },
    { "network", network_paint, ui_activate_plain, 0 },
    { "hostname", NULL, hostname_activate, 0 },
    { "net-dhcp", NULL, ui_activate_plain, 0 },
    { "net-static", NULL, static_activate, 0 },
    { "net-vlan", NULL, vlan_activate, 0 },
    { "net-nic", NULL, nic_activate, 0 },
    { "dns", NULL, dns_activate, 0 },
    { "ntp", NULL, ntp_activate, 0 },
    { "net-test", NULL, nettest_activate, 0 },
    { "auth", auth_paint, ui_activate_plain, 0 },
    { "login", NULL, login_activate, 0 },
    { "logout", NULL, logout_activate, 0 },
    { "passwd", NULL, passwd_activate, 0 },
    { "idle-minutes", NULL, pref_activate, 0 },
    { "vm-list", vm_paint, ui_activate_plain, APP_VMS },
    { "vm-start", NULL, vm_activate, 0 },
    { "vm-shutdown", NULL, vm_activate, 0 },
    { "vm-reboot", NULL, vm_activate, 0 },
    { "vm-force-off", NULL, vm_activate, 0 },
    { "vm-pause", NULL, vm_activate, 0 },
    { "vm-resume", NULL, vm_activate, 0 },
    { "vm-console", NULL, vm_activate, 0 },
    { "vm-create", NULL, vm_create_activate, 0 },
    { "vm-delete", NULL, vm_activate, 0 },
    { "vm-autostart", NULL, vm_autostart_activate, 0 },
    { "vm-log", NULL, vm_log_activate, 0 },
    { "vm-cd", NULL, vm_cd_activate, 0 },
    { "sr", sr_paint, ui_activate_plain, 0 },
    { "vdi-create", NULL, vdi_create_activate, 0 },
    { "vdi-delete", NULL, vdi_delete_activate, 0 },
    { "vdi-import", NULL, vdi_image_activate, 0 },
    { "vdi-export", NULL, vdi_image_activate, 0 },
    { "iso-list", iso_paint, ui_activate_plain, APP_ISOS },
    { "iso-fetch", NULL, iso_fetch_activate, 0 },
    { "iso-delete", NULL, iso_delete_activate, 0 },
    { "hardware", hardware_paint, ui_activate_plain, 0 },
    { "keyboard", keyboard_paint, ui_activate_plain, 0 },
    { "keymap", NULL, pref_activate, 0 },
    { "timezone", NULL, pref_activate, 0 },
    { "remote", remote_paint, ui_activate_plain, 0 },
    { "ssh", NULL, pref_activate, 0 },
    { "syslog-remote", NULL, pref_activate, 0 },
    { "slots", update_paint, ui_activate_plain, 0 },
    { "slot-mark-good", NULL, ui_activate_plain, 0 },
    { "update-apply", NULL, update_apply_activate, 0 },
    { "slot-revert", NULL, revert_activate, 0 },
    { "slot-clear-fallback", NULL, ui_activate_plain, 0 },
    { "logs", logs_paint, ui_activate_plain, APP_LOG },
    { "log-syslog", NULL, log_activate, 0 },
    { "log-xen", NULL, log_activate, 0 },
    { "power", power_paint, ui_activate_plain, 0 },
    { "reboot", NULL, ui_activate_plain, 0 },
    { "poweroff", NULL, ui_activate_plain, 0 },
    { "shell", NULL, shell_activate, 0 },
};

const size_t n_screens = sizeof(screens) / sizeof(screens[0]);

const struct screen *screen_of(const struct action *act)
{
    for (size_t i = 0; act && i < n_screens; i++)
        if (strcmp(screens[i].name, act->name) == 0)
            return &screens[i];
    return NULL;
}
