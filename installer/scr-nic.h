/*
 * scr-nic.h - installer step: the management network interface.
 * ask() paints the screen and reads keys (inst.h); check() validates
 * and stores the answer, or fails the step with the message.
 */
#ifndef KEEL_SCR_NIC_H
#define KEEL_SCR_NIC_H

#include "inst.h"

enum step_result scr_nic_ask(struct inst *in);
int scr_nic_check(struct inst *in);

#endif
