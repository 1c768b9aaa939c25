"""bench.py - print Keel's figures: sizes, build times, boot times, dom0
memory.  A benchmark reports; it asserts nothing (tests do that).

Boot times are from QEMU's start to dom0's "dom0 ready" line, under TCG
on this machine, with Enter pressed at the boot menu (no menu timeout).
"""

import os
import re
import shutil
import statistics
import subprocess
import sys
import time

sys.path.insert(0, "tests/e2e")
from keelqemu import B, Qemu  # noqa: E402
from t_host_image import boot_host_image  # noqa: E402
from bootpaths import BOOT_PATHS, boot_installed  # noqa: E402

MiB = 1024 * 1024


def line(name, value, goal=""):
    print("%-44s %14s   %s" % (name, value, goal), flush=True)


def timed_make(b):
    t = time.monotonic()
    subprocess.run(["make", "-s", "B=" + b, "DEB_CACHE=%s/cache/debs" % B,
                    "iso"], check=True, stdout=subprocess.DEVNULL)
    return time.monotonic() - t


def builds():
    b = os.path.join(B, "bench-build")
    shutil.rmtree(b, ignore_errors=True)
    cold = timed_make(b)
    warm = timed_make(b)
    shutil.rmtree(b, ignore_errors=True)
    line("make iso, cold (packages cached)", "%.0f s" % cold)
    line("make iso, warm (nothing changed)", "%.1f s" % warm, "goal: seconds")


def sizes():
    iso = os.path.getsize(os.path.join(B, "keel.iso"))
    img = os.path.getsize(os.path.join(B, "dom0.img"))
    initrd = os.path.getsize(os.path.join(B, "dom0", "initrd.img"))
    line("ISO size", "%.1f MiB" % (iso / MiB), "goal <= 96 MiB")
    line("dom0 image (squashfs xz)", "%.1f MiB" % (img / MiB))
    line("boot initramfs (zstd)", "%.1f MiB" % (initrd / MiB))


def host_memory():
    q = boot_host_image("bench_host")
    try:
        secs, _, _ = q.wait_ready(300)
        line("host image (-kernel, virtio): QEMU -> ready", "%.1f s" % secs)
        q.shell()
        # Let the boot's last processes settle: wait for a quiet load.
        q.run("i=0; while [ $i -lt 50 ] && [ \"$(cut -d' ' -f1 /proc/loadavg)\" \\> 0.5 ]; do sleep 1; i=$((i+1)); done", timeout=90)
        _, free = q.run("free -m")
        used = int(free.split("\n")[1].split()[2])
        line("dom0 memory used, idle (free -m)", "%d MiB" % used,
             "goal <= 56 MiB")
        _, lst = q.run("xl list 0")
        mem = int(lst.strip().split("\n")[-1].split()[2])
        line("dom0 reserved (dom0_mem, 2 GiB host)", "%d MiB" % mem)
        _, info = q.run("xl info")
        tot = re.search(r"total_memory\s+:\s+(\d+)", info).group(1)
        fr = re.search(r"free_memory\s+:\s+(\d+)", info).group(1)
        line("xl info total / free for guests", "%s / %s MiB" % (tot, fr))
    finally:
        q.close()


def iso_boot(firmware, prompt, args):
    q = Qemu("bench_iso_" + firmware, firmware=firmware, args=args)
    try:
        q.expect(prompt, 180, "boot menu")
        q.send("\r")
        secs, _, _ = q.wait_ready(300)
        line("ISO %s: QEMU -> dom0 ready" % firmware.upper(), "%.1f s" % secs,
             "goal <= 30 s (stock Debian dom0: 60 s)")
    finally:
        q.close()


def installed_boots():
    """The installed host booted each way of BOOT_PATHS."""
    for label, fw, dev in BOOT_PATHS:
        secs, init, first, ready = boot_installed(label, fw, dev)
        line("installed, %s: QEMU -> ready" % label, "%.1f s" % secs,
             "dom0 clock: /init %.1f s, initramfs %.1f s, ready %.1f s"
             % (init, first - init, ready))


