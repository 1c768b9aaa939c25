/*
 * backend-args-xen.c - the keel_backend_*() wrappers of the console's
 * operations (keel-xen.h): argument rules in one place for both
 * backends.
 */
#include <stdlib.h>
#include <string.h>

#include "keel-xen.h"

static int check(struct keel_backend *b, int has_op, const char *what,
                 struct keel_err *e)
{
    if (!b)
        return keel_err_set(e, KEEL_EINVAL, "no backend given to %s",
                            what);
    if (!has_op)
        return keel_err_set(e, KEEL_ENOTSUP, "the %s backend cannot %s",
                            b->name, what);
    return 0;
}

static int check_name(const char *name, const char *what,
                      struct keel_err *e)
{
    if (!name || !name[0] || strlen(name) >= 64 || name[0] == '-' ||
        strpbrk(name, "/ \t\n"))
        return keel_err_set(e, KEEL_EINVAL, "'%s' is not a valid %s name",
                            name ? name : "(null)", what);
    return 0;
}

const char *keel_vm_state_name(enum keel_vm_state s)
{
    static const char *const names[] = { "halted", "running", "paused",
                                         "shutdown", "crashed", "dying" };

    if ((unsigned)s >= sizeof(names) / sizeof(names[0]))
        return "unknown";
    return names[s];
}

int keel_backend_xen_info(struct keel_backend *b, struct keel_xen_info *xi,
                          struct keel_err *e)
{
    int rc = check(b, b && b->xen_info, "ask Xen", e);

    memset(xi, 0, sizeof(*xi));
    return rc ? rc : b->xen_info(b, xi, e);
}

int keel_backend_dom_list(struct keel_backend *b, struct keel_dom **doms,
                          size_t *n, struct keel_err *e)
{
    int rc = check(b, b && b->dom_list, "list domains", e);

    *doms = NULL;
    *n = 0;
    return rc ? rc : b->dom_list(b, doms, n, e);
}

int keel_backend_dom_op(struct keel_backend *b, const char *name,
                        enum keel_dom_op op, struct keel_err *e)
{
    int rc = check(b, b && b->dom_op, "control domains", e);

    if (!rc)
        rc = check_name(name, "VM", e);
    if (!rc && (unsigned)op > KEEL_DOM_UNPAUSE)
        rc = keel_err_set(e, KEEL_EINVAL, "unknown domain operation %d",
                          (int)op);
    return rc ? rc : b->dom_op(b, name, (int)op, e);
}

int keel_backend_vm_defs(struct keel_backend *b, struct keel_vm_def **defs,
                         size_t *n, struct keel_err *e)
{
    int rc = check(b, b && b->vm_defs, "list VM definitions", e);

    *defs = NULL;
    *n = 0;
    return rc ? rc : b->vm_defs(b, defs, n, e);
}

int keel_backend_vm_define(struct keel_backend *b, const char *xml,
                           struct keel_err *e)
{
    int rc = check(b, b && b->vm_define, "define VMs", e);

    if (!rc && (!xml || !strstr(xml, "<domain")))
        rc = keel_err_set(e, KEEL_EINVAL, "a VM definition is libvirt "
                          "domain XML (<domain type='xen'>...)");
    return rc ? rc : b->vm_define(b, xml, e);
}

int keel_backend_vm_undefine(struct keel_backend *b, const char *name,
                             struct keel_err *e)
{
    int rc = check(b, b && b->vm_undefine, "undefine VMs", e);

    if (!rc)
        rc = check_name(name, "VM", e);
    return rc ? rc : b->vm_undefine(b, name, e);
}

int keel_backend_vm_start(struct keel_backend *b, const char *name,
                          struct keel_err *e)
{
    int rc = check(b, b && b->vm_start, "start VMs", e);

    if (!rc)
        rc = check_name(name, "VM", e);
    return rc ? rc : b->vm_start(b, name, e);
}

int keel_backend_vm_autostart(struct keel_backend *b, const char *name,
                              int on, unsigned order, unsigned delay_s,
                              struct keel_err *e)
{
    int rc = check(b, b && b->vm_autostart, "set VM autostart", e);

    if (!rc)
        rc = check_name(name, "VM", e);
    return rc ? rc : b->vm_autostart(b, name, on, order, delay_s, e);
}

int keel_backend_vm_cd(struct keel_backend *b, const char *name,
                       const char *iso, struct keel_err *e)
{
    int rc = check(b, b && b->vm_cd, "change a VM's CD", e);

    if (!rc)
        rc = check_name(name, "VM", e);
    if (!rc && iso && (iso[0] != '/' || strpbrk(iso, "'\"<>&\n")))
        rc = keel_err_set(e, KEEL_EINVAL, "a CD image is an absolute path "
                          "without quotes or <>&, not '%s'", iso);
    return rc ? rc : b->vm_cd(b, name, iso, e);
}

int keel_backend_pool_refresh(struct keel_backend *b, const char *pool,
                              struct keel_err *e)
{
    int rc = check(b, b && b->pool_refresh, "refresh storage pools", e);

    if (!rc)
        rc = check_name(pool, "storage pool", e);
    return rc ? rc : b->pool_refresh(b, pool, e);
}

int keel_backend_net_live(struct keel_backend *b, const char *ifname,
                          struct keel_net_live *nl, struct keel_err *e)
{
    int rc = check(b, b && b->net_live, "read interfaces", e);

    memset(nl, 0, sizeof(*nl));
    if (!rc)
        rc = check_name(ifname, "interface", e);
    return rc ? rc : b->net_live(b, ifname, nl, e);
}

static int cmp_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int keel_backend_list_dir(struct keel_backend *b, const char *path,
                          char ***names, size_t *n, struct keel_err *e)
{
    int rc = check(b, b && b->list_dir, "list directories", e);

    *names = NULL;
    *n = 0;
    if (!rc && (!path || path[0] != '/' || strstr(path, "/.")))
        rc = keel_err_set(e, KEEL_EINVAL, "'%s' is not a plain absolute "
                          "directory path", path ? path : "(null)");
    if (!rc)
        rc = b->list_dir(b, path, names, n, e);
    /* sorted here once, whatever the backend */
    if (!rc && *n > 1)
        qsort(*names, *n, sizeof(**names), cmp_name);
    return rc;
}

int keel_backend_run_tty(struct keel_backend *b, const char *const *argv,
                         struct keel_err *e)
{
    int status = -1;
    int rc = check(b, b && b->run_tty, "run programs on the terminal", e);

    if (!rc && (!argv || !argv[0] || !argv[0][0]))
        rc = keel_err_set(e, KEEL_EINVAL, "no program given to run");
    if (!rc)
        rc = b->run_tty(b, argv, &status, e);
    if (!rc && status != 0)
        rc = keel_err_set(e, KEEL_ECMD, "'%s' exited with status %d",
                          argv[0], status);
    return rc;
}

void keel_names_free(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}
