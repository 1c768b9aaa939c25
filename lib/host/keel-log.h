/*
 * keel-log.h - the end of dom0's system log, as the console's Logs
 * screen and `keelctl logs` show it.
 *
 * busybox syslogd appends to KEEL_SYSLOG; S30syslog's watcher renames
 * it to KEEL_SYSLOG.0 when it passes 1 MiB, and syslogd creates a new
 * one only when it next writes.  So the log may be missing or nearly
 * empty just after a rotation, and it may be larger than anything keel
 * reads whole (no watcher, or one that died): only the end is read,
 * through keel_backend_read_tail(), across the rotation.
 */
#ifndef KEEL_LOG_H
#define KEEL_LOG_H

#include <stddef.h>

#include "keel-backend.h"

/* dom0's log: S30syslog starts syslogd -O with it (on keel-state). */
#define KEEL_SYSLOG "/var/log/messages"
/* What the Logs pane reads at each refresh, and what the viewer and
 * keelctl show. */
#define KEEL_LOG_PANE_MAX (16u * 1024)
#define KEEL_LOG_VIEW_MAX (1024u * 1024)

/*
 * The end of the log at path: at most max bytes (1 to KEEL_READ_MAX -
 * 1), from the start of a line (a line the limit cuts is left out,
 * unless it is the only one), however large the file is.  When path
 * holds less than max bytes or is missing, the end of "path.0" (the
 * log before its last rotation) comes first, to fill max.  *text is
 * malloc'd and NUL-terminated; the caller frees it with free().  *cut
 * (may be NULL) is 1 if lines before it were left out.  KEEL_ENOENT if
 * neither file exists (syslogd has not written a log); otherwise errors
 * as keel_backend_read_tail() on path.
 */
int keel_log_tail(struct keel_backend *b, const char *path, size_t max,
                  char **text, int *cut, struct keel_err *e);

/*
 * Where the last n (>= 1) lines of text begin (a pointer into text; text
 * itself when it has n lines or fewer).  A final newline does not start
 * a line of its own.
 */
const char *keel_log_last_lines(const char *text, int n);

#endif
