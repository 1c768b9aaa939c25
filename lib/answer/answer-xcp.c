/*
 * answer-xcp.c - XCP-ng / XenServer XML answer files into answers: one
 * row per element (handler, may repeat); see installer/ANSWERFILE.md.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "answer-xml.h"
#include "keel-answers.h"

/* DNS or NTP servers: the items of every element naming them. */
struct list {
    char s[1100];
    struct xml_node *first; /* its problems are reported there */
    int n, over;            /* over: refused, the rest not read */
};

struct ctx {
    struct keel_answers *a;
    struct keel_problems *p;
    struct list dns, ntp;
    int ntp_none;
};

/* The element's text without surrounding white space (in place). */
static const char *text_of(struct xml_node *n)
{
    char *s = n->text ? n->text : (char *)"";
    size_t len;

    s += strspn(s, " \t\r\n");
    len = strlen(s);
    while (len && strchr(" \t\r\n", s[len - 1]))
        s[--len] = '\0';
    return s;
}

static int line_of(const struct xml_node *n)
{
    return n->text_line ? n->text_line : n->line;
}

/* Set a host setting from an element, the problem at its line. */
static void set(struct ctx *x, struct xml_node *n, enum keel_setting_id id,
                const char *value)
{
    struct keel_err e;

    if (keel_settings_set_id(&x->a->settings, id, value, &e))
        keel_problems_add(x->p, line_of(n), 0, "<%s>: %s", n->name, e.msg);
    else
        x->a->setting_line[id] = line_of(n);
}

/* Copy a required text into dst, or report it empty / too long. */
static int copy_text(struct ctx *x, struct xml_node *n, char *dst,
                     size_t size)
{
    const char *t = text_of(n);

    if (!t[0] || strlen(t) >= size) {
        keel_problems_add(x->p, line_of(n), 0, "<%s> is %s", n->name,
                          t[0] ? "too long" : "empty");
        return -1;
    }
    memcpy(dst, t, strlen(t) + 1);
    return 0;
}

/* The schema's bool: 1, 0, or -1 (and a problem) for anything else. */
static int bool_attr(struct ctx *x, struct xml_node *n, const char *attr,
                     const char *v)
{
    static const char *const yes[] = { "true", "yes", "1" };
    static const char *const no[] = { "false", "no", "0" };

    for (int i = 0; i < 3; i++) {
        if (!strcasecmp(v, yes[i]))
            return 1;
        if (!strcasecmp(v, no[i]))
            return 0;
    }
    keel_problems_add(x->p, n->line, 0, "<%s %s=\"%.20s\">: write true "
                      "or false", n->name, attr, v);
    return -1;
}

static void e_primary(struct ctx *x, struct xml_node *n)
{
    const char *gs = xml_attr(n, "guest-storage");
    const char *gs_old = xml_attr(n, "gueststorage"); /* [D] */
    const char *end = xml_attr(n, "sr-at-end");
    const char *raid = xml_attr(n, "swraid");
    const char *keep = xml_attr(n, "preserve-first-partition");

    if (!gs)
        gs = gs_old;
    if (gs && !bool_attr(x, n, gs_old && gs == gs_old ? "gueststorage" :
                         "guest-storage", gs)) {
        x->a->sr_on_primary = 0;
        x->a->sr_line = n->line;
    }
    if (end && !bool_attr(x, n, "sr-at-end", end))
        keel_problems_add(x->p, n->line, 1, "<primary-disk sr-at-end="
                          "\"%s\">: Keel's storage repository is always "
                          "at the end of the disk", end);
    if (raid && bool_attr(x, n, "swraid", raid) == 1)
        keel_problems_add(x->p, n->line, 0, "<primary-disk swraid=\"%s\">"
                          ": Keel has no software RAID; remove it and "
                          "give one disk", raid);
    if (keep && (!strcasecmp(keep, "true") || !strcasecmp(keep, "yes")))
        keel_problems_add(x->p, n->line, 0, "<primary-disk preserve-first-"
                          "partition=\"%s\">: Keel erases the whole "
                          "primary disk; remove it or write \"false\"",
                          keep);
    else if (keep && !strcasecmp(keep, "if-utility"))
        keel_problems_add(x->p, n->line, 1, "<primary-disk preserve-first-"
                          "partition=\"if-utility\">: Keel erases the "
                          "whole primary disk, a utility partition too");
    else if (keep && strcasecmp(keep, "false") && strcasecmp(keep, "no"))
        keel_problems_add(x->p, n->line, 0, "<primary-disk preserve-first-"
                          "partition=\"%.20s\">: write false", keep);
    if (!copy_text(x, n, x->a->primary, sizeof(x->a->primary)))
        x->a->primary_line = line_of(n);
}

