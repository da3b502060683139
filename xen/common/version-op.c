/*
 * xen_version: Argon implements Xen 4.17's PV ABI and reports that version,
 * so guests' version checks take the 4.17 paths.
 */
#include <public/features.h>
#include <public/version.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <xen/version.h>

#define XEN_MAJOR   4
#define XEN_MINOR   17

/*
 * The feature bits this build implements (submap 0): mmu_update keeps
 * A/D bits on request, grant maps carry the guest's PTE software bits,
 * and (as Xen says to every 64-bit PV guest) page directories may live
 * anywhere.  Linux refuses to boot without the first two.
 */
static uint32_t features_for(const struct domain *d)
{
    uint32_t f = (1u << XENFEAT_pae_pgdir_above_4gb) |
                 (1u << XENFEAT_mmu_pt_update_preserve_ad) |
                 (1u << XENFEAT_highmem_assist) |
                 (1u << XENFEAT_gnttab_map_avail_bits);

    return d->is_privileged ? f | (1u << XENFEAT_dom0) : f;
}

static long copy_string(uint64_t arg, const char *s, size_t size)
{
    char buf[1024];

    memset(buf, 0, size);
    strlcpy(buf, s, size);
    return copy_to_guest(arg, buf, size);
}

long do_xen_version(uint64_t cmd, uint64_t arg, uint64_t a3, uint64_t a4,
                    uint64_t a5, uint64_t a6)
{
    const struct domain *d = current_vcpu()->domain;

    switch ( cmd )
    {
    case XENVER_version:
        return (XEN_MAJOR << 16) | XEN_MINOR;
    case XENVER_extraversion:
        return copy_string(arg, ".0-argon", sizeof(xen_extraversion_t));
    case XENVER_capabilities:
        return copy_string(arg, "xen-3.0-x86_64", sizeof(xen_capabilities_info_t));
    case XENVER_changeset:
        return copy_string(arg, argon_build_id(), sizeof(xen_changeset_info_t));
    case XENVER_compile_info:
    {
        struct xen_compile_info info;

        memset(&info, 0, sizeof(info));
        strlcpy(info.compiler, argon_compiler(), sizeof(info.compiler));
        strlcpy(info.compile_by, "argon", sizeof(info.compile_by));
        return copy_to_guest(arg, &info, sizeof(info));
    }
    case XENVER_platform_parameters:
    {
        struct xen_platform_parameters p = { .virt_start = __HYPERVISOR_VIRT_START };

        return copy_to_guest(arg, &p, sizeof(p));
    }
    case XENVER_get_features:
    {
        struct xen_feature_info fi;

        if ( copy_from_guest(&fi, arg, sizeof(fi)) )
            return -EFAULT;
        fi.submap = fi.submap_idx == 0 ? features_for(d) : 0;
        if ( fi.submap_idx >= XENFEAT_NR_SUBMAPS )
            return -EINVAL;
        return copy_to_guest(arg, &fi, sizeof(fi));
    }
    case XENVER_pagesize:
        return 4096;
    case XENVER_guest_handle:
    case XENVER_commandline:
    case XENVER_build_id:
        return -EPERM;      /* not for guests in this build: said, not faked */
    default:
        return -EINVAL;
    }
}
