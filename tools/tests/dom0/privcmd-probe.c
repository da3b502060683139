/*
 * A first toolstack call from dom0 user space: hypercalls through Linux's
 * /dev/xen/privcmd (IOCTL_PRIVCMD_HYPERCALL), as libxencall will make
 * them.  Prints the hypervisor's version and the machine's physinfo.
 * Built static so it runs in the busybox initramfs.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <xen/sysctl.h>
#include <xen/version.h>

/* Linux's include/uapi/xen/privcmd.h: the hypercall ioctl (facts, our own names). */
struct privcmd_hypercall_args {
    uint64_t op;
    uint64_t arg[5];
};
#define IOCTL_PRIVCMD_HYPERCALL _IOC(_IOC_NONE, 'P', 0, sizeof(struct privcmd_hypercall_args))

static long hypercall(int fd, uint64_t op, uint64_t a1, uint64_t a2)
{
    struct privcmd_hypercall_args h = { .op = op, .arg = { a1, a2 } };
    long rc = ioctl(fd, IOCTL_PRIVCMD_HYPERCALL, &h);

    return rc < 0 ? -errno : rc;
}

int main(void)
{
    int fd = open("/dev/xen/privcmd", O_RDWR);
    struct xen_sysctl op;
    long version, rc;

    if ( fd < 0 )
    {
        printf("argon-dom0: privcmd: cannot open /dev/xen/privcmd: %s\n", strerror(errno));
        return 1;
    }
    version = hypercall(fd, __HYPERVISOR_xen_version, XENVER_version, 0);
    memset(&op, 0, sizeof(op));
    op.cmd = XEN_SYSCTL_physinfo;
    op.interface_version = XEN_SYSCTL_INTERFACE_VERSION;
    rc = hypercall(fd, __HYPERVISOR_sysctl, (uintptr_t)&op, 0);
    if ( version < 0 || rc )
    {
        printf("argon-dom0: privcmd: hypercalls failed (version %ld, physinfo %ld)\n",
               version, rc);
        return 1;
    }
    printf("argon-dom0: privcmd: Xen %ld.%ld, %u CPUs, %lu MiB total, %lu MiB free\n",
           version >> 16, version & 0xffff, op.u.physinfo.nr_cpus,
           (unsigned long)(op.u.physinfo.total_pages >> 8),
           (unsigned long)(op.u.physinfo.free_pages >> 8));
    return 0;
}
