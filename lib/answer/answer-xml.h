/*
 * answer-xml.h - a small strict XML reader for answer files (the dom0
 * ships no libxml): elements, attributes, text, comments, CDATA, the
 * <?xml ?> declaration, the five predefined entities and numeric
 * character references.  No DTDs, no other processing instructions.
 * Private to lib/answer-*.c.
 */
#ifndef KEEL_ANSWER_XML_H
#define KEEL_ANSWER_XML_H

#include <stddef.h>

#include "keel-error.h"

#define XML_MAX_DEPTH 32
#define XML_MAX_NODES 4096
#define XML_MAX_ATTRS 64 /* of one element; answer files use 1-5 */
#define XML_MAX_BYTES (1024 * 1024)

struct xml_attr {
    char *name, *value;
    int used; /* set by the reader of the tree: unknown ones warn */
};

struct xml_node {
    char *name;
    int line;              /* of its start tag */
    struct xml_attr *attrs;
    int nattrs;
    char *text;            /* its character data, concatenated */
    int text_line;         /* line of the first non-blank text, or 0 */
    struct xml_node **kids;
    int nkids;
};

/*
 * Parse len bytes into a tree; *root is the document element, freed
 * with xml_free().  KEEL_EINVAL with *line and e for the first error
 * (the rest of a malformed document is not read); KEEL_ENOMEM.
 */
int xml_parse(const char *text, size_t len, struct xml_node **root,
              int *line, struct keel_err *e);
void xml_free(struct xml_node *n);

/* The attribute's value (marking it used), or NULL. */
const char *xml_attr(struct xml_node *n, const char *name);

#endif
