/* network.h - Network and Management Interface. */
#ifndef KEEL_CONSOLE_NETWORK_H
#define KEEL_CONSOLE_NETWORK_H

#include "console.h"

void network_paint(struct app *a, int y, int x, int h, int w);
enum next hostname_activate(struct app *a, const struct action *act);
enum next static_activate(struct app *a, const struct action *act);
enum next vlan_activate(struct app *a, const struct action *act);
enum next nic_activate(struct app *a, const struct action *act);
enum next dns_activate(struct app *a, const struct action *act);
enum next ntp_activate(struct app *a, const struct action *act);
enum next nettest_activate(struct app *a, const struct action *act);

#endif
