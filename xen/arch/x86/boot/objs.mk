obj-y += head.o
obj-y += multiboot2.o
obj-y += trampoline.o
