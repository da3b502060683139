obj-y += setup.o
obj-y += desc.o
obj-y += entry.o
obj-y += traps.o
