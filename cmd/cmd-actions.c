/*
 * cmd-actions.c - the action table: every thing the console and keelctl
 * can do, one row each.  The console's menus (in the order of their
 * first row), the login gate, the confirmations and keelctl's
 * subcommands and --help all derive from these rows; the console's
 * screens (console/screens.c) add how a row is painted and asked for.
 */
#include <string.h>

#include "cmd-runs.h"

#define M_STATUS "Status Display"
#define M_NET "Network and Management Interface"
#define M_AUTH "Authentication"
#define M_VM "Virtual Machines"
#define M_SR "Storage Repository"
#define M_HW "Hardware"
#define M_KBD "Keyboard and Timezone"
#define M_REMOTE "Remote Services"
#define M_UPDATE "Update and Rollback"
#define M_LOGS "Logs"
#define M_POWER "Reboot or Shutdown"
#define M_SHELL "Local Shell"

/* name, menu, label, login, modifies, confirm, args, run, min args,
 * max args */
const struct action actions[] = {
    { "status", M_STATUS, "Refresh the status", 0, 0, 0, "",
      status_run, 0, 0 },

    { "network", M_NET, "Show the network", 0, 0, 0, "", network_run, 0, 0 },
    { "hostname", M_NET, "Set the hostname", 1, 1, 0, "NAME",
      hostname_run, 1, 1 },
    { "net-dhcp", M_NET, "Use DHCP", 1, 1, 1, "", dhcp_run, 0, 0 },
    { "net-static", M_NET, "Set a static IP", 1, 1, 0,
      "ADDRESS PREFIX GATEWAY", static_run, 3, 3 },
    { "net-vlan", M_NET, "Set the management VLAN", 1, 1, 0, "VLAN|none",
      vlan_run, 1, 1 },
    { "net-nic", M_NET, "Choose the management NIC", 1, 1, 1, "NIC",
      nic_run, 1, 1 },
    { "dns", M_NET, "Set DNS servers", 1, 1, 0, "[\"SERVER ...\"]",
      dns_run, 0, 1 },
    { "ntp", M_NET, "Set NTP servers", 1, 1, 0, "[\"SERVER ...\"]",
      ntp_run, 0, 1 },
    { "net-test", M_NET, "Test the network (ping)", 1, 0, 0, "[HOST]",
      nettest_run, 0, 1 },
    { "net-start", NULL, "Bring the network up as set (at boot)", 1, 1, 0,
      "", net_start_run, 0, 0 },

    { "auth", M_AUTH, "Show the login state", 0, 0, 0, "", auth_run, 0, 0 },
    { "login", M_AUTH, "Log in", 0, 0, 0, "", console_only_run, 0, 0 },
    { "logout", M_AUTH, "Log out", 0, 0, 0, "", console_only_run, 0, 0 },
    { "passwd", M_AUTH, "Change the root password", 1, 1, 0,
      "(password on stdin)", passwd_run, 0, 0 },
    { "idle-minutes", M_AUTH, "Set the auto-logout time", 1, 1, 0,
      "[MINUTES]", pref_run, 0, 1 },

    { "vm-list", M_VM, "List VMs", 0, 0, 0, "", vm_list_run, 0, 0 },
    { "vm-start", M_VM, "Start a VM", 1, 1, 0, "VM", vm_op_run, 1, 1 },
    { "vm-shutdown", M_VM, "Shut down a VM", 1, 1, 1, "VM", vm_op_run, 1, 1 },
    { "vm-reboot", M_VM, "Reboot a VM", 1, 1, 1, "VM", vm_op_run, 1, 1 },
    { "vm-force-off", M_VM, "Force off a VM", 1, 1, 1, "VM",
      vm_op_run, 1, 1 },
    { "vm-pause", M_VM, "Pause a VM", 1, 1, 0, "VM", vm_op_run, 1, 1 },
    { "vm-resume", M_VM, "Resume a VM", 1, 1, 0, "VM", vm_op_run, 1, 1 },
    { "vm-console", M_VM, "Text console of a VM", 1, 0, 0, "VM",
      vm_op_run, 1, 1 },
    { "vm-create", M_VM, "Create a VM from a template", 1, 1, 0,
      "NAME TEMPLATE MEMORY_MIB VCPUS DISK_SIZE", vm_create_run, 5, 5 },
    { "vm-delete", M_VM, "Delete a VM and its disks", 1, 1, 1, "VM",
      vm_op_run, 1, 1 },
    { "vm-autostart", M_VM, "Start a VM with the host", 1, 1, 0,
      "VM on|off [ORDER [DELAY_S]]", vm_autostart_run, 2, 4 },
    { "vm-log", M_VM, "Console log of a VM", 1, 0, 0, "VM", vm_log_run,
      1, 1 },
    { "vm-cd", M_VM, "Insert or eject a VM's CD", 1, 1, 0, "VM ISO|none",
      vm_cd_run, 2, 2 },
    { "guests-start", NULL, "Start the autostart VMs, in order", 1,
      1, 0, "", guests_start_run, 0, 0 },

    { "sr", M_SR, "Show the storage repository", 0, 0, 0, "", sr_run, 0, 0 },
    { "vdi-create", M_SR, "Create a virtual disk", 1, 1, 0,
      "NAME SIZE [OWNER_VM]", vdi_create_run, 2, 3 },
    { "vdi-delete", M_SR, "Delete a virtual disk", 1, 1, 1, "NAME",
      vdi_delete_run, 1, 1 },
    { "vdi-import", M_SR, "Import a disk image", 1, 1, 0, "FILE|URL NAME",
      vdi_image_run, 2, 2 },
    { "vdi-export", M_SR, "Export a disk as qcow2", 1, 1, 0, "NAME FILE",
      vdi_image_run, 2, 2 },
    { "iso-list", M_SR, "List the ISO library", 0, 0, 0, "", iso_list_run,
      0, 0 },
    { "iso-fetch", M_SR, "Download an ISO into the library", 1, 1, 0,
      "URL [NAME.iso]", iso_fetch_run, 1, 2 },
    { "iso-delete", M_SR, "Delete an ISO from the library", 1, 1, 1,
      "NAME.iso", iso_delete_run, 1, 1 },

    { "hardware", M_HW, "Show the hardware", 0, 0, 0, "",
      hardware_run, 0, 0 },

    { "keyboard", M_KBD, "Show keyboard and time zone", 0, 0, 0, "",
      prefs_show_run, 0, 0 },
    { "keymap", M_KBD, "Set the keyboard layout", 1, 1, 0, "[KEYMAP]",
      pref_run, 0, 1 },
    { "timezone", M_KBD, "Set the time zone", 1, 1, 0, "[ZONE]",
      pref_run, 0, 1 },

    { "remote", M_REMOTE, "Show remote services", 0, 0, 0, "",
      prefs_show_run, 0, 0 },
    { "ssh", M_REMOTE, "Turn SSH on or off", 1, 1, 0, "[on|off]",
      pref_run, 0, 1 },
    { "syslog-remote", M_REMOTE, "Set the remote syslog target", 1, 1, 0,
      "[HOST[:PORT]]", pref_run, 0, 1 },

    { "slots", M_UPDATE, "Show both slots", 0, 0, 0, "", update_run, 0, 0 },
    { "slot-mark-good", M_UPDATE, "Mark this slot good", 1, 1, 0, "",
      mark_good_run, 0, 0 },
    { "update-apply", M_UPDATE, "Apply an update (file or URL)", 1, 1, 0,
      "SOURCE [--allow-downgrade] [--reboot]", update_apply_run, 1, 3 },
    { "slot-revert", M_UPDATE, "Revert to the other slot", 1, 1, 0, "",
      revert_run, 0, 0 },
    { "slot-clear-fallback", M_UPDATE, "Dismiss the failed-update notice", 1,
      1, 0, "", fallback_clear_run, 0, 0 },
    { "slot-trial-failed", NULL, "Fall back if this is a trial boot", 1, 1, 0,
      "REASON", trial_failed_run, 1, 1 },
    { "update-verify", NULL, "Check an update bundle", 0, 0, 0, "FILE",
      update_verify_run, 1, 1 },

    { "logs", M_LOGS, "Show the end of the system log", 0, 0, 0, "",
      log_run, 0, 0 },
    { "log-syslog", M_LOGS, "View the system log", 0, 0, 0, "",
      log_run, 0, 0 },
    { "log-xen", M_LOGS, "View Xen's messages (dmesg)", 0, 0, 0, "",
      log_run, 0, 0 },

    { "power", M_POWER, "Show what a shutdown does", 0, 0, 0, "",
      power_show_run, 0, 0 },
    { "reboot", M_POWER, "Reboot the host", 1, 1, 1, "[--quick]", power_run,
      0, 1 },
    { "poweroff", M_POWER, "Shut down the host", 1, 1, 1, "",
      power_run, 0, 0 },
    { "slot-quick-arm", NULL, "Mark the quick boot's slot tried (rcK)", 1, 1,
      0, "", quick_arm_run, 0, 0 },
    { "guests-stop", NULL, "Shut the VMs down (forced after 60 s)", 1, 1, 0,
      "", guests_stop_run, 0, 0 },

    { "shell", M_SHELL, "Open a local shell", 1, 1, 0, "", shell_run, 0, 0 },

    /* keelctl only: the settings table itself */
    { "get", NULL, "Print a setting (all without NAME)", 0, 0, 0, "[NAME]",
      get_run, 0, 1 },
    { "set", NULL, "Change a setting and apply it", 1, 1, 0, "NAME VALUE",
      set_run, 2, 2 },
};

const size_t n_actions = sizeof(actions) / sizeof(actions[0]);

const struct action *action_find(const char *name)
{
    for (size_t i = 0; i < n_actions; i++)
        if (strcmp(actions[i].name, name) == 0)
            return &actions[i];
    return NULL;
}
