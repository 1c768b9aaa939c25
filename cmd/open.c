/*
 * open.c - the backend of keel-console and keelctl (app_backend in
 * cmd.h).  Built per program: with -DKEEL_FAKE_OK
 * (the build machine's programs, linked with tests/fake/) a scenario
 * file selects the fake backend; the dom0 image's programs have the
 * real backend only and no fake code at all.
 */
#include "cmd.h"
#ifdef KEEL_FAKE_OK
#include "keel-backend-fake.h"
#endif

struct keel_backend *app_backend(const char *fake_state, struct keel_err *e)
{
    struct keel_backend *b;

    if (fake_state && fake_state[0]) {
#ifdef KEEL_FAKE_OK
        return keel_fake_open(fake_state, e);
#else
        keel_err_set(e, KEEL_ENOTSUP, "this build has no fake backend "
                     "(--fake-state is for the build machine's programs)");
        return NULL;
#endif
    }
    b = keel_backend_real_new(NULL);
    if (!b)
        keel_err_set(e, KEEL_ENOMEM, "out of memory");
    return b;
}
