/* network.h - Network and Management Interface. */
#ifndef KEEL_CONSOLE_NETWORK_H
#define KEEL_CONSOLE_NETWORK_H

#include "console.h"

void network_paint(struct app *a, int y, int x, int h, int w);
int network_run(struct app *a, int argc, char **argv, struct out *o,
                struct keel_err *e);
enum next hostname_activate(struct app *a, const struct action *act);
int hostname_run(struct app *a, int argc, char **argv, struct out *o,
                 struct keel_err *e);
int dhcp_run(struct app *a, int argc, char **argv, struct out *o,
             struct keel_err *e);
enum next static_activate(struct app *a, const struct action *act);
int static_run(struct app *a, int argc, char **argv, struct out *o,
               struct keel_err *e);
enum next vlan_activate(struct app *a, const struct action *act);
int vlan_run(struct app *a, int argc, char **argv, struct out *o,
             struct keel_err *e);
enum next nic_activate(struct app *a, const struct action *act);
int nic_run(struct app *a, int argc, char **argv, struct out *o,
            struct keel_err *e);
enum next dns_activate(struct app *a, const struct action *act);
int dns_run(struct app *a, int argc, char **argv, struct out *o,
            struct keel_err *e);
enum next ntp_activate(struct app *a, const struct action *act);
int ntp_run(struct app *a, int argc, char **argv, struct out *o,
            struct keel_err *e);
enum next nettest_activate(struct app *a, const struct action *act);
int nettest_run(struct app *a, int argc, char **argv, struct out *o,
                struct keel_err *e);

#endif
