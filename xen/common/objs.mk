obj-y += console.o
obj-y += shutdown.o
obj-y += string.o
obj-y += version.o
obj-y += vsnprintf.o
obj-y += cmdline.o
obj-y += param.o
obj-y += symbols.o
