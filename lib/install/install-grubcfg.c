/*
 * install-grubcfg.c - the grub.cfg of an installed host (keel-install.h).
 *
 * One template, values from boot.conf.  GRUB 2.06 cannot search
 * partitions by GPT name (search --part-label is newer), and squashfs
 * has no label or UUID GRUB can see, so the slots are found by number
 * on the disk GRUB itself runs from: $root is the ESP ("hd0,gpt2")
 * when grub.cfg starts, and the layout fixes slots A and B as
 * partitions 3 and 4 (keel-layout.h).  The walk must stay the one of
 * keel_slots_pick() (grubenv-slots.c).  The slot's partition UUID
 * (probe --part-uuid) goes to the initramfs as keel.partuuid=, so the
 * boot takes the keel-a or keel-b of this disk, not of another disk
 * that also holds Keel.
 */
#include <stdlib.h>
#include <string.h>

#include "keel-install.h"

static const char template[] =
    "# Keel boot menu, written by keel-install; GRUB for BIOS and UEFI\n"
    "# both read it from the ESP.  The A/B slots (design section 5):\n"
    "# grubenv next to this file holds ORDER and per slot OK and TRY.\n"
    "insmod part_gpt\n"
    "insmod fat\n"
    "insmod squash4\n"
    "insmod xzio\n"
    "insmod gzio\n"
    "insmod regexp\n"
    "insmod loadenv\n"
    "insmod test\n"
    "insmod multiboot2\n"
    "insmod probe\n"
    "serial --unit=0 --speed=115200\n"
    "terminal_input console serial\n"
    "terminal_output console serial\n"
    "set timeout=5\n"
    "\n"
    "# The slots are partitions 3 and 4 of the disk holding this ESP.\n"
    "set keel_disk=\n"
    "regexp --set=1:keel_disk '^([^,]+),' \"$root\"\n"
    "if [ -z \"$keel_disk\" ]; then\n"
    "    set keel_disk=hd0\n"
    "fi\n"
    "export keel_disk\n"
    "\n"
    "set ORDER=\"A B\"\n"
    "set A_OK=0\n"
    "set A_TRY=0\n"
    "set B_OK=0\n"
    "set B_TRY=0\n"
    "load_env --file \"${prefix}/grubenv\" ORDER A_OK A_TRY B_OK B_TRY\n"
    "\n"
    "# Boot the first slot in ORDER that is good and not yet tried.  If\n"
    "# every good slot was tried (a power cut during a good boot), try\n"
    "# them again rather than not boot at all.\n"
    "set keel_slot=\n"
    "for keel_pass in 1 2; do\n"
    "    for s in $ORDER; do\n"
    "        if [ \"$s\" = A -a \"$A_OK\" = 1 -a \"$A_TRY\" = 0 ]; then\n"
    "            set keel_slot=A\n"
    "            break\n"
    "        fi\n"
    "        if [ \"$s\" = B -a \"$B_OK\" = 1 -a \"$B_TRY\" = 0 ]; then\n"
    "            set keel_slot=B\n"
    "            break\n"
    "        fi\n"
    "    done\n"
    "    if [ -n \"$keel_slot\" ]; then\n"
    "        break\n"
    "    fi\n"
    "    if [ \"$A_OK\" = 1 ]; then\n"
    "        set A_TRY=0\n"
    "    fi\n"
    "    if [ \"$B_OK\" = 1 ]; then\n"
    "        set B_TRY=0\n"
    "    fi\n"
    "done\n"
    "\n"
    "set keel_title_a=\"Keel (slot A)\"\n"
    "set keel_title_b=\"Keel (slot B)\"\n"
    "if [ \"$keel_slot\" = A ]; then\n"
    "    set A_TRY=1\n"
    "    set default=keel-a\n"
    "    set keel_title_b=\"Keel (slot B, previous version)\"\n"
    "elif [ \"$keel_slot\" = B ]; then\n"
    "    set B_TRY=1\n"
    "    set default=keel-b\n"
    "    set keel_title_a=\"Keel (slot A, previous version)\"\n"
    "else\n"
    "    # No slot is good by grubenv (missing or damaged, or both failed):\n"
    "    # slot A after a wait, not a menu waiting for ever on a headless\n"
    "    # host; its mark-good writes grubenv anew.\n"
    "    set default=keel-a\n"
    "    set timeout=30\n"
    "fi\n"
    "# Tried before booting: a slot that never reaches mark-good is not\n"
    "# chosen again while another good one is left.\n"
    "save_env --file \"${prefix}/grubenv\" ORDER A_OK A_TRY B_OK B_TRY\n"
    "@ENTRIES@";

