/*
 * scr-keymap.h - installer step: the keyboard layout of the installed host.
 * ask() paints the screen and reads keys (inst.h); check() validates
 * and stores the answer, or fails the step with the message.
 */
#ifndef KEEL_SCR_KEYMAP_H
#define KEEL_SCR_KEYMAP_H

#include "inst.h"

enum step_result scr_keymap_ask(struct inst *in);
int scr_keymap_check(struct inst *in);

#endif
