/*
 * scr-progress.h - installer step: apply, with a bar per stage.
 * ask() paints the screen and reads keys (inst.h).
 */
#ifndef KEEL_SCR_PROGRESS_H
#define KEEL_SCR_PROGRESS_H

#include "inst.h"

enum step_result scr_progress_ask(struct inst *in);

#endif
