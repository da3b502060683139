obj-y += dmar.o
obj-y += vtd-domain.o
obj-y += vtd-entries.o
obj-y += vtd-fault.o
obj-y += vtd-flush.o
obj-y += vtd-invdesc.o
obj-y += vtd-pagetable.o
obj-y += vtd-unit.o
