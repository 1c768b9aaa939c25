/*
 * fuzz-answer.c - answer files (XML and KEY=VALUE) and the XML reader:
 * any input is either accepted or refused with problems; never a crash,
 * leak or undefined behaviour.  The first byte sets the length of the
 * label the problems are formatted with (a long answerfile= URL).
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
    char *s, label[512];
    size_t nlabel = size ? (size_t)data[0] * 2 : 0;

    if (size) {
        data++;
        size--;
    }
    memset(label, 'u', nlabel);
    label[nlabel] = '\0';
    if (keel_answers_init(&a, NULL))
        return 0;
    keel_problems_init(&p);
    rc = keel_answers_parse(&a, (const char *)data, size, &p);
    if (rc == 0 && p.nerrors)
        abort(); /* success must mean no error */
    if (rc != 0 && !p.nerrors)
        abort(); /* a refusal must say why */
    s = keel_problems_format(&p, label);
    if (s && p.n && !strstr(s, label))
        abort();
    free(s);
    keel_answers_fini(&a);
    if (xml_parse((const char *)data, size, &root, &line, NULL) == 0)
        xml_free(root);
    return 0;
}
