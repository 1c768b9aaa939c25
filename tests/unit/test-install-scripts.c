/*
 * test-install-scripts.c - an XCP-ng answer file's <script> hooks and
 * guest-storage="false", planned and applied on the fake backend.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keel-backend-fake.h"
#include "keel-install.h"
#include "instplan.h"
#include "unit.h"

static void put(struct keel_backend *b, const char *path)
{
    keel_fake_put(b, path, "#!/bin/sh\n", 10, 0644);
}

/* The three downloads land where fetch_one() puts them. */
static void serve(struct keel_backend *b)
{
    put(b, "/run/keel/scripts/1");
    put(b, "/run/keel/scripts/2");
    put(b, "/run/keel/medium/post.sh");
    put(b, "/run/keel/scripts/4");
}

/* Index in the fake's log of the first line starting with s; -1. */
static long at(struct keel_backend *b, const char *s)
{
    for (size_t i = 0; i < keel_fake_log_count(b); i++)
        if (!strncmp(keel_fake_log_at(b, i), s, strlen(s)))
            return (long)i;
    return -1;
}

UNIT_TEST(install_scripts_plan_lists_them)
{
    struct keel_backend *b = inst_host();
    struct keel_answers a;
    struct keel_plan p;
    struct keel_problems pr;
    char *text = NULL;

    CHECK_INT(inst_plan_from(b, "answers-xcp-scripts.xml", &a, &p, &pr), 0);
    CHECK_INT(pr.n, 0);
    CHECK_INT(p.nscripts, 4);
    CHECK_INT(p.scripts[2].stage, KEEL_SCRIPT_POPULATED);
    CHECK_INT(p.scripts[2].line, 9);
    CHECK_INT(keel_plan_format(&p, &text, NULL), 0);
    if (text)
        CHECK_GOLDEN("install/plan-xcp-scripts.txt", text);
    free(text);
    keel_plan_fini(&p);
    keel_answers_fini(&a);
    keel_backend_free(b);
}

/* Fetched before the first disk write; installation-start before the
 * wipe, filesystem-populated with keel-state's directory while it is
 * mounted, installation-complete with 0 after everything. */
UNIT_TEST(install_scripts_run_in_order)
{
    struct keel_backend *b = inst_host();
    struct keel_answers a;
    struct keel_plan p;
    struct keel_problems pr;
    struct keel_apply_fail f;
    const char *names[16];
    long fetch, start, wipe, keys, post, umount, done;

    CHECK_INT(inst_plan_from(b, "answers-xcp-scripts.xml", &a, &p, &pr), 0);
    CHECK_INT(keel_install_stages(&p, names, 16), 10);
    CHECK_STR(names[0], "scripts: installation-start");
    CHECK_STR(names[8], "scripts: filesystem-populated");
    serve(b);
    keel_fake_log_clear(b);
    CHECK_INT(keel_install_apply(b, &p, NULL, NULL, &f), 0);
    fetch = at(b, "run " INST_FETCH "/run/keel/scripts/4 "
                  "http://10.0.2.2/done.sh");
    start = at(b, "run /run/keel/scripts/1");
    wipe = at(b, "zero /dev/sda");
    keys = at(b, "run /run/keel/scripts/2 /run/keel/target/state");
    post = at(b, "run /run/keel/scripts/3 /run/keel/target/state");
    umount = at(b, "run umount /run/keel/target/state");
    done = at(b, "run /run/keel/scripts/4 0");
    CHECK(fetch >= 0 && start > fetch && wipe > start);
    CHECK(keys > wipe && post > keys && umount > post && done > umount);
    CHECK(at(b, "run cp -- /run/keel/medium/post.sh /run/keel/scripts/3")
          > 0);
    CHECK(at(b, "run chmod 0700 /run/keel/scripts/1") > 0);
    CHECK(at(b, "run /run/keel/scripts/4 1") < 0);
    keel_plan_fini(&p);
    keel_answers_fini(&a);
    keel_backend_free(b);
}

/* A script that cannot be fetched stops the install before any disk
 * is written; installation-complete still hears of it (1). */
