/*
 * inst.c - the interactive installer's state (inst.h): what it reads
 * before the first screen (disks with their installations, NICs, time
 * zones, the medium's version) and the helpers the screens share.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inst.h"

#define ZONE_TAB "/usr/share/zoneinfo/zone1970.tab"

/* When the system has no tzdata (the dom0 image has none today): a
 * short list, in zone1970.tab's format. */
static const char builtin_zones[] =
    "#codes\tcoordinates\tTZ\n"
    "GB\t+513030-0000731\tEurope/London\n"
    "DE\t+5230+01322\tEurope/Berlin\n"
    "FR\t+4852+00220\tEurope/Paris\n"
    "ES\t+4024-00341\tEurope/Madrid\n"
    "IT\t+4154+01229\tEurope/Rome\n"
    "NL\t+5222+00454\tEurope/Amsterdam\n"
    "SE\t+5920+01803\tEurope/Stockholm\n"
    "PL\t+5215+02100\tEurope/Warsaw\n"
    "RU\t+554521+0373704\tEurope/Moscow\n"
    "US\t+404251-0740023\tAmerica/New_York\n"
    "US\t+415100-0873900\tAmerica/Chicago\n"
    "US\t+394421-1045903\tAmerica/Denver\n"
    "US\t+340308-1181434\tAmerica/Los_Angeles\n"
    "CA\t+4339-07923\tAmerica/Toronto\n"
    "BR\t-2332-04637\tAmerica/Sao_Paulo\n"
    "MX\t+1924-09909\tAmerica/Mexico_City\n"
    "JP\t+353916+1394441\tAsia/Tokyo\n"
    "CN\t+3114+12128\tAsia/Shanghai\n"
    "IN\t+2232+08822\tAsia/Kolkata\n"
    "SG\t+0117+10351\tAsia/Singapore\n"
    "AE\t+2518+05518\tAsia/Dubai\n"
    "AU\t-3352+15113\tAustralia/Sydney\n"
    "AU\t-3157+11551\tAustralia/Perth\n"
    "NZ\t-3652+17446\tPacific/Auckland\n"
    "ZA\t-2615+02800\tAfrica/Johannesburg\n"
    "EG\t+3003+03115\tAfrica/Cairo\n";

int inst_fail(struct inst *in, int field, const struct keel_err *e)
{
    snprintf(in->err, sizeof(in->err), "%s", e->msg);
    in->err_field = field;
    return KEEL_EINVAL;
}

int inst_set(struct inst *in, enum keel_setting_id id, const char *value,
             int field)
{
    struct keel_err e;

    if (keel_settings_set_id(&in->a.settings, id, value, &e))
        return inst_fail(in, field, &e);
    return 0;
}

int inst_upgrading(const struct inst *in)
{
    return in->a.mode == KEEL_MODE_UPGRADE;
}

static int load_zones(struct inst *in, struct keel_err *e)
{
    char *text = NULL;
    size_t len;
    int rc = keel_backend_read(in->b, ZONE_TAB, &text, &len, NULL);

    if (!rc)
        rc = keel_tz_load(text, len, &in->zones, e);
    free(text);
    if (rc) {
        in->tz_builtin = 1;
        rc = keel_tz_load(builtin_zones, sizeof(builtin_zones) - 1,
                          &in->zones, e);
    }
    in->a.settings.zones = rc ? NULL : in->zones;
    return rc;
}

/* The region index of UTC, counted over distinct regions as the time
 * zone screen lists them. */
static void utc_region(struct inst *in)
{
    const char *prev = NULL;
    size_t prev_len = 0;
    int regions = 0;

    for (size_t i = 0; i < in->zones->n; i++) {
        const char *name = in->zones->names[i];
        size_t l = strcspn(name, "/");

        if (prev && prev_len == l && !strncmp(prev, name, l))
            continue;
        if (!strcmp(name, "UTC"))
            in->region_sel = regions;
        regions++;
        prev = name;
        prev_len = l;
    }
}

static void read_version(struct inst *in)
{
    char *text = NULL;
    size_t len;

    snprintf(in->version, sizeof(in->version), "(unknown)");
    if (!keel_backend_read(in->b, KEEL_VERSION_FILE, &text, &len, NULL))
        snprintf(in->version, sizeof(in->version), "%.*s",
                 (int)strcspn(text, "\r\n"), text);
    free(text);
}

static void defaults(struct inst *in)
{
    const struct keel_settings *s = &in->a.settings;

    in->dhcp = 1;
    in->nic_sel = -1;
    in->city_sel = -1;
    in->err_field = -1;
    snprintf(in->hostname, sizeof(in->hostname), "%s",
             keel_settings_value(s, KEEL_S_HOSTNAME));
    snprintf(in->ntp, sizeof(in->ntp), "%s",
             keel_settings_value(s, KEEL_S_NTP));
    snprintf(in->dns, sizeof(in->dns), "%s",
             keel_settings_value(s, KEEL_S_DNS));
}

/* Everything the screens show before the first; 0 or an error. */
int inst_init(struct inst *in, struct keel_backend *b, struct keel_err *e)
{
    int rc;

    in->b = b;
    rc = keel_answers_init(&in->a, e);
    if (rc)
        return rc;
    /* The screens ask: the disk screen says what Keel a disk holds, the
     * summary has the erasure confirmed. */
    in->a.reinstall = 1;
    defaults(in);
    read_version(in);
    rc = keel_backend_disk_list(b, &in->disks, e);
    if (!rc)
        rc = keel_backend_nic_list(b, &in->nics, e);
    if (!rc)
        keel_install_inspect(b, &in->disks);
    if (!rc)
        rc = load_zones(in, e);
    if (!rc)
        utc_region(in);
    return rc;
}

void inst_fini(struct inst *in)
{
    if (in->have_plan)
        keel_plan_fini(&in->plan);
    keel_disks_free(&in->disks);
    keel_nics_free(&in->nics);
    keel_tz_free(in->zones);
    memset(in->pw1, 0, sizeof(in->pw1));
    memset(in->pw2, 0, sizeof(in->pw2));
    memset(in->a.password, 0, sizeof(in->a.password));
    keel_answers_fini(&in->a);
}
