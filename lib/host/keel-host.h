/*
 * keel-host.h - the host as the console's status screen and `keelctl
 * status` show it, and the live application of its settings.
 *
 * Reading the status spawns no process: Xen through the backend's
 * libxl operations, the rest from /proc and a few files.  The storage
 * repository needs `lvm` and is read only when asked (KEEL_HOST_SR), so
 * a screen can refresh every second and ask lvm once a minute.
 */
#ifndef KEEL_HOST_H
#define KEEL_HOST_H

#include <stdint.h>

#include "keel-backend.h"
#include "keel-disk.h"
#include "keel-settings.h"
#include "keel-slot.h"
#include "keel-xen.h"

#define KEEL_VERSION_FILE "/usr/share/keel/version"
/* "A 0.1.0" / "B 0.0.9" lines, written by whoever writes a slot. */
#define KEEL_SIGNING_FILE "/usr/share/keel/signing"
#define KEEL_SLOT_VERSIONS "/var/lib/keel/slot-versions"
#define KEEL_VM_DIR "/var/lib/keel/vms"
#define KEEL_BRIDGE "xenbr0"

#define KEEL_HOST_SR 0x1u /* also ask lvm about the storage repository */

struct keel_host_status {
    char hostname[65];       /* the kernel's, else the setting */
    char version[32];        /* this dom0 (Keel) version, "" unknown */
    char signing[16];        /* "release", "development" (its updates
                                are signed with the public development
                                key), "" unknown */
    char slot;               /* 'A', 'B', or '?' */
    char other_version[32];  /* the other slot's, "" unknown/empty */
    struct keel_slot_fallback fallback; /* .failed 0: none to show */
    struct keel_slot_view slots[2];      /* [0] A, [1] B */
    int xen_ok;              /* xi is valid */
    struct keel_xen_info xi;
    char xen_err[KEEL_ERR_MSG_MAX];
    char mgmt_if[24];        /* "xenbr0" or "xenbr0.VLAN" */
    char mode[8];            /* "dhcp" or "static": how it is set up */
    struct keel_net_live net;
    char dns[128];           /* nameservers in use, space-separated */
    unsigned vms_running, vms_total;
    int sr_ok;               /* set by a KEEL_HOST_SR read */
    uint64_t sr_size, sr_free;
    unsigned sr_vdis;
    char sr_err[KEEL_ERR_MSG_MAX];
    long uptime_s;
};

/*
 * Fill st from b and the settings s.  Parts that cannot be read are
 * left empty with their *_err said; the call itself fails only for
 * KEEL_ENOMEM.  Without KEEL_HOST_SR the sr_* fields are untouched.
 */
int keel_host_status_read(struct keel_host_status *st,
                          struct keel_backend *b,
                          const struct keel_settings *s, unsigned what,
                          struct keel_err *e);

/*
 * The hardware as the Hardware and Network panes and `keelctl hardware`
 * / `keelctl network` show it, read at once so that a screen paints it
 * without reading anything.  What cannot be read is left empty (the
 * CPU model "unknown", no disks or NICs).
 */
struct keel_host_hw {
    char cpu_model[128];     /* /proc/cpuinfo's first "model name" */
    struct keel_disks disks;
    struct keel_nics nics;
};

/* Fill the parts of hw that what names (hw zeroed or from an earlier
 * read: what it held is freed first); caller frees with
 * keel_host_hw_fini.  NICs change (links), the machine hardly. */
#define KEEL_HW_NICS 0x1u    /* nics */
#define KEEL_HW_MACHINE 0x2u /* cpu_model, disks */
void keel_host_hw_read(struct keel_host_hw *hw, struct keel_backend *b,
                       unsigned what);
void keel_host_hw_fini(struct keel_host_hw *hw);

/* 'A' or 'B' from a kernel command line (keel.root=PARTLABEL=keel-a),
 * else '?'. */
char keel_host_slot_from_cmdline(const char *cmdline);

/* "3d 04:05" or "04:05:06" into buf. */
void keel_host_format_uptime(long s, char *buf, size_t size);

/* The interface carrying the management address for s. */
void keel_net_mgmt_if(const struct keel_settings *s, char *buf,
                      size_t size);

