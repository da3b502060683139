/*
 * Grant-table helpers for test kernels (grant.h).
 */
#include <public/xen.h>

#include "grant.h"
#include "guest.h"
#include "mm.h"

DEFINE_WINDOW(grant_window);

struct grant_entry_v1 *grant_table_setup_frames(unsigned int n, void *windows)
{
    uint64_t frames[32] = { 0 };
    struct gnttab_setup_table st = { .dom = DOMID_SELF, .nr_frames = n,
                                     .frame_list = (unsigned long)frames };

    if ( n > 32 || hypercall3(__HYPERVISOR_grant_table_op, GNTTABOP_setup_table, &st, 1) ||
         st.status != GNTST_okay )
        return NULL;
    for ( unsigned int i = 0; i < n; i++ )
        if ( frames[i] == 0 ||
             map_frame_at((uint8_t *)windows + i * PAGE_SIZE, frames[i],
                          PTE_PRESENT | PTE_RW | PTE_ACCESSED | PTE_DIRTY) )
            return NULL;
    return windows;
}

struct grant_entry_v1 *grant_table_setup(void)
{
    return grant_table_setup_frames(1, grant_window);
}

void grant_offer(struct grant_entry_v1 *table, grant_ref_t ref, domid_t domid,
                 unsigned long mfn, bool readonly)
{
    table[ref].frame = mfn;
    table[ref].domid = domid;
    __atomic_store_n(&table[ref].flags, GTF_permit_access | (readonly ? GTF_readonly : 0),
                     __ATOMIC_RELEASE);
}

int16_t grant_map(domid_t dom, grant_ref_t ref, uint32_t flags, const void *host_addr,
                  grant_handle_t *handle, uint64_t *dev_bus_addr)
{
    struct gnttab_map_grant_ref op = { .host_addr = (unsigned long)host_addr,
                                       .flags = flags, .ref = ref, .dom = dom };
    long rc = hypercall3(__HYPERVISOR_grant_table_op, GNTTABOP_map_grant_ref, &op, 1);

    if ( rc )
        return GNTST_general_error;
    *handle = op.handle;
    if ( dev_bus_addr )
        *dev_bus_addr = op.dev_bus_addr;
    return op.status;
}

int16_t grant_unmap(grant_handle_t handle, const void *host_addr)
{
    struct gnttab_unmap_grant_ref op = { .host_addr = (unsigned long)host_addr,
                                         .handle = handle };
    long rc = hypercall3(__HYPERVISOR_grant_table_op, GNTTABOP_unmap_grant_ref, &op, 1);

    return rc ? GNTST_general_error : op.status;
}

int16_t grant_copy_from(domid_t dom, grant_ref_t ref, void *to, uint16_t len)
{
    struct gnttab_copy op = {
        .source = { .u.ref = ref, .domid = dom, .offset = 0 },
        .dest = { .u.gmfn = virt_to_mfn(to), .domid = DOMID_SELF,
                  .offset = (unsigned long)to & (PAGE_SIZE - 1) },
        .len = len, .flags = GNTCOPY_source_gref,
    };
    long rc = hypercall3(__HYPERVISOR_grant_table_op, GNTTABOP_copy, &op, 1);

    return rc ? GNTST_general_error : op.status;
}
