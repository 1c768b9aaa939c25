"""A management VLAN survives a reboot and the boot is judged healthy
on it: `keelctl set mgmt.vlan 42` on an installed host (static address)
moves the address onto xenbr0.42 live; after a reboot the start scripts
make xenbr0.42 again with the address, and the health check looks at
that interface (before, S60network ignored mgmt.vlan and such a host
came up "degraded: network", so an update's trial boot would roll
back).  QEMU's user network does not carry the tagged traffic: the
interface and its address are checked, not packets."""

from keelinstall import boot_failures, console_shell
from keelqemu import Qemu, check
from t_install_bios import PASSWORD, installed_disk
from t_services import keelctl_set
from t_update import reboot

NAME = "vlan"


def boot(tag, disk):
    return Qemu("%s_%s" % (NAME, tag), args=[
        "-drive", "file=%s,if=virtio,format=qcow2" % disk,
        "-netdev", "user,id=n0", "-device", "e1000,netdev=n0"])


def test():
    disk = installed_disk(NAME)
    q = boot("set", disk)
    try:
        q.wait_ready(400)
        console_shell(q, PASSWORD)
        keelctl_set(q, "mgmt.vlan", "42")
        _, addr = q.run("ip -4 -o addr show dev xenbr0.42")
        check("inet 10.0.2.15/24" in addr, "live: xenbr0.42 has %r" % addr)
        q.run("sync", timeout=120)
        reboot(q)
    finally:
        q.close()
    q = boot("after", disk)
    try:
        secs, _, degraded = q.wait_ready(400)
        check(not degraded, "the boot with a VLAN is degraded:" + degraded)
        check(not boot_failures(q), "failed boot steps: %s" % boot_failures(q))
        console_shell(q, PASSWORD)
        _, addr = q.run("ip -4 -o addr show dev xenbr0.42")
        check("inet 10.0.2.15/24" in addr, "after the reboot xenbr0.42 has "
              "%r" % addr)
        _, v = q.run("keelctl get mgmt.vlan")
        check(v.strip() == "42", "mgmt.vlan is %r" % v)
    finally:
        q.close()
