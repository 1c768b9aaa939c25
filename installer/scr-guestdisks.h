/*
 * scr-guestdisks.h - installer step: extra whole disks for the storage
 * repository.
 * ask() paints the screen and reads keys (inst.h); check() validates
 * and stores the answer, or fails the step with the message.
 */
#ifndef KEEL_SCR_GUESTDISKS_H
#define KEEL_SCR_GUESTDISKS_H

#include "inst.h"

enum step_result scr_guestdisks_ask(struct inst *in);
int scr_guestdisks_check(struct inst *in);

#endif