static const char entry[] =
    "\n"
    "menuentry \"${keel_title_@s@}@TITLE@\" --id keel-@s@@ID@ {\n"
    "    set keel_part=\n"
    "    probe --set=keel_part --part-uuid (${keel_disk},gpt@N@)\n"
    "    multiboot2 (${keel_disk},gpt@N@)/boot/xen.gz @XEN_CONSOLE@ "
    "@XEN_MEM@ @XEN_LOG@\n"
    "    module2 (${keel_disk},gpt@N@)/boot/vmlinuz @DOM0_CONSOLE@ "
    "keel.mode=host keel.root=PARTLABEL=keel-@s@ "
    "keel.partuuid=${keel_part}\n"
    "    module2 (${keel_disk},gpt@N@)/boot/initrd.img\n"
    "}\n";

/* Characters a boot option may hold without GRUB quoting. */
#define SAFE "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ" \
             "0123456789 =,.:+%_/-@"

struct subst {
    const char *key, *value;
};

/* Append src to *out (at *n of *cap) with @KEY@ replaced from s. */
static int expand(char **out, size_t *n, size_t *cap, const char *src,
                  const struct subst *s, size_t ns)
{
    while (*src) {
        const char *piece = src;
        size_t len = 1;

        for (size_t i = 0; i < ns; i++)
            if (!strncmp(src, s[i].key, strlen(s[i].key))) {
                piece = s[i].value;
                len = strlen(piece);
                src += strlen(s[i].key) - 1;
                break;
            }
        if (*n + len + 1 > *cap) {
            size_t ncap = (*n + len + 1) * 2;
            char *p = realloc(*out, ncap);

            if (!p)
                return KEEL_ENOMEM;
            *out = p;
            *cap = ncap;
        }
        memcpy(*out + *n, piece, len);
        *n += len;
        (*out)[*n] = '\0';
        src++;
    }
    return 0;
}

static int entries(const struct keel_bootconf *bc, char **out, size_t *n,
                   size_t *cap)
{
    static const char *const slots[2][2] = { { "a", "3" }, { "b", "4" } };
    int rc = 0;

    for (int serial = 0; serial < 2; serial++)
        for (int k = 0; !rc && k < 2; k++) {
            const struct subst s[] = {
                { "@s@", slots[k][0] },
                { "@N@", slots[k][1] },
                { "@TITLE@", serial ? ", serial console" : "" },
                { "@ID@", serial ? "-serial" : "" },
                { "@XEN_CONSOLE@", bc->v[serial ? KEEL_BC_XEN_CONSOLE_SERIAL
                                               : KEEL_BC_XEN_CONSOLE] },
                { "@XEN_MEM@", bc->v[KEEL_BC_XEN_MEM] },
                { "@XEN_LOG@", bc->v[KEEL_BC_XEN_LOG] },
                { "@DOM0_CONSOLE@",
                  bc->v[serial ? KEEL_BC_DOM0_CONSOLE_SERIAL
                               : KEEL_BC_DOM0_CONSOLE] },
            };

            rc = expand(out, n, cap, entry, s, sizeof(s) / sizeof(s[0]));
        }
    return rc;
}

int keel_grubcfg_make(const struct keel_bootconf *bc, char **text,
                      struct keel_err *e)
{
    size_t n = 0, cap = 0;
    char *out = NULL, *ents = NULL;
    size_t en = 0, ecap = 0;
    int rc;

    *text = NULL;
    for (int k = 0; k < KEEL_BC_COUNT; k++)
        if (strspn(bc->v[k], SAFE) != strlen(bc->v[k]))
            return keel_err_set(e, KEEL_EINVAL, "boot.conf: '%.60s' holds "
                                "characters GRUB would read as script",
                                bc->v[k]);
    rc = entries(bc, &ents, &en, &ecap);
    if (!rc) {
        const struct subst s[] = { { "@ENTRIES@", ents } };

        rc = expand(&out, &n, &cap, template, s, 1);
    }
    free(ents);
    if (rc) {
        free(out);
        return keel_err_set(e, rc, "out of memory writing grub.cfg");
    }
    *text = out;
    return 0;
}
