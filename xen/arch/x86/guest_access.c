/*
 * Guest-memory copies: range checks here, the faulting copy in usercopy.S.
 */
#include <asm/config.h>
#include <xen/errno.h>
#include <xen/guest_access.h>

size_t raw_copy_guest(void *dst, const void *src, size_t n);
extern const char guest_copy_start[], guest_copy_end[], guest_copy_fault[];
extern const char gs_load_start[], gs_load_end[], gs_load_fault[];
extern const char sel_load_start[], sel_load_end[], sel_load_fault[];

bool guest_range_ok(uint64_t va, size_t n)
{
    uint64_t end = va + n;

    if ( end < va )
        return false;
    /* Non-canonical addresses: between the two halves of the address space. */
    if ( (va < 0x0000800000000000 && end > 0x0000800000000000) ||
         (va >= 0x0000800000000000 && va < 0xffff800000000000) )
        return false;
    /* The hypervisor's reserved range is never guest memory. */
    return end <= HYPERVISOR_VIRT_START || va >= HYPERVISOR_VIRT_END;
}

int copy_from_guest(void *dst, uint64_t guest_va, size_t n)
{
    if ( !guest_range_ok(guest_va, n) )
        return -EFAULT;
    return raw_copy_guest(dst, (const void *)guest_va, n) ? -EFAULT : 0;
}

int copy_to_guest(uint64_t guest_va, const void *src, size_t n)
{
    if ( !guest_range_ok(guest_va, n) )
        return -EFAULT;
    return raw_copy_guest((void *)guest_va, src, n) ? -EFAULT : 0;
}

bool fixup_guest_copy_fault(uint64_t *rip)
{
    static const struct { const char *start, *end, *fixup; } fixups[] = {
        { guest_copy_start, guest_copy_end, guest_copy_fault },
        { gs_load_start, gs_load_end, gs_load_fault },
        { sel_load_start, sel_load_end, sel_load_fault },
    };

    for ( unsigned int i = 0; i < sizeof(fixups) / sizeof(fixups[0]); i++ )
        if ( *rip >= (uint64_t)fixups[i].start && *rip < (uint64_t)fixups[i].end )
        {
            *rip = (uint64_t)fixups[i].fixup;
            return true;
        }
    return false;
}
