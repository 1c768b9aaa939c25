/*
 * keel-bundle.h - update bundles: the format, its checks, and applying
 * one to the other slot (design section 5).  This comment is the
 * format's one definition; scripts/make-bundle writes it.
 *
 * A bundle (keel-VERSION.kub) is one file:
 *
 *   bytes 0..3071     the manifest: "key=value\n" lines of printable
 *                     ASCII, then NUL bytes to the end of the field
 *   bytes 3072..3135  the Ed25519 signature (RFC 8032, 64 bytes) over
 *                     the manifest's text: its bytes before the first NUL
 *   bytes 3136..4095  zero
 *   bytes 4096..      the payload: the dom0 image (squashfs), exactly
 *                     payload-size bytes, nothing after it
 *
 * The first 4096 bytes are the header.  An ISO carries the same header
 * as /keel/dom0.kubh next to its payload /keel/dom0.img.
 *
 * Manifest keys, each exactly once, in any order (others are refused):
 *   keel-bundle     1 (this format)
 *   product         keel
 *   version         the payload's version, N.N.N (digits and dots)
 *   arch            x86_64
 *   min-version     the oldest running version it may upgrade
 *   build-date      UTC, YYYY-MM-DDTHH:MM:SSZ
 *   signing         release | development (the development key is in
 *                   the source tree: anyone can sign with it)
 *   key-id          16 hex digits: the first 8 bytes of the SHA-256 of
 *                   the signer's raw 32-byte Ed25519 public key
 *   payload-size    bytes, decimal
 *   payload-sha256  64 lowercase hex digits
 *
 * Trusted keys are PEM public keys ("*.pem") in a directory:
 * KEEL_KEYS_DIR in the image.  The signature, then the payload's size
 * and SHA-256, are checked before anything is written anywhere.
 */
#ifndef KEEL_BUNDLE_H
#define KEEL_BUNDLE_H

#include <stdint.h>

#include "keel-backend.h"
#include "keel-disk.h"

#define KEEL_BUNDLE_HEADER 4096
#define KEEL_BUNDLE_MANIFEST_MAX 3072
#define KEEL_BUNDLE_SIG_OFF 3072
#define KEEL_BUNDLE_SIG_LEN 64
#define KEEL_KEYS_DIR "/usr/share/keel/keys"
#define KEEL_ARCH "x86_64"
#define KEEL_PRODUCT "keel"

struct keel_manifest {
    char product[16];
    char version[32];
    char arch[16];
    char min_version[32];
    char build_date[24];
    char signing[16];
    char key_id[17];
    uint64_t payload_size;
    char payload_sha256[65];
};

/*
 * Parse a manifest's text (len bytes, no NUL needed).  KEEL_EINVAL with
 * the line and what is wrong with it: a missing, repeated or unknown
 * key, a value of the wrong form, an unsupported format version.
 */
int keel_manifest_parse(struct keel_manifest *m, const char *text,
                        size_t len, struct keel_err *e);

/*
 * Compare dotted versions ("0.10.0" > "0.9.1"): <0, 0, >0.  Versions
 * must be keel_version_valid().
 */
int keel_version_cmp(const char *a, const char *b);
int keel_version_valid(const char *v);

/*
 * Check a 4096-byte header: the manifest parses and its signature is
 * good under the trusted key it names (the keys in keys_dir, read
 * through the backend).  m is filled.  KEEL_EINVAL naming what is
 * wrong: not a bundle, a bad manifest, a key this host does not trust,
 * a bad signature.  Read errors of the keys as keel_backend_read().
 */
int keel_bundle_check_header(struct keel_backend *b, const char *keys_dir,
                             const unsigned char *hdr,
                             struct keel_manifest *m, struct keel_err *e);

/* Where a bundle's header and payload are: one .kub file, or the two
 * files of an ISO. */
struct keel_bundle_src {
    char header[256];  /* file holding the header at byte 0 */
    char payload[256]; /* file holding the payload at payload_off */
    uint64_t payload_off;
};

/* The source of a .kub file at path. */
void keel_bundle_src_file(struct keel_bundle_src *s, const char *path);

/*
 * Verify a whole bundle: the header (keel_bundle_check_header()), then
 * that the payload is all there (KEEL_EINVAL "truncated" or "trailing
 * bytes") and its SHA-256 is the manifest's.  fn sees the hashing.
 * Nothing is written.
 */
int keel_bundle_verify(struct keel_backend *b, const char *keys_dir,
                       const struct keel_bundle_src *s,
                       struct keel_manifest *m, keel_progress_fn fn,
                       void *ctx, struct keel_err *e);

/*
 * May this host, running version running, take m?  KEEL_EINVAL with
 * one sentence: another product, another architecture, a running
 * version older than min-version, or a downgrade or the same version
 * (unless allow_downgrade).
 */
int keel_bundle_accept(const struct keel_manifest *m, const char *running,
                       int allow_downgrade, struct keel_err *e);

/* "2f..." hex of 32 bytes into out[65]. */
void keel_hex32(const unsigned char in[32], char out[65]);

#endif
