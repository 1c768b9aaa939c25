/*
 * update.h - Update and Rollback: apply a bundle, verify one, revert
 * to the other slot (keelctl update ..., keelctl slot revert).
 */
#ifndef KEEL_CONSOLE_UPDATE_H
#define KEEL_CONSOLE_UPDATE_H

#include "console.h"

enum next update_apply_activate(struct app *a, const struct action *act);
enum next revert_activate(struct app *a, const struct action *act);

#endif
