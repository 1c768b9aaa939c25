/*
 * host-int.h - private to host-net.c and host-services.c: the
 * network part of keel_host_apply (keel-host.h).
 */
#ifndef KEEL_HOST_INT_H
#define KEEL_HOST_INT_H

#include "keel-host.h"

/*
 * Apply the hostname and the management network of new_s (bridge port,
 * VLAN, DHCP or static address, gateway, DNS) where they differ from
 * old.  Saves nothing.  On failure e says which step failed; what was
 * applied stays until keel_host_net_undo().
 */
int keel_host_net_set(struct keel_backend *b,
                      const struct keel_settings *old,
                      const struct keel_settings *new_s, struct keel_err *e);

/* Put old's hostname and network back after keel_host_net_set() applied
 * (all or part of) new_s.  Best effort: errors are not reported. */
void keel_host_net_undo(struct keel_backend *b,
                        const struct keel_settings *old,
                        const struct keel_settings *new_s);

#endif
