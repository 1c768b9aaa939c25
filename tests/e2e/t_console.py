"""keel-console on an installed host (issue 4), over the serial console
as an admin would use it: it appears after boot; log in; set the host
name and a static IP with the console's keys; both hold after a reboot,
and `keelctl status --json` agrees with what the console shows.  Then
scp a file to the host with the root password (SSH on by default)."""

import hashlib
import json
import os
import socket

import pexpect

from keelinstall import console_shell
from keelqemu import B, Qemu, check
from t_install_bios import PASSWORD, installed_disk

NEW_NAME = "keel-renamed"
NEW_IP = "10.0.2.16"


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def boot(name, disk, ssh_port=None):
    net = "user,id=n0"
    if ssh_port:
        net += ",hostfwd=tcp:127.0.0.1:%d-%s:22" % (ssh_port, NEW_IP)
    return Qemu(name, args=["-drive", "file=%s,if=virtio,format=qcow2" % disk,
                            "-netdev", net, "-device", "e1000,netdev=n0"])


def scp_to_host(port, src, dst):
    """scp SRC to the host as root, answering the password prompt."""
    p = pexpect.spawn("scp", ["-P", str(port), "-o", "StrictHostKeyChecking=no",
                              "-o", "UserKnownHostsFile=/dev/null", src,
                              "root@127.0.0.1:" + dst], timeout=120)
    i = p.expect(["assword:", pexpect.EOF])
    check(i == 0, "scp did not ask for a password: %r" % p.before)
    p.sendline(PASSWORD)
    p.expect(pexpect.EOF)
    p.close()
    check(p.exitstatus == 0, "scp failed (%s): %r" % (p.exitstatus, p.before))


def change_settings(q):
    q.wait_ready(400)
    q.expect("Status Display", 120, "keel-console on the serial console")
    q.send("l")
    q.expect("Password for root", 30, "the login dialog")
    q.send(PASSWORD + "\r")
    q.expect("Logged in as root", 30, "a logged-in console")
    # Network and Management Interface -> Set the hostname
    q.send("j")
    q.expect("Set the hostname", 30, "the network menu")
    q.send("\r\r")
    q.expect("Name of this host", 30, "the hostname dialog")
    q.send("\x15" + NEW_NAME + "\r")
    # (curses redraws only what changed: wait for the console's verdict)
    q.expect("Done: Set the hostname", 60, "the hostname applied")
    # ... -> Set a static IP (two rows further down)
    q.send("jj\r")
    q.expect("Static IP: address", 30, "the static IP dialog")
    q.send("\x15" + NEW_IP + "\r")
    q.expect("Prefix length", 30, "the prefix field")
    q.send("\x1524\r")
    q.expect("gateway", 30, "the gateway field")
    q.send("\x1510.0.2.2\r")
    # The status line now reads "Done: Set a static IP"; curses sends only
    # the part that differs from "Done: Set the hostname".
    q.expect("a static IP", 60, "the static IP applied")


def test():
    disk = installed_disk("console")
    q = boot("console_change", disk)
    try:
        change_settings(q)
        q.send("\x1b")
        console_shell(q, PASSWORD, logged_in=True)
        _, host = q.run("hostname")
        check(host.strip() == NEW_NAME, "hostname now %r" % host)
        _, addr = q.run("ip -4 -o addr show dev xenbr0")
        check("inet %s/24" % NEW_IP in addr, "xenbr0 now: " + addr)
        q.run("sync; reboot")
        q.p.expect(["\\$", "#", "Restarting", "reboot"], timeout=60)
    finally:
        q.close()

    port = free_port()
    q = boot("console_after_reboot", disk, port)
    try:
        q.expect(r"keel: \[[0-9.]+\] ssh: listening on port 22", 400,
                 "sshd started")
        q.wait_ready(400)
        q.expect("Status Display", 120, "keel-console after the reboot")
        q.expect(NEW_NAME, 60, "the host name on the console after reboot")
        q.expect(NEW_IP, 60, "the static IP on the console after reboot")
        console_shell(q, PASSWORD, shown=True)
        _, out = q.run("keelctl status --json")
        st = json.loads(out[out.index("{"):])
        check(st["hostname"] == NEW_NAME, "keelctl says hostname %r" % st["hostname"])
        check(st["management"]["address"] == NEW_IP
              and st["management"]["mode"] == "static",
              "keelctl says management %r" % st["management"])
        check(st["slot"] == "A", "keelctl says slot %r" % st["slot"])
        _, addr = q.run("ip -4 -o addr show dev xenbr0")
        check("inet %s/24" % NEW_IP in addr, "xenbr0 after reboot: " + addr)
        src = os.path.join(B, "e2e", "scp-payload")
        with open(src, "wb") as f:
            f.write(os.urandom(256 * 1024))
        scp_to_host(port, src, "/tmp/payload")
        _, got = q.run("sha256sum /tmp/payload")
        with open(src, "rb") as f:
            want = hashlib.sha256(f.read()).hexdigest()
        check(got.split()[0] == want, "scp copy differs: %s" % got)
    finally:
        q.close()
