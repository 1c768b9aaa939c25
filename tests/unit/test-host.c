/*
 * test-host.c - the host status and applying network settings
 * (keel-host.h) against the fake backend.
 */
#include <string.h>

#include "keel-backend-fake.h"
#include "keel-host.h"
#include "unit.h"

static const char scenario[] =
    "# a small host\n"
    "disk sda size=1000  # the installer's record: skipped here\n"
    "xen 4.17.5 4 2400 16384 12288 hvm\n"
    "vm web running 1024 2 3700\n"
    "vm db paused 2048 1 60\n"
    "vm old halted 512 1 0\n"
    "net xenbr0 up 192.168.1.10/24 192.168.1.1\n"
    "net eth0 up\n"
    "net eth1 down\n"
    "vg keel-sr 100G 90G\n"
    "file /proc/cmdline keel.root=PARTLABEL=keel-b console=hvc0\\n\n"
    "file /usr/share/keel/version 0.2.0\\n\n"
    "file /var/lib/keel/slot-versions A 0.1.0\\nB 0.2.0\\n\n"
    "file /proc/uptime 93784.12 1000.0\\n\n"
    "file /proc/sys/kernel/hostname keel-test\\n\n"
    "file /etc/resolv.conf nameserver 192.168.1.1\\nnameserver 9.9.9.9\\n\n"
    "file /etc/libvirt/libxl/old.xml <domain type='xen'><name>old</name>"
    "<memory unit='MiB'>512</memory></domain>\\n\n";

static struct keel_backend *fake_host(void)
{
    struct keel_backend *b = keel_fake_new();
    struct keel_err e;

    if (keel_fake_xen_load(b, scenario, strlen(scenario), "t", &e))
        unit_fail(__FILE__, __LINE__, "scenario: %s", e.msg);
    return b;
}

UNIT_TEST(host_slot_from_cmdline)
{
    CHECK_INT(keel_host_slot_from_cmdline("keel.root=PARTLABEL=keel-a"),
              'A');
    CHECK_INT(keel_host_slot_from_cmdline("ro keel.root=PARTLABEL=keel-b "
                                          "quiet"), 'B');
    CHECK_INT(keel_host_slot_from_cmdline("xkeel.root=PARTLABEL=keel-a"),
              '?');
    CHECK_INT(keel_host_slot_from_cmdline("keel.root=PARTLABEL=keel-ab"),
              '?');
    CHECK_INT(keel_host_slot_from_cmdline(""), '?');
}

UNIT_TEST(host_status_from_fake)
{
    struct keel_backend *b = fake_host();
    struct keel_settings s;
    struct keel_host_status st;
    struct keel_err e;
    char up[32];

    keel_settings_init(&s, &e);
    memset(&st, 0, sizeof(st));
    keel_fake_log_clear(b);
    CHECK_INT(keel_host_status_read(&st, b, &s, 0, &e), 0);
    CHECK(strstr(keel_fake_log(b), "run ") == NULL); /* no process */
    CHECK_STR(st.hostname, "keel-test");
    CHECK_STR(st.version, "0.2.0");
    CHECK_INT(st.slot, 'B');
    CHECK_STR(st.other_version, "0.1.0");
    CHECK_INT(st.xen_ok, 1);
    CHECK_STR(st.xi.version, "4.17.5");
    CHECK_INT(st.xi.nr_cpus, 4);
    CHECK(st.xi.free_kib == 12288ull * 1024);
    CHECK_STR(st.mgmt_if, "xenbr0");
    CHECK_STR(st.net.addr, "192.168.1.10");
    CHECK_INT(st.net.prefix, 24);
    CHECK_STR(st.net.gw, "192.168.1.1");
    CHECK_STR(st.dns, "192.168.1.1 9.9.9.9");
    CHECK_INT(st.vms_running, 2);
    CHECK_INT(st.vms_total, 3);
    CHECK_INT(st.sr_ok, 0);
    CHECK_INT(st.uptime_s, 93784);
    keel_host_format_uptime(st.uptime_s, up, sizeof(up));
    CHECK_STR(up, "1d 02:03");
    CHECK_INT(keel_host_status_read(&st, b, &s, KEEL_HOST_SR, &e), 0);
    CHECK_INT(st.sr_ok, 1);
    CHECK(st.sr_free == 90ull << 30);
    keel_settings_fini(&s);
    keel_backend_free(b);
}

UNIT_TEST(host_status_without_xen)
{
    struct keel_backend *b = keel_fake_new();
    struct keel_settings s;
    struct keel_host_status st;
    struct keel_err e;

    keel_settings_init(&s, &e);
    memset(&st, 0, sizeof(st));
    CHECK_INT(keel_host_status_read(&st, b, &s, KEEL_HOST_SR, &e), 0);
    CHECK_INT(st.xen_ok, 0);
    CHECK(st.xen_err[0] != '\0');
    CHECK_STR(st.hostname, "keel");
    CHECK_INT(st.slot, '?');
    keel_settings_fini(&s);
    keel_backend_free(b);
}

