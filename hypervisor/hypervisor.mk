# hypervisor: Xen 4.17 from xen-hypervisor-4.17-amd64 (fetched with the
# dom0 packages, so its version always matches xen-utils) and its boot
# options (hypervisor/boot.conf).

XEN_GZ := $(B)/dom0/stage/boot/xen-4.17-amd64.gz
XEN_BOOT_CONF := hypervisor/boot.conf
include $(XEN_BOOT_CONF)

$(XEN_GZ): $(B)/dom0/stage.stamp
	@test -f $@ || { echo "hypervisor: $@ missing from the packages" >&2; exit 1; }
