obj-y += elf.o
obj-y += hypercall.o
obj-y += syscall.o
obj-y += traps.o
obj-y += dom0_build.o
obj-y += run.o
obj-y += emul-priv-op.o
obj-y += callbacks.o
