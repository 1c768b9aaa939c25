/*
 * test-install-source.c - finding the answer file: kernel argument
 * (file, http), the KEEL-AUTO file system, none.
 */
#include <stdlib.h>
#include <string.h>

#include "keel-answers.h"
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
    CHECK_STR(keel_fake_log(b), "run wget -q -O /run/keel/answerfile"
              " http://10.0.2.2/a\nstat /run/keel/answerfile\n"
              "read /run/keel/answerfile\n");
    free(text);
    CHECK_INT(keel_answer_fetch(b, "answerfile=ftp://x", &text, &len,
                                origin, sizeof(origin), &e), KEEL_EINVAL);
    CHECK(strstr(e.msg, "answerfile= ftp://x: use file:///PATH") != NULL);
    keel_fake_script(b, "wget -q -O /run/keel/answerfile http://h/slow",
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
