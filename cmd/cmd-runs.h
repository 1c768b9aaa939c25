/*
 * cmd-runs.h - private to cmd/: every action row's run(), for the table
 * in cmd-actions.c, and what the run files share.
 */
#ifndef KEEL_CMD_RUNS_H
#define KEEL_CMD_RUNS_H

#include "cmd.h"

#define CMD_RUN(name)                                                     \
    int name(struct app *a, int argc, char **argv, struct out *o,         \
             struct keel_err *e)

CMD_RUN(network_run);
CMD_RUN(hostname_run);
CMD_RUN(dhcp_run);
CMD_RUN(net_start_run);
CMD_RUN(static_run);
CMD_RUN(vlan_run);
CMD_RUN(nic_run);
CMD_RUN(dns_run);
CMD_RUN(ntp_run);
CMD_RUN(nettest_run);
CMD_RUN(vm_list_run);
CMD_RUN(vm_op_run);
CMD_RUN(vm_create_run);
CMD_RUN(vdi_image_run);
CMD_RUN(iso_list_run);
CMD_RUN(iso_fetch_run);
CMD_RUN(iso_delete_run);
CMD_RUN(vm_cd_run);
CMD_RUN(vm_autostart_run);
CMD_RUN(vm_log_run);
CMD_RUN(guests_start_run);
CMD_RUN(update_run);
CMD_RUN(mark_good_run);
CMD_RUN(log_run);
CMD_RUN(power_show_run);
CMD_RUN(power_run);
CMD_RUN(quick_arm_run);
CMD_RUN(guests_stop_run);
CMD_RUN(shell_run);
CMD_RUN(update_verify_run);
CMD_RUN(update_apply_run);
CMD_RUN(revert_run);
CMD_RUN(trial_failed_run);
CMD_RUN(pref_run);
CMD_RUN(prefs_show_run);
CMD_RUN(get_run);
CMD_RUN(set_run);
CMD_RUN(status_run);
CMD_RUN(hardware_run);
CMD_RUN(sr_run);
CMD_RUN(vdi_create_run);
CMD_RUN(vdi_delete_run);
CMD_RUN(auth_run);
CMD_RUN(console_only_run);
CMD_RUN(passwd_run);
CMD_RUN(fallback_clear_run);

/* Before a quick reboot: the VMs shut down (report as for
 * keel_host_guests_stop), then keel_quick_load; "quick_boot" says what
 * it did or why not (the reboot then goes through the firmware). */
void quick_reboot(struct app *a, int timeout_s, char *report, size_t size,
                  struct out *o);

/* "fallback": the record of a slot fallback as an object, or null. */
void fallback_out(struct app *a, struct out *o);

#endif
