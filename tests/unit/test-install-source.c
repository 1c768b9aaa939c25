/*
 * test-install-source.c - finding the answer file: kernel argument
 * (file, http), the KEEL-AUTO file system, none.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "keel-answers.h"
#include "instplan.h"
#include "keel-backend-fake.h"
#include "unit.h"

UNIT_TEST(install_source_cmdline_words)
{
    char buf[32];

    CHECK_INT(keel_cmdline_get("ro answerfile=file:///a atexit=shell\n",
                               "atexit", buf, sizeof(buf)), 0);
    CHECK_STR(buf, "shell");
    CHECK_INT(keel_cmdline_get("xatexit=1", "atexit", buf, sizeof(buf)),
              KEEL_ENOENT);
    CHECK_INT(keel_cmdline_get("atexit=", "atexit", buf, sizeof(buf)), 0);
    CHECK_STR(buf, "");
    CHECK_INT(keel_cmdline_get("a=0123456789", "a", buf, 5), KEEL_EINVAL);
}

UNIT_TEST(install_source_kernel_argument)
{
    struct keel_backend *b = keel_fake_new();
    char *text = NULL, origin[128];
    size_t len;
    struct keel_err e;

    keel_fake_put(b, "/x/answers.xml", "<installation/>", 15, 0644);
    CHECK_INT(keel_answer_fetch(b, "quiet answerfile=file:///x/answers.xml",
                                &text, &len, origin, sizeof(origin), &e),
              0);
    CHECK_STR(text, "<installation/>");
    CHECK_STR(origin, "file:///x/answers.xml");
    free(text);
    keel_fake_put(b, "/run/keel/answerfile", "disk=sda\n", 9, 0644);
    keel_fake_log_clear(b);
    CHECK_INT(keel_answer_fetch(b, "answerfile=http://10.0.2.2/a", &text,
                                &len, origin, sizeof(origin), &e), 0);
    CHECK_STR(text, "disk=sda\n");
    CHECK_STR(keel_fake_log(b), "run " INST_FETCH "/run/keel/answerfile"
              " http://10.0.2.2/a\nstat /run/keel/answerfile\n"
              "read /run/keel/answerfile\n");
    free(text);
    CHECK_INT(keel_answer_fetch(b, "answerfile=ftp://x", &text, &len,
                                origin, sizeof(origin), &e), KEEL_EINVAL);
    CHECK(strstr(e.msg, "answerfile= ftp://x: use file:///PATH") != NULL);
    keel_fake_script(b, INST_FETCH "/run/keel/answerfile http://h/slow",
                     KEEL_FAKE_HANGS, "", "");
    CHECK_INT(keel_answer_fetch(b, "answerfile=http://h/slow", &text, &len,
                                origin, sizeof(origin), &e), KEEL_EIO);
    CHECK(strstr(e.msg, "no answer within 60 s") != NULL);
    keel_backend_free(b);
}

UNIT_TEST(install_source_keel_auto_label)
{
    struct keel_backend *b = keel_fake_new();
    char *text = NULL, origin[128];
    size_t len;
    struct keel_err e;

    CHECK_INT(keel_answer_fetch(b, "quiet", &text, &len, origin,
                                sizeof(origin), &e), KEEL_ENOENT);
    keel_fake_script(b, "blkid -L KEEL-AUTO", 0, "/dev/sdb\n", NULL);
    keel_fake_put(b, "/run/keel/auto/answerfile", "x", 1, 0644);
    keel_fake_log_clear(b);
    CHECK_INT(keel_answer_fetch(b, "quiet", &text, &len, origin,
                                sizeof(origin), &e), 0);
    CHECK_STR(origin, "/dev/sdb:/answerfile");
    CHECK_STR(keel_fake_log(b), "run blkid -L KEEL-AUTO\n"
              "run mkdir -p /run/keel/auto\n"
              "run mount -o ro /dev/sdb /run/keel/auto\n"
              "read /run/keel/auto/answerfile\nrun umount /run/keel/auto\n");
    free(text);
    keel_backend_free(b);
}

/* The real fetch, with a wget of this test's on PATH, into a temporary
 * directory: the file is the installer's alone (0600, whatever the
 * umask or the mode of a file already there), and one larger than
 * KEEL_READ_MAX stops the download at the limit (20 MB are cut, not
 * written whole and refused after) and is removed. */
UNIT_TEST(install_source_fetch_private_and_bounded)
{
    char dir[] = "/tmp/keel-unit-XXXXXX", wget[600], dest[600];
    char path[1200], *old = getenv("PATH") ? strdup(getenv("PATH")) : NULL;
    struct keel_backend *b = keel_backend_real_new(NULL);
    struct keel_err e = { "" };
    const char *got = NULL;
    struct stat st;
    FILE *f;

    CHECK(mkdtemp(dir) != NULL);
    snprintf(wget, sizeof(wget), "%s/wget", dir);
    snprintf(dest, sizeof(dest), "%s/answerfile", dir);
    f = fopen(wget, "w");
    CHECK(f != NULL);
    if (!f || !b)
        goto out;
    /* -q -O DEST URL */
    fputs("#!/bin/sh\n[ \"${4##*/}\" = big ] && exec head -c 20000000 "
          "/dev/zero >\"$3\"\nprintf 'disk=sda\\n' >\"$3\"\n", f);
    fclose(f);
    chmod(wget, 0755);
    snprintf(path, sizeof(path), "%s:%s", dir, old ? old : "/usr/bin:/bin");
    setenv("PATH", path, 1);
    umask(022);
    f = fopen(dest, "w"); /* left by an earlier fetch, 0644 */
    if (f)
        fclose(f);
    CHECK_INT(keel_url_fetch(b, "http://h/a", dest, "answerfile=", &got,
                             &e), 0);
    CHECK(got == dest);
    CHECK_INT(stat(dest, &st), 0);
    CHECK_INT(st.st_mode & 07777, 0600);
    CHECK_INT((int)st.st_size, 9);
    CHECK_INT(keel_url_fetch(b, "http://h/big", dest, "answerfile=", &got,
                             &e), KEEL_EINVAL);
    CHECK_STR(e.msg, "answerfile= http://h/big: larger than the 16777216 "
                     "bytes allowed (the download was stopped there)");
    CHECK(stat(dest, &st) != 0); /* removed */
out:
    if (old)
        setenv("PATH", old, 1);
    free(old);
    keel_backend_free(b);
    unlink(dest);
    unlink(wget);
    rmdir(dir);
}

/* The answer text is wiped before it is freed (it may hold the root
 * password); checked on a buffer of the test's own. */
UNIT_TEST(install_source_text_wiped)
{
    char buf[] = "root-password=\"correct horse\"\n";
    char *t = strdup("disk=sda\n");

    keel_answer_text_wipe(buf, sizeof(buf) - 1);
    for (size_t i = 0; i < sizeof(buf); i++)
        if (buf[i])
            unit_fail(__FILE__, __LINE__, "byte %zu not wiped", i);
    keel_answer_text_wipe(NULL, 4);
    keel_answer_text_free(NULL, 0);
    keel_answer_text_free(t, t ? strlen(t) : 0);
}
