"""Unattended install on UEFI (OVMF) from an XCP-ng-style answer file,
as admins reuse theirs: the schema's <guest-disks> with a second disk,
the deprecated <nameserver>, <ip>, <subnet-mask>, gueststorage= and
srtype=, a network <source> (a warning), and three hooks served over
HTTP by this test on the QEMU host (10.0.2.2): <script
stage="installation-start">, stage="filesystem-populated" (drops an SSH
key and a marker into keel-state) and the deprecated
<install-failed-script> (installation-complete, told 0).  The server
sees every fetch and every report; GRUB EFI on the ESP (removable path
plus the installer's efibootmgr entry in the NVRAM) boots slot A from
the disk alone; the SR spans both disks, DNS is set, the key and the
marker are on the host and the scripts' output in the install log."""

import functools
import http.server
import os
import threading

from keelinstall import blank_disk
from keelqemu import B, check
from t_install_bios import PASSWORD, SR_MIB, check_installed, run_install

GUEST_MIB = 2048
KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKeelE2eTestKeyOnlyNotReal e2e@keel"
SCRIPTS = {
    "start.sh": "#!/bin/sh\n"
                "wget -q -O /dev/null \"$BASE/seen/start?args=$#\"\n",
    "keys.sh": "#!/bin/sh\nset -e\n"
               "test -f \"$1/etc/host.conf\"\n"
               "mkdir -p \"$1/etc/ssh\"\n"
               "echo '%s' >\"$1/etc/ssh/authorized_keys\"\n"
               "echo from-filesystem-populated >\"$1/etc/e2e-marker\"\n"
               "wget -q -O /dev/null \"$BASE/seen/populated?dir=$1\"\n"
               "echo keys.sh: key installed\n" % KEY,
    "done.sh": "#!/bin/sh\n"
               "wget -q -O /dev/null \"$BASE/seen/complete?status=$1\"\n",
}
ANSWERS = """<?xml version="1.0"?>
<installation srtype="lvm">
  <primary-disk gueststorage="yes">vda</primary-disk>
  <guest-disks>
    <guest-disk>vdc</guest-disk>
  </guest-disks>
  <keymap>us</keymap>
  <root-password type="plaintext">%s</root-password>
  <source type="url">http://mirrors.xcp-ng.org/netinstall/8.3/</source>
  <admin-interface name="eth0" proto="static">
    <ip>10.0.2.15</ip>
    <subnet-mask>255.255.255.0</subnet-mask>
    <gateway>10.0.2.2</gateway>
  </admin-interface>
  <nameserver>10.0.2.3</nameserver>
  <hostname>keel-e2e</hostname>
  <timezone>Europe/Berlin</timezone>
  <script stage="installation-start" type="url">BASE/start.sh</script>
  <script stage="filesystem-populated" type="url">BASE/keys.sh</script>
  <install-failed-script>BASE/done.sh</install-failed-script>
</installation>
"""


class Seen(http.server.BaseHTTPRequestHandler):
    """Serves SCRIPTS (with BASE filled in) and records every path."""
    paths = []
    base = ""

    def do_GET(self):
        Seen.paths.append(self.path)
        body = SCRIPTS.get(self.path.lstrip("/"), "ok\n")
        body = body.replace("$BASE", Seen.base).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def host_checks(q):
    _, pvs = q.run("DM_DISABLE_UDEV=1 lvm pvs --noheadings -o pv_name,vg_name")
    check("/dev/vda6" in pvs and "/dev/vdb" in pvs and pvs.count("keel-sr") == 2,
          "the SR is not on vda6 and the guest disk: " + pvs)
    _, resolv = q.run("cat /etc/resolv.conf")
    check("nameserver 10.0.2.3" in resolv, "<nameserver>: " + resolv)
    _, keys = q.run("cat /etc/keel/ssh/authorized_keys /etc/keel/e2e-marker")
    check(KEY in keys and "from-filesystem-populated" in keys,
          "the filesystem-populated script's files: " + keys)
    _, log = q.run("grep -c . /var/log/keel-install.log; "
                   "grep -e 'keys.sh: key installed' -e '== stage' "
                   "/var/log/keel-install.log")
    check("keys.sh: key installed" in log and
          "scripts: filesystem-populated" in log,
          "the install log lacks the script's output:\n" + log)


def test():
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Seen)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    Seen.base = "http://10.0.2.2:%d" % srv.server_address[1]
    guest = blank_disk("install_uefi-guest", "%dM" % GUEST_MIB)
    drive = ["-drive", "file=%s,if=virtio,format=qcow2" % guest]
    try:
        disk, secs, nvram = run_install(
            "install_uefi", "uefi", [
                "-drive", "file=%s/keel.iso,media=cdrom,if=none,id=cd,"
                "readonly=on" % B,
                "-device", "ide-cd,drive=cd,bootindex=0"], "Install Keel",
            answers=ANSWERS.replace("BASE", Seen.base) % PASSWORD,
            extra=drive)
        print("    install %.0f s" % secs)
        want = ["/start.sh", "/keys.sh", "/done.sh", "/seen/start?args=0",
                "/seen/populated?dir=/run/keel/target/state",
                "/seen/complete?status=0"]
        check(sorted(Seen.paths) == sorted(want),
              "requests seen: %r, want %r" % (Seen.paths, want))
        check(Seen.paths.index("/seen/start?args=0") <
              Seen.paths.index("/seen/populated?dir=/run/keel/target/state") <
              Seen.paths.index("/seen/complete?status=0"),
              "the stages ran out of order: %r" % Seen.paths)
        check(nvram is not None, "no NVRAM kept from the install")
        # LVM takes a metadata area and rounds to 4 MiB extents per PV.
        check_installed("install_uefi", "uefi", disk, nvram, args=drive,
                        sr_mib=SR_MIB + GUEST_MIB - 4, more=host_checks)
    finally:
        srv.shutdown()
        for f in (guest,):
            if os.path.exists(f):
                os.remove(f)
