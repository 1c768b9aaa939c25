/*
 * scr-password.h - installer step: the root password, entered twice.
 * ask() paints the screen and reads keys (inst.h); check() validates
 * and stores the answer, or fails the step with the message.
 */
#ifndef KEEL_SCR_PASSWORD_H
#define KEEL_SCR_PASSWORD_H

#include "inst.h"

enum step_result scr_password_ask(struct inst *in);
int scr_password_check(struct inst *in);

#endif
