/*
 * test-bundle.c - update bundles (keel-bundle.h) and applying them
 * (keel-update.h) against the fake backend.  Bundles are signed here
 * with the committed development key (scripts/keys/development.pem),
 * and with a fresh key for "a key the host does not trust".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/pem.h>

#include "keel-backend-fake.h"
#include "keel-bundle.h"
#include "keel-disk.h"
#include "keel-host.h"
#include "keel-slot.h"
#include "keel-update.h"
#include "unit.h"

#define DEV_KEY "scripts/keys/development.pem"
#define KEYS "/usr/share/keel/keys"
#define KUB "/var/lib/keel/t.kub"
#define ENV KEEL_SLOT_ESP_DIR "/boot/grub/grubenv"
#define PAYLOAD_LEN 10000

static EVP_PKEY *dev_key(void)
{
    FILE *f = fopen(DEV_KEY, "r");
    EVP_PKEY *k = f ? PEM_read_PrivateKey(f, NULL, NULL, NULL) : NULL;

    if (f)
        fclose(f);
    CHECK(k != NULL);
    return k;
}

static void key_id(EVP_PKEY *k, char id[17])
{
    unsigned char raw[32], md[32];
    size_t n = sizeof(raw);
    char hex[65];

    EVP_PKEY_get_raw_public_key(k, raw, &n);
    EVP_Digest(raw, n, md, NULL, EVP_sha256(), NULL);
    keel_hex32(md, hex);
    snprintf(id, 17, "%.16s", hex);
}

static char payload[PAYLOAD_LEN];

/* A bundle: the manifest's lines with extra appended (or a line
 * replaced: "version=..." given in over replaces the default one). */
struct spec {
    const char *version, *product, *arch, *min, *extra;
    const char *format;
    int other_key;
};

static size_t make(const struct spec *sp, EVP_PKEY *k, char **out)
{
    unsigned char md[32];
    char hex[65], id[17], *b = calloc(1, KEEL_BUNDLE_HEADER + PAYLOAD_LEN);
    size_t slen = KEEL_BUNDLE_SIG_LEN;
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    int n;

    EVP_Digest(payload, PAYLOAD_LEN, md, NULL, EVP_sha256(), NULL);
    keel_hex32(md, hex);
    key_id(k, id);
    n = snprintf(b, KEEL_BUNDLE_MANIFEST_MAX, "keel-bundle=%s\nproduct=%s\n"
                 "version=%s\narch=%s\nmin-version=%s\nbuild-date=2026-12-"
                 "02T07:00:00Z\nsigning=development\nkey-id=%s\n"
                 "payload-size=%d\npayload-sha256=%s\n%s",
                 sp->format ? sp->format : "1",
                 sp->product ? sp->product : "keel",
                 sp->version ? sp->version : "0.2.0",
                 sp->arch ? sp->arch : "x86_64", sp->min ? sp->min : "0.1.0",
                 id, PAYLOAD_LEN, hex, sp->extra ? sp->extra : "");
    EVP_DigestSignInit(ctx, NULL, NULL, NULL, k);
    EVP_DigestSign(ctx, (unsigned char *)b + KEEL_BUNDLE_SIG_OFF, &slen,
                   (unsigned char *)b, (size_t)n);
    EVP_MD_CTX_free(ctx);
    memcpy(b + KEEL_BUNDLE_HEADER, payload, PAYLOAD_LEN);
    *out = b;
    return KEEL_BUNDLE_HEADER + PAYLOAD_LEN;
}

static const char disks[] = "disk vda size=21474836480 keel=0.1.0\n";

/* A host running 0.1.0 from slot A, its ESP's grubenv in env, the
 * development key trusted, and the bundle at KUB. */
static struct keel_backend *host(const char *bundle, size_t len)
{
    static const char cmd[] = "keel.mode=host keel.root=PARTLABEL=keel-a\n";
    struct keel_backend *b = keel_fake_new();
    EVP_PKEY *k = dev_key();
    char env[KEEL_GRUBENV_SIZE], *pem = NULL;
    size_t plen = 0;
    struct keel_grubenv g;
    struct keel_slots s;
    FILE *f = open_memstream(&pem, &plen);
    struct keel_err e;

