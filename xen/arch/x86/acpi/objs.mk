obj-y += aml.o
obj-y += map.o
obj-y += power.o
obj-y += tables.o
obj-y += madt.o
