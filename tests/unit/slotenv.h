/*
 * slotenv.h - the slot tests' fixture: a grubenv block as GRUB writes
 * it, for the fake ESP.
 */
#ifndef KEEL_UNIT_SLOTENV_H
#define KEEL_UNIT_SLOTENV_H

/* "# GRUB Environment Block\n" + vars, padded with '#' to 1024 bytes
 * (a static buffer: valid until the next call). */
const char *slot_env(const char *vars);

#endif
