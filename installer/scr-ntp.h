/*
 * scr-ntp.h - installer step: the NTP servers.
 * ask() paints the screen and reads keys (inst.h); check() validates
 * and stores the answer, or fails the step with the message.
 */
#ifndef KEEL_SCR_NTP_H
#define KEEL_SCR_NTP_H

#include "inst.h"

enum step_result scr_ntp_ask(struct inst *in);
int scr_ntp_check(struct inst *in);

#endif
