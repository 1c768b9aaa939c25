/*
 * test-host-services.c - settings applied live by dom0's start scripts
 * (keel_host_apply, keel_host_service_script in keel-host.h) against
 * the fake backend, where every program exits 0 unless a case makes
 * one fail.  One row a case: the settings saved before, the change,
 * the failure if any, and what must follow.
 */
#include <stdio.h>
#include <string.h>

#include "keel-backend-fake.h"
#include "keel-host.h"
#include "unit.h"
#include "vcase.h"

#define CONF "write /etc/keel/host.conf\n"
#define S25KEYMAP "run /etc/init.d/S25keymap restart\n"
#define S30SYSLOG "run /etc/init.d/S30syslog restart\n"
#define S70TIME "run /etc/init.d/S70time restart\n"
#define S80SSH "run /etc/init.d/S80ssh restart\n"
#define HOSTNAME(h) "run hostname " h "\nwrite /run/keel/hostname\n"
#define STAYS "; the previous configuration stays"
#define DHCP                                                              \
    "run ip link set eth0 master xenbr0\nrun ip link set eth0 up\n"       \
    "run ip link set xenbr0 up\nread /run/udhcpc.pid\n"                   \
    "run ip addr flush dev xenbr0\nremove /run/keel/dns\n"               \
    "run udhcpc -i xenbr0 -b -t 4 -T 2 -A 5 -x hostname:keel -S -p "      \
    "/run/udhcpc.pid -s /usr/share/keel/udhcpc.script\n"

#define MAX_PAIRS 4

/* A case's script output that says the script never finishes. */
static const char HANGS[] = "(hangs)";

struct apply_case {
    const char *name;
    const char *old[MAX_PAIRS][2]; /* saved before: name, value */
    const char *set[MAX_PAIRS][2]; /* the change */
    const char *script;            /* fails; NULL: nothing fails */
    const char *out;               /* its stdout; NULL: injected fault;
                                      HANGS: it never finishes */
    const char *msg;               /* how the error message starts */
    int new_stays;                 /* old cannot be saved back */
    const char *log;               /* the whole call log */
};

static const struct apply_case cases[] = {
    { "ssh restarts sshd after the save", { { NULL } },
      { { "ssh", "off" } }, NULL, NULL, "", 0, CONF S80SSH },
    { "timezone and ntp restart S70time once", { { NULL } },
      { { "timezone", "Europe/Berlin" }, { "ntp", "10.0.2.2" } }, NULL,
      NULL, "", 0, CONF S70TIME },
    { "ntp alone restarts S70time", { { "ntp", "10.0.2.2" } },
      { { "ntp", "" } }, NULL, NULL, "", 0, CONF S70TIME },
    { "scripts in boot order", { { NULL } },
      { { "ssh", "off" }, { "ntp", "" }, { "syslog.remote", "10.0.2.2:514" },
        { "keymap", "de" } }, NULL, NULL, "", 0,
      CONF S25KEYMAP S30SYSLOG S70TIME S80SSH },
    { "nothing changed: nothing runs", { { NULL } }, { { NULL } }, NULL,
      NULL, "", 0, CONF },
    { "a setting no service reads", { { NULL } },
      { { "console.idle-minutes", "9" } }, NULL, NULL, "", 0, CONF },
    { "network and service", { { NULL } },
      { { "hostname", "h2" }, { "ntp", "10.0.0.1" } }, NULL, NULL, "", 0,
      HOSTNAME("h2") CONF S70TIME },

    { "script fails: the old is saved back and restarted", { { NULL } },
      { { "timezone", "Mars/Olympus_Mons" } }, "/etc/init.d/S70time*",
      "keel: [12.3] FAILED: timezone: no zone 'Mars/Olympus_Mons' in "
      "/usr/share/zoneinfo\n",
      "timezone: /etc/init.d/S70time restart failed: timezone: no zone "
      "'Mars/Olympus_Mons' in /usr/share/zoneinfo" STAYS, 0,
      CONF S70TIME CONF S70TIME },
    { "only the scripts that ran run again", { { NULL } },
      { { "keymap", "de" }, { "ntp", "" }, { "timezone", "Europe/Berlin" },
        { "ssh", "off" } }, "/etc/init.d/S70time*", NULL,
      "timezone, ntp: cannot run /etc/init.d/S70time restart: command "
      "failed (injected by the fake backend)" STAYS, 0,
      CONF S25KEYMAP S70TIME CONF S25KEYMAP S70TIME },
    { "a script that hangs is stopped, and the old put back",
      { { NULL } }, { { "syslog.remote", "10.0.2.2:514" } },
      "/etc/init.d/S30syslog*", HANGS,
      "syslog.remote: '/etc/init.d/S30syslog restart' did not finish "
      "within 60 s and was stopped: (nothing on stderr)" STAYS, 0,
      CONF S30SYSLOG CONF S30SYSLOG },
    { "network and service fail: both go back",
      { { "hostname", "h2" }, { "ntp", "10.0.0.1" } },
      { { "hostname", "h3" }, { "ntp", "10.0.0.9" } }, "/etc/init.d/S70time*",
      "keel: [1.0] ntp: 10.0.0.9\nkeel: [1.1] FAILED: ntp: openntpd did "
      "not start\n", "ntp: /etc/init.d/S70time restart failed: ntp: "
      "openntpd did not start" STAYS, 0,
      HOSTNAME("h3") CONF S70TIME CONF HOSTNAME("h2") S70TIME },
    { "the old breaks a rule: cannot be saved back",
      { { "mgmt.mode", "static" } }, { { "mgmt.mode", "dhcp" },
      { "ssh", "off" } }, "/etc/init.d/S80ssh*",
      "keel: [2.0] FAILED: ssh: sshd did not start\n",
      "ssh: /etc/init.d/S80ssh restart failed: ssh: sshd did not start; "
      "saving the previous settings back failed too (not saving "
      "/etc/keel/host.conf: mgmt.address: static mode needs an address",
      1, DHCP CONF S80SSH },
};

