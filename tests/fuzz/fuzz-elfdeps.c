/*
 * fuzz-elfdeps.c - libFuzzer target for keel_elfdeps_parse().
 *
 * The parser is what reads untrusted bytes (every file of every .deb
 * we ship), so it must never read outside the buffer, whatever the
 * offsets say.  ASan catches the reads; the checks below catch results
 * that would make the closure code misbehave.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "elfdeps.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct keel_elfdeps_info info;
    char err[KEEL_ELFDEPS_ERRLEN];
    int rc = keel_elfdeps_parse(data, size, &info, err, sizeof(err));

    if (rc != 0 && rc != -ENOEXEC && rc != -ENOTSUP && rc != -EINVAL &&
        rc != -ENOMEM)
        abort();
    if (rc < 0 && (info.needed || info.n_needed || info.interp))
        abort();
    for (size_t i = 0; i < info.n_needed; i++) {
        if (!info.needed[i] || !info.needed[i][0])
            abort();
    }
    if (info.interp && !info.interp[0])
        abort();
    if (rc < 0 && !memchr(err, '\0', sizeof(err)))
        abort();
    keel_elfdeps_info_free(&info);
    return 0;
}