/*
 * Bring up the hostname and the management network as s says, on a
 * host that has none yet (the boot's S60network, through `keelctl
 * net-start`): lo, the bridge xenbr0 with the management NIC as its
 * port (the first NIC when the one s names is absent: said says so),
 * the VLAN interface, then the address by DHCP or static, the gateway
 * and DNS, by the same steps keel_host_apply() takes for a change.
 * said gets a line of what is up ("eth0 in xenbr0, dhcp 10.0.2.15/24
 * on xenbr0"; "pending" while DHCP still waits in the background).
 * KEEL_ENOENT if there is no NIC at all; a failing command's code
 * with e naming it.
 */
int keel_host_net_start(struct keel_backend *b, const struct keel_settings *s,
                        char *said, size_t size, struct keel_err *e);

/*
 * The dom0 start script that applies setting id on a running host
 * ("/etc/init.d/S70time" for timezone and ntp), or NULL for a setting
 * keel_host_apply() applies itself (hostname, mgmt.*, dns) or one that
 * is read where it is used (root.hash, console.idle-minutes).  Static
 * storage.
 */
const char *keel_host_service_script(enum keel_setting_id id);

/*
 * Make new_s the host's settings, live: check it (keel_settings_check);
 * apply what changed from old in the hostname and the management
 * network through b (bridge port, VLAN, DHCP or static address,
 * gateway, DNS); save new_s to path (NULL: KEEL_HOST_CONF); then, since
 * the start scripts read that file, run "SCRIPT restart" for each
 * changed setting that has a keel_host_service_script(), each script
 * once and in the order the boot runs them, each with 60 s to finish
 * (a script still running then is stopped and has failed).
 *
 * If any step fails, nothing stays half-applied: old is saved back (if
 * new_s was saved), the network is put back, the scripts that ran run
 * again so that old's values are live, and e names the step or the
 * setting, says why (a script's "FAILED: ..." line when it printed
 * one) and that the previous configuration stays.  If even saving old
 * back fails, nothing is put back and e says so: new_s stays saved.
 * Returns 0, KEEL_EINVAL (new_s refused; nothing was touched), or the
 * failing step's code (KEEL_ECMD for a script that exited non-zero or
 * was stopped at its limit).
 */
int keel_host_apply(struct keel_backend *b, const struct keel_settings *old,
                    const struct keel_settings *new_s, const char *path,
                    struct keel_err *e);

/*
 * The change from cur to want made live on top of the settings file as
 * it is now (another console or keelctl may have saved since cur was
 * read): keel_settings_update() with keel_host_apply() as its commit,
 * from the file's settings to them with want's changes.  On success
 * cur is what the file now holds.  Errors as the two say.
 */
int keel_host_change(struct keel_backend *b, struct keel_settings *cur,
                     const struct keel_settings *want, const char *path,
                     struct keel_err *e);

/*
 * Reboot (reboot 1) or power off the host: ask every running VM to
 * shut down, wait up to timeout_s for them, force off the rest, then
 * run `reboot` or `poweroff`.  report (size bytes) says which VMs shut
 * down cleanly and which were forced.  Errors from the VMs do not stop
 * the power action; its own failure does.
 */
int keel_host_power(struct keel_backend *b, int reboot, int timeout_s,
                    char *report, size_t size, struct keel_err *e);

/* The first half of keel_host_power: the running VMs shut down in the
 * reverse of their start order, as ESXi does: first those that do not
 * start with the host (all at once), then the autostart ones from the
 * last started to the first, one at a time, each waited for; whatever
 * is still running timeout_s after it was asked is forced off.  One
 * report line per VM, in that order.  For the shutdown scripts
 * (K10guests), whatever started the shutdown. */
void keel_host_guests_stop(struct keel_backend *b, int timeout_s,
                           char *report, size_t size);

/*
 * While a screen of ours owns the consoles (quiet 1) the kernel prints
 * no messages on them (`dmesg -n 1`; they stay in the log); quiet 0
 * lets go, and the kernel's level from before comes back once no other
 * live keel-console or installer holds the quiet.  A second call with
 * the same quiet does nothing.  Errors of the lock, a write or dmesg.
 */
int keel_host_console_quiet(struct keel_backend *b, int quiet,
                            struct keel_err *e);

#endif