static void e_guest(struct ctx *x, struct xml_node *n)
{
    int i = x->a->nguests;

    if (i == KEEL_GUESTS_MAX) {
        keel_problems_add(x->p, n->line, 0, "more than %d <guest-disk> "
                          "elements", KEEL_GUESTS_MAX);
        return;
    }
    if (!copy_text(x, n, x->a->guests[i], sizeof(x->a->guests[i]))) {
        x->a->guest_line[i] = line_of(n);
        x->a->nguests++;
    }
}

static void unknown_kid(struct ctx *x, struct xml_node *parent,
                        struct xml_node *k)
{
    keel_problems_add(x->p, k->line, 1, "<%s> inside <%s> is not "
                      "supported; ignored", k->name, parent->name);
}

/* <guest-disks><guest-disk>...</guest-disk>...</guest-disks>: the
 * schema's form; a bare <guest-disk> works too. */
static void e_guests(struct ctx *x, struct xml_node *n)
{
    for (int i = 0; i < n->nkids; i++) {
        if (!strcmp(n->kids[i]->name, "guest-disk"))
            e_guest(x, n->kids[i]);
        else
            unknown_kid(x, n, n->kids[i]);
    }
}

static void e_existing(struct ctx *x, struct xml_node *n)
{
    if (!copy_text(x, n, x->a->existing, sizeof(x->a->existing)))
        x->a->existing_line = line_of(n);
}

static void e_keymap(struct ctx *x, struct xml_node *n)
{
    set(x, n, KEEL_S_KEYMAP, text_of(n));
}

static void e_hostname(struct ctx *x, struct xml_node *n)
{
    set(x, n, KEEL_S_HOSTNAME, text_of(n));
}

static void e_timezone(struct ctx *x, struct xml_node *n)
{
    set(x, n, KEEL_S_TIMEZONE, text_of(n));
}

static void e_password(struct ctx *x, struct xml_node *n)
{
    const char *type = xml_attr(n, "type");
    const char *t = text_of(n);

    if (type && strcmp(type, "plaintext") && strcmp(type, "hash")) {
        keel_problems_add(x->p, n->line, 0, "<root-password type=\"%.20s"
                          "\">: the type is plaintext or hash", type);
        return;
    }
    if (type && !strcmp(type, "hash")) {
        set(x, n, KEEL_S_ROOT_HASH, t);
        x->a->password_line = line_of(n);
        return;
    }
    if (strlen(t) < KEEL_PASSWORD_MIN || strlen(t) >=
                                             sizeof(x->a->password)) {
        keel_problems_add(x->p, line_of(n), 0, "<root-password>: use %d "
                          "to %zu characters", KEEL_PASSWORD_MIN,
                          sizeof(x->a->password) - 1);
        return;
    }
    strcpy(x->a->password, t);
    x->a->password_line = line_of(n);
}

/* The items of n's text onto l, refused at n's line past max.  The
 * buffer holds max items of 253 characters, what the validator takes. */