UNIT_TEST(install_scripts_fetch_failure_writes_nothing)
{
    struct keel_backend *b = inst_host();
    struct keel_answers a;
    struct keel_plan p;
    struct keel_problems pr;
    struct keel_apply_fail f;

    CHECK_INT(inst_plan_from(b, "answers-xcp-scripts.xml", &a, &p, &pr), 0);
    serve(b);
    keel_fake_script(b, INST_FETCH "/run/keel/scripts/2 *", 1, "",
                     "wget: server returned error: HTTP/1.0 404 Not "
                     "Found\n");
    keel_fake_log_clear(b);
    CHECK(keel_install_apply(b, &p, NULL, NULL, &f) != 0);
    CHECK_STR(f.stage, "scripts: installation-start");
    CHECK(strstr(f.err.msg, "<script stage=\"filesystem-populated\"> "
                            "http://10.0.2.2/keys.sh: wget: server "
                            "returned error: HTTP/1.0 404") != NULL);
    CHECK(at(b, "zero ") < 0);
    CHECK(at(b, "run sgdisk") < 0);
    CHECK(at(b, "run /run/keel/scripts/1") < 0);
    CHECK(at(b, "run /run/keel/scripts/4 1") > 0);
    keel_plan_fini(&p);
    keel_answers_fini(&a);
    keel_backend_free(b);
}

/* A failing filesystem-populated script fails the install with its
 * output (stdout and stderr) and its URL in the report; one that hangs
 * is stopped at its time limit. */
UNIT_TEST(install_scripts_failure_reported)
{
    static const struct {
        int status;
        const char *err, *want;
    } t[] = {
        { 3, "cannot reach inventory\n", "exited with status 3" },
        { KEEL_FAKE_HANGS, "", "600" },
    };

    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        struct keel_backend *b = inst_host();
        struct keel_answers a;
        struct keel_plan p;
        struct keel_problems pr;
        struct keel_apply_fail f;

        CHECK_INT(inst_plan_from(b, "answers-xcp-scripts.xml", &a, &p,
                                 &pr), 0);
        serve(b);
        keel_fake_script(b, "/run/keel/scripts/2 *", t[i].status,
                         "registering keel host\n", t[i].err);
        CHECK(keel_install_apply(b, &p, NULL, NULL, &f) != 0);
        CHECK_STR(f.stage, "scripts: filesystem-populated");
        CHECK(strstr(f.err.msg, "<script stage=\"filesystem-populated\"> "
                                "http://10.0.2.2/keys.sh failed") != NULL);
        CHECK(strstr(f.err.msg, t[i].want) != NULL);
        CHECK(strstr(f.output, "registering keel host") != NULL);
        CHECK(strstr(f.output, t[i].err) != NULL);
        CHECK(at(b, "run /run/keel/scripts/3") < 0);
        CHECK(at(b, "run /run/keel/scripts/4 1") > 0);
        CHECK(at(b, "write /run/keel/target/state/log/") < 0);
        keel_plan_fini(&p);
        keel_answers_fini(&a);
        keel_backend_free(b);
    }
}

/* An upgrade has no file system to hand a filesystem-populated script. */
UNIT_TEST(install_scripts_upgrade_refuses_populated)
{
    static const char text[] =
        "<installation mode=\"upgrade\">\n"
        "<existing-installation>sda</existing-installation>\n"
        "<post-install-script>http://h/p</post-install-script>\n"
        "</installation>\n";
    static const char scen[] = "disk sda size=21474836480 keel=0.0.9\n";
    struct keel_backend *b = inst_host();
    struct keel_answers a;
    struct keel_plan p;
    struct keel_problems pr;

    CHECK_INT(keel_fake_disk_load(b, scen, sizeof(scen) - 1, "s", NULL), 0);
    keel_problems_init(&pr);
    CHECK_INT(keel_answers_init(&a, NULL), 0);
    CHECK_INT(keel_answers_parse(&a, text, strlen(text), &pr), 0);
    CHECK_INT(keel_plan_make(b, &a, &p, &pr, NULL), KEEL_EINVAL);
    CHECK(pr.n >= 1 && pr.p[0].line == 3 &&
          strstr(pr.p[0].msg, "make it installation-complete"));
    keel_plan_fini(&p);
    keel_answers_fini(&a);
    keel_backend_free(b);
}

