/*
 * scr-action.h - installer step: install, or upgrade an installation found on
 * a disk.
 * ask() paints the screen and reads keys (inst.h); check() validates
 * and stores the answer, or fails the step with the message.
 */
#ifndef KEEL_SCR_ACTION_H
#define KEEL_SCR_ACTION_H

#include "inst.h"

enum step_result scr_action_ask(struct inst *in);
int scr_action_check(struct inst *in);

#endif
