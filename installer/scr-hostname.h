/*
 * scr-hostname.h - installer step: the host name and DNS servers.
 * ask() paints the screen and reads keys (inst.h); check() validates
 * and stores the answer, or fails the step with the message.
 */
#ifndef KEEL_SCR_HOSTNAME_H
#define KEEL_SCR_HOSTNAME_H

#include "inst.h"

enum step_result scr_hostname_ask(struct inst *in);
int scr_hostname_check(struct inst *in);

#endif
