/*
 * answer-xml.c - the strict XML reader of answer-xml.h: one pass, a
 * cursor with a line count, a tree of malloc'd nodes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "answer-xml.h"
#include "keel-answers.h"

struct cur {
    const char *p, *end;
    int line, nodes;
    struct keel_err *e;
};

/* Buffer that grows; ok cleared when out of memory. */
struct buf {
    char *s;
    size_t n, cap;
    int ok;
};

static void put(struct buf *b, const char *s, size_t n)
{
    if (!b->ok)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = (b->n + n + 1) * 2;
        char *ns = malloc(cap);

        if (!ns) {
            b->ok = 0;
            return;
        }
        /* Not realloc: the old copy (a password?) is wiped. */
        if (b->s)
            memcpy(ns, b->s, b->n + 1);
        keel_answer_text_free(b->s, b->cap);
        b->s = ns;
        b->cap = cap;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

static int fail(struct cur *c, const char *msg)
{
    keel_err_set(c->e, KEEL_EINVAL, "%s", msg);
    return KEEL_EINVAL;
}

static int oom(struct cur *c)
{
    keel_err_set(c->e, KEEL_ENOMEM, "out of memory reading the XML");
    return KEEL_ENOMEM;
}

static void adv(struct cur *c, size_t n)
{
    for (size_t i = 0; i < n && c->p < c->end; i++)
        if (*c->p++ == '\n')
            c->line++;
}

static int at(const struct cur *c, const char *s)
{
    size_t n = strlen(s);

    return (size_t)(c->end - c->p) >= n && memcmp(c->p, s, n) == 0;
}

static int is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

static void skip_space(struct cur *c)
{
    while (c->p < c->end && is_space(*c->p))
        adv(c, 1);
}

static int name_char(char ch, int first)
{
    if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
        ch == '_' || ch == ':' || (unsigned char)ch >= 0x80)
        return 1;
    return !first && ((ch >= '0' && ch <= '9') || ch == '-' || ch == '.');
}

/* A name at the cursor, malloc'd; NULL (with e) if there is none. */
static char *read_name(struct cur *c)
{
    const char *s = c->p;
    char *n;

    while (c->p < c->end && name_char(*c->p, c->p == s))
        c->p++;
    if (c->p == s) {
        fail(c, "expected a name");
        return NULL;
    }
    n = strndup(s, (size_t)(c->p - s));
    if (!n)
        oom(c);
    return n;
}

static void put_utf8(struct buf *b, uint32_t cp)
{
    char u[4];
    size_t n;

    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xc0 | cp >> 6);
        u[1] = (char)(0x80 | (cp & 0x3f));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xe0 | cp >> 12);
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
        u[2] = (char)(0x80 | (cp & 0x3f));
        n = 3;
    } else {
        u[0] = (char)(0xf0 | cp >> 18);
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
        u[3] = (char)(0x80 | (cp & 0x3f));
        n = 4;
    }
    put(b, u, n);
}

/* "&...;" at the cursor into b. */
static int read_entity(struct cur *c, struct buf *b)
{
    static const struct {
        const char *name, *text;
    } named[] = { { "&lt;", "<" }, { "&gt;", ">" }, { "&amp;", "&" },
                  { "&quot;", "\"" }, { "&apos;", "'" } };
    uint32_t cp = 0;
    int hex, digits = 0;

    for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++)
        if (at(c, named[i].name)) {
            put(b, named[i].text, 1);
            adv(c, strlen(named[i].name));
            return 0;
        }
    if (!at(c, "&#"))
        return fail(c, "unknown entity; only &lt; &gt; &amp; &quot; "
                    "&apos; and &#N; are known (write & as &amp;)");
    adv(c, 2);
    hex = c->p < c->end && *c->p == 'x';
    if (hex)
        adv(c, 1);
    for (; c->p < c->end && *c->p != ';' && digits < 8; digits++) {
        char ch = *c->p;
        int d = ch >= '0' && ch <= '9' ? ch - '0'
              : hex && ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
              : hex && ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : -1;

        if (d < 0)
            return fail(c, "bad character reference");
        cp = cp * (hex ? 16 : 10) + (uint32_t)d;
        adv(c, 1);
    }
    if (!digits || c->p == c->end || *c->p != ';' || cp == 0 ||
        cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return fail(c, "bad character reference");
    /* What the text may not hold, a reference may not smuggle in (a
     * NUL would cut a password short). */
    if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
        cp == 0x7f)
        return fail(c, "character reference to a control character");
    adv(c, 1);
    put_utf8(b, cp);
    return 0;
}

