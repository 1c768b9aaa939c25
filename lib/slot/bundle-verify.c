/*
 * bundle-verify.c - an update bundle's signature and payload checks
 * (keel-bundle.h).  The cryptography is OpenSSL's libcrypto: Ed25519
 * and SHA-256, no code of our own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/pem.h>

#include "keel-bundle.h"
#include "keel-xen.h"

/* The Ed25519 key in PEM text, and its key id; NULL if it is not one. */
static EVP_PKEY *load_key(const char *pem, size_t len, char id[17])
{
    BIO *bio = BIO_new_mem_buf(pem, (int)len);
    EVP_PKEY *k = bio ? PEM_read_bio_PUBKEY(bio, NULL, NULL, NULL) : NULL;
    unsigned char raw[32], md[32];
    size_t rlen = sizeof(raw);
    char hex[65];

    BIO_free(bio);
    if (k && (EVP_PKEY_id(k) != EVP_PKEY_ED25519 ||
              !EVP_PKEY_get_raw_public_key(k, raw, &rlen) || rlen != 32 ||
              !EVP_Digest(raw, rlen, md, NULL, EVP_sha256(), NULL))) {
        EVP_PKEY_free(k);
        return NULL;
    }
    if (k) {
        keel_hex32(md, hex);
        snprintf(id, 17, "%.16s", hex);
    }
    return k;
}

static int has_suffix(const char *s, const char *suf)
{
    size_t n = strlen(s), m = strlen(suf);

    return n >= m && !strcmp(s + n - m, suf);
}

/* The trusted key whose id is want; NULL with e if there is none. */
static EVP_PKEY *find_key(struct keel_backend *b, const char *dir,
                          const char *want, struct keel_err *e)
{
    char **names = NULL, path[512], id[17];
    size_t n = 0;
    EVP_PKEY *found = NULL;

    if (keel_backend_list_dir(b, dir, &names, &n, NULL))
        n = 0;
    for (size_t i = 0; i < n; i++) {
        char *pem = NULL;
        size_t len;
        EVP_PKEY *k;

        snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
        if (found || !has_suffix(names[i], ".pem") ||
            keel_backend_read(b, path, &pem, &len, NULL)) {
            free(pem);
            continue;
        }
        k = load_key(pem, len, id);
        free(pem);
        if (k && !strcmp(id, want))
            found = k;
        else
            EVP_PKEY_free(k);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    if (!found)
        keel_err_set(e, KEEL_EINVAL, "the bundle is signed by key %s, "
                     "which this host does not trust (its keys are in "
                     "%s)", want, dir);
    return found;
}

int keel_bundle_check_header(struct keel_backend *b, const char *keys_dir,
                             const unsigned char *hdr,
                             struct keel_manifest *m, struct keel_err *e)
{
    const char *text = (const char *)hdr;
    size_t len = strnlen(text, KEEL_BUNDLE_MANIFEST_MAX);
    EVP_MD_CTX *ctx;
    EVP_PKEY *k;
    int rc, good;

    if (len < 14 || memcmp(text, "keel-bundle=", 12))
        return keel_err_set(e, KEEL_EINVAL, "not a Keel update bundle (it"
                            " does not start with a Keel manifest)");
    rc = keel_manifest_parse(m, text, len, e);
    if (rc)
        return rc;
    for (size_t i = KEEL_BUNDLE_SIG_OFF + KEEL_BUNDLE_SIG_LEN;
         i < KEEL_BUNDLE_HEADER; i++)
        if (hdr[i])
            return keel_err_set(e, KEEL_EINVAL, "the bundle's header has "
                                "bytes where zeros belong (byte %zu): it "
                                "is damaged", i);
    k = find_key(b, keys_dir, m->key_id, e);
    if (!k)
        return KEEL_EINVAL;
    ctx = EVP_MD_CTX_new();
    good = ctx && EVP_DigestVerifyInit(ctx, NULL, NULL, NULL, k) == 1 &&
           EVP_DigestVerify(ctx, hdr + KEEL_BUNDLE_SIG_OFF,
                            KEEL_BUNDLE_SIG_LEN, hdr, len) == 1;
    EVP_MD_CTX_free(ctx);
    EVP_PKEY_free(k);
    if (!good)
        return keel_err_set(e, KEEL_EINVAL, "the bundle's signature does "
                            "not match its manifest (key %s): the bundle "
                            "was changed or damaged", m->key_id);
    return 0;
}

void keel_bundle_src_file(struct keel_bundle_src *s, const char *path)
{
    snprintf(s->header, sizeof(s->header), "%s", path);
    snprintf(s->payload, sizeof(s->payload), "%s", path);
    s->payload_off = KEEL_BUNDLE_HEADER;
}

static int check_size(struct keel_backend *b,
                      const struct keel_bundle_src *s,
                      const struct keel_manifest *m, struct keel_err *e)
{
    struct keel_stat st;
    int rc = keel_backend_stat(b, s->payload, &st, e);
    uint64_t want = s->payload_off + m->payload_size;

    if (rc)
        return rc;
    if (st.kind != KEEL_ST_FILE && st.kind != KEEL_ST_BLOCK)
        return keel_err_set(e, KEEL_ENOENT, "%s: no such file", s->payload);
    if (st.size < want)
        return keel_err_set(e, KEEL_EINVAL, "%s is truncated: %llu of its "
                            "%llu bytes are there", s->payload,
                            (unsigned long long)st.size,
                            (unsigned long long)want);
    if (st.size > want)
        return keel_err_set(e, KEEL_EINVAL, "%s has %llu trailing bytes "
                            "after its payload: it is not the file that "
                            "was signed", s->payload,
                            (unsigned long long)(st.size - want));
    return 0;
}

int keel_bundle_verify(struct keel_backend *b, const char *keys_dir,
                       const struct keel_bundle_src *s,
                       struct keel_manifest *m, keel_progress_fn fn,
                       void *ctx, struct keel_err *e)
{
    unsigned char hdr[KEEL_BUNDLE_HEADER], md[32];
    char hex[65];
    size_t got = 0;
    int rc = keel_backend_read_at(b, s->header, 0, hdr, sizeof(hdr), &got,
                                  e);

    if (rc)
        return rc;
    if (got < sizeof(hdr))
        return keel_err_set(e, KEEL_EINVAL, "%s is not a Keel update "
                            "bundle: %zu bytes, shorter than its header",
                            s->header, got);
    rc = keel_bundle_check_header(b, keys_dir, hdr, m, e);
    if (!rc)
        rc = check_size(b, s, m, e);
    if (!rc)
        rc = keel_backend_sha256(b, s->payload, s->payload_off,
                                 m->payload_size, md, fn, ctx, e);
    if (rc)
        return rc;
    keel_hex32(md, hex);
    if (strcmp(hex, m->payload_sha256))
        return keel_err_set(e, KEEL_EINVAL, "the payload's SHA-256 is not "
                            "the one its manifest signs: the bundle is "
                            "damaged (download it again)");
    return 0;
}
