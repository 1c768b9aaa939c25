/*
 * open.c - the backend of keel-console and keelctl (app_backend in
 * console.h).  Built per program: with -DKEEL_FAKE_OK (the build
 * machine's programs) a scenario file selects the fake backend.
 */
#include "console.h"
#include "keel-backend-fake.h"
#include "keel-disk.h"
#include "keel-xen.h"

struct keel_backend *app_backend(const char *fake_state, struct keel_err *e)
{
    struct keel_backend *b;

#ifdef KEEL_FAKE_OK
    if (fake_state && fake_state[0]) {
        b = keel_fake_new();
        if (!b) {
            keel_err_set(e, KEEL_ENOMEM, "out of memory");
            return NULL;
        }
        if (keel_fake_xen_load_file(b, fake_state, e) ||
            keel_fake_disk_load_file(b, fake_state, e)) {
            keel_backend_free(b);
            return NULL;
        }
        return b;
    }
#else
    if (fake_state && fake_state[0]) {
        keel_err_set(e, KEEL_ENOTSUP, "this build has no fake backend");
        return NULL;
    }
#endif
    b = keel_backend_real_new(NULL);
    if (!b)
        keel_err_set(e, KEEL_ENOMEM, "out of memory");
    return b;
}
