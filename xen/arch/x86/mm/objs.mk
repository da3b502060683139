obj-y += ioremap.o
obj-y += setup-mm.o