static void list_add(struct ctx *x, struct xml_node *n, struct list *l,
                     int max, const char *what)
{
    const char *p = text_of(n);
    size_t len = strlen(l->s), w;

    if (!l->first)
        l->first = n;
    for (; !l->over && *(p += strspn(p, " \t\r\n,")); p += w) {
        w = strcspn(p, " \t\r\n,");
        l->over = 1;
        if (++l->n > max)
            keel_problems_add(x->p, line_of(n), 0, "<%s>: more than %d "
                              "%ss; at most %d are allowed, remove the "
                              "rest", n->name, max, what, max);
        else if (len + w + 2 > sizeof(l->s))
            keel_problems_add(x->p, line_of(n), 0, "<%s>: %s %d is longer "
                              "than 253 characters", n->name, what, l->n);
        else
            l->over = 0;
        if (l->over)
            return;
        len += (size_t)snprintf(l->s + len, sizeof(l->s) - len, "%s%.*s",
                                len ? " " : "", (int)w, p);
    }
}

static void e_dns(struct ctx *x, struct xml_node *n)
{
    list_add(x, n, &x->dns, KEEL_DNS_MAX, "DNS server");
}

static void e_ntp_server(struct ctx *x, struct xml_node *n)
{
    list_add(x, n, &x->ntp, KEEL_NTP_MAX, "NTP server");
}

static void e_ntp(struct ctx *x, struct xml_node *n)
{
    const char *src = xml_attr(n, "source");

    if (src && !strcmp(src, "none"))
        x->ntp_none = n->line;
    else if (src && !strcmp(src, "dhcp"))
        keel_problems_add(x->p, n->line, 1, "<ntp source=\"dhcp\">: Keel "
                          "does not take NTP servers from DHCP; using "
                          "the ones listed, or the default");
    else if (src && strcmp(src, "default") && strcmp(src, "manual"))
        keel_problems_add(x->p, n->line, 0, "<ntp source=\"%.20s\">: "
                          "source is none, default, manual or dhcp", src);
    for (int i = 0; i < n->nkids; i++) {
        if (!strcmp(n->kids[i]->name, "ntp-server"))
            e_ntp_server(x, n->kids[i]);
        else
            unknown_kid(x, n, n->kids[i]);
    }
}

static void admin_kids(struct ctx *x, struct xml_node *n, int is_static)
{
    static const struct {
        const char *name;
        enum keel_setting_id id;
    } kids[] = { { "ipaddr", KEEL_S_MGMT_ADDRESS },
                 { "ip", KEEL_S_MGMT_ADDRESS },          /* [D] */
                 { "subnet", KEEL_S_MGMT_PREFIX },
                 { "subnet-mask", KEEL_S_MGMT_PREFIX },  /* [D] */
                 { "gateway", KEEL_S_MGMT_GATEWAY } };
    const size_t nk = sizeof(kids) / sizeof(kids[0]);

    for (int i = 0; i < n->nkids; i++) {
        struct xml_node *k = n->kids[i];
        size_t j;

        for (j = 0; j < nk && strcmp(k->name, kids[j].name); j++)
            ;
        if (j == nk && (!strcmp(k->name, "ipv6") ||
                        !strcmp(k->name, "gatewayv6")))
            keel_problems_add(x->p, k->line, 1, "<%s>: no IPv6 yet; "
                              "ignored", k->name);
        else if (j == nk)
            unknown_kid(x, n, k);
        else if (!is_static)
            keel_problems_add(x->p, k->line, 1, "<%s> is ignored with "
                              "proto=\"dhcp\"", k->name);
        else
            set(x, k, kids[j].id, text_of(k));
    }
}

