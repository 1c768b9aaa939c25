/* hardware.h - Hardware: CPU, virtualization, memory, disks, NICs. */
#ifndef KEEL_CONSOLE_HARDWARE_H
#define KEEL_CONSOLE_HARDWARE_H

#include "console.h"

void hardware_paint(struct app *a, int y, int x, int h, int w);

#endif
