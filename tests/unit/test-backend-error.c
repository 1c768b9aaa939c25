/*
 * test-backend-error.c - the error convention every backend and
 * validator relies on.
 */
#include <errno.h>

#include "keel-error.h"
#include "unit.h"

UNIT_TEST(error_set_returns_code)
{
    struct keel_err e = { "old" };
    char big[400];

    CHECK_INT(keel_err_set(&e, KEEL_EIO, "disk %s: %d", "sda", 3),
              KEEL_EIO);
    CHECK_STR(e.msg, "disk sda: 3");
    CHECK_INT(keel_err_set(NULL, KEEL_EINVAL, "x"), KEEL_EINVAL);
    memset(big, 'a', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    keel_err_set(&e, KEEL_EINVAL, "%s", big);
    CHECK_INT(strlen(e.msg), KEEL_ERR_MSG_MAX - 1);
    keel_err_clear(&e);
    CHECK_STR(e.msg, "");
    keel_err_clear(NULL);
}

UNIT_TEST(error_strerror_and_errno)
{
    static const int codes[] = { KEEL_OK,    KEEL_EINVAL, KEEL_EIO,
                                 KEEL_ENOMEM, KEEL_ENOENT, KEEL_EEXIST,
                                 KEEL_EPERM, KEEL_ECMD,   KEEL_ENOTSUP,
                                 KEEL_EBUSY, KEEL_ENOSPC };

    /* Every code has its own text, and unknown codes still get one. */
    for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
        CHECK(strcmp(keel_strerror(codes[i]), "unknown error") != 0);
        for (size_t j = 0; j < i; j++)
            CHECK(strcmp(keel_strerror(codes[i]),
                         keel_strerror(codes[j])) != 0);
    }
    CHECK_STR(keel_strerror(-99), "unknown error");
    CHECK_INT(keel_err_from_errno(ENOENT), KEEL_ENOENT);
    CHECK_INT(keel_err_from_errno(EACCES), KEEL_EPERM);
    CHECK_INT(keel_err_from_errno(EROFS), KEEL_EPERM);
    CHECK_INT(keel_err_from_errno(ENOMEM), KEEL_ENOMEM);
    CHECK_INT(keel_err_from_errno(EEXIST), KEEL_EEXIST);
    CHECK_INT(keel_err_from_errno(ENOSPC), KEEL_EIO);
    CHECK_INT(keel_err_from_errno(0), KEEL_EIO);
}
