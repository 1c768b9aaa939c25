/*
 * test-layout.c - the GPT layout over many disk sizes and sector sizes.
 */
#include <stdio.h>
#include <string.h>

#include "keel-layout.h"
#include "unit.h"

/* Every rule of the layout, for one planned disk. */
static void check_layout(const struct keel_layout *l, uint64_t size,
                         unsigned sector)
{
    static const char *const names[] = { "bios-boot", "esp", "keel-a",
                                         "keel-b", "keel-state",
                                         "keel-sr" };
    static const uint64_t sizes[] = { KEEL_MIB, 256 * KEEL_MIB,
                                      4 * KEEL_GIB, 4 * KEEL_GIB,
                                      KEEL_GIB, 0 };
    uint64_t align = KEEL_MIB / sector, gpt = 16384 / sector;

    CHECK_INT(l->sector, sector);
    CHECK_INT(l->nsectors, size / sector);
    CHECK_INT(l->p[0].first, align);
    for (int i = 0; i < KEEL_LAYOUT_PARTS; i++) {
        const struct keel_part_plan *p = &l->p[i];

        CHECK_INT(p->num, i + 1);
        CHECK_STR(p->name, names[i]);
        CHECK_INT(p->first % align, 0);
        CHECK_INT((p->last + 1) % align, 0);
        CHECK_INT(p->start, p->first * sector);
        CHECK_INT(p->size, (p->last - p->first + 1) * sector);
        if (sizes[i])
            CHECK_INT(p->size, sizes[i]);
        if (i)
            CHECK(p->first > l->p[i - 1].last);
    }
    CHECK(l->p[5].size >= KEEL_SR_MIN);
    /* keel-sr takes the rest: less than 1 MiB is left before the
     * backup GPT, which still fits. */
    CHECK(l->p[5].last <= l->nsectors - 2 - gpt);
    CHECK(l->nsectors - 1 - l->p[5].last <= align + gpt + 1);
}

UNIT_TEST(layout_sizes_and_sectors)
{
    static const uint64_t sizes[] = {
        KEEL_DISK_MIN, KEEL_DISK_MIN + 512 * 8, 16 * KEEL_GIB,
        20 * KEEL_GIB, 20 * KEEL_GIB + 4096 * 3, 2048 * KEEL_GIB,
        2048 * KEEL_GIB + 4096, 3 * 1024 * KEEL_GIB,
        16 * 1024 * KEEL_GIB,
    };
    static const unsigned sectors[] = { 512, 4096 };

    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        for (size_t j = 0; j < 2; j++) {
            struct keel_layout l;
            struct keel_err e;
            int rc = keel_layout_plan(sizes[i], sectors[j], &l, &e);

            CHECK_INT(rc, 0);
            if (!rc)
                check_layout(&l, sizes[i], sectors[j]);
        }
    }
}

UNIT_TEST(layout_minimum_exact)
{
    struct keel_layout l;

    CHECK_INT(KEEL_DISK_MIN, 14230224896ULL);
    CHECK(KEEL_DISK_MIN <= 16 * KEEL_GIB);
    CHECK_INT(keel_layout_plan(KEEL_DISK_MIN, 512, &l, NULL), 0);
    CHECK_INT(l.p[5].size, KEEL_SR_MIN);
    CHECK_INT(keel_layout_plan(KEEL_DISK_MIN, 4096, &l, NULL), 0);
    CHECK_INT(l.p[5].size, KEEL_SR_MIN);
    CHECK_INT(l.p[0].first, 256);
    CHECK_INT(l.p[5].first, 9474ULL * 256);
}

UNIT_TEST(layout_below_minimum)
{
    struct keel_layout l;
    struct keel_err e;

    CHECK_INT(keel_layout_plan(KEEL_DISK_MIN - 512, 512, &l, &e),
              KEEL_EINVAL);
    CHECK(strstr(e.msg, "too small") != NULL);
    CHECK(strstr(e.msg, "14230224896 bytes") != NULL);
    CHECK_INT(keel_layout_plan(KEEL_DISK_MIN - 4096, 4096, &l, &e),
              KEEL_EINVAL);
    CHECK_INT(keel_layout_plan(8 * KEEL_GIB, 512, &l, &e), KEEL_EINVAL);
    CHECK(strstr(e.msg, "8.0 GiB") != NULL);
    CHECK_INT(keel_layout_plan(0, 512, &l, &e), KEEL_EINVAL);
}

