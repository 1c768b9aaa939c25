/*
 * test-answer-xml.c - the XML reader and XCP-ng answer files: every
 * element, every problem with its line, all problems in one pass.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "answer-xml.h"
#include "keel-answers.h"
#include "unit.h"

static const char full[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<!-- unattended install of a lab host -->\n"
    "<installation srtype=\"lvm\">\n"
    "  <primary-disk guest-storage=\"yes\">sda</primary-disk>\n"
    "  <guest-disk>/dev/disk/by-id/ata-QM00002</guest-disk>\n"
    "  <guest-disk>nvme0n1</guest-disk>\n"
    "  <keymap>de-latin1</keymap>\n"
    "  <root-password type=\"plaintext\">s3cret&amp;long</root-password>\n"
    "  <source type=\"local\"/>\n"
    "  <admin-interface name=\"eth0\" proto=\"static\" vlan=\"42\">\n"
    "    <ipaddr>192.168.1.20</ipaddr>\n"
    "    <subnet>255.255.255.0</subnet>\n"
    "    <gateway>192.168.1.1</gateway>\n"
    "  </admin-interface>\n"
    "  <name-server>192.168.1.1</name-server>\n"
    "  <name-server>9.9.9.9</name-server>\n"
    "  <hostname>lab1.example.org</hostname>\n"
    "  <timezone>Europe/Berlin</timezone>\n"
    "  <ntp source=\"manual\"><ntp-server>0.pool.ntp.org</ntp-server>"
    "<ntp-server>1.pool.ntp.org</ntp-server></ntp>\n"
    "  <service name=\"sshd\" state=\"disabled\"/>\n"
    "</installation>\n";

static int parse(struct keel_answers *a, struct keel_problems *p,
                 const char *text)
{
    keel_problems_init(p);
    CHECK_INT(keel_answers_init(a, NULL), 0);
    return keel_answers_parse(a, text, strlen(text), p);
}

static const char *val(const struct keel_answers *a, enum keel_setting_id i)
{
    return keel_settings_value(&a->settings, i);
}

UNIT_TEST(answer_xml_full_file)
{
    struct keel_answers a;
    struct keel_problems p;

    CHECK_INT(parse(&a, &p, full), 0);
    CHECK_INT(p.n, 0);
    CHECK_INT(a.mode, KEEL_MODE_INSTALL);
    CHECK_STR(a.primary, "sda");
    CHECK_INT(a.primary_line, 4);
    CHECK_INT(a.nguests, 2);
    CHECK_STR(a.guests[0], "/dev/disk/by-id/ata-QM00002");
    CHECK_STR(a.password, "s3cret&long");
    CHECK_STR(a.nic, "eth0");
    CHECK_STR(val(&a, KEEL_S_KEYMAP), "de-latin1");
    CHECK_STR(val(&a, KEEL_S_MGMT_MODE), "static");
    CHECK_STR(val(&a, KEEL_S_MGMT_ADDRESS), "192.168.1.20");
    CHECK_STR(val(&a, KEEL_S_MGMT_PREFIX), "24");
    CHECK_STR(val(&a, KEEL_S_MGMT_GATEWAY), "192.168.1.1");
    CHECK_STR(val(&a, KEEL_S_MGMT_VLAN), "42");
    CHECK_STR(val(&a, KEEL_S_DNS), "192.168.1.1 9.9.9.9");
    CHECK_STR(val(&a, KEEL_S_HOSTNAME), "lab1.example.org");
    CHECK_STR(val(&a, KEEL_S_TIMEZONE), "Europe/Berlin");
    CHECK_STR(val(&a, KEEL_S_NTP), "0.pool.ntp.org 1.pool.ntp.org");
    CHECK_STR(val(&a, KEEL_S_SSH), "off");
    keel_answers_fini(&a);
}

UNIT_TEST(answer_xml_upgrade_and_hash)
{
    static const char text[] =
        "<installation mode=\"upgrade\">\n"
        "<existing-installation>/dev/sda</existing-installation>\n"
        "<source type=\"local\" />\n"
        "</installation>";
    static const char hashed[] =
        "<installation><primary-disk>sda</primary-disk>"
        "<root-password type=\"hash\">$6$saltsalt$qFmFH.bQmmtXzyBY0s9v7Oicd"
        "2z4XSIecDzlB5KiA2/jctKu9YterLp8wwnSq.qc.eoxqOmSuNp2xS0ktL3nh/"
        "</root-password>"
        "<admin-interface hwaddr=\"52:54:00:12:34:56\" proto=\"dhcp\"/>"
        "</installation>";
    struct keel_answers a;
    struct keel_problems p;

    CHECK_INT(parse(&a, &p, text), 0);
    CHECK_INT(a.mode, KEEL_MODE_UPGRADE);
    CHECK_STR(a.existing, "/dev/sda");
    CHECK_INT(a.existing_line, 2);
    keel_answers_fini(&a);
    CHECK_INT(parse(&a, &p, hashed), 0);
    CHECK_INT(p.n, 0);
    CHECK_STR(a.nic, "52:54:00:12:34:56");
    CHECK(strncmp(val(&a, KEEL_S_ROOT_HASH), "$6$saltsalt$", 12) == 0);
    CHECK_STR(a.password, "");
    keel_answers_fini(&a);
}

/* Each problem of this file, with its line, in one pass. */
UNIT_TEST(answer_xml_all_problems_at_once)
{
    static const char text[] =
        "<installation mode=\"restore\" colour=\"blue\">\n"       /* 1 */
        "<primary-disk>sda</primary-disk>\n"                     /* 2 */
        "<primary-disk>sdb</primary-disk>\n"                     /* 3 */
        "<root-password>short</root-password>\n"                 /* 4 */
        "<admin-interface name=\"eth0\" proto=\"static\">\n"     /* 5 */
        "<ipaddr>10.0.0.300</ipaddr><subnet>24</subnet>\n"       /* 6 */
        "<gateway>10.1.0.1</gateway></admin-interface>\n"        /* 7 */
        "<hostname>-bad-</hostname>\n"                           /* 8 */
        "<timezone>Mars/Olympus Mons</timezone>\n"               /* 9 */
        "<service name=\"httpd\" state=\"enabled\"/>\n"          /* 10 */
        "<source type=\"url\">http://x/</source>\n"              /* 11 */
        "<script stage=\"filesystem-populated\">x</script>\n"    /* 12 */
        "<bootloader>grub2</bootloader>\n"                       /* 13 */
        "<colour>blue</colour>\n"                                /* 14 */
        "<name-server>1.2.3</name-server>\n"                     /* 15 */
        "</installation>\n";
    static const struct {
        int line, warning;
        const char *has;
    } want[] = {
        { 1, 0, "mode is fresh, reinstall or upgrade" },
        { 1, 1, "colour=" },
        { 3, 0, "given twice (first on line 2)" },
        { 4, 0, "<root-password>: use 8" },
        { 6, 0, "<ipaddr>" },
        { 8, 0, "<hostname>" },
        { 9, 0, "<timezone>" },
        { 10, 1, "only sshd" },
        { 11, 1, "that repository is not used" },
        { 12, 0, "<script> x: use file:///PATH or http://HOST/PATH" },
        { 13, 1, "<bootloader> does not apply" },
        { 14, 1, "<colour> is not an answer" },
        { 15, 0, "<name-server>" },
        { 0, 0, "no root password" },
    };
    struct keel_answers a;
    struct keel_problems p;

    CHECK_INT(parse(&a, &p, text), KEEL_EINVAL);
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        int found = 0;

        for (int j = 0; j < p.n; j++)
            found |= p.p[j].line == want[i].line &&
                     p.p[j].warning == want[i].warning &&
                     strstr(p.p[j].msg, want[i].has) != NULL;
        if (!found)
            unit_fail(__FILE__, __LINE__, "no problem at line %d with "
                      "\"%s\"", want[i].line, want[i].has);
    }
    CHECK(p.nerrors >= 10);
    keel_answers_fini(&a);
}

