/*
 * keel-answers.h - what the installer asks, as data: filled by the
 * screens or by an answer file, turned into a plan by keel-install.h.
 *
 * Answer files (installer/ANSWERFILE.md): XCP-ng/XenServer XML
 * (<installation>...</installation>) or Keel's own KEY=VALUE lines;
 * keel_answers_parse() tells them apart by the first character that is
 * not white space ('<' for XML).  Every problem is collected with its
 * line, errors and warnings alike, so one run lists them all.
 */
#ifndef KEEL_ANSWERS_H
#define KEEL_ANSWERS_H

#include <stddef.h>

#include "keel-error.h"
#include "keel-settings.h"

#define KEEL_REF_MAX 160 /* a disk reference: sda, /dev/disk/by-id/... */
#define KEEL_GUESTS_MAX 8
#define KEEL_PASSWORD_MIN 8

#define KEEL_SCRIPTS_MAX 8
#define KEEL_URL_MAX 256

enum keel_install_mode { KEEL_MODE_INSTALL, KEEL_MODE_UPGRADE };

/*
 * An answer file's <script>: a program fetched from url (http:// or
 * file://) and run at one point of the install (installer/ANSWERFILE.md
 * says when and with which argument).
 */
enum keel_script_stage {
    KEEL_SCRIPT_START,     /* plan confirmed, before any disk write */
    KEEL_SCRIPT_POPULATED, /* keel-state written and mounted: its dir */
    KEEL_SCRIPT_COMPLETE,  /* at the end: "0" installed, "1" failed */
    KEEL_SCRIPT_STAGES
};
struct keel_script {
    enum keel_script_stage stage;
    char url[KEEL_URL_MAX];
    int line;
};
/* "installation-start", ... and back (-1 if unknown). */
const char *keel_script_stage_name(enum keel_script_stage s);
int keel_script_stage_parse(const char *s);
enum keel_atexit { KEEL_ATEXIT_REBOOT, KEEL_ATEXIT_POWEROFF,
                   KEEL_ATEXIT_SHELL };

struct keel_answers {
    enum keel_install_mode mode;
    /* install: 1 lets the plan erase disks that hold Keel: an answer
     * file's mode="reinstall" (mode=reinstall), or the screens, which
     * show what a disk holds and ask before erasing it.  0 (an answer
     * file that does not say so): such a disk is refused. */
    int reinstall;
    int from_xml; /* the answers came from XML: messages name elements */
    char primary[KEEL_REF_MAX];  /* install: the disk to erase */
    char guests[KEEL_GUESTS_MAX][KEEL_REF_MAX]; /* extra SR disks */
    int nguests;
    char existing[KEEL_REF_MAX]; /* upgrade: the installed disk */
    char password[256];          /* root password in plain text, or "" */
    char nic[64];                /* management NIC: a name or a MAC */
    int sr_on_primary;           /* 1; 0: the SR on the guest disks only */
    struct keel_script scripts[KEEL_SCRIPTS_MAX];
    int nscripts;
    enum keel_atexit atexit;
    /* Host settings (mgmt.nic is set from nic by the plan; root.hash
     * from password when that is given). */
    struct keel_settings settings;
    /* Source lines, 0 when not given: for messages. */
    int primary_line, guest_line[KEEL_GUESTS_MAX], existing_line;
    int password_line, nic_line, sr_line, setting_line[KEEL_S_COUNT];
};

/* Defaults everywhere.  0 or KEEL_ENOMEM; then keel_answers_fini(). */
int keel_answers_init(struct keel_answers *a, struct keel_err *e);
void keel_answers_fini(struct keel_answers *a);

/* "reboot", "poweroff", "shell" and back; -1 if unknown. */
int keel_atexit_parse(const char *s);
const char *keel_atexit_name(enum keel_atexit a);

/* Problems, each with its line (0: not tied to a line). */
#define KEEL_PROBLEMS_MAX 64
struct keel_problem {
    int line;
    int warning; /* 1: reported, but nothing stops */
    char msg[KEEL_ERR_MSG_MAX];
};
struct keel_problems {
    int n;         /* kept (at most KEEL_PROBLEMS_MAX) */
    int nerrors;   /* counted, kept or not */
    int nwarnings;
    struct keel_problem p[KEEL_PROBLEMS_MAX];
};

