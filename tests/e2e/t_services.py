"""Service settings applied live on an installed host (issue 4), through
`keelctl set` as a script would: NTP steps a clock that is years off
(openntpd against an SNTP server on the QEMU host), the time zone moves
/etc/localtime, the keyboard layout reaches the kernel's keymap, an
unknown layout is refused and the old one stays, SSH goes off and on
again (scp works after), and remote syslog sends to a UDP listener and
stops when cleared.  No reboot in between: every change is live."""

import socket
import struct
import threading
import time

from keelinstall import boot_failures, console_shell
from keelqemu import B, Qemu, check
from t_console import free_port, scp_to_host
from t_install_bios import PASSWORD, installed_disk

NTP_EPOCH = 2208988800  # 1900-01-01 to 1970-01-01 in seconds
SYSLOG_PORT = 5514


def ntp_ts(t):
    sec = int(t)
    return struct.pack("!II", sec + NTP_EPOCH, int((t - sec) * 2**32))


class SntpServer(threading.Thread):
    """A stratum-2 SNTP server on 127.0.0.1:123 answering with this
    machine's clock (QEMU's user network maps the guest's 10.0.2.2 to
    the host's loopback).  It counts the requests it answered."""

    def __init__(self):
        super().__init__(daemon=True)
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 123))
        self.sock.settimeout(0.5)
        self.answered = 0
        self.stop = False

    def run(self):
        while not self.stop:
            try:
                data, peer = self.sock.recvfrom(512)
            except socket.timeout:
                continue
            if len(data) < 48:
                continue
            now = time.time()
            reply = (struct.pack("!BBbbII4s", (4 << 3) | 4, 2, 6, -20,
                                 0x100, 0x100, b"KEEL")
                     + ntp_ts(now - 30) + data[40:48] + ntp_ts(now)
                     + ntp_ts(time.time()))
            self.sock.sendto(reply, peer)
            self.answered += 1

    def close(self):
        self.stop = True
        self.join()
        self.sock.close()


def udp_listener(port):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", port))
    s.settimeout(1)
    return s


def received(sock, word, seconds):
    """Whether a datagram holding word arrives within seconds."""
    end = time.time() + seconds
    while time.time() < end:
        try:
            data, _ = sock.recvfrom(4096)
        except socket.timeout:
            continue
        if word.encode() in data:
            return True
    return False


def keelctl_set(q, name, value, ok=True):
    rc, out = q.run("keelctl set %s '%s'" % (name, value), timeout=120,
                    check=False)
    check((rc == 0) == ok, "keelctl set %s %s: exit %d (expected %s):\n%s"
          % (name, value, rc, "success" if ok else "a refusal", out))
    return out


def check_ntp(q):
    _, year = q.run("date -u +%Y")
    check(year.strip() == "2015", "the host clock should start in 2015 "
          "(-rtc base): %r" % year)
    ntp = SntpServer()
    ntp.start()
    try:
        keelctl_set(q, "ntp", "10.0.2.2")
        # openntpd -s waits for its first answers and steps the clock.
        for _ in range(30):
            _, now = q.run("date -u +%s")
            if abs(int(now.strip()) - time.time()) < 120:
                break
            time.sleep(2)
        _, now = q.run("date -u +%s")
        check(abs(int(now.strip()) - time.time()) < 120,
              "NTP did not set the clock: host %s, here %d (%d answers)"
              % (now.strip(), time.time(), ntp.answered))
        check(ntp.answered > 0, "the SNTP server was never asked")
    finally:
        ntp.close()


def check_timezone(q):
    keelctl_set(q, "timezone", "America/New_York")
    _, link = q.run("readlink /etc/keel/localtime")
    check(link.strip() == "/usr/share/zoneinfo/America/New_York",
          "/etc/keel/localtime -> %r" % link)
    _, zone = q.run("date +%Z")
    check(zone.strip() in ("EST", "EDT"), "date says zone %r" % zone)
    out = keelctl_set(q, "timezone", "Mars/Olympus_Mons", ok=False)
    check("Mars/Olympus_Mons" in out, "the refusal does not name the "
          "zone:\n" + out)
    _, conf = q.run("grep '^timezone=' /etc/keel/host.conf")
    check("America/New_York" in conf, "host.conf after a refused zone: "
          + conf)
    _, zone = q.run("date +%Z")
    check(zone.strip() in ("EST", "EDT"), "after a refused zone, date "
          "says %r" % zone)


def check_keymap(q):
    q.run("dumpkmap >/tmp/us.kmap")
    keelctl_set(q, "keymap", "de")
    q.run("dumpkmap >/tmp/de.kmap")
    rc, _ = q.run("cmp -s /tmp/us.kmap /tmp/de.kmap", check=False)
    check(rc != 0, "the kernel keymap did not change for 'de'")
    out = keelctl_set(q, "keymap", "nosuch", ok=False)
    check("nosuch" in out, "the refusal does not name the layout:\n" + out)
    _, conf = q.run("grep '^keymap=' /etc/keel/host.conf")
    check("keymap=de" in conf.replace('"', ""), "host.conf after a "
          "refused layout: " + conf)
    keelctl_set(q, "keymap", "us")
    q.run("dumpkmap >/tmp/us2.kmap")
    q.run("cmp /tmp/us.kmap /tmp/us2.kmap")


def check_ssh(q, port):
    keelctl_set(q, "ssh", "off")
    rc, out = q.run("pidof sshd", check=False)
    check(rc != 0, "sshd still runs after ssh off: " + out)
    keelctl_set(q, "ssh", "on")
    q.run("pidof sshd")
    scp_to_host(port, "/etc/hostname", "/tmp/copied")
    q.run("test -s /tmp/copied")


def check_syslog(q):
    sock = udp_listener(SYSLOG_PORT)
    try:
        keelctl_set(q, "syslog.remote", "10.0.2.2:%d" % SYSLOG_PORT)
        q.run("logger -t keeltest remote-one")
        check(received(sock, "remote-one", 15), "no syslog datagram "
              "reached 10.0.2.2:%d" % SYSLOG_PORT)
        keelctl_set(q, "syslog.remote", "")
        q.run("logger -t keeltest remote-two")
        check(not received(sock, "remote-two", 5), "syslog still sends "
              "after syslog.remote was cleared")
        q.run("grep -q remote-two /var/log/messages")
    finally:
        sock.close()


def test():
    disk = installed_disk("services")
    port = free_port()
    q = Qemu("services_live", args=[
        "-drive", "file=%s,if=virtio,format=qcow2" % disk,
        "-rtc", "base=2015-06-01T12:00:00",
        "-netdev", "user,id=n0,hostfwd=tcp:127.0.0.1:%d-10.0.2.15:22" % port,
        "-device", "e1000,netdev=n0"])
    try:
        q.wait_ready(400)
        failed = boot_failures(q)
        check(not failed, "the boot had failed steps: %s" % failed)
        console_shell(q, PASSWORD)
        check_ntp(q)
        check_timezone(q)
        check_keymap(q)
        check_ssh(q, port)
        check_syslog(q)
    finally:
        q.close()
