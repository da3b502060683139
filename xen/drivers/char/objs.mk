obj-y += ns16550.o
