/*
 * The first PV test kernel: start_info as the builder laid it out, and the
 * basic hypercalls with good and bad arguments (bad pointers, pointers into
 * the hypervisor, unknown commands and numbers).
 */
#include <public/features.h>
#include <public/sched.h>
#include <public/version.h>

#include "guest.h"

static void check_start_info(void)
{
    const struct start_info *si = start_info;

    check(!memcmp(si->magic, "xen-3.0-x86_64", 15), "start_info magic");
    check((si->flags & (SIF_PRIVILEGED | SIF_INITDOMAIN)) ==
          (SIF_PRIVILEGED | SIF_INITDOMAIN), "dom0 flags %#x", si->flags);
    check_eq(si->nr_pages, 64 << 8, "nr_pages (dom0_mem=64M)");
    check(si->shared_info != 0 && !(si->shared_info & 0xfff), "shared_info address");
    check(si->pt_base > (unsigned long)si && si->nr_pt_frames >= 4,
          "page tables after start_info");
    check(!memcmp(si->cmd_line, "hello argon", 12), "command line '%s'",
          (const char *)si->cmd_line);
    /* The p2m list maps every pfn, and the kernel's frames are distinct. */
    check(((const unsigned long *)si->mfn_list)[0] != ((const unsigned long *)si->mfn_list)[1],
          "p2m entries");
}

static void check_version(void)
{
    struct xen_feature_info fi = { .submap_idx = 0 };
    char extra[16];

    check_eq(hypercall2(__HYPERVISOR_xen_version, XENVER_version, 0), 0x40011,
             "xen_version: 4.17");
    check_eq(hypercall2(__HYPERVISOR_xen_version, XENVER_get_features, &fi), 0,
             "get_features");
    check(fi.submap & (1u << XENFEAT_dom0), "dom0 feature bit");
    fi.submap_idx = 5;
    check_eq(hypercall2(__HYPERVISOR_xen_version, XENVER_get_features, &fi), -22,
             "get_features beyond the submaps: -EINVAL");
    check_eq(hypercall2(__HYPERVISOR_xen_version, XENVER_extraversion, extra), 0,
             "extraversion");
    check(extra[0] == '.', "extraversion '%s'", extra);
    check_eq(hypercall2(__HYPERVISOR_xen_version, XENVER_get_features, 0x10), -14,
             "get_features at an unmapped address: -EFAULT");
    check_eq(hypercall2(__HYPERVISOR_xen_version, XENVER_extraversion,
                        0xffff830000000000UL), -14,
             "extraversion into the hypervisor: -EFAULT");
    check_eq(hypercall2(__HYPERVISOR_xen_version, 999, 0), -22, "unknown sub-op: -EINVAL");
}

static void check_console(void)
{
    static const char msg[] = "console_io: hello from a PV test kernel\n";

    check_eq(hypercall3(__HYPERVISOR_console_io, CONSOLEIO_write, sizeof(msg) - 1, msg), 0,
             "console_io write");
    check_eq(hypercall3(__HYPERVISOR_console_io, CONSOLEIO_write, 16, 0x1000), -14,
             "console_io from an unmapped buffer: -EFAULT");
    /* The direct map of the hypervisor must never be readable through a hypercall. */
    check_eq(hypercall3(__HYPERVISOR_console_io, CONSOLEIO_write, 16,
                        0xffff830000100000UL), -14,
             "console_io from the hypervisor's range: -EFAULT");
    check_eq(hypercall3(__HYPERVISOR_console_io, CONSOLEIO_write, 16,
                        0x0000800000000000UL - 8), -14,
             "console_io across the canonical hole: -EFAULT");
    check_eq(hypercall3(__HYPERVISOR_console_io, CONSOLEIO_write, 1 << 20, msg), -7,
             "console_io of 1 MiB: -E2BIG");
    check_eq(hypercall3(__HYPERVISOR_console_io, 77, 1, msg), -22,
             "console_io unknown command: -EINVAL");
}

static void check_unknown_hypercalls(void)
{
    static const unsigned long numbers[] = { 8, 11, 43, 63, 64, 1000, ~0UL };

    for ( unsigned int i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++ )
    {
#ifdef WITH_HYPERCALL_PAGE
        if ( numbers[i] >= 128 )
            continue;           /* the page has 128 stubs */
#endif
        check_eq(hypercall0(numbers[i]), -38, "unknown hypercall: -ENOSYS");
    }
}

static void check_sched_op(void)
{
    struct sched_shutdown bad = { .reason = 99 };

    check_eq(hypercall2(__HYPERVISOR_sched_op, SCHEDOP_yield, 0), 0, "yield");
    check_eq(hypercall2(__HYPERVISOR_sched_op, SCHEDOP_shutdown, &bad), -22,
             "shutdown with a bad reason: -EINVAL");
    check_eq(hypercall2(__HYPERVISOR_sched_op, SCHEDOP_shutdown, 0x10), -14,
             "shutdown with a bad pointer: -EFAULT");
    check_eq(hypercall2(__HYPERVISOR_sched_op, 77, 0), -38, "unknown sched_op: -ENOSYS");
}

void test_main(void)
{
    printf("test-basics: start_info at %p, %lu pages\n", (const void *)start_info,
           start_info->nr_pages);
    check_start_info();
    check_version();
    check_console();
    check_unknown_hypercalls();
    check_sched_op();
}