/* What XCP-ng accepts and Keel cannot do is refused, each with its
 * reason at its line; nothing is ignored that would change the host. */
UNIT_TEST(answer_xml_schema_refusals)
{
    static const char head[] = "<installation%s>\n<primary-disk%s>sda"
                               "</primary-disk>\n<root-password>long-"
                               "enough</root-password>\n%s</installation>\n";
    static const struct {
        const char *root, *primary, *body, *has;
        int line, warning;
    } t[] = {
        { "", " guest-storage=\"false\"", "", "leaves the storage "
          "repository without a disk", 2, 0 },
        { "", " gueststorage=\"no\"", "", "name one with <guest-disk>", 2,
          0 },
        { "", " guest-storage=\"maybe\"", "", "write true or false", 2, 0 },
        { "", " swraid=\"true\"", "", "no software RAID", 2, 0 },
        { "", " preserve-first-partition=\"yes\"", "", "erases the whole",
          2, 0 },
        { "", " preserve-first-partition=\"if-utility\"", "", "utility "
          "partition too", 2, 1 },
        { " sr-type=\"ext\"", "", "", "LVM only", 1, 0 },
        { " srtype=\"ext\"", "", "", "LVM only", 1, 0 },
        { " gpgcheck=\"false\"", "", "", "not a repository; ignored", 1,
          1 },
        { "", "", "<admin-interface name=\"eth0\" proto=\"none\" "
          "protov6=\"dhcp\"/>\n", "over IPv4", 4, 0 },
        { "", "", "<source type=\"ftp\">x</source>\n", "local, url or "
          "nfs", 4, 0 },
        { "", "", "<source type=\"nfs\">srv:/x/</source>\n", "not used",
          4, 1 },
        { "", "", "<guest-disks><disk>sdb</disk></guest-disks>\n", "<disk> "
          "inside <guest-disks>", 4, 1 },
        { "", "", "<script stage=\"installation-start\" type=\"nfs\">"
          "srv:/s</script>\n", "over HTTP only", 4, 0 },
        { "", "", "<script stage=\"pre-install\" type=\"url\">"
          "http://h/s</script>\n", "the stage is installation-start", 4,
          0 },
        { "", "", "<script stage=\"installation-start\" type=\"url\">"
          "ftp://h/s</script>\n", "use file:///PATH or http://", 4, 0 },
        { "", "", "<script stage=\"installation-start\" type=\"url\">"
          "</script>\n", "<script> is empty", 4, 0 },
        { "", "", "<post-install-script type=\"url\">http://h/a"
          "</post-install-script>\n<post-install-script>http://h/b"
          "</post-install-script>\n", "given twice", 5, 0 },
    };
    char text[600];

    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        struct keel_answers a;
        struct keel_problems p;
        int found = 0;

        snprintf(text, sizeof(text), head, t[i].root, t[i].primary,
                 t[i].body);
        parse(&a, &p, text);
        for (int j = 0; j < p.n; j++)
            found |= p.p[j].line == t[i].line &&
                     p.p[j].warning == t[i].warning &&
                     strstr(p.p[j].msg, t[i].has) != NULL;
        if (!found)
            unit_fail(__FILE__, __LINE__, "case %zu: no %s at line %d "
                      "with \"%s\" (%d problems%s%s)", i, t[i].warning ?
                      "warning" : "error", t[i].line, t[i].has, p.n,
                      p.n ? ": " : "", p.n ? p.p[0].msg : "");
        keel_answers_fini(&a);
    }
}

