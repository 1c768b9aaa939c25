/*
 * grubenv-file.c - the grubenv file of a mounted ESP, read and written
 * through the backend (keel-slot.h): the installer, mark-good, updates
 * and revert all use these two.
 */
#include <stdio.h>
#include <stdlib.h>

#include "keel-slot.h"

int keel_grubenv_load(struct keel_backend *b, const char *esp_dir,
                      struct keel_grubenv *g, struct keel_err *e)
{
    char path[256], *text = NULL;
    size_t len;
    int rc;

    snprintf(path, sizeof(path), "%s%s", esp_dir, KEEL_GRUBENV_PATH);
    rc = keel_backend_read(b, path, &text, &len, e);
    if (!rc)
        rc = keel_grubenv_parse(g, text, len, e);
    free(text);
    return rc;
}

int keel_grubenv_save(struct keel_backend *b, const char *esp_dir,
                      const struct keel_grubenv *g, struct keel_err *e)
{
    char path[256], block[KEEL_GRUBENV_SIZE];
    int rc = keel_grubenv_format(g, block, e);

    snprintf(path, sizeof(path), "%s%s", esp_dir, KEEL_GRUBENV_PATH);
    return rc ? rc : keel_backend_write(b, path, block, sizeof(block),
                                        0644, e);
}
