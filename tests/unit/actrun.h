/*
 * actrun.h - run one row of the console's action table as keelctl
 * would, for the tests of console/ actions.
 */
#ifndef KEEL_UNIT_ACTRUN_H
#define KEEL_UNIT_ACTRUN_H

#include "cmd.h"

/* Run the action name with argv (text, or JSON if json); its output
 * into *text (caller frees with free()).  The run's return code. */
int unit_act_run(struct app *a, const char *name, int argc, char **argv,
                 int json, char **text, struct keel_err *e);

#endif
