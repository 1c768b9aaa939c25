/*
 * answer-source.c - where the answer file of an unattended install
 * comes from (keel-answers.h).
 */
#include <signal.h>
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

/* dest is made afresh by a shell around wget (wget -O keeps the mode
 * of a file already there): umask 077, as the file may hold the root
 * password in plain text; ulimit -f (512-byte blocks in ash
 * and dash), so that the kernel stops wget (SIGXFSZ) just past
 * KEEL_READ_MAX while it downloads, rather than a huge file filling the
 * installer's RAM.  No -T: Debian's static busybox 1.35 wget crashes on
 * it; the time limit is the run's, for the whole fetch. */
#define FETCH_SH "umask 077; ulimit -f %u; rm -f \"$1\"; " \
                 "exec wget -q -O \"$1\" \"$2\""

static int fetch_failed(const struct keel_run *r, const char *url,
                        const char *what, int rc, struct keel_err *e)
{
    char why[KEEL_ERR_MSG_MAX];

    if (r->timed_out)
        return keel_err_set(e, KEEL_EIO, "%s %.100s: no answer within "
                            "%d s", what, url, KEEL_FETCH_TIMEOUT_S);
    /* wget's own words, else why it did not run (e, copied: the
     * message below is written over it). */
    snprintf(why, sizeof(why), "%s", r->err_len ? r->err : e ? e->msg
                                                 : "wget failed");
    return keel_err_set(e, rc, "%s %.100s: %.*s", what, url,
                        (int)strcspn(why, "\n"), why);
}

int keel_url_fetch(struct keel_backend *b, const char *url,
                   const char *dest, const char *what, const char **path,
                   struct keel_err *e)
{
    char err[256], sh[128];
    const char *argv[] = { "sh", "-c", sh, "wget", dest, url, NULL };
    struct keel_run r = { .err = err, .err_size = sizeof(err),
                          .timeout_s = KEEL_FETCH_TIMEOUT_S };
    struct keel_stat st;
    int rc = keel_url_check(url, what, e), big;

    *path = NULL;
    if (rc)
        return rc;
    if (!strncmp(url, "file://", 7)) {
        *path = url + 7;
        return 0;
    }
    snprintf(sh, sizeof(sh), FETCH_SH, KEEL_READ_MAX / 512 + 1);
    rc = keel_backend_run(b, argv, &r, e);
    big = r.signal == SIGXFSZ;
    if (rc && !big)
        return fetch_failed(&r, url, what, rc, e);
    if (!big && (rc = keel_backend_stat(b, dest, &st, e)))
        return rc;
    if (big || st.size > KEEL_READ_MAX) {
        keel_backend_remove(b, dest, NULL);
        return keel_err_set(e, KEEL_EINVAL, "%s %.100s: larger than the "
                            "%u bytes allowed (the download was stopped "
                            "there)", what, url, KEEL_READ_MAX);
    }
    *path = dest;
    return 0;
}

void keel_answer_text_wipe(char *text, size_t len)
{
    if (text)
        explicit_bzero(text, len);
}

void keel_answer_text_free(char *text, size_t len)
{
    keel_answer_text_wipe(text, len);
    free(text);
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
