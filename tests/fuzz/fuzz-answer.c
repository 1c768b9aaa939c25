/*
 * fuzz-answer.c - answer files (XML and KEY=VALUE) and the XML reader:
 * any input is either accepted or refused with problems; never a crash,
 * leak or undefined behaviour.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "answer-xml.h"
#include "keel-answers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct keel_answers a;
    struct keel_problems p;
    struct xml_node *root;
    int line, rc;
    char *s;

    if (keel_answers_init(&a, NULL))
        return 0;
    keel_problems_init(&p);
    rc = keel_answers_parse(&a, (const char *)data, size, &p);
    if (rc == 0 && p.nerrors)
        abort(); /* success must mean no error */
    if (rc != 0 && !p.nerrors)
        abort(); /* a refusal must say why */
    s = keel_problems_format(&p, "fuzz");
    free(s);
    keel_answers_fini(&a);
    if (xml_parse((const char *)data, size, &root, &line, NULL) == 0)
        xml_free(root);
    return 0;
}
