/*
 * answer-source.c - where the answer file of an unattended install
 * comes from (keel-answers.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keel-answers.h"
#include "keel-backend.h"
#include "keel-disk.h"

#define AUTO_DIR "/run/keel/auto"
#define FETCHED "/run/keel/answerfile"

int keel_cmdline_get(const char *cmdline, const char *key, char *buf,
                     size_t size)
{
    size_t kl = strlen(key);
    const char *p = cmdline;

    while (p && *p) {
        size_t wl;

        p += strspn(p, " \t\n");
        wl = strcspn(p, " \t\n");
        if (wl > kl && !strncmp(p, key, kl) && p[kl] == '=') {
            if (wl - kl - 1 >= size)
                return KEEL_EINVAL;
            memcpy(buf, p + kl + 1, wl - kl - 1);
            buf[wl - kl - 1] = '\0';
            return 0;
        }
        p += wl;
    }
    return KEEL_ENOENT;
}

int keel_url_check(const char *url, const char *what, struct keel_err *e)
{
    if (!strncmp(url, "http://", 7) && url[7])
        return 0;
    if (!strncmp(url, "file:///", 8))
        return 0;
    return keel_err_set(e, KEEL_EINVAL, "%s %.100s: use file:///PATH or "
                        "http://HOST/PATH", what, url);
}

int keel_url_fetch(struct keel_backend *b, const char *url,
                   const char *dest, const char *what, const char **path,
                   struct keel_err *e)
{
    /* No -T: Debian's static busybox 1.35 wget crashes on it; the time
     * limit is the run's, for the whole fetch. */
    const char *wget[] = { "wget", "-q", "-O", dest, url, NULL };
    char err[256];
    struct keel_run r = { .err = err, .err_size = sizeof(err),
                          .timeout_s = KEEL_FETCH_TIMEOUT_S };
    struct keel_stat st;
    int rc = keel_url_check(url, what, e);

    *path = NULL;
    if (rc)
        return rc;
    if (!strncmp(url, "file://", 7)) {
        *path = url + 7;
        return 0;
    }
    rc = keel_backend_run(b, wget, &r, e);
    if (rc && r.timed_out)
        return keel_err_set(e, KEEL_EIO, "%s %.100s: no answer within "
                            "%d s", what, url, KEEL_FETCH_TIMEOUT_S);
    if (rc) {
        char why[KEEL_ERR_MSG_MAX];

        /* wget's own words, else why it did not run (e, copied: the
         * message below is written over it). */
        snprintf(why, sizeof(why), "%s", r.err_len ? err : e ? e->msg
                                                               : "wget failed");
        return keel_err_set(e, rc, "%s %.100s: %.*s", what, url,
                            (int)strcspn(why, "\n"), why);
    }
    rc = keel_backend_stat(b, dest, &st, e);
    if (!rc && st.size > KEEL_READ_MAX)
        rc = keel_err_set(e, KEEL_EINVAL, "%s %.100s: %llu bytes, more "
                          "than the %u allowed", what, url,
                          (unsigned long long)st.size, KEEL_READ_MAX);
    if (!rc)
        *path = dest;
    return rc;
}

static int from_url(struct keel_backend *b, const char *url, char **text,
                    size_t *len, struct keel_err *e)
{
    const char *path;
    int rc = keel_url_fetch(b, url, FETCHED, "answerfile=", &path, e);

    return rc ? rc : keel_backend_read(b, path, text, len, e);
}

/* The KEEL-AUTO file system, if there is one. */
static int from_label(struct keel_backend *b, char **text, size_t *len,
                      char *dev, size_t dsize, struct keel_err *e)
{
    const char *blkid[] = { "blkid", "-L", "KEEL-AUTO", NULL };
    const char *mk[] = { "mkdir", "-p", AUTO_DIR, NULL };
    const char *mnt[] = { "mount", "-o", "ro", dev, AUTO_DIR, NULL };
    const char *um[] = { "umount", AUTO_DIR, NULL };
    struct keel_run r = { .out = dev, .out_size = dsize };
    int rc;

    if (keel_backend_run(b, blkid, &r, NULL) || !dev[0])
        return KEEL_ENOENT;
    dev[strcspn(dev, "\n")] = '\0';
    rc = keel_backend_run(b, mk, NULL, e);
    if (!rc)
        rc = keel_backend_run(b, mnt, NULL, e);
    if (rc)
        return rc;
    rc = keel_backend_read(b, AUTO_DIR "/answerfile", text, len, e);
    keel_backend_run(b, um, NULL, NULL);
    return rc;
}

int keel_answer_fetch(struct keel_backend *b, const char *cmdline,
                      char **text, size_t *len, char *origin,
                      size_t osize, struct keel_err *e)
{
    char url[512], dev[128] = "";
    int rc;

    *text = NULL;
    *len = 0;
    rc = keel_cmdline_get(cmdline ? cmdline : "", "answerfile", url,
                          sizeof(url));
    if (rc == KEEL_EINVAL)
        return keel_err_set(e, rc, "answerfile= on the kernel command "
                            "line is too long");
    if (rc == 0) {
        snprintf(origin, osize, "%s", url);
        return from_url(b, url, text, len, e);
    }
    rc = from_label(b, text, len, dev, sizeof(dev), e);
    if (rc == 0)
        snprintf(origin, osize, "%s:/answerfile", dev);
    else if (rc == KEEL_ENOENT && !dev[0])
        keel_err_set(e, rc, "no answer file (no answerfile= kernel "
                     "argument, no KEEL-AUTO file system)");
    return rc;
}