UNIT_TEST(layout_bad_sector_sizes)
{
    struct keel_layout l;
    struct keel_err e;

    CHECK_INT(keel_layout_plan(20 * KEEL_GIB, 520, &l, &e), KEEL_EINVAL);
    CHECK(strstr(e.msg, "sector size 520") != NULL);
    CHECK_INT(keel_layout_plan(20 * KEEL_GIB, 0, &l, &e), KEEL_EINVAL);
    CHECK_INT(keel_layout_plan(20 * KEEL_GIB + 512, 4096, &l, &e),
              KEEL_EINVAL);
    CHECK(strstr(e.msg, "whole number") != NULL);
}

UNIT_TEST(layout_known_numbers_20g)
{
    struct keel_layout l;

    CHECK_INT(keel_layout_plan(20 * KEEL_GIB, 512, &l, NULL), 0);
    CHECK_INT(l.p[0].first, 2048);
    CHECK_INT(l.p[0].last, 4095);
    CHECK_INT(l.p[1].first, 4096);
    CHECK_INT(l.p[2].first, 528384);
    CHECK_INT(l.p[5].first, 9474ULL * 2048);
    /* 20 GiB: the last MiB holds the backup GPT. */
    CHECK_INT(l.p[5].last, 20480ULL * 2048 - 2048 - 1);
}

UNIT_TEST(layout_guest_disks)
{
    struct keel_err e;

    CHECK_INT(keel_layout_check_guest(KEEL_GUEST_DISK_MIN, &e), 0);
    CHECK_INT(keel_layout_check_guest(2048 * KEEL_GIB, &e), 0);
    CHECK_INT(keel_layout_check_guest(KEEL_GUEST_DISK_MIN - 512, &e),
              KEEL_EINVAL);
    CHECK(strstr(e.msg, "64 MiB") != NULL);
}

UNIT_TEST(layout_size_format)
{
    char b[16];

    keel_size_format(20 * KEEL_GIB, b);
    CHECK_STR(b, "20.0 GiB");
    keel_size_format(2048 * KEEL_GIB, b);
    CHECK_STR(b, "2.00 TiB");
    keel_size_format(256 * KEEL_MIB, b);
    CHECK_STR(b, "256 MiB");
    keel_size_format(1000, b);
    CHECK_STR(b, "1000 bytes");
}

/* Without the SR (guest-storage="false"): five partitions, keel-state
 * the last, and the disk may be as small as they and the GPTs need. */
UNIT_TEST(layout_without_sr)
{
    struct keel_layout l;
    struct keel_err e;

    CHECK_INT(KEEL_DISK_MIN_NO_SR, 9475ULL * KEEL_MIB);
    CHECK_INT(keel_layout_plan_with(KEEL_DISK_MIN_NO_SR, 512, 0, &l, &e),
              0);
    CHECK_INT(l.nparts, 5);
    CHECK_STR(l.p[4].name, "keel-state");
    CHECK_INT(l.p[4].last, 9474ULL * 2048 - 1);
    CHECK_INT(keel_layout_plan_with(KEEL_DISK_MIN_NO_SR, 4096, 0, &l, &e),
              0);
    CHECK_INT(keel_layout_plan_with(KEEL_DISK_MIN_NO_SR - 512, 512, 0, &l,
                                    &e), KEEL_EINVAL);
    CHECK(strstr(e.msg, "without the storage repository on it") != NULL);
    CHECK_INT(keel_layout_plan_with(KEEL_DISK_MIN_NO_SR, 512, 1, &l, &e),
              KEEL_EINVAL);
    CHECK_INT(keel_layout_plan(20 * KEEL_GIB, 512, &l, NULL), 0);
    CHECK_INT(l.nparts, 6);
}