/* Every problem formatted, however long the label (a long answerfile=
 * URL) and however many problems: no fixed per-line budget. */
UNIT_TEST(answer_problems_format_long_label)
{
    struct keel_problems p;
    char label[300], *s, *t;
    int lines = 0;

    memset(label, 'h', sizeof(label) - 1);
    label[sizeof(label) - 1] = '\0';
    keel_problems_init(&p);
    for (int i = 0; i < 200; i++)
        keel_problems_add(&p, 1000 + i, i & 1, "<%0200d> is wrong", i);
    s = keel_problems_format(&p, label);
    CHECK(s != NULL);
    for (t = s; t && (t = strchr(t, '\n')); t++)
        lines++;
    CHECK_INT(lines, p.n + (p.n < p.nerrors + p.nwarnings));
    CHECK(s && strstr(s, ":1000: error: <0000"));
    free(s);
}

UNIT_TEST(answer_xml_restore_refused)
{
    struct keel_answers a;
    struct keel_problems p;

    CHECK_INT(parse(&a, &p, "<restore><backup-disk>sda</backup-disk>"
                    "</restore>"), KEEL_EINVAL);
    CHECK(p.n == 1 && strstr(p.p[0].msg, "does not restore"));
    keel_answers_fini(&a);
}

UNIT_TEST(answer_xml_static_missing_at_interface_line)
{
    static const char text[] =
        "<installation>\n<primary-disk>sda</primary-disk>\n"
        "<root-password>longenough</root-password>\n"
        "<admin-interface name=\"eth0\" proto=\"static\">\n"
        "<ipaddr>10.0.0.5</ipaddr></admin-interface>\n</installation>\n";
    struct keel_answers a;
    struct keel_problems p;
    char *s;

    CHECK_INT(parse(&a, &p, text), KEEL_EINVAL);
    s = keel_problems_format(&p, "answerfile");
    CHECK(s && strstr(s, "answerfile:4: error: mgmt.prefix: static mode "
                         "needs a prefix length"));
    CHECK(s && strstr(s, "answerfile:4: error: mgmt.gateway"));
    free(s);
    keel_answers_fini(&a);
}

