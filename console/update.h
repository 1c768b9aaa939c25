/*
 * update.h - Update and Rollback: apply a bundle, verify one, revert
 * to the other slot (keelctl update ..., keelctl slot revert).
 */
#ifndef KEEL_CONSOLE_UPDATE_H
#define KEEL_CONSOLE_UPDATE_H

#include "console.h"

int update_verify_run(struct app *a, int argc, char **argv, struct out *o,
                      struct keel_err *e);
enum next update_apply_activate(struct app *a, const struct action *act);
int update_apply_run(struct app *a, int argc, char **argv, struct out *o,
                     struct keel_err *e);
enum next revert_activate(struct app *a, const struct action *act);
int revert_run(struct app *a, int argc, char **argv, struct out *o,
               struct keel_err *e);

int trial_failed_run(struct app *a, int argc, char **argv, struct out *o,
                     struct keel_err *e);

#endif
