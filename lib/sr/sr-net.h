/*
 * sr-net.h - downloads into the storage repository, private to lib/sr:
 * a disk image to import (sr-image.c) and an ISO for the library
 * (sr-iso.c), both by busybox wget with its meter read as progress.
 */
#ifndef KEEL_SR_NET_H
#define KEEL_SR_NET_H
#include <stdint.h>
#include "keel-backend.h"

/* An http:// or https:// URL. */
int keel_sr_is_url(const char *s);
/* The size the server gives for url (its Content-Length), asked first
 * (wget --spider -S): the download must fit before it starts.
 * KEEL_EINVAL: unreachable, an HTTP error, or no size given. */
int keel_sr_url_size(struct keel_backend *b, const char *url,
                     uint64_t *size, struct keel_err *e);
/* Download url into dst (a file or a volume); fn gets lo..hi of the
 * whole as wget's meter moves.  KEEL_EIO saying so when it fails. */
int keel_sr_download(struct keel_backend *b, const char *url,
                     const char *dst, void (*fn)(void *ctx, double done),
                     void *ctx, double lo, double hi, struct keel_err *e);
#endif
