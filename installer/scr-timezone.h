/*
 * scr-timezone.h - installer step: the time zone, region then city.
 * ask() paints the screen and reads keys (inst.h); check() validates
 * and stores the answer, or fails the step with the message.
 */
#ifndef KEEL_SCR_TIMEZONE_H
#define KEEL_SCR_TIMEZONE_H

#include "inst.h"

enum step_result scr_timezone_ask(struct inst *in);
int scr_timezone_check(struct inst *in);

#endif
