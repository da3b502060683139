obj-y += setup.o
