/*
 * test-install-grub.c - what keel-install writes for GRUB, checked by
 * GRUB's own tools (grub-common, a build dependency): grub.cfg parses
 * with grub-script-check, grubenv reads with grub-editenv.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "keel-install.h"
#include "unit.h"

static int write_tmp(char *path, const char *data, size_t len)
{
    int fd = mkstemp(path);
    int ok = fd >= 0 && write(fd, data, len) == (ssize_t)len;

    if (fd >= 0)
        close(fd);
    return ok ? 0 : -1;
}

UNIT_TEST(install_grubcfg_passes_grub_script_check)
{
    static const char conf[] = "XEN_MEM=dom0_mem=256M\nXEN_LOG=loglvl=info\n"
                               "XEN_CONSOLE=console=com1,vga\n"
                               "XEN_CONSOLE_SERIAL=console=com1\n"
                               "DOM0_CONSOLE=console=tty0 console=hvc0\n"
                               "DOM0_CONSOLE_SERIAL=console=hvc0\n";
    struct keel_bootconf bc;
    struct keel_backend *b = keel_backend_real_new(NULL);
    char path[] = "/tmp/keel-grubcfg-XXXXXX", *cfg = NULL;
    struct keel_err e;

    CHECK_INT(keel_bootconf_parse(&bc, conf, sizeof(conf) - 1, &e), 0);
    CHECK_STR(bc.v[KEEL_BC_DOM0_CONSOLE], "console=tty0 console=hvc0");
    CHECK_INT(keel_grubcfg_make(&bc, &cfg, &e), 0);
    CHECK(cfg && strstr(cfg, "keel.root=PARTLABEL=keel-b"));
    CHECK(cfg && write_tmp(path, cfg, strlen(cfg)) == 0);
    CHECK_INT(keel_backend_run(b, (const char *[]){ "grub-script-check",
                                                    path, NULL },
                               NULL, &e), 0);
    unlink(path);
    free(cfg);
    strcpy(bc.v[KEEL_BC_XEN_LOG], "loglvl=all; reboot");
    CHECK_INT(keel_grubcfg_make(&bc, &cfg, &e), KEEL_EINVAL);
    CHECK_INT(keel_bootconf_parse(&bc, conf, 20, &e), KEEL_EINVAL);
    CHECK(strstr(e.msg, "is missing") != NULL);
    keel_backend_free(b);
}

UNIT_TEST(install_grubenv_read_by_grub_editenv)
{
    struct keel_backend *b = keel_backend_real_new(NULL);
    struct keel_grubenv g;
    struct keel_slots s;
    char block[KEEL_GRUBENV_SIZE], path[] = "/tmp/keel-grubenv-XXXXXX";
    char out[512];
    struct keel_run r = { .out = out, .out_size = sizeof(out) };

    keel_grubenv_init(&g);
    keel_slots_initial(&s);
    keel_slots_activate(&s, 'B');
    CHECK_INT(keel_slots_put(&s, &g, NULL), 0);
    CHECK_INT(keel_grubenv_format(&g, block, NULL), 0);
    CHECK(write_tmp(path, block, sizeof(block)) == 0);
    CHECK_INT(keel_backend_run(b, (const char *[]){ "grub-editenv", path,
                                                    "list", NULL },
                               &r, NULL), 0);
    CHECK_STR(out, "ORDER=B A\nA_OK=1\nA_TRY=0\nB_OK=1\nB_TRY=0\n");
    unlink(path);
    keel_backend_free(b);
}