static int check_char(struct cur *c)
{
    unsigned char ch = (unsigned char)*c->p;

    if (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r')
        return fail(c, "control character in the text");
    return 0;
}

static int read_comment(struct cur *c)
{
    adv(c, 4);
    while (c->p < c->end && !at(c, "--"))
        adv(c, 1);
    if (!at(c, "-->"))
        return fail(c, c->p == c->end ? "comment is not closed with -->"
                                      : "'--' inside a comment");
    adv(c, 3);
    return 0;
}

static int read_attr_value(struct cur *c, struct buf *b)
{
    char q;

    if (c->p == c->end || (*c->p != '"' && *c->p != '\''))
        return fail(c, "attribute value must be in quotes");
    q = *c->p;
    adv(c, 1);
    while (c->p < c->end && *c->p != q) {
        int rc = 0;

        if (*c->p == '<')
            return fail(c, "'<' in an attribute value; write &lt;");
        if (*c->p == '&')
            rc = read_entity(c, b);
        else if ((rc = check_char(c)) == 0) {
            put(b, is_space(*c->p) ? " " : c->p, 1);
            adv(c, 1);
        }
        if (rc)
            return rc;
    }
    if (c->p == c->end)
        return fail(c, "attribute value is not closed");
    adv(c, 1);
    return b->ok ? 0 : oom(c);
}

static int add_attr(struct cur *c, struct xml_node *n)
{
    struct buf b = { NULL, 0, 0, 1 };
    struct xml_attr *a;
    char *name = read_name(c);
    int rc;

    if (!name)
        return KEEL_EINVAL;
    /* The bound keeps the duplicate check below cheap. */
    if (n->nattrs == XML_MAX_ATTRS) {
        free(name);
        keel_err_set(c->e, KEEL_EINVAL, "more than %d attributes in "
                     "<%.60s>", XML_MAX_ATTRS, n->name);
        return KEEL_EINVAL;
    }
    for (int i = 0; i < n->nattrs; i++)
        if (strcmp(n->attrs[i].name, name) == 0) {
            free(name);
            return fail(c, "attribute given twice");
        }
    skip_space(c);
    if (c->p == c->end || *c->p != '=') {
        free(name);
        return fail(c, "expected '=' after the attribute name");
    }
    adv(c, 1);
    skip_space(c);
    put(&b, "", 0);
    rc = read_attr_value(c, &b);
    a = rc ? NULL : realloc(n->attrs, (size_t)(n->nattrs + 1) * sizeof(*a));
    if (!rc && !a)
        rc = oom(c);
    if (rc) {
        free(name);
        keel_answer_text_free(b.s, b.cap);
        return rc;
    }
    n->attrs = a;
    n->attrs[n->nattrs++] = (struct xml_attr){ name, b.s, 0 };
    return 0;
}

/* Attributes up to '>' or "/>"; *empty set for "/>". */
static int read_attrs(struct cur *c, struct xml_node *n, int *empty)
{
    for (;;) {
        const char *before = c->p;
        int rc;

        skip_space(c);
        if (at(c, "/>") || at(c, ">")) {
            *empty = at(c, "/>");
            adv(c, *empty ? 2 : 1);
            return 0;
        }
        if (c->p == c->end)
            return fail(c, "start tag is not closed with '>'");
        if (c->p == before)
            return fail(c, "expected a space, '>' or '/>' in the tag");
        rc = add_attr(c, n);
        if (rc)
            return rc;
    }
}

static int parse_element(struct cur *c, int depth, struct xml_node **out);

static int add_kid(struct cur *c, struct xml_node *n, int depth)
{
    struct xml_node *kid = NULL, **k;
    int rc = parse_element(c, depth + 1, &kid);

    if (rc)
        return rc;
    k = realloc(n->kids, (size_t)(n->nkids + 1) * sizeof(*k));
    if (!k) {
        xml_free(kid);
        return oom(c);
    }
    n->kids = k;
    n->kids[n->nkids++] = kid;
    return 0;
}

static int end_tag(struct cur *c, const struct xml_node *n)
{
    char *name;
    int same;

    adv(c, 2);
    name = read_name(c);
    if (!name)
        return KEEL_EINVAL;
    same = strcmp(name, n->name) == 0;
    free(name);
    if (!same) {
        keel_err_set(c->e, KEEL_EINVAL, "end tag does not match <%.60s> "
                     "of line %d", n->name, n->line);
        return KEEL_EINVAL;
    }
    skip_space(c);
    if (c->p == c->end || *c->p != '>')
        return fail(c, "expected '>' to close the end tag");
    adv(c, 1);
    return 0;
}

static int read_cdata(struct cur *c, struct buf *b)
{
    adv(c, 9);
    while (c->p < c->end && !at(c, "]]>")) {
        int rc = check_char(c);

        if (rc)
            return rc;
        put(b, c->p, 1);
        adv(c, 1);
    }
    if (c->p == c->end)
        return fail(c, "CDATA section is not closed with ]]>");
    adv(c, 3);
    return 0;
}

/* One content item of n at the cursor (not its end tag). */
static int content_item(struct cur *c, struct xml_node *n, int depth,
                        struct buf *text)
{
    if (at(c, "<!--"))
        return read_comment(c);
    if (at(c, "<![CDATA["))
        return read_cdata(c, text);
    if (at(c, "<?") || at(c, "<!"))
        return fail(c, "declarations and processing instructions are not"
                    " allowed inside elements");
    if (*c->p == '<')
        return add_kid(c, n, depth);
    if (*c->p == '&')
        return read_entity(c, text);
    if (check_char(c))
        return KEEL_EINVAL;
    if (!n->text_line && !is_space(*c->p))
        n->text_line = c->line;
    put(text, c->p, 1);
    adv(c, 1);
    return 0;
}

static int parse_element(struct cur *c, int depth, struct xml_node **out)
{
    struct xml_node *n;
    struct buf text = { NULL, 0, 0, 1 };
    int rc, empty = 0;

    if (depth > XML_MAX_DEPTH || ++c->nodes > XML_MAX_NODES)
        return fail(c, "elements nested too deep, or too many of them");
    n = calloc(1, sizeof(*n));
    if (!n)
        return oom(c);
    n->line = c->line;
    adv(c, 1);
    n->name = read_name(c);
    rc = n->name ? read_attrs(c, n, &empty) : KEEL_EINVAL;
    put(&text, "", 0);
    while (!rc && !empty) {
        if (c->p == c->end) {
            keel_err_set(c->e, KEEL_EINVAL, "<%.60s> of line %d is not "
                         "closed", n->name, n->line);
            rc = KEEL_EINVAL;
        } else if (at(c, "</")) {
            rc = end_tag(c, n);
            break;
        } else {
            rc = content_item(c, n, depth, &text);
        }
    }
    if (!rc && !text.ok)
        rc = oom(c);
    n->text = text.s;
    if (rc) {
        xml_free(n);
        return rc;
    }
    *out = n;
    return 0;
}

/* Comments and white space between the prolog and the end. */
static int misc(struct cur *c)
{
    for (;;) {
        int rc;

        skip_space(c);
        if (!at(c, "<!--"))
            return 0;
        rc = read_comment(c);
        if (rc)
            return rc;
    }
}

static int prolog(struct cur *c)
{
    if (at(c, "\xef\xbb\xbf"))
        c->p += 3;
    if (at(c, "<?xml") && c->p + 5 < c->end && is_space(c->p[5])) {
        while (c->p < c->end && !at(c, "?>"))
            adv(c, 1);
        if (c->p == c->end)
            return fail(c, "<?xml declaration is not closed with ?>");
        adv(c, 2);
    }
    if (misc(c))
        return KEEL_EINVAL;
    if (at(c, "<!DOCTYPE"))
        return fail(c, "DOCTYPE is not supported in answer files");
    if (at(c, "<?"))
        return fail(c, "processing instructions are not supported (the "
                    "<?xml ?> declaration must come first)");
    if (c->p == c->end || *c->p != '<')
        return fail(c, "expected the <installation> element");
    return 0;
}

int xml_parse(const char *text, size_t len, struct xml_node **root,
              int *line, struct keel_err *e)
{
    struct cur c = { text, text + len, 1, 0, e };
    int rc;

    *root = NULL;
    if (len > XML_MAX_BYTES) {
        *line = 0;
        return keel_err_set(e, KEEL_EINVAL, "the file is larger than "
                            "1 MiB; it is not an answer file");
    }
    rc = prolog(&c);
    if (!rc)
        rc = parse_element(&c, 0, root);
    if (!rc)
        rc = misc(&c);
    if (!rc && c.p != c.end)
        rc = fail(&c, "text after the end of the document element");
    if (rc) {
        xml_free(*root);
        *root = NULL;
    }
    *line = c.line;
    return rc;
}

void xml_free(struct xml_node *n)
{
    if (!n)
        return;
    for (int i = 0; i < n->nkids; i++)
        xml_free(n->kids[i]);
    /* Texts and values are wiped: a root password is one of them. */
    for (int i = 0; i < n->nattrs; i++) {
        free(n->attrs[i].name);
        keel_answer_text_free(n->attrs[i].value,
                              strlen(n->attrs[i].value));
    }
    free(n->kids);
    free(n->attrs);
    free(n->name);
    keel_answer_text_free(n->text, n->text ? strlen(n->text) : 0);
    free(n);
}

const char *xml_attr(struct xml_node *n, const char *name)
{
    for (int i = 0; i < n->nattrs; i++)
        if (strcmp(n->attrs[i].name, name) == 0) {
            n->attrs[i].used = 1;
            return n->attrs[i].value;
        }
    return NULL;
}