    PEM_write_PUBKEY(f, k);
    fclose(f);
    EVP_PKEY_free(k);
    if (keel_fake_disk_load(b, disks, strlen(disks), "t", &e))
        unit_fail(__FILE__, __LINE__, "scenario: %s", e.msg);
    keel_fake_put(b, "/proc/cmdline", cmd, strlen(cmd), 0444);
    keel_fake_put(b, KEYS "/development.pem", pem, plen, 0644);
    keel_fake_put(b, KEEL_VERSION_FILE, "0.1.0\n", 6, 0644);
    keel_fake_put(b, KEEL_SLOT_VERSIONS, "A 0.1.0\nB -\n", 12, 0644);
    keel_grubenv_init(&g);
    keel_slots_initial(&s);
    keel_slots_put(&s, &g, NULL);
    keel_grubenv_format(&g, env, NULL);
    keel_fake_put(b, ENV, env, sizeof(env), 0644);
    if (bundle)
        keel_fake_put(b, KUB, bundle, len, 0644);
    free(pem);
    return b;
}

static struct keel_slots slots_now(struct keel_backend *b)
{
    struct keel_slots s = { { 0, 0 }, { -1, -1 }, { -1, -1 } };
    struct keel_grubenv g;
    const char *got = NULL;
    size_t len = 0;

    CHECK_INT(keel_fake_get(b, ENV, &got, &len, NULL), 0);
    if (got && !keel_grubenv_parse(&g, got, len, NULL))
        CHECK_INT(keel_slots_get(&s, &g, NULL), 0);
    return s;
}

static int verify(struct keel_backend *b, struct keel_manifest *m,
                  struct keel_err *e)
{
    struct keel_bundle_src s;

    keel_bundle_src_file(&s, KUB);
    return keel_bundle_verify(b, KEYS, &s, m, NULL, NULL, e);
}

static void fill_payload(void)
{
    for (size_t i = 0; i < PAYLOAD_LEN; i++)
        payload[i] = (char)(i * 7 + 3);
}

UNIT_TEST(bundle_good_verifies)
{
    struct spec sp = { 0 };
    struct keel_manifest m;
    struct keel_err e = { "" };
    EVP_PKEY *k;
    char *kub;
    size_t len;
    struct keel_backend *b;

    fill_payload();
    k = dev_key();
    len = make(&sp, k, &kub);
    b = host(kub, len);
    CHECK_INT(verify(b, &m, &e), 0);
    CHECK_STR(e.msg, "");
    CHECK_STR(m.version, "0.2.0");
    CHECK_STR(m.product, "keel");
    CHECK_STR(m.signing, "development");
    CHECK_INT((long long)m.payload_size, PAYLOAD_LEN);
    CHECK_INT(keel_bundle_accept(&m, "0.1.0", 0, &e), 0);
    free(kub);
    EVP_PKEY_free(k);
    keel_backend_free(b);
}