static void set_pairs(struct keel_settings *s, const char *const p[][2],
                      const char *what)
{
    struct keel_err e;

    for (int i = 0; i < MAX_PAIRS && p[i][0]; i++)
        if (keel_settings_set(s, p[i][0], p[i][1], &e))
            unit_fail(__FILE__, __LINE__, "%s: %s", what, e.msg);
}

/* The value of name in the saved host.conf ("?" if unreadable). */
static const char *saved(struct keel_backend *b, const char *name)
{
    static char buf[256];
    struct keel_settings f;
    const char *v = "?";

    keel_settings_init(&f, NULL);
    if (!keel_settings_load(&f, b, NULL, NULL))
        keel_settings_get(&f, name, &v, NULL);
    snprintf(buf, sizeof(buf), "%s", v);
    keel_settings_fini(&f);
    return buf;
}

/* Every changed setting is saved as the case wants: new on success or
 * when new stays, else old. */
static void check_saved(const struct apply_case *c, struct keel_backend *b,
                        const struct keel_settings *old,
                        const struct keel_settings *s)
{
    int keep_new = !c->script || c->new_stays;

    for (int i = 0; i < MAX_PAIRS && c->set[i][0]; i++) {
        const char *n = c->set[i][0], *want;

        keel_settings_get(keep_new ? s : old, n, &want, NULL);
        if (strcmp(saved(b, n), want) != 0)
            unit_fail(__FILE__, __LINE__, "%s: %s saved as '%s', want "
                      "'%s'", c->name, n, saved(b, n), want);
    }
}

static void run_case(const struct apply_case *c)
{
    struct keel_backend *b = keel_fake_new();
    struct keel_settings old, s;
    struct keel_err e = { "" };
    int rc;

    keel_settings_init(&old, NULL);
    keel_settings_init(&s, NULL);
    set_pairs(&old, c->old, c->name);
    /* an old that breaks a rule is not saved: the file is absent */
    keel_settings_save(&old, b, NULL, NULL);
    keel_settings_copy(&s, &old, NULL);
    set_pairs(&s, c->set, c->name);
    if (c->script && c->out == HANGS)
        keel_fake_script(b, c->script, KEEL_FAKE_HANGS, NULL, NULL);
    else if (c->script && c->out)
        keel_fake_script(b, c->script, 1, c->out, NULL);
    else if (c->script)
        keel_fake_fail(b, "run", c->script, KEEL_ECMD);
    keel_fake_log_clear(b);
    rc = keel_host_apply(b, &old, &s, NULL, &e);
    if (rc != (c->script ? KEEL_ECMD : 0) || (!c->script && e.msg[0]) ||
        strncmp(e.msg, c->msg, strlen(c->msg)) != 0)
        unit_fail(__FILE__, __LINE__, "%s: %d '%s'", c->name, rc, e.msg);
    if (c->new_stays && !strstr(e.msg, "): the new ones stay saved"))
        unit_fail(__FILE__, __LINE__, "%s: '%s'", c->name, e.msg);
    if (strcmp(keel_fake_log(b), c->log) != 0)
        unit_fail(__FILE__, __LINE__, "%s: calls\n%swant\n%s", c->name,
                  keel_fake_log(b), c->log);
    check_saved(c, b, &old, &s);
    keel_settings_fini(&old);
    keel_settings_fini(&s);
    keel_backend_free(b);
}

UNIT_TEST(host_apply_cases)
{
    for (size_t i = 0; i < NCASES(cases); i++)
        run_case(&cases[i]);
}

UNIT_TEST(host_service_script_table)
{
    static const struct {
        enum keel_setting_id id;
        const char *script;
    } want[] = {
        { KEEL_S_TIMEZONE, "/etc/init.d/S70time" },
        { KEEL_S_NTP, "/etc/init.d/S70time" },
        { KEEL_S_KEYMAP, "/etc/init.d/S25keymap" },
        { KEEL_S_SSH, "/etc/init.d/S80ssh" },
        { KEEL_S_SYSLOG_REMOTE, "/etc/init.d/S30syslog" },
    };
    size_t n = 0;

    for (size_t i = 0; i < NCASES(want); i++)
        CHECK_STR(keel_host_service_script(want[i].id), want[i].script);
    for (int id = 0; id < KEEL_S_COUNT; id++)
        n += keel_host_service_script(id) != NULL;
    CHECK_INT(n, NCASES(want));
    CHECK(keel_host_service_script(KEEL_S_HOSTNAME) == NULL);
    CHECK(keel_host_service_script(KEEL_S_COUNT) == NULL);
}