UNIT_TEST(answer_xml_reader_syntax)
{
    static const struct {
        const char *text;
        int line;
        const char *has;
    } bad[] = {
        { "<installation>", 1, "not closed" },
        { "<a>\n<b></a>", 2, "does not match" },
        { "<a x=1/>", 1, "quotes" },
        { "<a x='1' x='2'/>", 1, "twice" },
        { "<a>&nbsp;</a>", 1, "unknown entity" },
        { "<a>&#0;</a>", 1, "character reference" },
        { "<a>&#xD800;</a>", 1, "character reference" },
        { "<a>&#x110000;</a>", 1, "character reference" },
        { "<!DOCTYPE a><a/>", 1, "DOCTYPE" },
        { "<a/><b/>", 1, "after the end" },
        { "<a><!-- x -- y --></a>", 1, "'--'" },
        { "\n\n<a><?pi?></a>", 3, "processing" },
        { "text", 1, "expected the <installation>" },
        { "<a\x01/>", 1, "expected" },
        { "<a>\x02</a>", 1, "control character" },
        { "<a b='<'/>", 1, "'<'" },
        /* no control character through a reference or CDATA */
        { "<a>pass&#1;word</a>", 1, "reference to a control character" },
        { "<a>&#x7f;</a>", 1, "reference to a control character" },
        { "<a><![CDATA[x\x01y]]></a>", 1, "control character" },
    };

    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        struct xml_node *n = NULL;
        struct keel_err e = { "" };
        int line = -1;

        CHECK_INT(xml_parse(bad[i].text, strlen(bad[i].text), &n, &line,
                            &e), KEEL_EINVAL);
        CHECK(n == NULL);
        if (line != bad[i].line || !strstr(e.msg, bad[i].has))
            unit_fail(__FILE__, __LINE__, "case %zu: line %d \"%s\"", i,
                      line, e.msg);
    }
    {
        /* a NUL in CDATA would cut a password short */
        static const char nul[] = "<a><![CDATA[ab\0cd]]></a>";
        struct xml_node *n = NULL;
        int line = -1;

        CHECK_INT(xml_parse(nul, sizeof(nul) - 1, &n, &line, NULL),
                  KEEL_EINVAL);
        CHECK(n == NULL);
    }
}

