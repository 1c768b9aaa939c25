# rc.sh - helpers shared by the start scripts (sourced, not run).
# shellcheck shell=sh

# Every start and stop script sources this first: in all of them a
# variable that was never set is an error, not an empty word.
set -u

PATH=/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/xen/bin
export PATH

# cmdline KEY DEFAULT - value of KEY=... on the kernel command line.
cmdline() {
    for w in $(cat /proc/cmdline); do
        case $w in
        "$1="*) echo "${w#*=}"; return ;;
        esac
    done
    echo "$2"
}

# uptime in seconds with one decimal, for stage lines and the log.
since_boot() {
    cut -d' ' -f1 /proc/uptime | sed 's/\(\.[0-9]\)[0-9]*$/\1/'
}

# stage NAME - one line per start step, on the console and in the log.
stage() {
    echo "keel: [$(since_boot)] $*"
    [ -S /dev/log ] && logger -t keel "$*"
    return 0
}

# fail MSG - a step could not do its work; the boot goes on and says so.
fail() {
    echo "keel: [$(since_boot)] FAILED: $*"
    [ -S /dev/log ] && logger -p daemon.err -t keel "FAILED: $*"
    return 0
}

# atomic_write FILE - stdin into FILE, all or nothing, on disk before it
# returns (a power cut leaves the old FILE or the new one, never half).
atomic_write() {
    cat >"$1.tmp" && sync && mv -f "$1.tmp" "$1" && sync
}

# conf_get NAME - a host setting as the library reads host.conf (the
# table's default when the file does not set it, values normalised:
# "ssh = yes" is on).  Warnings about the file go to the net-start
# stage line once, not to every caller.
conf_get() {
    keelctl get "$1" 2>/dev/null
}

# wait_for SECONDS CMD... - poll CMD until it succeeds or time runs out.
wait_for() {
    n=$(($1 * 10))
    shift
    while [ "$n" -gt 0 ]; do
        "$@" >/dev/null 2>&1 && return 0
        usleep 100000
        n=$((n - 1))
    done
    return 1
}

KEEL_MODE=$(cmdline keel.mode host)
export KEEL_MODE

# stop_pid FILE - stop the daemon whose pid FILE holds and wait (up to
# 5 s) until it is gone, so a restart can bind its port again.
stop_pid() {
    [ -f "$1" ] || return 0
    p=$(cat "$1")
    rm -f "$1"
    [ -n "$p" ] && kill "$p" 2>/dev/null || return 0
    n=50
    while [ "$n" -gt 0 ] && kill -0 "$p" 2>/dev/null; do
        usleep 100000
        n=$((n - 1))
    done
    return 0
}

# action ARG - the start scripts' one argument: start (the default, at
# boot) or restart (libkeel after a setting changed: keel-console,
# keelctl set).  Anything else is refused.
action() {
    case ${1:-start} in
    start | restart) echo "${1:-start}" ;;
    *) echo "usage: ${0##*/} [start|restart]" >&2; exit 2 ;;
    esac
}
