/*
 * scr-disk.h - installer step: the primary disk (erased), unusable disks
 * shown with why.
 * ask() paints the screen and reads keys (inst.h); check() validates
 * and stores the answer, or fails the step with the message.
 */
#ifndef KEEL_SCR_DISK_H
#define KEEL_SCR_DISK_H

#include "inst.h"

enum step_result scr_disk_ask(struct inst *in);
int scr_disk_check(struct inst *in);

#endif
