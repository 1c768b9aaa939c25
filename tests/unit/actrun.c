/*
 * actrun.c - run one action as keelctl would (actrun.h).
 */
#include <stdio.h>

#include "actrun.h"

int unit_act_run(struct app *a, const char *name, int argc, char **argv,
                 int json, char **text, struct keel_err *e)
{
    size_t len = 0;
    FILE *f = open_memstream(text, &len);
    struct out o;
    int rc;

    a->cur = action_find(name);
    out_init(&o, f, json);
    rc = a->cur->run(a, argc, argv, &o, e);
    fclose(f);
    return rc;
}
