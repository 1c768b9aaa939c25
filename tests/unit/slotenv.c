/*
 * slotenv.c - the slot tests' fixture (slotenv.h).
 */
#include <stdio.h>
#include <string.h>

#include "keel-grubenv.h"
#include "slotenv.h"

const char *slot_env(const char *vars)
{
    static char buf[KEEL_GRUBENV_SIZE + 1];
    int n = snprintf(buf, sizeof(buf), "# GRUB Environment Block\n%s",
                     vars);

    memset(buf + n, '#', KEEL_GRUBENV_SIZE - (size_t)n);
    buf[KEEL_GRUBENV_SIZE] = '\0';
    return buf;
}