void keel_problems_init(struct keel_problems *p);
void keel_problems_add(struct keel_problems *p, int line, int warning,
                       const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* "LABEL:LINE: error: MSG\n" lines (":LINE" left out for line 0);
 * *text malloc'd, the caller frees it; NULL when out of memory. */
char *keel_problems_format(const struct keel_problems *p,
                           const char *label);

/*
 * Parse an answer file into a (initialised by the caller; values the
 * file does not give keep theirs).  Every problem goes into p;
 * KEEL_EINVAL if any of them is an error (a may then be half-filled:
 * throw it away), else 0 (warnings allowed).
 */
int keel_answers_parse(struct keel_answers *a, const char *text,
                       size_t len, struct keel_problems *p);
int keel_answers_parse_xml(struct keel_answers *a, const char *text,
                           size_t len, struct keel_problems *p);
int keel_answers_parse_kv(struct keel_answers *a, const char *text,
                          size_t len, struct keel_problems *p);

/*
 * What must be answered whatever the source: install needs a primary
 * disk, a root password (or hash), a management NIC and, with the SR
 * off the primary disk, a guest disk; upgrade needs
 * the existing installation.  Adds the problems to p; KEEL_EINVAL if
 * any is an error.
 */
int keel_answers_check(const struct keel_answers *a,
                       struct keel_problems *p);

/*
 * Hash a plain-text password for /etc/shadow: yescrypt ($y$), or
 * SHA-512 crypt ($6$) where libcrypt has no yescrypt.  KEEL_EINVAL if
 * it is shorter than KEEL_PASSWORD_MIN; *hash malloc'd (free()).
 */
int keel_password_hash(const char *password, char **hash,
                       struct keel_err *e);

/*
 * The value of KEY=VALUE on a kernel command line (cmdline), copied
 * into buf; 0, or KEEL_ENOENT if the word is absent, KEEL_EINVAL if it
 * does not fit.
 */
int keel_cmdline_get(const char *cmdline, const char *key, char *buf,
                     size_t size);

/*
 * Find and read the answer file of an unattended install, through b:
 * the kernel argument answerfile=file:///PATH or answerfile=http://...
 * (fetched with wget into /run/keel/answerfile, mode 0600), else a file
 * system labelled KEEL-AUTO (found with blkid, mounted read-only)
 * holding a file "answerfile".  On success *text is malloc'd (*len
 * bytes; free it with keel_answer_text_free()) and origin says where it
 * came from.  KEEL_ENOENT when there is no answer file (an interactive
 * install); other codes when one was asked for and cannot be read.
 */
int keel_answer_fetch(struct keel_backend *b, const char *cmdline,
                      char **text, size_t *len, char *origin,
                      size_t osize, struct keel_err *e);

/* An answer file's text may hold the root password in plain text:
 * wipe overwrites len bytes with zeros (kept by the compiler: the
 * memory is about to be freed), free wipes and then frees.  NULL is
 * allowed. */
void keel_answer_text_wipe(char *text, size_t len);
void keel_answer_text_free(char *text, size_t len);

/*
 * The one way the installer fetches: url is http://HOST/PATH (wget into
 * dest, mode 0600, within KEEL_FETCH_TIMEOUT_S; stopped and removed,
 * with KEEL_EINVAL, once past KEEL_READ_MAX bytes) or file:///PATH
 * (nothing copied: *path is set to PATH; for http, to dest).  what
 * names it in messages ("answerfile=", "<script>").  keel_url_check()
 * is the scheme test alone, for parsers.
 */
#define KEEL_FETCH_TIMEOUT_S 60
int keel_url_check(const char *url, const char *what, struct keel_err *e);
int keel_url_fetch(struct keel_backend *b, const char *url,
                   const char *dest, const char *what, const char **path,
                   struct keel_err *e);

#endif