/* Every bad bundle: the sentence that says what is wrong. */
UNIT_TEST(bundle_bad_cases)
{
    static const struct {
        struct spec sp;
        int cut, grow, flip; /* bytes off the end, added, byte to flip */
        const char *want;    /* in the message */
    } t[] = {
        { { 0 }, 1, 0, 0, "truncated" },
        { { 0 }, PAYLOAD_LEN + 100, 0, 0, "shorter than its header" },
        { { 0 }, 0, 3, 0, "trailing bytes" },
        { { 0 }, 0, 0, KEEL_BUNDLE_HEADER + 17, "SHA-256" },
        { { 0 }, 0, 0, 37, "signature does not match" }, /* 0.2.0 */
        { { 0 }, 0, 0, KEEL_BUNDLE_SIG_OFF + 5, "signature does not match" },
        { { 0 }, 0, 0, KEEL_BUNDLE_SIG_OFF + 70, "zeros" },
        { { .other_key = 1 }, 0, 0, 0, "does not trust" },
        { { .extra = "colour=blue\n" }, 0, 0, 0, "unknown key 'colour'" },
        { { .extra = "version=0.3.0\n" }, 0, 0, 0, "version is given twice" },
        { { .format = "2" }, 0, 0, 0, "format 2" },
        { { .version = "0.2" "x" }, 0, 0, 0, "version must be a version" },
        { { .version = "" }, 0, 0, 0, "version must be" },
    };

    fill_payload();
    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        EVP_PKEY *k = t[i].sp.other_key ? EVP_PKEY_Q_keygen(NULL, NULL,
                                                             "ED25519")
                                        : dev_key();
        struct keel_manifest m;
        struct keel_err e = { "" };
        char *kub, *big;
        size_t len = make(&t[i].sp, k, &kub);
        struct keel_backend *b;

        if (t[i].flip)
            kub[t[i].flip] ^= 0x01;
        len -= (size_t)t[i].cut;
        big = calloc(1, len + (size_t)t[i].grow + 1);
        memcpy(big, kub, len);
        b = host(big, len + (size_t)t[i].grow);
        CHECK_INT(verify(b, &m, &e), KEEL_EINVAL);
        if (!strstr(e.msg, t[i].want))
            unit_fail(__FILE__, __LINE__, "case %zu: '%s' lacks '%s'", i,
                      e.msg, t[i].want);
        free(kub);
        free(big);
        EVP_PKEY_free(k);
        keel_backend_free(b);
    }
}

UNIT_TEST(bundle_not_a_bundle)
{
    char junk[KEEL_BUNDLE_HEADER + 10];
    struct keel_manifest m;
    struct keel_err e = { "" };
    struct keel_backend *b;

    memset(junk, 'x', sizeof(junk));
    b = host(junk, sizeof(junk));
    CHECK_INT(verify(b, &m, &e), KEEL_EINVAL);
    CHECK(strstr(e.msg, "not a Keel update bundle") != NULL);
    keel_backend_free(b);
    b = host(junk, 100);
    CHECK_INT(verify(b, &m, &e), KEEL_EINVAL);
    CHECK(strstr(e.msg, "shorter than its header") != NULL);
    keel_backend_free(b);
}

UNIT_TEST(bundle_accept_rules)
{
    static const struct {
        const char *product, *arch, *version, *min, *running;
        int downgrade, rc;
        const char *want;
    } t[] = {
        { "keel", "x86_64", "0.2.0", "0.1.0", "0.1.0", 0, 0, "" },
        { "keel", "x86_64", "0.10.0", "0.1.0", "0.9.1", 0, 0, "" },
        { "xcp", "x86_64", "0.2.0", "0.1.0", "0.1.0", 0, -1, "not Keel" },
        { "keel", "aarch64", "0.2.0", "0.1.0", "0.1.0", 0, -1, "aarch64" },
        { "keel", "x86_64", "0.1.0", "0.1.0", "0.2.0", 0, -1,
          "not an upgrade" },
        { "keel", "x86_64", "0.2.0", "0.1.0", "0.2.0", 0, -1,
          "not an upgrade" },
        { "keel", "x86_64", "0.1.0", "0.1.0", "0.2.0", 1, 0, "" },
        { "keel", "x86_64", "0.5.0", "0.3.0", "0.2.0", 0, -1,
          "upgrades 0.3.0 or newer" },
        { "keel", "x86_64", "0.5.0", "0.3.0", "", 0, -1, "unknown" },
    };

    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        struct keel_manifest m = { 0 };
        struct keel_err e = { "" };

        snprintf(m.product, sizeof(m.product), "%s", t[i].product);
        snprintf(m.arch, sizeof(m.arch), "%s", t[i].arch);
        snprintf(m.version, sizeof(m.version), "%s", t[i].version);
        snprintf(m.min_version, sizeof(m.min_version), "%s", t[i].min);
        CHECK_INT(keel_bundle_accept(&m, t[i].running, t[i].downgrade, &e),
                  t[i].rc);
        if (!strstr(e.msg, t[i].want))
            unit_fail(__FILE__, __LINE__, "case %zu: '%s' lacks '%s'", i,
                      e.msg, t[i].want);
    }
    CHECK(keel_version_cmp("0.10.0", "0.9.9") > 0);
    CHECK(keel_version_cmp("1.0", "1.0.0") == 0);
    CHECK(keel_version_cmp("1.2.3", "1.2.4") < 0);
}