def update():
    """Bundle size; on an installed host: the time to apply a bundle,
    the downtime of the update's reboot next to a normal boot, and the
    downtime of a quick reboot (kexec) into the same slot."""
    from t_console import free_port, scp_to_host
    from keelinstall import console_shell
    from t_install_bios import PASSWORD, installed_disk
    from t_update import boot, build_bundle
    kub = build_bundle("9.0.0")
    line("update bundle", "%.1f MiB" % (os.path.getsize(kub) / MiB),
         "ISO %.1f MiB" % (os.path.getsize(B + "/keel.iso") / MiB))
    disk = installed_disk("bench_update")
    port = free_port()
    q = boot("bench_v1", disk, port)
    try:
        normal, _, _ = q.wait_ready(400)
        console_shell(q, PASSWORD)
        scp_to_host(port, kub, "/var/lib/keel/b.kub")
        t = time.monotonic()
        q.run("keelctl update apply /var/lib/keel/b.kub", timeout=600)
        line("keelctl update apply (TCG)", "%.1f s" % (time.monotonic() - t),
             "goal <= 60 s")
        q.send("reboot\r")
        t = time.monotonic()
        q.p.expect(["Requesting system reboot"], timeout=120)
    finally:
        q.close()
    q = boot("bench_v2", disk, port)
    try:
        q.wait_ready(400)
        down = time.monotonic() - t
        # the same slot again, by a quick boot (kexec: no firmware, no GRUB)
        console_shell(q, PASSWORD)
        q.send("keelctl reboot --quick\r")
        t = time.monotonic()
        q.expect("Executing kexec image", 300, "the quick boot's jump")
        jump = time.monotonic() - t
        q.wait_ready(400)
        quick = time.monotonic() - t
    finally:
        q.close()
    line("update downtime: reboot -> v2 dom0 ready", "%.1f s" % down,
         "a normal boot, QEMU -> ready: %.1f s" % normal)
    line("quick reboot downtime: reboot --quick -> ready",
         "%.1f s" % quick, "the shutdown to Xen's jump: %.1f s" % jump)


def vms():
    """On an installed host (2 GiB, TCG): dom0 memory with libvirtd idle,
    VM start times (command to the guest's init line in its console
    log) for a PV guest with a direct kernel and one through pvgrub2, and
    density: how many 64 MiB PV guests start at once, dom0 per guest."""
    from keelinstall import console_shell
    from t_install_bios import PASSWORD, installed_disk
    from t_vms import GUEST_KIT
    disk = installed_disk("bench_vms")
    q = Qemu("bench_vms", args=[
        "-drive", "file=%s,if=virtio,format=qcow2" % disk,
        "-netdev", "user,id=n0", "-device", "e1000,netdev=n0"])

    def used():
        q.run("i=0; while [ $i -lt 30 ] && [ \"$(cut -d' ' -f1 "
              "/proc/loadavg)\" \\> 0.5 ]; do sleep 1; i=$((i+1)); done",
              timeout=60)
        return int(q.run("free -m")[1].split("\n")[1].split()[2])

    def start(name):
        t = time.monotonic()
        q.run("keelctl vm-start " + name, timeout=300)
        while "keel-guest: up" not in q.run("keelctl vm-log " + name,
                                            check=False)[1]:
            if time.monotonic() - t > 600:
                return None
            time.sleep(1)
        return time.monotonic() - t

    try:
        q.wait_ready(400)
        console_shell(q, PASSWORD)
        idle = used()
        line("dom0 memory used, idle, libvirtd up", "%d MiB" % idle,
             "goal <= 56 MiB")
        rss = q.run("grep VmRSS /proc/$(cat /run/libvirtd.pid)/status")[1]
        line("libvirtd resident", rss.split(":")[1].strip())
        for cmd in GUEST_KIT:
            q.run(cmd)
        q.run("keelctl vm-create direct pv-linux 128 1 64M")
        secs = start("direct")
        line("VM start, PV direct kernel (to init)", "%.1f s" % secs)
        q.run("keelctl vm-force-off direct; keelctl vm-delete direct")
        q.run("keelctl vm-create grub pv-grub 128 1 48M")
        q.run("d=/dev/keel-sr/grub-disk0; /sbin/mke2fs -q -t ext2 $d && "
              "mkdir -p /tmp/g && mount $d /tmp/g && "
              "mkdir -p /tmp/g/boot/grub && cp /var/lib/keel/kernels/* "
              "/tmp/g/boot/ && printf 'set timeout=0\\nmenuentry g {\\n"
              "linux /boot/vmlinuz console=hvc0\\ninitrd /boot/initrd.img"
              "\\n}\\n' >/tmp/g/boot/grub/grub.cfg && umount /tmp/g",
              timeout=120)
        secs = start("grub")
        line("VM start, PV through pvgrub2 (to init)", "%.1f s" % secs)
        q.run("keelctl vm-force-off grub; keelctl vm-delete grub")
        base = used()
        # 64 MiB as the issue asks; the guest kit (Debian's whole kernel
        # and an initramfs) may not build in that: then 128 MiB, said.
        for mem in (64, 128):
            n = 0
            while n < 64:
                name = "d%d-%d" % (mem, n)
                q.run("keelctl vm-create %s pv-linux %d 1 8M" % (name, mem))
                rc, _ = q.run("keelctl vm-start " + name, timeout=300,
                              check=False)
                if rc:
                    break
                n += 1
            if n:
                break
            line("density: a %d MiB PV guest" % mem, "does not start")
        time.sleep(60)
        states = q.run("keelctl vm-list --json")[1]
        running = states.count('"state":"running"')
        after = used()
        line("density: %d MiB PV guests started / running" % mem,
             "%d / %d" % (n, running), "2 GiB host")
        if running:
            line("dom0 memory per running guest", "%.1f MiB"
                 % ((after - base) / running))
    finally:
        q.close()


