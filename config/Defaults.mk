# Build defaults that are not discovered by configure.  Override any of
# them on the make command line (make run QEMU_MEM=4G).

# The emulated platform of the run and test commands: q35 with Intel VT-d
# and QEMU's edu DMA device.  SMAP is hidden from the guest CPU because
# QEMU 7.2's software CPU takes a spurious #PF on a ring-3 IRET with SMAP
# on (docs: QEMU-PLATFORM.md).
QEMU_CPU        ?= max,-smap
QEMU_SMP        ?= 2
QEMU_MEM        ?= 2G
QEMU_MACHINE    ?= q35
QEMU_IOMMU      ?= intel-iommu,aw-bits=39
QEMU_EXTRA      ?=

# The hypervisor command line of `make run` (dom0: Debian's Linux, tools/tests/dom0),
# and dom0's kernel command line.
XEN_CMDLINE     ?= console=com1 dom0_mem=512M
DOM0_CMDLINE    ?= console=hvc0 loglevel=4

# Where the hypervisor image and the freestanding objects go.
XEN_TARGET      := xen/xen
