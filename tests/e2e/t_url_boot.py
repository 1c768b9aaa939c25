"""keel.root=http://...: the boot initramfs brings up the NIC with DHCP,
downloads the dom0 image into RAM and boots it (PXE-style installs)."""

import functools
import http.server
import os
import threading

from keelqemu import B, Qemu, boot_conf, check, xen_elf


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory):
    handler = functools.partial(QuietHandler, directory=directory)
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return srv


def test():
    srv = serve(os.path.abspath(B))
    url = "http://10.0.2.2:%d/dom0.img" % srv.server_address[1]
    c = boot_conf()
    q = Qemu("url_boot", args=[
        "-kernel", xen_elf(),
        "-append", " ".join([c["XEN_CONSOLE_SERIAL"], c["XEN_MEM"], c["XEN_LOG"]]),
        "-initrd", "%s/dom0/root/boot/vmlinuz %s keel.mode=rescue keel.root=%s,%s"
        % (B, c["DOM0_CONSOLE_SERIAL"], url, B + "/dom0/initrd.img"),
        "-netdev", "user,id=n0", "-device", "virtio-net-pci,netdev=n0"])
    try:
        q.expect("keel-boot: downloading " + url, 120, "the download")
        secs, mode, _ = q.wait_ready(240)
        check(mode == "rescue", "booted in mode " + mode)
        q.shell()
        _, dev = q.run("cat /run/keel/boot-device")
        check(dev.strip() == url, "boot device is %r, not the URL" % dev)
        _, info = q.run("xl info")
        check("xen_minor              : 17" in info, "xl info:\n" + info)
    finally:
        q.close()
        srv.shutdown()
