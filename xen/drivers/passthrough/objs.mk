obj-y += iommu.o
obj-y += iommu-did.o
obj-y += selftest-iommu.o
obj-y += selftest-ats.o
obj-y += assign.o
