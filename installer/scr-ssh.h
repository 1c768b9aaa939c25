/*
 * scr-ssh.h - installer step: remote access: the SSH server on or off.
 * ask() paints the screen and reads keys (inst.h); check() validates
 * and stores the answer, or fails the step with the message.
 */
#ifndef KEEL_SCR_SSH_H
#define KEEL_SCR_SSH_H

#include "inst.h"

enum step_result scr_ssh_ask(struct inst *in);
int scr_ssh_check(struct inst *in);

#endif