/* guest-storage="false": five partitions, the SR on the guest disk
 * alone, and a primary disk too small for an SR (10 GiB) is fine. */
UNIT_TEST(install_no_sr_on_primary)
{
    static const char scen[] = "disk sde size=10737418240 model=\"QEMU "
                               "HARDDISK\"\ndisk sdb size=10737418240\n"
                               "nic eth0 mac=52:54:00:12:34:56 link=up\n";
    struct keel_backend *b = inst_host();
    struct keel_answers a;
    struct keel_plan p;
    struct keel_problems pr;
    struct keel_apply_fail f;
    char *text = NULL;

    CHECK_INT(keel_fake_disk_load(b, scen, sizeof(scen) - 1, "s", NULL), 0);
    CHECK_INT(inst_plan_from(b, "answers-xcp-no-sr.xml", &a, &p, &pr), 0);
    CHECK_INT(pr.n, 0);
    CHECK_INT(p.layout.nparts, 5);
    CHECK_INT(keel_plan_format(&p, &text, NULL), 0);
    if (text)
        CHECK_GOLDEN("install/plan-xcp-no-sr.txt", text);
    free(text);
    keel_fake_log_clear(b);
    CHECK_INT(keel_install_apply(b, &p, NULL, NULL, &f), 0);
    CHECK(at(b, "run lvm pvcreate -ff -y /dev/sdb") >= 0);
    CHECK(at(b, "run lvm vgcreate keel-sr /dev/sdb") >= 0);
    CHECK(strstr(keel_fake_log(b), "/dev/sde6") == NULL);
    CHECK(strstr(keel_fake_log(b), "-n 5:") != NULL);
    CHECK(strstr(keel_fake_log(b), "-n 6:") == NULL);
    keel_plan_fini(&p);
    keel_answers_fini(&a);
    keel_backend_free(b);
}

/* Every installation-complete script runs, though one before it fails;
 * a fetch that cannot run wget says why, not an empty reason. */
UNIT_TEST(install_scripts_complete_all_run)
{
    static const char text[] =
        "<installation>\n<primary-disk>sda</primary-disk>\n"
        "<root-password>longenough</root-password>\n"
        "<admin-interface name=\"eth0\" proto=\"dhcp\"/>\n"
        "<script stage=\"installation-complete\" type=\"url\">"
        "http://h/a</script>\n"
        "<script stage=\"installation-complete\" type=\"url\">"
        "http://h/b</script>\n</installation>\n";
    struct keel_backend *b = inst_host();
    struct keel_answers a;
    struct keel_plan p;
    struct keel_problems pr;
    struct keel_apply_fail f;
    const char *path;
    struct keel_err e;

    keel_problems_init(&pr);
    CHECK_INT(keel_answers_init(&a, NULL), 0);
    CHECK_INT(keel_answers_parse(&a, text, strlen(text), &pr), 0);
    CHECK_INT(keel_plan_make(b, &a, &p, &pr, NULL), 0);
    put(b, "/run/keel/scripts/1");
    put(b, "/run/keel/scripts/2");
    keel_fake_script(b, "/run/keel/scripts/1 0", 1, "", "report failed\n");
    keel_fake_log_clear(b);
    CHECK_INT(keel_install_apply(b, &p, NULL, NULL, &f), 0);
    CHECK(at(b, "run /run/keel/scripts/1 0") > 0);
    CHECK(at(b, "run /run/keel/scripts/2 0") > 0);
    keel_fake_fail(b, "run", INST_FETCH "*", KEEL_ENOENT);
    CHECK_INT(keel_url_fetch(b, "http://h/c", "/run/x", "<script>", &path,
                             &e), KEEL_ENOENT);
    CHECK(strncmp(e.msg, "<script> http://h/c: ", 21) == 0 &&
          strlen(e.msg) > 21);
    keel_plan_fini(&p);
    keel_answers_fini(&a);
    keel_backend_free(b);
}