static struct keel_backend *host_with_bundle(const struct spec *sp)
{
    EVP_PKEY *k = dev_key();
    char *kub;
    size_t len = make(sp, k, &kub);
    struct keel_backend *b = host(kub, len);

    free(kub);
    EVP_PKEY_free(k);
    return b;
}

static int apply(struct keel_backend *b, struct keel_update_result *r,
                 struct keel_err *e)
{
    struct keel_update_opts o = { KEYS, 0, NULL, NULL };
    struct keel_bundle_src s;

    keel_bundle_src_file(&s, KUB);
    return keel_update_apply(b, &s, &o, r, e);
}

UNIT_TEST(update_apply_switches_slot)
{
    struct spec sp = { 0 };
    struct keel_backend *b;
    struct keel_update_result r;
    struct keel_err e = { "" };
    struct keel_slots s;
    const char *got;
    size_t len;
    const char *log;

    fill_payload();
    b = host_with_bundle(&sp);
    keel_fake_log_clear(b);
    CHECK_INT(apply(b, &r, &e), 0);
    CHECK_STR(e.msg, "");
    CHECK_INT(r.slot, 'B');
    CHECK_INT(r.booted, 'A');
    CHECK_STR(r.running_version, "0.1.0");
    s = slots_now(b);
    CHECK_INT(s.order[0], 'B');
    CHECK_INT(s.ok[1], 1);
    CHECK_INT(s.try_[1], 0);
    CHECK_INT(s.ok[0], 1); /* the old slot stays the fallback */
    CHECK_INT(keel_fake_get(b, "/dev/vda4", &got, &len, NULL), 0);
    CHECK_INT((long long)len, PAYLOAD_LEN);
    CHECK(len == PAYLOAD_LEN && !memcmp(got, payload, PAYLOAD_LEN));
    CHECK_INT(keel_fake_get(b, KEEL_SLOT_VERSIONS, &got, NULL, NULL), 0);
    CHECK_STR(got, "A 0.1.0\nB 0.2.0 2026-12-02T07:00:00Z\n");
    /* OK=0 saved before the image, ORDER switched only after the check */
    log = keel_fake_log(b);
    CHECK(strstr(log, "write " ENV) < strstr(log, "image " KUB));
    CHECK(strstr(log, "sha256 /dev/vda4") != NULL);
    /* the ESP is not mounted while the slot is written */
    CHECK(strstr(log, "run umount " KEEL_SLOT_ESP_DIR) <
          strstr(log, "image " KUB));
    CHECK(strstr(strstr(log, "sha256 /dev/vda4"), "write " ENV) != NULL);
    CHECK(strstr(log, "run umount " KEEL_SLOT_ESP_DIR) != NULL);
    keel_backend_free(b);
}

UNIT_TEST(update_apply_refuses_before_writing)
{
    struct spec sp = { .version = "0.1.0" };
    struct keel_backend *b;
    struct keel_update_result r;
    struct keel_err e = { "" };

    fill_payload();
    b = host_with_bundle(&sp);
    keel_fake_log_clear(b);
    CHECK_INT(apply(b, &r, &e), KEEL_EINVAL);
    CHECK(strstr(e.msg, "not an upgrade") != NULL);
    CHECK(strstr(keel_fake_log(b), "write") == NULL);
    CHECK(strstr(keel_fake_log(b), "mount") == NULL);
    keel_backend_free(b);
}

/* A power cut or failure after each step: A stays good and first (or,
 * at the very end, B is complete), and the apply repeated works. */