static void set(struct keel_settings *s, const char *n, const char *v)
{
    struct keel_err e;

    if (keel_settings_set(s, n, v, &e))
        unit_fail(__FILE__, __LINE__, "%s=%s: %s", n, v, e.msg);
}

UNIT_TEST(host_net_apply_static_and_hostname)
{
    struct keel_backend *b = fake_host();
    struct keel_settings old, s;
    struct keel_host_status st;
    struct keel_err e;

    keel_settings_init(&old, &e);
    keel_settings_init(&s, &e);
    set(&s, "hostname", "h2");
    set(&s, "mgmt.mode", "static");
    set(&s, "mgmt.address", "10.0.0.5");
    set(&s, "mgmt.prefix", "255.255.255.0");
    set(&s, "mgmt.gateway", "10.0.0.1");
    set(&s, "dns", "10.0.0.2");
    keel_fake_log_clear(b);
    CHECK_INT(keel_host_apply(b, &old, &s, NULL, &e), 0);
    CHECK_STR(keel_fake_log(b),
              "run hostname h2\n"
              "write /run/keel/hostname\n"
              "run ip link set eth0 master xenbr0\n"
              "run ip link set eth0 up\n"
              "run ip link set xenbr0 up\n"
              "read /run/udhcpc.pid\n"
              "run ip addr flush dev xenbr0\n"
              "write /run/keel/dns\n"
              "write /run/resolv.conf\n"
              "run ip addr add 10.0.0.5/24 dev xenbr0\n"
              "run ip route replace default via 10.0.0.1 dev xenbr0\n"
              "write /etc/keel/host.conf\n");
    memset(&st, 0, sizeof(st));
    keel_host_status_read(&st, b, &s, 0, &e);
    CHECK_STR(st.hostname, "h2");
    CHECK_STR(st.net.addr, "10.0.0.5");
    CHECK_STR(st.net.gw, "10.0.0.1");
    keel_settings_fini(&old);
    keel_settings_fini(&s);
    keel_backend_free(b);
}

UNIT_TEST(host_net_apply_failure_keeps_previous)
{
    struct keel_backend *b = fake_host();
    struct keel_settings old, s;
    struct keel_err e;
    const char *data;

    keel_settings_init(&old, &e);
    set(&old, "mgmt.mode", "static");
    set(&old, "mgmt.address", "192.168.1.10");
    set(&old, "mgmt.prefix", "24");
    set(&old, "mgmt.gateway", "192.168.1.1");
    keel_settings_init(&s, &e);
    keel_settings_copy(&s, &old, &e);
    /* invalid: refused before anything runs */
    set(&s, "mgmt.gateway", "10.9.9.9");
    keel_fake_log_clear(b);
    CHECK_INT(keel_host_apply(b, &old, &s, NULL, &e), KEEL_EINVAL);
    CHECK(strstr(e.msg, "mgmt.gateway") != NULL);
    CHECK_INT(keel_fake_log_count(b), 0);
    /* valid, but the route cannot be set: old address is put back */
    set(&s, "mgmt.address", "10.0.0.5");
    set(&s, "mgmt.gateway", "10.0.0.1");
    keel_fake_fail(b, "run", "ip route replace default via 10.0.0.1*",
                   KEEL_ECMD);
    CHECK_INT(keel_host_apply(b, &old, &s, NULL, &e), KEEL_ECMD);
    CHECK(strstr(e.msg, "previous configuration stays") != NULL);
    CHECK(strstr(keel_fake_log(b), "run ip addr add 192.168.1.10/24 dev "
                 "xenbr0\nrun ip route replace default via 192.168.1.1 dev "
                 "xenbr0\n") != NULL);
    CHECK(keel_fake_get(b, KEEL_HOST_CONF, &data, NULL, NULL) ==
          KEEL_ENOENT);
    keel_settings_fini(&old);
    keel_settings_fini(&s);
    keel_backend_free(b);
}

UNIT_TEST(host_net_apply_vlan_and_dhcp)
{
    struct keel_backend *b = fake_host();
    struct keel_settings old, s;
    struct keel_err e;

    keel_settings_init(&old, &e);
    keel_settings_init(&s, &e);
    set(&s, "mgmt.vlan", "42");
    keel_fake_put(b, "/run/udhcpc.pid", "321\n", 4, 0644);
    keel_fake_log_clear(b);
    CHECK_INT(keel_host_apply(b, &old, &s, NULL, &e), 0);
    CHECK(strstr(keel_fake_log(b), "run ip link add link xenbr0 name "
                 "xenbr0.42 type vlan id 42\nrun ip link set xenbr0.42 up\n"
                 "read /run/udhcpc.pid\nrun kill 321\n") != NULL);
    CHECK(strstr(keel_fake_log(b), "run udhcpc -i xenbr0.42 -b -t 4 -T 2 "
                 "-A 5 -x hostname:keel -S -p /run/udhcpc.pid -s "
                 "/usr/share/keel/udhcpc.script\n"));
    keel_settings_fini(&old);
    keel_settings_fini(&s);
    keel_backend_free(b);
}