static void e_admin(struct ctx *x, struct xml_node *n)
{
    const char *name = xml_attr(n, "name"), *hw = xml_attr(n, "hwaddr");
    const char *proto = xml_attr(n, "proto"), *vlan = xml_attr(n, "vlan");
    const char *v6 = xml_attr(n, "protov6");

    if (!name == !hw)
        keel_problems_add(x->p, n->line, 0, "<admin-interface> needs "
                          "either name=\"eth0\" or hwaddr=\"MAC\"");
    else if (strlen(name ? name : hw) >= sizeof(x->a->nic))
        keel_problems_add(x->p, n->line, 0, "<admin-interface>: the "
                          "interface name or MAC is too long");
    else {
        strcpy(x->a->nic, name ? name : hw);
        x->a->nic_line = n->line;
    }
    if (proto && !strcmp(proto, "none"))
        keel_problems_add(x->p, n->line, 0, "<admin-interface proto="
                          "\"none\">: Keel manages the host over IPv4 (no "
                          "IPv6 yet); write proto=\"dhcp\" or \"static\"");
    else if (!proto || (strcmp(proto, "dhcp") && strcmp(proto, "static")))
        keel_problems_add(x->p, n->line, 0, "<admin-interface> needs "
                          "proto=\"dhcp\" or proto=\"static\"");
    else
        set(x, n, KEEL_S_MGMT_MODE, proto);
    if (vlan)
        set(x, n, KEEL_S_MGMT_VLAN, vlan);
    if (v6 && strcmp(v6, "none"))
        keel_problems_add(x->p, n->line, 1, "<admin-interface protov6="
                          "\"%.20s\">: no IPv6 yet; ignored", v6);
    /* Missing static addresses are reported at the interface. */
    x->a->setting_line[KEEL_S_MGMT_ADDRESS] = n->line;
    x->a->setting_line[KEEL_S_MGMT_PREFIX] = n->line;
    x->a->setting_line[KEEL_S_MGMT_GATEWAY] = n->line;
    x->a->setting_line[KEEL_S_MGMT_MODE] = n->line;
    admin_kids(x, n, proto && !strcmp(proto, "static"));
}

static void e_service(struct ctx *x, struct xml_node *n)
{
    const char *name = xml_attr(n, "name"), *state = xml_attr(n, "state");

    if (!state || (strcmp(state, "enabled") && strcmp(state, "disabled"))) {
        keel_problems_add(x->p, n->line, 0, "<service> needs state="
                          "\"enabled\" or state=\"disabled\"");
        return;
    }
    if (!name || strcmp(name, "sshd")) {
        keel_problems_add(x->p, n->line, 1, "<service name=\"%.30s\">: "
                          "only sshd can be set; ignored",
                          name ? name : "");
        return;
    }
    set(x, n, KEEL_S_SSH, state[0] == 'e' ? "on" : "off");
}

static void e_source(struct ctx *x, struct xml_node *n)
{
    const char *type = xml_attr(n, "type");

    (void)xml_attr(n, "repo-gpgcheck");
    (void)xml_attr(n, "gpgcheck");
    if (type && (!strcmp(type, "url") || !strcmp(type, "nfs")))
        keel_problems_add(x->p, n->line, 1, "<source type=\"%s\">%.80s"
                          "</source>: Keel installs from its own medium; "
                          "that repository is not used (the rest of the "
                          "file applies)", type, text_of(n));
    else if (!type || strcmp(type, "local"))
        keel_problems_add(x->p, n->line, 0, "<source type=\"%.20s\">: the"
                          " type is local, url or nfs", type ? type : "");
}

/*
 * <script stage="..." type="url">URL</script>, and the older
 * <post-install-script> (filesystem-populated) and
 * <install-failed-script> (installation-complete), type optional.
 */
static void script(struct ctx *x, struct xml_node *n, int stage)
{
    const char *type = xml_attr(n, "type");
    struct keel_script *s = &x->a->scripts[x->a->nscripts];
    struct keel_err e;

    if (type && !strcmp(type, "nfs")) {
        keel_problems_add(x->p, n->line, 0, "<%s type=\"nfs\">: Keel "
                          "fetches scripts over HTTP only; serve it over "
                          "http:// and write type=\"url\"", n->name);
        return;
    }
    if (type && strcmp(type, "url")) {
        keel_problems_add(x->p, n->line, 0, "<%s type=\"%.20s\">: the "
                          "type is url", n->name, type);
        return;
    }
    if (x->a->nscripts == KEEL_SCRIPTS_MAX) {
        keel_problems_add(x->p, n->line, 0, "more than %d scripts",
                          KEEL_SCRIPTS_MAX);
        return;
    }
    if (copy_text(x, n, s->url, sizeof(s->url)))
        return;
    if (keel_url_check(s->url, "<script>", &e)) {
        keel_problems_add(x->p, line_of(n), 0, "%s", e.msg);
        return;
    }
    s->stage = (enum keel_script_stage)stage;
    s->line = line_of(n);
    x->a->nscripts++;
}

