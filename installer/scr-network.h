/*
 * scr-network.h - installer step: DHCP or static IPv4 for the
 * management interface, and an optional VLAN.
 * ask() paints the screen and reads keys (inst.h); check() validates
 * and stores the answer, or fails the step with the message.
 */
#ifndef KEEL_SCR_NETWORK_H
#define KEEL_SCR_NETWORK_H

#include "inst.h"

enum step_result scr_network_ask(struct inst *in);
int scr_network_check(struct inst *in);

#endif
