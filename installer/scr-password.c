/*
 * scr-password.c - the root password, typed twice.  The engine says
 * what is long enough (keel_password_hash()) and hashes it when the
 * plan is made; the plain text lives only in memory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scr-password.h"
#include "ui.h"

enum { F_PW1, F_PW2, NFIELDS };

enum step_result scr_password_ask(struct inst *in)
{
    struct ui_field f[NFIELDS] = {
        { "Root password", UI_SECRET, in->pw1, sizeof(in->pw1), NULL, NULL,
          0 },
        { "Again", UI_SECRET, in->pw2, sizeof(in->pw2), NULL, NULL, 0 },
    };
    char intro[200];
    struct ui_form fm = { intro, " Tab/Up/Down: field   Enter: next   "
                          "Esc: back", f, NFIELDS,
                          in->err[0] ? in->err_field : 0 };
    int k;

    snprintf(intro, sizeof(intro), "The password of root, for the console"
             " and SSH: at least %d characters, typed twice.",
             KEEL_PASSWORD_MIN);
    do
        k = ui_form_run(in, &fm);
    while (k == UI_CHANGED);
    return k == UI_NEXT ? STEP_NEXT : STEP_BACK;
}

int scr_password_check(struct inst *in)
{
    struct keel_err e;
    char *hash = NULL;
    int rc = keel_password_hash(in->pw1, &hash, &e);

    free(hash);
    if (rc) {
        in->pw2[0] = '\0';
        return inst_fail(in, F_PW1, &e);
    }
    if (strcmp(in->pw1, in->pw2) != 0) {
        in->pw2[0] = '\0';
        keel_err_set(&e, KEEL_EINVAL, "The two passwords differ: type the "
                     "same one again.");
        return inst_fail(in, F_PW2, &e);
    }
    snprintf(in->a.password, sizeof(in->a.password), "%s", in->pw1);
    return 0;
}