UNIT_TEST(update_apply_interrupted_each_step)
{
    static const struct {
        const char *op, *pattern;
    } t[] = {
        { "run", "mount*" },
        { "write", ENV },
        { "image", "*" },
        { "sha256", "/dev/vda4" },
        { "write", KEEL_SLOT_VERSIONS },
    };

    fill_payload();
    for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
        struct spec sp = { 0 };
        struct keel_backend *b = host_with_bundle(&sp);
        struct keel_update_result r;
        struct keel_err e = { "" };
        struct keel_slots s;

        CHECK_INT(keel_fake_fail(b, t[i].op, t[i].pattern, KEEL_EIO), 0);
        CHECK(apply(b, &r, &e) != 0);
        s = slots_now(b);
        if (s.order[0] != 'A' || !s.ok[0] || s.ok[1])
            unit_fail(__FILE__, __LINE__, "after %s %s fails: ORDER %c, "
                      "A_OK %d, B_OK %d", t[i].op, t[i].pattern, s.order[0],
                      s.ok[0], s.ok[1]);
        CHECK(keel_slots_pick(&s) == 'A');
        keel_fake_fail_clear(b);
        CHECK_INT(apply(b, &r, &e), 0);
        s = slots_now(b);
        CHECK_INT(s.order[0], 'B');
        CHECK_INT(s.ok[1], 1);
        keel_backend_free(b);
    }
}

UNIT_TEST(slot_revert_needs_a_good_other_slot)
{
    struct spec sp = { 0 };
    struct keel_backend *b;
    struct keel_update_result r;
    struct keel_err e = { "" };
    struct keel_slots s;
    char slot = 0;

    fill_payload();
    b = host_with_bundle(&sp);
    CHECK_INT(keel_slot_revert(b, &slot, &e), KEEL_EINVAL);
    CHECK(strstr(e.msg, "slot B holds no good system") != NULL);
    CHECK_INT(apply(b, &r, &e), 0);
    /* applied but not yet booted: revert puts A first again */
    CHECK_INT(keel_slot_revert(b, &slot, &e), 0);
    CHECK_INT(slot, 'B');
    s = slots_now(b);
    CHECK_INT(s.order[0], 'B');
    /* running B: revert makes A first, on trial */
    keel_fake_put(b, "/proc/cmdline", "keel.root=PARTLABEL=keel-b\n", 27,
                  0444);
    CHECK_INT(keel_slot_revert(b, &slot, &e), 0);
    CHECK_INT(slot, 'A');
    s = slots_now(b);
    CHECK_INT(s.order[0], 'A');
    CHECK_INT(s.ok[0], 1);
    CHECK_INT(s.try_[0], 0);
    keel_backend_free(b);
}

UNIT_TEST(slot_trial_failed_only_on_trial)
{
    struct spec sp = { 0 };
    struct keel_backend *b;
    struct keel_update_result r;
    struct keel_err e = { "" };
    struct keel_grubenv g;
    struct keel_slots s;
    char env[KEEL_GRUBENV_SIZE], why[96];
    int reboot = -1;

    fill_payload();
    b = host_with_bundle(&sp);
    /* a normal boot of A: stay up */
    CHECK_INT(keel_slot_trial_failed(b, "health check failed: xen",
                                     &reboot, &e), 0);
    CHECK_INT(reboot, 0);
    CHECK_INT(apply(b, &r, &e), 0);
    /* GRUB starts B on trial */
    s = slots_now(b);
    CHECK_INT(keel_slots_pick(&s), 'B');
    keel_grubenv_init(&g);
    keel_slots_put(&s, &g, NULL);
    keel_grubenv_format(&g, env, NULL);
    keel_fake_put(b, ENV, env, sizeof(env), 0644);
    keel_fake_put(b, "/proc/cmdline", "keel.root=PARTLABEL=keel-b\n", 27,
                  0444);
    CHECK_INT(keel_slot_trial_failed(b, "health check failed: xen\n",
                                     &reboot, &e), 0);
    CHECK_INT(reboot, 1);
    keel_slot_trial_reason(b, 'B', why, sizeof(why));
    CHECK_STR(why, "health check failed: xen ");
    keel_slot_trial_reason(b, 'A', why, sizeof(why));
    CHECK_STR(why, "");
    /* GRUB then falls back to A: the note says why */
    s = slots_now(b);
    CHECK_INT(keel_slots_pick(&s), 'A');
    keel_backend_free(b);
}
