/*
 * scr-welcome.h - installer step: what the installer does; the key to the
 * shell.
 * ask() paints the screen and reads keys (inst.h).
 */
#ifndef KEEL_SCR_WELCOME_H
#define KEEL_SCR_WELCOME_H

#include "inst.h"

enum step_result scr_welcome_ask(struct inst *in);

#endif
