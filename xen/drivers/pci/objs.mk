obj-y += pci.o
obj-y += pci-boot.o
obj-y += pci-print.o
obj-y += mcfg.o
