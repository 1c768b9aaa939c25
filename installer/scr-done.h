/*
 * scr-done.h - installer step: the end: remove the medium, reboot.
 * ask() paints the screen and reads keys (inst.h).
 */
#ifndef KEEL_SCR_DONE_H
#define KEEL_SCR_DONE_H

#include "inst.h"

enum step_result scr_done_ask(struct inst *in);

#endif