static void e_script(struct ctx *x, struct xml_node *n)
{
    const char *stage = xml_attr(n, "stage");
    int st = stage ? keel_script_stage_parse(stage) : -1;

    if (st < 0)
        keel_problems_add(x->p, n->line, 0, "<script stage=\"%.30s\">: "
                          "the stage is installation-start, filesystem-"
                          "populated or installation-complete",
                          stage ? stage : "");
    else
        script(x, n, st);
}

static void e_post_install(struct ctx *x, struct xml_node *n)
{
    script(x, n, KEEL_SCRIPT_POPULATED);
}

static void e_install_failed(struct ctx *x, struct xml_node *n)
{
    script(x, n, KEEL_SCRIPT_COMPLETE);
}

/* Elements whose silent omission would install something else than
 * what the file asks for. */
static void e_refuse(struct ctx *x, struct xml_node *n)
{
    keel_problems_add(x->p, n->line, 0, "<%s> is not supported by Keel "
                      "(ignoring it would install something other than "
                      "the file asks for); remove it", n->name);
}

static void e_ignore(struct ctx *x, struct xml_node *n)
{
    keel_problems_add(x->p, n->line, 1, "<%s> does not apply to Keel; "
                      "ignored", n->name);
}

static const struct elem {
    const char *name;
    void (*fn)(struct ctx *x, struct xml_node *n);
    int once;
} elems[] = {
    { "primary-disk", e_primary, 1 },
    { "guest-disk", e_guest, 0 },
    { "guest-disks", e_guests, 0 },
    { "existing-installation", e_existing, 1 },
    { "keymap", e_keymap, 1 },
    { "root-password", e_password, 1 },
    { "admin-interface", e_admin, 1 },
    { "name-server", e_dns, 0 },
    { "nameserver", e_dns, 0 }, /* [D] */
    { "hostname", e_hostname, 1 },
    { "timezone", e_timezone, 1 },
    { "ntp", e_ntp, 1 },
    { "ntp-server", e_ntp_server, 0 },
    { "ntp-servers", e_ntp_server, 0 },
    { "service", e_service, 0 },
    { "source", e_source, 0 },
    { "script", e_script, 0 },
    { "post-install-script", e_post_install, 1 },   /* [D] */
    { "install-failed-script", e_install_failed, 1 }, /* [D] */
    { "driver-source", e_refuse, 0 },
    { "supplemental-pack", e_refuse, 0 },
    { "storage-type", e_refuse, 1 },
    { "initial-partitions", e_refuse, 1 },
    { "raid", e_refuse, 1 },
    { "backup-disk", e_refuse, 1 },
    { "bootloader", e_ignore, 1 },
    { "network-backend", e_ignore, 1 },
    { "network-config", e_ignore, 1 },
    { "time-config-method", e_ignore, 1 },
    { "ui-confirmation-prompt", e_ignore, 1 },
};

static void unused_attrs(struct ctx *x, struct xml_node *n)
{
    for (int i = 0; i < n->nattrs; i++)
        if (!n->attrs[i].used)
            keel_problems_add(x->p, n->line, 1, "<%s %s=...>: attribute "
                              "not supported; ignored", n->name,
                              n->attrs[i].name);
    for (int i = 0; i < n->nkids; i++)
        unused_attrs(x, n->kids[i]);
}

