/*
 * instplan.h - the installer tests' fixture: the fake host of
 * data/install/host.scenario and answers -> plan from a data file.
 */
#ifndef KEEL_UNIT_INSTPLAN_H
#define KEEL_UNIT_INSTPLAN_H

#include "keel-install.h"

/* How keel_url_fetch runs wget (in the fake's log), up to its DEST. */
#define INST_FETCH "sh -c umask 077; ulimit -f 32769; rm -f \"$1\"; " \
                   "exec wget -q -O \"$1\" \"$2\" wget "

/* data/install/REL, NUL-terminated, *len bytes; NULL (and a failed
 * check) if it cannot be read.  free() it. */
char *inst_data(const char *rel, size_t *len);

/* A fake backend loaded with data/install/host.scenario. */
struct keel_backend *inst_host(void);

/* Answers from data/install/REL (a initialised here), then the plan
 * on b; 0, or the parser's or the plan's error (problems in pr). */
int inst_plan_from(struct keel_backend *b, const char *rel,
                   struct keel_answers *a, struct keel_plan *p,
                   struct keel_problems *pr);

#endif
