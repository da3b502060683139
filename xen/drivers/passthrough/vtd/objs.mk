obj-y += dmar.o
obj-y += vtd-entries.o
obj-y += vtd-invdesc.o
