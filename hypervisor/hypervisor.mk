# hypervisor: Xen from xen-hypervisor-$(XEN_VERSION)-amd64 (fetched with
# the dom0 packages, so its version always matches xen-utils) and its
# boot options (hypervisor/boot.conf).

# The one place Xen's version is written: dom0/packages and dom0/files
# say @XEN@, the build says $(XEN_VERSION); dom0/packages.lock pins the
# packages (make lock-update after changing it).
XEN_VERSION := 4.17
export XEN_VERSION
XEN_GZ := $(B)/dom0/stage/boot/xen-$(XEN_VERSION)-amd64.gz
XEN_BOOT_CONF := hypervisor/boot.conf
include $(XEN_BOOT_CONF)

$(XEN_GZ): $(B)/dom0/stage.stamp
	@test -f $@ || { echo "hypervisor: $@ missing from the packages" >&2; exit 1; }
