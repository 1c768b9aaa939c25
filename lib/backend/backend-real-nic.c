/*
 * backend-real-nic.c - the real backend's network interfaces
 * (keel-disk.h's nic_list): the physical ones in /sys/class/net, with
 * MAC, link, speed and driver, for the installer and the console.
 */
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend-real.h"
#include "keel-disk.h"

static void one_nic(const char *dir, const char *name, struct keel_nic *c)
{
    char p[PATH_MAX + 400], buf[PATH_MAX];
    ssize_t n;
    long long speed;

    memset(c, 0, sizeof(*c));
    keel_real_copy(c->name, sizeof(c->name), name);
    snprintf(p, sizeof(p), "%s/address", dir);
    keel_real_line(p, buf, sizeof(buf));
    keel_real_copy(c->mac, sizeof(c->mac), buf);
    snprintf(p, sizeof(p), "%s/operstate", dir);
    keel_real_line(p, buf, sizeof(buf));
    c->link = !strcmp(buf, "up") ? 1 : !strcmp(buf, "down") ? 0 : -1;
    snprintf(p, sizeof(p), "%s/carrier", dir);
    keel_real_line(p, buf, sizeof(buf));
    if (c->link != 1 && buf[0])
        c->link = buf[0] == '1';
    snprintf(p, sizeof(p), "%s/speed", dir);
    keel_real_line(p, buf, sizeof(buf));
    speed = strtoll(buf, NULL, 10);
    c->speed = speed > 0 && speed < 10000000 ? (unsigned)speed : 0;
    snprintf(p, sizeof(p), "%s/device/driver", dir);
    n = readlink(p, buf, sizeof(buf) - 1);
    if (n > 0) {
        const char *base;

        buf[n] = '\0';
        base = strrchr(buf, '/');
        keel_real_copy(c->driver, sizeof(c->driver), base ? base + 1 : buf);
    }
}

static int by_nic(const void *a, const void *b)
{
    return strcmp(((const struct keel_nic *)a)->name,
                  ((const struct keel_nic *)b)->name);
}

static int real_nic_list(struct keel_backend *b, struct keel_nics *out,
                         struct keel_err *e)
{
    char dir[PATH_MAX], p[PATH_MAX + 300];
    DIR *dp;
    struct dirent *de;

    if (keel_real_path(b, dir, sizeof(dir), "/sys/class/net"))
        return keel_err_set(e, KEEL_EINVAL, "root path too long");
    dp = opendir(dir);
    if (!dp)
        return keel_real_err(e, "list network interfaces in", dir);
    while ((de = readdir(dp))) {
        struct keel_nic *v;

        snprintf(p, sizeof(p), "%s/%s/device", dir, de->d_name);
        if (de->d_name[0] == '.' || strlen(de->d_name) >= 16 ||
            access(p, F_OK) != 0)
            continue;
        v = realloc(out->v, (out->n + 1) * sizeof(*v));
        if (!v) {
            closedir(dp);
            keel_nics_free(out);
            return keel_err_set(e, KEEL_ENOMEM, "out of memory");
        }
        out->v = v;
        snprintf(p, sizeof(p), "%s/%s", dir, de->d_name);
        one_nic(p, de->d_name, &v[out->n++]);
    }
    closedir(dp);
    if (out->n)
        qsort(out->v, out->n, sizeof(out->v[0]), by_nic);
    return 0;
}

void keel_real_nic_ops(struct keel_backend *b)
{
    b->nic_list = real_nic_list;
}
