/*
 * scr-timezone.c - the time zone: a region, then a city in it.  The
 * zones come from zone1970.tab (inst.c reads it, or uses its built-in
 * short list when the system has no tzdata); "UTC" is a region of its
 * own, with no city.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scr-timezone.h"
#include "ui.h"

#define MAX_ITEMS 512

static size_t region_len(const char *zone)
{
    return strcspn(zone, "/");
}

/* The regions into v (distinct, in list order); how many. */
static int regions(const struct keel_tzlist *z, struct ui_item *v)
{
    int n = 0;

    for (size_t i = 0; i < z->n && n < MAX_ITEMS; i++) {
        size_t l = region_len(z->names[i]);

        if (n && strlen(v[n - 1].text) == l &&
            !strncmp(v[n - 1].text, z->names[i], l))
            continue;
        memset(&v[n], 0, sizeof(v[n]));
        snprintf(v[n++].text, sizeof(v[0].text), "%.*s", (int)l,
                 z->names[i]);
    }
    return n;
}

/* The zones of region into v (the part after "REGION/"); first index
 * in *first. */
static int cities(const struct keel_tzlist *z, const char *region,
                  struct ui_item *v, size_t *first)
{
    size_t l = strlen(region);
    int n = 0;

    for (size_t i = 0; i < z->n && n < MAX_ITEMS; i++) {
        if (strncmp(z->names[i], region, l) || z->names[i][l] != '/')
            continue;
        if (!n)
            *first = i;
        memset(&v[n], 0, sizeof(v[n]));
        snprintf(v[n++].text, sizeof(v[0].text), "%s", z->names[i] + l + 1);
    }
    return n;
}

static int pick(const struct inst *in, const char *intro,
                struct ui_item *v, int n, int *sel)
{
    struct ui_list l = { intro, " Up/Down/PgUp/PgDn: move   Enter: next   "
                         "Esc: back", v, n, *sel < n ? *sel : 0, 0, 14,
                         NULL };
    int k;

    do
        k = ui_list_run(in, &l);
    while (k != UI_NEXT && k != UI_BACK);
    *sel = l.sel;
    return k;
}

enum step_result scr_timezone_ask(struct inst *in)
{
    struct ui_item *v = calloc(MAX_ITEMS, sizeof(*v));
    char region[160], intro[300];
    size_t first = 0;
    int n, k = UI_BACK;

    while (v) {
        n = regions(in->zones, v);
        snprintf(intro, sizeof(intro), "Time zone: choose the region%s.",
                 in->tz_builtin ? " (a short list: this system has no "
                 "tzdata)" : "");
        if (pick(in, intro, v, n, &in->region_sel) == UI_BACK)
            break;
        snprintf(region, sizeof(region), "%s", v[in->region_sel].text);
        n = cities(in->zones, region, v, &first);
        in->city_sel = n ? (int)first + (in->city_sel >= (int)first &&
                       in->city_sel < (int)first + n ?
                       in->city_sel - (int)first : 0) : -1;
        if (!n) {
            k = UI_NEXT;
            break;
        }
        snprintf(intro, sizeof(intro), "Time zone: choose the city in %s.",
                 region);
        {
            int sel = in->city_sel - (int)first;

            k = pick(in, intro, v, n, &sel);
            in->city_sel = (int)first + sel;
        }
        if (k == UI_NEXT)
            break;
    }
    free(v);
    return k == UI_NEXT ? STEP_NEXT : STEP_BACK;
}

int scr_timezone_check(struct inst *in)
{
    struct ui_item *v = calloc(MAX_ITEMS, sizeof(*v));
    char zone[160];
    int n;

    if (!v)
        return -1;
    n = regions(in->zones, v);
    if (in->city_sel >= 0 && (size_t)in->city_sel < in->zones->n)
        snprintf(zone, sizeof(zone), "%s", in->zones->names[in->city_sel]);
    else
        snprintf(zone, sizeof(zone), "%s", in->region_sel < n ?
                 v[in->region_sel].text : "UTC");
    free(v);
    return inst_set(in, KEEL_S_TIMEZONE, zone, -1);
}
