/*
 * fuzz-bundle.c - libFuzzer target for an update bundle's header:
 * the manifest parser and the signature check (keel_bundle_check_header
 * with the development key trusted), and whole bundles through
 * keel_bundle_verify, all through the fake backend.
 *
 * Any input is refused with a message or accepted with a manifest whose
 * fields have their forms; a random input that verifies would mean a
 * broken signature check.  A broken rule aborts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "keel-backend-fake.h"
#include "keel-bundle.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* scripts/keys/development.pem's public half. */
static const char dev_pub[] =
    "-----BEGIN PUBLIC KEY-----\n"
    "MCowBQYDK2VwAyEAbPRKtBj0gwnyQayszGzDYi3rjOewgRYCFrX4XNIZZWc=\n"
    "-----END PUBLIC KEY-----\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct keel_backend *b = keel_fake_new();
    unsigned char hdr[KEEL_BUNDLE_HEADER];
    struct keel_manifest m;
    struct keel_bundle_src s;
    struct keel_err e = { "" };

    keel_fake_put(b, "/k/dev.pem", dev_pub, strlen(dev_pub), 0644);
    /* the manifest parser alone */
    if (!keel_manifest_parse(&m, (const char *)data, size, &e)) {
        if (!keel_version_valid(m.version) ||
            !keel_version_valid(m.min_version) || !m.payload_size ||
            strlen(m.payload_sha256) != 64 || strlen(m.key_id) != 16)
            abort();
    } else if (!e.msg[0]) {
        abort();
    }
    /* a header: the input, zero-padded */
    memset(hdr, 0, sizeof(hdr));
    memcpy(hdr, data, size < sizeof(hdr) ? size : sizeof(hdr));
    e.msg[0] = '\0';
    if (!keel_bundle_check_header(b, "/k", hdr, &m, &e))
        abort(); /* nobody here holds the private key */
    if (!e.msg[0])
        abort();
    /* a whole file */
    keel_fake_put(b, "/b.kub", (const char *)data, size, 0644);
    keel_bundle_src_file(&s, "/b.kub");
    e.msg[0] = '\0';
    if (!keel_bundle_verify(b, "/k", &s, &m, NULL, NULL, &e) || !e.msg[0])
        abort();
    keel_backend_free(b);
    return 0;
}
