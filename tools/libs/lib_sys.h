/*
 * lib_sys.h - open() and ioctl() in the fixed-argument shape of the
 * libraries' transport tables (the real ones are variadic), for the one
 * file of each library that fills in Linux's table.
 */
#ifndef LIB_SYS_H
#define LIB_SYS_H

#include <fcntl.h>
#include <sys/ioctl.h>

static inline int lib_sys_open(const char *path, int flags)
{
    return open(path, flags);
}

static inline int lib_sys_ioctl(int fd, unsigned long request, void *arg)
{
    return ioctl(fd, request, arg);
}

#endif /* LIB_SYS_H */