def peer():
    """Keel against a stock Debian 12 Xen host (../shared/bench, built
    into build/peer), in one run: both by -kernel with
    ../shared/bench/compare-boot.sh (which first boots the reference
    once, so its one-time work stays out of the figures), then
    alternating, both through SeaBIOS and GRUB from a virtio disk, as
    users boot them (Keel's installed disk, Enter at its menu; Debian's
    Xen entry from GRUB's embedded config, no menu), QEMU start to
    "dom0 ready" / PEER-READY (its multi-user target)."""
    from t_install_bios import PASSWORD, installed_disk
    w = os.path.join(B, "peer")
    img = os.path.join(w, "debian-dom0.img")
    if not os.path.exists(img):
        line("Debian reference", "not built", "W=%s ../shared/bench/"
             "build-debian-dom0.sh" % w)
        return
    env = dict(os.environ, W=w, KEEL_PW=PASSWORD, RUNS="1",
               T=os.path.join(w, "compare"),
               KEEL_DISK=os.path.abspath(installed_disk("bench_peer")))
    r = subprocess.run(["../shared/bench/compare-boot.sh"], env=env,
                       stdout=subprocess.PIPE, text=True)
    last = (r.stdout.strip().splitlines() or [""])[-1]
    m = re.search(r"keel_boot_s=([0-9.]+) peer_boot_s=([0-9.]+) "
                  r"ratio=([0-9.]+)", last)
    line("boot by -kernel, Keel : Debian", "%s (%s / %s s)"
         % (m.group(3), m.group(1), m.group(2)) if m else last[:40])
    disk = os.path.join(w, "grub-disk.img")
    if not os.path.exists(disk) or \
            os.path.getmtime(disk) < os.path.getmtime(img):
        subprocess.run(["scripts/peer-grub-disk", w], check=True)
    virtio = ["-device", "virtio-blk-pci,drive=d0"]
    keel, deb = [], []
    for _ in range(int(os.environ.get("RUNS", "2"))):
        q = Qemu("peer_grub", args=[
            "-drive", "file=%s,if=none,id=d0,format=raw,snapshot=on" % disk]
            + virtio)
        try:
            q.expect("PEER-READY", 900, "the Debian host's multi-user target")
            deb.append(q.elapsed())
        finally:
            q.close()
        keel.append(boot_installed("BIOS, GRUB, virtio", "bios", virtio)[0])
        line("boot through GRUB: Keel / Debian", "%.1f / %.1f s"
             % (keel[-1], deb[-1]))
    k, d = statistics.median(keel), statistics.median(deb)
    line("boot through GRUB, Keel : Debian", "%.2f" % (k / d),
         "goal <= 0.5")


def main():
    what = sys.argv[1:] or ["sizes", "builds", "host", "vms", "bios",
                            "uefi", "boots", "update", "peer"]
    if "boots" in what:
        installed_boots()
    if "update" in what:
        update()
    if "peer" in what:
        peer()
    if "sizes" in what:
        sizes()
    if "builds" in what:
        builds()
    if "host" in what:
        host_memory()
    if "vms" in what:
        vms()
    if "bios" in what:
        iso_boot("bios", "boot:", ["-cdrom", B + "/keel.iso", "-boot", "d"])
    if "uefi" in what:
        iso_boot("uefi", "Install Keel", [
            "-drive", "file=%s/keel.iso,media=cdrom,if=none,id=cd,readonly=on" % B,
            "-device", "ide-cd,drive=cd,bootindex=0"])
    if os.path.exists("scripts/bench-console"):
        subprocess.run(["scripts/bench-console"])


if __name__ == "__main__":
    main()