UNIT_TEST(answer_xml_reader_values)
{
    static const char text[] =
        "\xef\xbb\xbf<?xml version='1.0'?>\n<r a=\"x&lt;&#65;&#x42;\ty\">"
        "t&gt;<![CDATA[<raw>&amp;]]>&#x20AC;&apos;&quot;<k/>"
        "<!-- c --></r>\n<!-- end -->\n";
    struct xml_node *n;
    int line;

    CHECK_INT(xml_parse(text, strlen(text), &n, &line, NULL), 0);
    if (!n)
        return;
    CHECK_STR(n->name, "r");
    CHECK_INT(n->line, 2);
    CHECK_STR(xml_attr(n, "a"), "x<AB y");
    CHECK(xml_attr(n, "b") == NULL);
    CHECK_STR(n->text, "t><raw>&amp;\xe2\x82\xac'\"");
    CHECK_INT(n->nkids, 1);
    CHECK_STR(n->kids[0]->name, "k");
    xml_free(n);
}

UNIT_TEST(answer_xml_depth_limit)
{
    char text[4000] = "";

    for (int i = 0; i < 40; i++)
        strcat(text, "<a>");
    for (int i = 0; i < 40; i++)
        strcat(text, "</a>");
    {
        struct xml_node *n;
        struct keel_err e;
        int line;

        CHECK_INT(xml_parse(text, strlen(text), &n, &line, &e),
                  KEEL_EINVAL);
        CHECK(strstr(e.msg, "too deep") != NULL);
    }
}

/* A start tag with 100000 attributes is refused at the limit, at once
 * (a check of every pair took 13 s). */
UNIT_TEST(answer_xml_attribute_limit)
{
    const int n = 100000;
    char *text = malloc((size_t)n * 8 + 16), *t = text;
    struct xml_node *root = NULL;
    struct keel_err e = { "" };
    int line = 0;
    clock_t t0;

    if (!text) {
        CHECK(0);
        return;
    }
    /* under the 1 MiB limit: 4-letter names, 8 bytes an attribute */
    t += sprintf(t, "<r>\n<a");
    for (int i = 0; i < n; i++)
        t += sprintf(t, " %c%c%c%c=''", 'a' + i % 26, 'a' + i / 26 % 26,
                     'a' + i / 676 % 26, 'a' + i / 17576 % 26);
    sprintf(t, "/></r>");
    t0 = clock();
    CHECK_INT(xml_parse(text, strlen(text), &root, &line, &e),
              KEEL_EINVAL);
    CHECK((double)(clock() - t0) / CLOCKS_PER_SEC < 1.0);
    CHECK_INT(line, 2);
    CHECK(strstr(e.msg, "more than 64 attributes") != NULL);
    CHECK(root == NULL);
    /* 64 are fine */
    t = text + sprintf(text, "<a");
    for (int i = 0; i < 64; i++)
        t += sprintf(t, " a%d='1'", i);
    sprintf(t, "/>");
    CHECK_INT(xml_parse(text, strlen(text), &root, &line, &e), 0);
    CHECK(root && root->nattrs == 64);
    xml_free(root);
    free(text);
}

/* DNS and NTP servers past the maximum are refused at the element that
 * is one too many; nothing is cut off (white space inside an element
 * once pushed the third server out of a fixed buffer unseen). */
