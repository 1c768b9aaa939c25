/* vm.h - Virtual Machines. */
#ifndef KEEL_CONSOLE_VM_H
#define KEEL_CONSOLE_VM_H

#include "console.h"

void vm_paint(struct app *a, int y, int x, int h, int w);
/* Choose a VM (halted ones for vm-start and vm-delete, running ones
 * otherwise), confirm if the row says so, run. */
enum next vm_activate(struct app *a, const struct action *act);
enum next vm_create_activate(struct app *a, const struct action *act);
enum next vm_log_activate(struct app *a, const struct action *act);
enum next vm_cd_activate(struct app *a, const struct action *act);
enum next vm_autostart_activate(struct app *a, const struct action *act);

#endif
