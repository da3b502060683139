obj-y += iommu.o
obj-y += selftest-iommu.o
