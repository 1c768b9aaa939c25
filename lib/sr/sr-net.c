/*
 * sr-net.c - downloads into the storage repository (sr-net.h).
 */
#include <stdlib.h>
#include <string.h>

#include "keel-sr.h"
#include "sr-net.h"

/* A download may take hours on a slow line. */
#define DOWNLOAD_LIMIT_S (6 * 3600)

int keel_sr_is_url(const char *s)
{
    return s && (strncmp(s, "http://", 7) == 0 ||
                 strncmp(s, "https://", 8) == 0);
}

int keel_sr_check_url(const char *url, const char *what, struct keel_err *e)
{
    if (!keel_sr_is_url(url) || strlen(url) > 1024 ||
        strpbrk(url, " \t\n"))
        return keel_err_set(e, KEEL_EINVAL, "not a URL to %s: '%.80s' "
                            "(give http://... or https://...)", what,
                            url ? url : "");
    return 0;
}

int keel_sr_url_size(struct keel_backend *b, const char *url,
                     uint64_t *size, struct keel_err *e)
{
    const char *argv[] = { "wget", "--spider", "-S", url, NULL };
    char err[4096] = "";
    struct keel_run r = { .err = err, .err_size = sizeof(err),
                          .timeout_s = 60 };
    int rc = keel_backend_run(b, argv, &r, e);
    const char *p = strcasestr(err, "content-length:");
    const char *why = strstr(err, "wget: ");

    why = why ? why + 6 : "no answer";
    if (rc == KEEL_ECMD || (!rc && r.status))
        return keel_err_set(e, KEEL_EINVAL, "cannot reach %.200s: %.*s",
                            url, (int)strcspn(why, "\n"), why);
    if (rc)
        return rc;
    if (!p || (*size = strtoull(p + 15, NULL, 10)) == 0)
        return keel_err_set(e, KEEL_EINVAL, "the server does not say how "
                            "big %.200s is (no Content-Length): download it "
                            "to a file on the host first", url);
    return 0;
}

struct meter {
    void (*fn)(void *ctx, double done);
    void *ctx;
    double lo, hi;
};

/* busybox wget's meter on a pipe: "name  27% |****   | 1400k ...\r"
 * once a second; the last "NN%" of each piece counts. */
static void on_err(void *ctx, const char *data, size_t len)
{
    struct meter *m = ctx;
    int pct = -1;

    for (size_t i = 0; i < len; i++) {
        size_t j = i;
        int v = 0;

        if (data[i] != '%')
            continue;
        while (j > 0 && i - j < 3 && data[j - 1] >= '0' && data[j - 1] <= '9')
            j--;
        if (j == i)
            continue;
        for (size_t k = j; k < i; k++)
            v = v * 10 + (data[k] - '0');
        if (v <= 100)
            pct = v;
    }
    if (pct >= 0 && m->fn)
        m->fn(m->ctx, m->lo + (m->hi - m->lo) * pct / 100.0);
}

int keel_sr_download(struct keel_backend *b, const char *url,
                     const char *dst, void (*fn)(void *ctx, double done),
                     void *ctx, double lo, double hi, struct keel_err *e)
{
    const char *argv[] = { "wget", "-O", dst, url, NULL };
    char err[2048] = "";
    struct meter m = { fn, ctx, lo, hi };
    struct keel_run r = { .err = err, .err_size = sizeof(err),
                          .timeout_s = DOWNLOAD_LIMIT_S, .on_err = on_err,
                          .on_err_ctx = &m };
    int rc;

    if (fn)
        fn(ctx, lo);
    rc = keel_backend_run(b, argv, &r, e);
    if (rc == KEEL_ECMD || (!rc && r.status)) {
        const char *why = strstr(err, "wget: ");

        why = why ? why + 6 : "no message";
        return keel_err_set(e, KEEL_EIO, "cannot download %.200s: %.*s; "
                            "check the URL and the host's network", url,
                            (int)strcspn(why, "\n"), why);
    }
    if (!rc && fn)
        fn(ctx, hi);
    return rc;
}
