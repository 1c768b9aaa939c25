/*
 * scr-summary.h - installer step: the plan, and the confirmation naming the
 * disk erased.
 * ask() paints the screen and reads keys (inst.h); check() validates
 * and stores the answer, or fails the step with the message.
 */
#ifndef KEEL_SCR_SUMMARY_H
#define KEEL_SCR_SUMMARY_H

#include "inst.h"

enum step_result scr_summary_ask(struct inst *in);
int scr_summary_check(struct inst *in);

#endif
