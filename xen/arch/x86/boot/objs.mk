obj-y += head.o
obj-y += multiboot2.o
