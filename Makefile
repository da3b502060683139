# Argon: a paravirtual x86-64 hypervisor and its dom0 toolstack.
#
#   make run        install missing packages, build, boot Argon in QEMU
#   make check      install missing packages, build, run every test
#   make            build the hypervisor and the tools
#   make install    install under $(DESTDIR)$(prefix) (set by ./configure)
#   make debug-gdb  boot with QEMU's gdb stub, stopped at the first instruction
#   make debug-int  boot with QEMU logging interrupts and resets to build/qemu-int.log
#
# This Makefile only orchestrates: configure runs on demand, and the
# sub-makes include config/Tools.mk.

SHELL := /bin/bash
include config/Defaults.mk

.PHONY: all xen tools check bench run run-bare install clean distclean deps configure-if-needed \
	debug-gdb debug-int iso unit-tests boot-tests

all: xen tools

deps:
	@tools/misc/install-deps

configure: configure.ac $(wildcard m4/*.m4) version
	autoreconf -fi

config/Tools.mk: configure config/Tools.mk.in
	./configure

configure-if-needed: config/Tools.mk

xen: configure-if-needed
	$(MAKE) -C xen

tools: configure-if-needed
	$(MAKE) -C tools

unit-tests: all
	$(MAKE) -C xen/test
	$(MAKE) -C tools/tests/unit
	$(MAKE) -C tools/tests/guest

# The ISO of `make run`: the hypervisor with XEN_CMDLINE and no modules yet.
iso: xen
	tools/tests/boot/argon-run --no-boot --cmdline "$(XEN_CMDLINE)" --iso build/argon.iso

QEMU_OPTS = --memory $(QEMU_MEM) --smp $(QEMU_SMP) --cpu "$(QEMU_CPU)" \
	--iommu "$(QEMU_IOMMU)" $(foreach a,$(QEMU_EXTRA),--qemu-arg=$(a))

# Argon with Debian's Linux as dom0, to a shell on the serial line.
run:
	@tools/misc/install-deps
	$(MAKE) xen
	$(MAKE) -C tools/tests/dom0
	tools/tests/boot/argon-run --cmdline "$(XEN_CMDLINE)" $(QEMU_OPTS) \
		--module "build/dom0/vmlinuz $(DOM0_CMDLINE)" --module build/dom0/initramfs.cpio.gz

# The hypervisor alone: its boot report, then (no dom0) power-off.
run-bare:
	@tools/misc/install-deps
	$(MAKE) xen
	tools/tests/boot/argon-run --cmdline "$(XEN_CMDLINE)" $(QEMU_OPTS)

# The selective-flush benchmark: figures per IOMMU flush policy (tools/bench).
bench:
	@tools/misc/install-deps
	$(MAKE) xen
	$(MAKE) -C tools/tests/guest
	tools/bench/grant-flush

check:
	@tools/misc/install-deps
	$(MAKE) unit-tests
	$(MAKE) -C xen/test abi-crosscheck
	$(MAKE) -C tools/tests/dom0
	tools/tests/run-tests

# Debugging entry points: see docs/debugging.md.
debug-gdb: xen
	@echo "QEMU waits for gdb on :1234; in another terminal run:"
	@echo "  gdb -ex 'target remote :1234' xen/xen-syms"
	tools/tests/boot/argon-run --cmdline "$(XEN_CMDLINE)" $(QEMU_OPTS) \
		--qemu-arg=-s --qemu-arg=-S

debug-int: xen
	@mkdir -p build
	tools/tests/boot/argon-run --cmdline "$(XEN_CMDLINE)" $(QEMU_OPTS) \
		--qemu-arg=-d --qemu-arg=int,cpu_reset --qemu-arg=-D --qemu-arg=build/qemu-int.log
	@echo "QEMU's interrupt log: build/qemu-int.log"

install: all
	$(MAKE) -C xen install
	$(MAKE) -C tools install

clean:
	-$(MAKE) -C xen clean
	-$(MAKE) -C tools clean
	-$(MAKE) -C xen/test clean
	-$(MAKE) -C tools/tests/unit clean
	-$(MAKE) -C tools/tests/guest clean
	rm -rf build

distclean: clean
	rm -rf config/Tools.mk config.status config.log configure autom4te.cache \
		config/aux aclocal.m4
