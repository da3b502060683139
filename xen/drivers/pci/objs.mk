obj-y += pci.o
obj-y += pci-boot.o