static void root_attrs(struct ctx *x, struct xml_node *n)
{
    const char *mode = xml_attr(n, "mode"), *sr = xml_attr(n, "sr-type");
    const char *sr_old = xml_attr(n, "srtype"); /* [D] */
    static const char *const repo_attrs[] = { "repo-gpgcheck", "gpgcheck" };

    if (!sr)
        sr = sr_old;
    for (int i = 0; i < 2; i++)
        if (xml_attr(n, repo_attrs[i]))
            keel_problems_add(x->p, n->line, 1, "<installation %s=...>: "
                              "Keel installs from its own signed medium, "
                              "not a repository; ignored", repo_attrs[i]);
    if (mode && !strcmp(mode, "upgrade"))
        x->a->mode = KEEL_MODE_UPGRADE;
    else if (mode && !strcmp(mode, "reinstall"))
        x->a->reinstall = 1;
    else if (mode && strcmp(mode, "fresh"))
        keel_problems_add(x->p, n->line, 0, "<installation mode=\"%.20s\">"
                          ": the mode is fresh, reinstall or upgrade", mode);
    if (sr && strcmp(sr, "lvm"))
        keel_problems_add(x->p, n->line, 0, "<installation sr-type=\"%.20s"
                          "\">: Keel's storage repository is LVM only; "
                          "write sr-type=\"lvm\" or leave it out", sr);
    for (int i = 0; i < n->nattrs; i++)
        if (!n->attrs[i].used)
            keel_problems_add(x->p, n->line, 1, "<installation %s=...>: "
                              "attribute not supported; ignored",
                              n->attrs[i].name);
}

static void kid(struct ctx *x, struct xml_node *k, int seen[])
{
    size_t n = sizeof(elems) / sizeof(elems[0]), i;

    for (i = 0; i < n && strcmp(elems[i].name, k->name); i++)
        ;
    if (i == n) {
        keel_problems_add(x->p, k->line, 1, "<%s> is not an answer Keel "
                          "knows; ignored", k->name);
        return;
    }
    if (elems[i].once && seen[i]) {
        keel_problems_add(x->p, k->line, 0, "<%s> given twice (first on "
                          "line %d)", k->name, seen[i]);
        return;
    }
    seen[i] = k->line;
    elems[i].fn(x, k);
    if (elems[i].fn != e_refuse && elems[i].fn != e_ignore)
        unused_attrs(x, k);
}

static void lists(struct ctx *x)
{
    if (x->dns.first && !x->dns.over)
        set(x, x->dns.first, KEEL_S_DNS, x->dns.s);
    if (x->ntp_none && x->ntp.first)
        keel_problems_add(x->p, x->ntp_none, 0, "<ntp source=\"none\"> "
                          "with NTP servers listed: say one or the other");
    else if (x->ntp_none)
        keel_settings_set_id(&x->a->settings, KEEL_S_NTP, "", NULL);
    else if (x->ntp.first && !x->ntp.over)
        set(x, x->ntp.first, KEEL_S_NTP, x->ntp.s);
}

int keel_answers_parse_xml(struct keel_answers *a, const char *text,
                           size_t len, struct keel_problems *p)
{
    struct ctx x = { .a = a, .p = p };
    struct xml_node *root;
    struct keel_err e;
    int line, seen[sizeof(elems) / sizeof(elems[0])] = { 0 };
    int before = p->nerrors;

    if (xml_parse(text, len, &root, &line, &e)) {
        keel_problems_add(p, line, 0, "%s", e.msg);
        return KEEL_EINVAL;
    }
    if (!strcmp(root->name, "restore")) {
        keel_problems_add(p, root->line, 0, "<restore>: Keel does not "
                          "restore XenServer backups; an answer file is "
                          "<installation>");
        xml_free(root);
        return KEEL_EINVAL;
    }
    if (strcmp(root->name, "installation")) {
        keel_problems_add(p, root->line, 0, "the document element is <%s>;"
                          " an answer file is <installation>", root->name);
        xml_free(root);
        return KEEL_EINVAL;
    }
    a->from_xml = 1;
    root_attrs(&x, root);
    for (int i = 0; i < root->nkids; i++)
        kid(&x, root->kids[i], seen);
    lists(&x);
    xml_free(root);
    keel_answers_check(a, p);
    return p->nerrors > before ? KEEL_EINVAL : 0;
}