UNIT_TEST(answer_xml_server_lists_bounded)
{
    static const char head[] = "<installation>\n<primary-disk>sda"
                               "</primary-disk>\n<root-password>long-"
                               "enough</root-password>\n<admin-interface "
                               "name=\"eth0\" proto=\"dhcp\"/>\n";
    char text[2000], pad[301];
    struct keel_answers a;
    struct keel_problems p;
    char *s;

    memset(pad, ' ', 300);
    pad[300] = '\0';
    snprintf(text, sizeof(text), "%s<name-server>1.1.1.1</name-server>\n"
             "<name-server>2.2.2.2%s3.3.3.3</name-server>\n"
             "</installation>\n", head, pad);
    CHECK_INT(parse(&a, &p, text), 0);
    CHECK_STR(val(&a, KEEL_S_DNS), "1.1.1.1 2.2.2.2 3.3.3.3");
    keel_answers_fini(&a);
    snprintf(text, sizeof(text), "%s<name-server>1.1.1.1 2.2.2.2"
             "</name-server>\n<name-server>3.3.3.3</name-server>\n"
             "<name-server>4.4.4.4</name-server>\n<ntp>"
             "<ntp-server>a.org b.org</ntp-server><ntp-server>c.org"
             "</ntp-server>\n<ntp-server>d.org e.org</ntp-server></ntp>\n"
             "</installation>\n", head);
    CHECK_INT(parse(&a, &p, text), KEEL_EINVAL);
    s = keel_problems_format(&p, "f");
    CHECK_STR(s, "f:7: error: <name-server>: more than 3 DNS servers; "
                 "at most 3 are allowed, remove the rest\n"
                 "f:9: error: <ntp-server>: more than 4 NTP servers; "
                 "at most 4 are allowed, remove the rest\n");
    free(s);
    keel_answers_fini(&a);
}

UNIT_TEST(answer_kv_format)
{
    static const char text[] =
        "# Keel answer file\n"
        "disk=/dev/disk/by-id/ata-QM00001\n"
        "guest-disk=sdb\n"
        "root-password=\"pass word 1\"\n"
        "mgmt.nic=52:54:00:12:34:56\n"
        "mgmt.mode=dhcp\n"
        "hostname=kv1\n"
        "atexit=poweroff\n";
    static const char bad[] =
        "disk=sda\nroot-password=x\nmgmt.nic=eth0\nfrobnicate=1\n"
        "atexit=later\nssh=maybe\nnoequals\n"
        "dns=1.1.1.1 2.2.2.2 3.3.3.3 4.4.4.4\n";
    struct keel_answers a;
    struct keel_problems p;
    char *s;

    CHECK_INT(parse(&a, &p, text), 0);
    CHECK_STR(a.primary, "/dev/disk/by-id/ata-QM00001");
    CHECK_STR(a.guests[0], "sdb");
    CHECK_STR(a.password, "pass word 1");
    CHECK_STR(a.nic, "52:54:00:12:34:56");
    CHECK_INT(a.atexit, KEEL_ATEXIT_POWEROFF);
    CHECK_STR(val(&a, KEEL_S_HOSTNAME), "kv1");
    keel_answers_fini(&a);
    CHECK_INT(parse(&a, &p, bad), KEEL_EINVAL);
    s = keel_problems_format(&p, "f");
    CHECK_STR(s, "f:2: error: root-password: bad value (see "
                 "ANSWERFILE.md)\n"
                 "f:4: error: unknown key 'frobnicate'\n"
                 "f:5: error: atexit: bad value (see ANSWERFILE.md)\n"
                 "f:6: error: ssh: 'maybe': write on or off\n"
                 "f:7: error: expected KEY=VALUE\n"
                 "f:8: error: dns: 4 DNS servers given; at most 3 are "
                 "allowed, remove 1\n"
                 "f: error: no root password (root-password)\n");
    free(s);
    keel_answers_fini(&a);
}

UNIT_TEST(answer_password_hash)
{
    char *h = NULL;
    struct keel_err e;

    CHECK_INT(keel_password_hash("short", &h, &e), KEEL_EINVAL);
    CHECK(h == NULL);
    CHECK_INT(keel_password_hash("correct horse", &h, &e), 0);
    CHECK(h && (strncmp(h, "$y$", 3) == 0 || strncmp(h, "$6$", 3) == 0));
    CHECK_INT(keel_valid_pwhash(h, &e), 0);
    free(h);
}