/* A host at boot: a NIC, no bridge yet (keel_host_net_start). */
static struct keel_backend *booting_host(const char *nics)
{
    static const char xen[] = "net lo down\nnet eth0 down\nnet eth1 down\n";
    struct keel_backend *b = keel_fake_new();
    struct keel_err e;

    if (keel_fake_xen_load(b, xen, strlen(xen), "t", &e) ||
        keel_fake_disk_load(b, nics, strlen(nics), "t", &e))
        unit_fail(__FILE__, __LINE__, "scenario: %s", e.msg);
    keel_fake_log_clear(b);
    return b;
}

UNIT_TEST(host_net_start_bridge_dhcp_and_own_dns)
{
    struct keel_backend *b = booting_host("nic eth0 mac=52:54:00:12:34:56\n");
    struct keel_settings s;
    struct keel_err e;
    const char *data;
    size_t len;
    char said[160];

    keel_settings_init(&s, &e);
    set(&s, "dns", "10.0.2.3, 9.9.9.9");
    CHECK_INT(keel_host_net_start(b, &s, said, sizeof(said), &e), 0);
    CHECK_STR(said, "eth0 in xenbr0, dhcp pending on xenbr0");
    CHECK(strstr(keel_fake_log(b),
                 "run hostname keel\nwrite /run/keel/hostname\n"
                 "run ip link set lo up\n") != NULL);
    CHECK(strstr(keel_fake_log(b),
                 "run ip link add xenbr0 type bridge forward_delay 0 "
                 "stp_state 0\nrun ip link set xenbr0 address "
                 "52:54:00:12:34:56\nrun ip link set eth0 master xenbr0\n"
                 "run ip link set eth0 up\nrun ip link set xenbr0 up\n")
          != NULL);
    /* DNS under DHCP: the host's servers, before the client starts */
    CHECK(strstr(keel_fake_log(b),
                 "write /run/keel/dns\nwrite /run/resolv.conf\n"
                 "run udhcpc -i xenbr0 -b -t 4 -T 2 -A 5 -x hostname:keel "
                 "-S -p /run/udhcpc.pid -s /usr/share/keel/udhcpc.script\n")
          != NULL);
    data = NULL;
    keel_fake_get(b, "/run/keel/dns", &data, &len, NULL);
    CHECK_STR(data ? data : "(none)", "10.0.2.3 9.9.9.9");
    data = NULL;
    keel_fake_get(b, "/run/resolv.conf", &data, &len, NULL);
    CHECK_STR(data ? data : "(none)", "nameserver 10.0.2.3\n"
              "nameserver 9.9.9.9\n");
    keel_settings_fini(&s);
    keel_backend_free(b);
}

UNIT_TEST(host_net_start_static_vlan_on_first_nic)
{
    struct keel_backend *b = booting_host("nic eth1 mac=52:54:00:00:00:01\n");
    struct keel_settings s;
    struct keel_err e;
    char said[160];

    keel_settings_init(&s, &e);
    set(&s, "mgmt.nic", "eth5");
    set(&s, "mgmt.mode", "static");
    set(&s, "mgmt.address", "10.0.0.5");
    set(&s, "mgmt.prefix", "24");
    set(&s, "mgmt.gateway", "10.0.0.1");
    set(&s, "mgmt.vlan", "42");
    CHECK_INT(keel_host_net_start(b, &s, said, sizeof(said), &e), 0);
    CHECK_STR(said, "eth1 in xenbr0, static 10.0.0.5/24 on xenbr0.42 "
              "(mgmt.nic eth5 is absent)");
    CHECK(strstr(keel_fake_log(b),
                 "run ip link set eth1 master xenbr0\n") != NULL);
    CHECK(strstr(keel_fake_log(b),
                 "run ip link add link xenbr0 name xenbr0.42 type vlan id 42\n"
                 "run ip link set xenbr0.42 up\n") != NULL);
    CHECK(strstr(keel_fake_log(b),
                 "run ip addr add 10.0.0.5/24 dev xenbr0.42\n"
                 "run ip route replace default via 10.0.0.1 dev xenbr0.42\n")
          != NULL);
    CHECK(strstr(keel_fake_log(b), "run udhcpc") == NULL);
    keel_settings_fini(&s);
    keel_backend_free(b);
}

UNIT_TEST(host_net_start_says_what_failed)
{
    struct keel_backend *b = booting_host("");
    struct keel_settings s;
    struct keel_err e;
    char said[160];

    keel_settings_init(&s, &e);
    CHECK_INT(keel_host_net_start(b, &s, said, sizeof(said), &e),
              KEEL_ENOENT);
    CHECK_STR(e.msg, "no network interface found (mgmt.nic is eth0)");
    keel_backend_free(b);
    b = booting_host("nic eth0 mac=52:54:00:12:34:56\n");
    keel_fake_fail(b, "run", "ip link set eth0 master*", KEEL_ECMD);
    CHECK_INT(keel_host_net_start(b, &s, said, sizeof(said), &e),
              KEEL_ECMD);
    CHECK(strstr(e.msg, "ip link set eth0 master xenbr0") != NULL);
    CHECK(strstr(keel_fake_log(b), "run udhcpc") == NULL);
    keel_settings_fini(&s);
    keel_backend_free(b);
}
