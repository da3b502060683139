obj-y += ioremap.o
