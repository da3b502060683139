obj-y += ioremap.o
obj-y += setup-mm.o
obj-y += boot-alloc.o
obj-y += pagetable.o
obj-y += m2p.o
obj-y += page-ref.o
