/*
 * XEN_DOMCTL from dom0, run in both domains of a second-domain boot (the
 * same kernel, telling its role from start_info).  Domain 1 is refused
 * (-EPERM, after the version check) and blocks; dom0 creates domains (id
 * allocated, id given, a used id, refused flags), sizes them, gives one
 * memory, maps one of its frames through mmu_update with the foreign
 * domid, reads the figures back through getdomaininfo and
 * getdomaininfolist, uses its event and grant limits, destroys both and
 * sees every page back in the heap.
 */
#include <public/domctl.h>
#include <public/event_channel.h>
#include <public/grant_table.h>
#include <public/memory.h>
#include <public/physdev.h>
#include <public/sched.h>
#include <public/sysctl.h>
#include <public/vcpu.h>

#include "guest.h"
#include "mm.h"
#include "traptest.h"

#define NEW_PAGES   256
#define PATIENCE    20000000UL

/* What dom0 grants domain 1: the VGA text frame (MMIO, nobody's) and the CMOS ports. */
#define GRANTED_MFN     0xb8UL
#define GRANTED_PORT    0x70

static long domctl(struct xen_domctl *op)
{
    return hypercall1(__HYPERVISOR_domctl, op);
}

static void domctl_init(struct xen_domctl *op, uint32_t cmd, domid_t domid)
{
    memset(op, 0, sizeof(*op));
    op->cmd = cmd;
    op->interface_version = XEN_DOMCTL_INTERFACE_VERSION;
    op->domain = domid;
}

static long getinfo(domid_t domid, struct xen_domctl_getdomaininfo *info)
{
    struct xen_domctl op;
    long rc;

    domctl_init(&op, XEN_DOMCTL_getdomaininfo, domid);
    rc = domctl(&op);
    *info = op.u.getdomaininfo;
    return rc;
}

static void default_config(struct xen_domctl_createdomain *c)
{
    memset(c, 0, sizeof(*c));
    c->max_vcpus = 2;
    c->max_evtchn_port = 3;
    c->max_grant_frames = 4;
    c->max_maptrack_frames = 1;
    c->grant_opts = XEN_DOMCTL_GRANT_version(1);
    for ( unsigned int i = 0; i < sizeof(c->handle); i++ )
        c->handle[i] = 0xa0 + i;
}

static long create(domid_t domid, const struct xen_domctl_createdomain *c, domid_t *out)
{
    struct xen_domctl op;
    long rc;

    domctl_init(&op, XEN_DOMCTL_createdomain, domid);
    op.u.createdomain = *c;
    rc = domctl(&op);
    *out = op.domain;
    return rc;
}

static long simple(uint32_t cmd, domid_t domid)
{
    struct xen_domctl op;

    domctl_init(&op, cmd, domid);
    return domctl(&op);
}

static unsigned long free_pages(void)
{
    struct xen_sysctl op = { .cmd = XEN_SYSCTL_physinfo,
                             .interface_version = XEN_SYSCTL_INTERFACE_VERSION };

    check_eq(hypercall1(__HYPERVISOR_sysctl, &op), 0, "physinfo");
    return op.u.physinfo.free_pages;
}

static long domain_list(domid_t first, uint32_t max, struct xen_domctl_getdomaininfo *buf,
                        uint32_t *num)
{
    struct xen_sysctl op = { .cmd = XEN_SYSCTL_getdomaininfolist,
                             .interface_version = XEN_SYSCTL_INTERFACE_VERSION };
    long rc;

    op.u.getdomaininfolist.first_domain = first;
    op.u.getdomaininfolist.max_domains = max;
    op.u.getdomaininfolist.buffer = (unsigned long)buf;
    rc = hypercall1(__HYPERVISOR_sysctl, &op);
    *num = op.u.getdomaininfolist.num_domains;
    return rc;
}

static long reservation_op(unsigned int cmd, domid_t domid, unsigned long *frames,
                           unsigned long nr)
{
    struct xen_memory_reservation r = { .extent_start = (unsigned long)frames,
                                        .nr_extents = nr, .domid = domid };

    return hypercall2(__HYPERVISOR_memory_op, cmd, &r);
}

static long reservation_of(unsigned int cmd, domid_t domid)
{
    struct xen_memory_domain m = { .domid = domid };

    return hypercall2(__HYPERVISOR_memory_op, cmd, &m);
}

static void envelope(void)
{
    struct xen_domctl op;

    domctl_init(&op, XEN_DOMCTL_getdomaininfo, 0);
    op.interface_version = 0x14;
    check_eq(domctl(&op), -13, "an older interface version: -EACCES");
    domctl_init(&op, 999, 0);
    check_eq(domctl(&op), -38, "an unknown domctl: -ENOSYS");
    check_eq(hypercall1(__HYPERVISOR_domctl, 0x10), -14, "a bad pointer: -EFAULT");
    check_eq(simple(XEN_DOMCTL_max_mem, 99), -3, "a domain that is not there: -ESRCH");
    check_eq(simple(XEN_DOMCTL_getdomaininfo, DOMID_FIRST_RESERVED), -22,
             "getdomaininfo of a reserved id: -EINVAL");
}

static void creation_refusals(void)
{
    struct xen_domctl_createdomain c;
    domid_t id;

    default_config(&c);
    c.flags = XEN_DOMCTL_CDF_hvm;
    check_eq(create(0, &c, &id), -22, "an HVM domain: -EINVAL");
    c.flags = XEN_DOMCTL_CDF_hap;
    check_eq(create(0, &c, &id), -22, "HAP: -EINVAL");
    default_config(&c);
    c.max_vcpus = 0;
    check_eq(create(0, &c, &id), -22, "no vCPUs: -EINVAL");
    c.max_vcpus = 33;
    check_eq(create(0, &c, &id), -22, "33 vCPUs: -EINVAL");
    default_config(&c);
    c.max_grant_frames = 0;
    check_eq(create(0, &c, &id), -22, "no grant frames: -EINVAL");
    c.max_grant_frames = 33;
    check_eq(create(0, &c, &id), -22, "33 grant frames: -EINVAL");
    default_config(&c);
    c.grant_opts = XEN_DOMCTL_GRANT_version(2);
    check_eq(create(0, &c, &id), -22, "grant tables v2: -EINVAL");
    default_config(&c);
    c.arch.emulation_flags = XEN_X86_EMU_LAPIC;
    check_eq(create(0, &c, &id), -22, "an emulated LAPIC for PV: -EINVAL");
}

/* dom0 maps frame mfn of domid at its window through mmu_update with the foreign domid. */
DEFINE_WINDOW(window);

static long map_foreign(unsigned long mfn, domid_t domid)
{
    struct mmu_update u = { .ptr = pte_maddr_of(window),
                            .val = mfn * PAGE_SIZE | PTE_PRESENT | PTE_RW | PTE_ACCESSED |
                                   PTE_DIRTY };

    return hypercall4(__HYPERVISOR_mmu_update, &u, 1, 0, domid);
}

static unsigned long frames[NEW_PAGES];

static void memory_for(domid_t domid)
{
    struct xen_domctl op;
    struct xen_domctl_getdomaininfo info;
    unsigned long extra;

    domctl_init(&op, XEN_DOMCTL_max_mem, domid);
    op.u.max_mem.max_memkb = NEW_PAGES * 4;
    check_eq(domctl(&op), 0, "max_mem");
    check_eq(reservation_of(XENMEM_maximum_reservation, domid), NEW_PAGES,
             "the new domain's maximum reservation");
    for ( unsigned long i = 0; i < NEW_PAGES; i++ )
        frames[i] = i;
    check_eq(reservation_op(XENMEM_populate_physmap, domid, frames, NEW_PAGES), NEW_PAGES,
             "populate the new domain");
    extra = NEW_PAGES;
    check_eq(reservation_op(XENMEM_populate_physmap, domid, &extra, 1), 0,
             "a page beyond max_mem is not given");
    check_eq(reservation_of(XENMEM_current_reservation, domid), NEW_PAGES,
             "the new domain's current reservation");
    check_eq(getinfo(domid, &info), 0, "getdomaininfo after populate");
    check_eq(info.tot_pages, NEW_PAGES, "tot_pages");
    check_eq(info.max_pages, NEW_PAGES, "max_pages");

    /* Give one back and take it again, from outside. */
    check_eq(reservation_op(XENMEM_decrease_reservation, domid, &frames[NEW_PAGES - 1], 1), 1,
             "decrease the new domain's reservation");
    check_eq(reservation_op(XENMEM_increase_reservation, domid, &frames[NEW_PAGES - 1], 1), 1,
             "increase it again");
    check_eq(reservation_of(XENMEM_current_reservation, domid), NEW_PAGES,
             "the reservation after decrease and increase");

    /* The builder's way in: a frame of the new domain mapped into dom0. */
    check_eq(map_foreign(frames[0], domid), 0, "map a frame of the new domain into dom0");
    for ( unsigned int i = 0; i < PAGE_SIZE; i++ )
        window[i] = (uint8_t)(i * 7 + 1);
    {
        bool same = true;

        for ( unsigned int i = 0; i < PAGE_SIZE; i++ )
            same &= window[i] == (uint8_t)(i * 7 + 1);
        check(same, "the foreign frame reads back what was written");
    }
    check_eq(restore_window(window), 0, "unmap the foreign frame");
    check_eq(map_foreign(virt_to_mfn(frames), domid), -22,
             "a frame the domain does not own, mapped as its: -EINVAL");
    check_eq(map_foreign(frames[1], 0), -22, "the new domain's frame as dom0's own: -EINVAL");
    check_eq(map_foreign(frames[1], 99), -3, "a foreign domain that is not there: -ESRCH");
    check_eq(restore_window(window), 0, "the window is dom0's again");
}

static void channels_and_grants(domid_t domid)
{
    struct evtchn_alloc_unbound a = { .dom = domid, .remote_dom = 0 };
    struct gnttab_setup_table s = { .dom = domid, .nr_frames = 4 };
    unsigned long gframes[5];

    for ( unsigned int port = 1; port <= 3; port++ )
    {
        check_eq(hypercall2(__HYPERVISOR_event_channel_op, EVTCHNOP_alloc_unbound, &a), 0,
                 "alloc_unbound for the new domain");
        check_eq(a.port, port, "its port");
    }
    check_eq(hypercall2(__HYPERVISOR_event_channel_op, EVTCHNOP_alloc_unbound, &a), -28,
             "a port beyond max_evtchn_port: -ENOSPC");

    s.frame_list = (unsigned long)gframes;
    check_eq(hypercall3(__HYPERVISOR_grant_table_op, GNTTABOP_setup_table, &s, 1), 0,
             "setup_table for the new domain");
    check_eq(s.status, GNTST_okay, "4 grant frames (its limit)");
    s.nr_frames = 5;
    check_eq(hypercall3(__HYPERVISOR_grant_table_op, GNTTABOP_setup_table, &s, 1), 0,
             "setup_table beyond the limit");
    check_eq(s.status, GNTST_general_error, "5 grant frames refused");
}

static void warm_grant_table(domid_t domid)
{
    struct gnttab_setup_table s = { .dom = domid, .nr_frames = 4 };
    unsigned long gframes[4];

    s.frame_list = (unsigned long)gframes;
    check_eq(hypercall3(__HYPERVISOR_grant_table_op, GNTTABOP_setup_table, &s, 1), 0,
             "setup_table (warm-up)");
}

static struct vcpu_guest_context ctx;

static long vcpucontext(uint32_t cmd, domid_t domid, uint32_t vcpu, void *c)
{
    struct xen_domctl op;

    domctl_init(&op, cmd, domid);
    op.u.vcpucontext.vcpu = vcpu;
    op.u.vcpucontext.ctxt = (unsigned long)c;
    return domctl(&op);
}

static long frame_info(domid_t domid, unsigned long *list, unsigned long num)
{
    struct xen_domctl op;

    domctl_init(&op, XEN_DOMCTL_getpageframeinfo3, domid);
    op.u.getpageframeinfo3.num = num;
    op.u.getpageframeinfo3.array = (unsigned long)list;
    return domctl(&op);
}

static long hypercall_init(domid_t domid, unsigned long mfn)
{
    struct xen_domctl op;

    domctl_init(&op, XEN_DOMCTL_hypercall_init, domid);
    op.u.hypercall_init.gmfn = mfn;
    return domctl(&op);
}

/* The new domain's frames[1] becomes an empty root, frames[2] its hypercall page. */
static void vcpu_state(domid_t domid)
{
    struct xen_domctl op;
    unsigned long info[3];

    check_eq(vcpucontext(XEN_DOMCTL_getvcpucontext, domid, 0, &ctx), -61,
             "the context of a vCPU that has none: -ENODATA");
    domctl_init(&op, XEN_DOMCTL_getvcpuinfo, domid);
    check_eq(domctl(&op), 0, "getvcpuinfo");
    check(!op.u.getvcpuinfo.online && !op.u.getvcpuinfo.running, "vCPU 0 offline, not running");
    op.u.getvcpuinfo.vcpu = 2;
    check_eq(domctl(&op), -22, "getvcpuinfo of a vCPU beyond max_vcpus: -EINVAL");

    memset(&ctx, 0, sizeof(ctx));
    ctx.flags = VGCF_in_kernel;
    ctx.user_regs.rip = 0xffffffff80001000UL;
    ctx.user_regs.rsp = 0xffffffff80002000UL;
    ctx.kernel_sp = 0xffffffff80002000UL;
    ctx.ctrlreg[3] = frames[1] * PAGE_SIZE;

    /* While dom0 maps the frame writable it cannot become a page table. */
    check_eq(map_foreign(frames[1], domid), 0, "map the future root into dom0");
    memset(window, 0, PAGE_SIZE);
    check_eq(vcpucontext(XEN_DOMCTL_setvcpucontext, domid, 0, &ctx), -22,
             "a root that dom0 maps writable: -EINVAL");
    check_eq(restore_window(window), 0, "unmap the root");
    ctx.ctrlreg[3] = virt_to_mfn(window) * PAGE_SIZE;
    check_eq(vcpucontext(XEN_DOMCTL_setvcpucontext, domid, 0, &ctx), -22,
             "a root the domain does not own: -EINVAL");
    ctx.ctrlreg[3] = frames[1] * PAGE_SIZE;
    ctx.flags = 0;
    check_eq(vcpucontext(XEN_DOMCTL_setvcpucontext, domid, 0, &ctx), -22,
             "a context not in kernel mode: -EINVAL");
    ctx.flags = VGCF_in_kernel;
    check_eq(vcpucontext(XEN_DOMCTL_setvcpucontext, domid, 9, &ctx), -22,
             "a vCPU beyond max_vcpus: -EINVAL");
    check_eq(vcpucontext(XEN_DOMCTL_setvcpucontext, domid, 0, (void *)0x10), -14,
             "a context at a bad pointer: -EFAULT");
    check_eq(vcpucontext(XEN_DOMCTL_setvcpucontext, domid, 0, &ctx), 0, "setvcpucontext");
    check_eq(vcpucontext(XEN_DOMCTL_setvcpucontext, domid, 0, &ctx), -17,
             "a second context: -EEXIST");
    memset(&ctx, 0, sizeof(ctx));
    check_eq(vcpucontext(XEN_DOMCTL_getvcpucontext, domid, 0, &ctx), 0, "getvcpucontext");
    check_eq(ctx.user_regs.rip, 0xffffffff80001000UL, "the context's rip");
    check_eq(ctx.ctrlreg[3], frames[1] * PAGE_SIZE, "the context's root");
    check(ctx.flags & VGCF_in_kernel, "the context is in kernel mode");
    check_eq(vcpucontext(XEN_DOMCTL_getvcpucontext, domid, 0, (void *)0x10), -14,
             "getvcpucontext into a bad pointer: -EFAULT");

    info[0] = frames[1];
    info[1] = frames[2];
    info[2] = virt_to_mfn(window);
    check_eq(frame_info(domid, info, 3), 0, "getpageframeinfo3");
    check_eq(info[0] & XEN_DOMCTL_PFINFO_LTAB_MASK, XEN_DOMCTL_PFINFO_L4TAB, "the root is an L4");
    check_eq(info[1] & XEN_DOMCTL_PFINFO_LTAB_MASK, XEN_DOMCTL_PFINFO_NOTAB, "a data frame");
    check_eq(info[2] & XEN_DOMCTL_PFINFO_LTAB_MASK, XEN_DOMCTL_PFINFO_XTAB, "not its frame");
    check_eq(info[1] & ~(unsigned long)XEN_DOMCTL_PFINFO_LTAB_MASK, frames[2],
             "the frame number is kept");
    check_eq(frame_info(domid, info, 1025), -7, "more than 1024 frames: -E2BIG");

    check_eq(hypercall_init(domid, frames[2]), 0, "hypercall_init");
    check_eq(hypercall_init(domid, frames[1]), -22, "hypercall_init into its root: -EINVAL");
    check_eq(hypercall_init(domid, virt_to_mfn(window)), -22,
             "hypercall_init into a frame it does not own: -EINVAL");
    check_eq(map_foreign(frames[2], domid), 0, "map the hypercall page into dom0");
    check(window[17 * 32] == 0x51 && window[17 * 32 + 3] == 0xb8 && window[17 * 32 + 4] == 17 &&
          window[17 * 32 + 8] == 0x0f && window[17 * 32 + 9] == 0x05,
          "stub 17: push, mov $17, syscall");
    check_eq(restore_window(window), 0, "unmap the hypercall page");

    domctl_init(&op, XEN_DOMCTL_set_address_size, domid);
    op.u.address_size.size = 32;
    check_eq(domctl(&op), -22, "a 32-bit guest: -EINVAL");
    op.u.address_size.size = 64;
    check_eq(domctl(&op), 0, "set_address_size 64");
    domctl_init(&op, XEN_DOMCTL_get_address_size, domid);
    check_eq(domctl(&op), 0, "get_address_size");
    check_eq(op.u.address_size.size, 64, "64-bit");
}

static long affinity(uint32_t cmd, domid_t domid, uint32_t vcpu, uint8_t *hard)
{
    struct xen_domctl op;

    domctl_init(&op, cmd, domid);
    op.u.vcpuaffinity.vcpu = vcpu;
    op.u.vcpuaffinity.flags = XEN_VCPUAFFINITY_HARD;
    op.u.vcpuaffinity.cpumap_hard.bitmap = (unsigned long)hard;
    op.u.vcpuaffinity.cpumap_hard.nr_bits = 16;
    return domctl(&op);
}

static void clock_and_affinity(domid_t domid, const struct xen_domctl_getdomaininfo *info)
{
    struct xen_domctl op;
    const struct shared_info *si = (const void *)window;
    uint8_t hard[2];
    uint64_t before;

    check_eq(map_foreign(info->shared_info_frame, domid), 0,
             "map the new domain's shared_info into dom0");
    before = ((uint64_t)si->wc_sec_hi << 32) | si->wc_sec;
    domctl_init(&op, XEN_DOMCTL_settimeoffset, domid);
    op.u.settimeoffset.time_offset_seconds = 3600;
    check_eq(domctl(&op), 0, "settimeoffset");
    check_eq((((uint64_t)si->wc_sec_hi << 32) | si->wc_sec) - before, 3600,
             "its wall clock moved by the offset");
    check_eq(restore_window(window), 0, "unmap its shared_info");

    hard[0] = 0xff;
    hard[1] = 0xff;
    check_eq(affinity(XEN_DOMCTL_getvcpuaffinity, domid, 1, hard), 0, "getvcpuaffinity");
    check(hard[0] == 0xff && hard[1] == 0xff, "every CPU until one is set");
    hard[0] = 0x02;
    hard[1] = 0;
    check_eq(affinity(XEN_DOMCTL_setvcpuaffinity, domid, 0, hard), 0, "setvcpuaffinity CPU 1");
    check_eq(hard[0], 0x02, "the effective hard affinity");
    hard[0] = 0;
    check_eq(affinity(XEN_DOMCTL_getvcpuaffinity, domid, 0, hard), 0, "getvcpuaffinity");
    check_eq(hard[0], 0x02, "CPU 1 recorded");
    hard[0] = 0x20;
    check_eq(affinity(XEN_DOMCTL_setvcpuaffinity, domid, 0, hard), -22,
             "only an offline CPU: -EINVAL");
    check_eq(affinity(XEN_DOMCTL_getvcpuaffinity, domid, 0, hard), 0, "getvcpuaffinity");
    check_eq(hard[0], 0x02, "a refused mask changes nothing");
    check_eq(affinity(XEN_DOMCTL_setvcpuaffinity, domid, 0, (void *)0x10), -14,
             "a mask at a bad pointer: -EFAULT");
}

static void topology(void)
{
    struct xen_sysctl op = { .interface_version = XEN_SYSCTL_INTERFACE_VERSION };
    struct xen_sysctl_cputopo topo[2];
    struct xen_sysctl_meminfo mem;
    uint32_t distance;

    op.cmd = XEN_SYSCTL_sched_id;
    check_eq(hypercall1(__HYPERVISOR_sysctl, &op), 0, "sched_id");
    check_eq(op.u.sched_id.sched_id, XEN_SCHEDULER_CREDIT, "the credit scheduler");
    memset(&op.u, 0, sizeof(op.u));
    op.cmd = XEN_SYSCTL_cputopoinfo;
    check_eq(hypercall1(__HYPERVISOR_sysctl, &op), 0, "cputopoinfo, count only");
    check_eq(op.u.cputopoinfo.num_cpus, 2, "two CPUs");
    op.u.cputopoinfo.cputopo = (unsigned long)topo;
    check_eq(hypercall1(__HYPERVISOR_sysctl, &op), 0, "cputopoinfo");
    check(topo[1].core == 1 && topo[1].socket == 0 && topo[1].node == 0, "CPU 1: core 1");
    memset(&op.u, 0, sizeof(op.u));
    op.cmd = XEN_SYSCTL_numainfo;
    op.u.numainfo.num_nodes = 1;
    op.u.numainfo.meminfo = (unsigned long)&mem;
    op.u.numainfo.distance = (unsigned long)&distance;
    check_eq(hypercall1(__HYPERVISOR_sysctl, &op), 0, "numainfo");
    check_eq(op.u.numainfo.num_nodes, 1, "one node");
    check(mem.memsize > mem.memfree && mem.memfree > 0, "its memory");
    check_eq(distance, 10, "its distance to itself");
}

/* Whether domain 1 may map the granted frame and read the granted port now. */
static bool mmio_maps(void)
{
    long rc = map_frame_at(window, GRANTED_MFN, PTE_PRESENT | PTE_RW);

    if ( rc == 0 )
        check_eq(restore_window(window), 0, "unmap the granted frame");
    else
        check_eq(rc, -1, "a frame not granted: -EPERM");
    return rc == 0;
}

/*
 * Whether the CMOS reaches this domain: status register D (0x0d) reads
 * 0x80 (valid RAM) on the device; a port not granted reads all ones and
 * drops the index write, as in Xen (with IOPL, never a #GP).
 */
static bool port_reads(void)
{
    uint8_t v;

    trap_seen.count = 0;
    __asm__ __volatile__ ( "outb %%al, $0x70; inb $0x71, %%al" : "=a" (v) : "a" (0x0d) : "memory" );
    check_eq(trap_seen.count, 0, "port I/O with IOPL 1: no #GP");
    if ( v != 0x80 )
        check_eq(v, 0xff, "a port not granted reads all ones");
    return v == 0x80;
}

/* Without virtual IOPL any IN is the guest's #GP, granted port or not. */
static bool iopl_refuses(void)
{
    uint8_t v;

    trap_seen.count = 0;
    trap_skip_bytes = 2;
    __asm__ __volatile__ ( "in $0x71, %%al" : "=a" (v) :: "memory" );
    return trap_seen.count == 1 && trap_seen.vector == 13;
}

/* Domain 1 tells dom0 how far it got by growing its reservation (dom0 reads tot_pages). */
static void signal_dom0(void)
{
    unsigned long frame;

    for ( unsigned long i = 0; i < PATIENCE; i++ )
    {
        if ( reservation_op(XENMEM_increase_reservation, DOMID_SELF, &frame, 1) == 1 )
            return;
        hypercall2(__HYPERVISOR_sched_op, SCHEDOP_yield, 0);
    }
    fail("dom0 never made room for the signal");
}

/* Until both rights are as wanted (bounded); whether they got there. */
static bool wait_for_rights(bool granted)
{
    for ( unsigned long i = 0; i < PATIENCE; i++ )
    {
        if ( mmio_maps() == granted && port_reads() == granted )
            return true;
        hypercall2(__HYPERVISOR_sched_op, SCHEDOP_yield, 0);
    }
    return false;
}

static void domain1(void)
{
    struct physdev_set_iopl iopl = { .iopl = 1 };
    struct xen_domctl op;

    domctl_init(&op, XEN_DOMCTL_getdomaininfo, 0);
    check_eq(domctl(&op), -1, "domctl from domain 1: -EPERM");
    op.interface_version = 0x14;
    check_eq(domctl(&op), -13, "the version is checked first: -EACCES");
    printf("test-domctl: domain 1 refused\n");

    check_eq(install_trap_stubs(), 0, "set_trap_table");
    check(iopl_refuses(), "port I/O without I/O privilege: #GP");
    check_eq(hypercall2(__HYPERVISOR_physdev_op, PHYSDEVOP_set_iopl, &iopl), 0, "set_iopl(1)");
    check(!mmio_maps(), "MMIO before any grant: refused");
    check(!port_reads(), "a port before any grant: refused");
    signal_dom0();
    check(wait_for_rights(true), "the granted frame and ports become usable");
    printf("test-domctl: domain 1 uses the MMIO frame and ports it was granted\n");
    signal_dom0();
    check(wait_for_rights(false), "the revoked frame and ports become refused");
    printf("test-domctl: domain 1 is refused them once revoked\n");
}

static long permission(uint32_t cmd, domid_t domid, uint64_t first, uint64_t nr, bool allow)
{
    struct xen_domctl op;

    domctl_init(&op, cmd, domid);
    switch ( cmd )
    {
    case XEN_DOMCTL_iomem_permission:
        op.u.iomem_permission = (struct xen_domctl_iomem_permission){ first, nr, allow };
        break;
    case XEN_DOMCTL_ioport_permission:
        op.u.ioport_permission = (struct xen_domctl_ioport_permission){ first, nr, allow };
        break;
    default:
        op.u.irq_permission.pirq = first;
        op.u.irq_permission.allow_access = allow;
        break;
    }
    return domctl(&op);
}

#define EDU_SBDF    XEN_DOMCTL_SBDF(0, 0, 5 << 3)     /* QEMU's edu at 00:05.0 */

static long device(uint32_t cmd, domid_t domid, uint32_t dev, uint32_t sbdf)
{
    struct xen_domctl op;

    domctl_init(&op, cmd, domid);
    op.u.assign_device.dev = dev;
    op.u.assign_device.u.pci.machine_sbdf = sbdf;
    return domctl(&op);
}

/* dom0 boots without devices here: edu starts in the quarantine. */
static void devices(domid_t plain, domid_t with_iommu)
{
    check_eq(device(XEN_DOMCTL_test_assign_device, DOMID_INVALID, XEN_DOMCTL_DEV_PCI, EDU_SBDF),
             0, "edu can be assigned");
    check_eq(device(XEN_DOMCTL_test_assign_device, plain, XEN_DOMCTL_DEV_PCI, EDU_SBDF), -22,
             "not to a domain created without XEN_DOMCTL_CDF_iommu: -EINVAL");
    check_eq(device(XEN_DOMCTL_assign_device, plain, XEN_DOMCTL_DEV_PCI, EDU_SBDF), -22,
             "assign to a domain created without XEN_DOMCTL_CDF_iommu: -EINVAL");
    check_eq(device(XEN_DOMCTL_assign_device, with_iommu, XEN_DOMCTL_DEV_DT, EDU_SBDF), -22,
             "a device-tree device: -EINVAL");
    check_eq(device(XEN_DOMCTL_assign_device, with_iommu, XEN_DOMCTL_DEV_PCI,
                    XEN_DOMCTL_SBDF(0, 0, 0x1f << 3 | 6)), -19, "a function that is not there: -ENODEV");
    check_eq(device(XEN_DOMCTL_assign_device, with_iommu, XEN_DOMCTL_DEV_PCI,
                    XEN_DOMCTL_SBDF(1, 0, 5 << 3)), -19, "segment 1: -ENODEV");
    check_eq(device(XEN_DOMCTL_test_assign_device, 99, XEN_DOMCTL_DEV_PCI, EDU_SBDF), -3,
             "test_assign_device for a domain that is not there: -ESRCH");
    check_eq(device(XEN_DOMCTL_test_assign_device, with_iommu, XEN_DOMCTL_DEV_PCI, EDU_SBDF),
             0, "edu can be assigned to the domain with an IOMMU");
    check_eq(device(XEN_DOMCTL_assign_device, with_iommu, XEN_DOMCTL_DEV_PCI, EDU_SBDF), 0,
             "assign edu");
    check_eq(device(XEN_DOMCTL_test_assign_device, DOMID_INVALID, XEN_DOMCTL_DEV_PCI, EDU_SBDF),
             -16, "an assigned device: -EBUSY");
    check_eq(device(XEN_DOMCTL_deassign_device, plain, XEN_DOMCTL_DEV_PCI, EDU_SBDF), -22,
             "deassign from a domain that does not have it: -EINVAL");
    check_eq(device(XEN_DOMCTL_deassign_device, with_iommu, XEN_DOMCTL_DEV_PCI, EDU_SBDF), 0,
             "deassign edu");
    check_eq(device(XEN_DOMCTL_test_assign_device, DOMID_INVALID, XEN_DOMCTL_DEV_PCI, EDU_SBDF),
             0, "back in the quarantine: assignable");
    check_eq(device(XEN_DOMCTL_assign_device, with_iommu, XEN_DOMCTL_DEV_PCI, EDU_SBDF), 0,
             "assign edu again (the domain is destroyed with it)");
}

/* Domain 1's pages once it has signalled 'step' times (bounded wait). */
static bool wait_for_signal(uint64_t start_pages, unsigned int step)
{
    struct xen_domctl_getdomaininfo info;

    for ( unsigned long i = 0; i < PATIENCE; i++ )
    {
        if ( getinfo(1, &info) || info.domain != 1 )
            return false;
        if ( info.tot_pages == start_pages + step )
            return true;
        hypercall2(__HYPERVISOR_sched_op, SCHEDOP_yield, 0);
    }
    return false;
}

static void permissions(uint64_t d1_pages)
{
    struct xen_domctl_getdomaininfo info;
    unsigned long i;

    check_eq(permission(XEN_DOMCTL_iomem_permission, 1, 0xfee00, 1, true), -1,
             "granting the MSI window: -EPERM");
    check_eq(permission(XEN_DOMCTL_iomem_permission, 1, 0xfec00, 1, true), -1,
             "granting the hypervisor's IO-APIC: -EPERM");
    check_eq(permission(XEN_DOMCTL_iomem_permission, 1, GRANTED_MFN, 0, true), -22,
             "granting no frames: -EINVAL");
    check_eq(permission(XEN_DOMCTL_iomem_permission, 0, GRANTED_MFN, 1, true), -22,
             "granting to the hardware domain: -EINVAL");
    check_eq(permission(XEN_DOMCTL_ioport_permission, 1, 0x3f8, 8, true), -1,
             "granting COM1: -EPERM");
    check_eq(permission(XEN_DOMCTL_ioport_permission, 1, 0xcf8, 8, true), -1,
             "granting PCI configuration: -EPERM");
    check_eq(permission(XEN_DOMCTL_ioport_permission, 1, 0xfff0, 0x20, true), -22,
             "ports past 0xffff: -EINVAL");
    check_eq(permission(XEN_DOMCTL_irq_permission, 1, 256, 0, true), -22,
             "IRQ 256: -EINVAL");
    check_eq(permission(XEN_DOMCTL_irq_permission, 1, 5, 0, true), 0, "grant IRQ 5");
    check_eq(permission(XEN_DOMCTL_irq_permission, 1, 5, 0, false), 0, "revoke IRQ 5");

    check(wait_for_signal(d1_pages, 1), "domain 1 was refused before the grants");
    check_eq(permission(XEN_DOMCTL_iomem_permission, 1, GRANTED_MFN, 1, true), 0,
             "grant domain 1 the frame");
    check_eq(permission(XEN_DOMCTL_ioport_permission, 1, GRANTED_PORT, 2, true), 0,
             "grant domain 1 the CMOS ports");
    check(wait_for_signal(d1_pages, 2), "domain 1 used what it was granted");
    check_eq(permission(XEN_DOMCTL_iomem_permission, 1, GRANTED_MFN, 1, false), 0,
             "revoke the frame");
    check_eq(permission(XEN_DOMCTL_ioport_permission, 1, GRANTED_PORT + 1, 1, false), 0,
             "revoke one of the ports");
    /* Domain 1 finishes once it sees the refusals; its end is the sign. */
    for ( i = 0; i < PATIENCE && getinfo(1, &info) == 0 && info.domain == 1; i++ )
        hypercall2(__HYPERVISOR_sched_op, SCHEDOP_yield, 0);
    check(i < PATIENCE, "domain 1 saw the revocation and finished");
}

static void domain0(void)
{
    struct xen_domctl_createdomain c;
    struct xen_domctl_getdomaininfo info, list[8];
    struct xen_domctl op;
    unsigned long free_before;
    uint64_t d1_pages;
    domid_t a, b, dup;
    uint32_t n;

    envelope();
    creation_refusals();

    /* Domain 1 is a boot domain; it may grow by the two pages it signals with. */
    check_eq(getinfo(1, &info), 0, "getdomaininfo of domain 1");
    d1_pages = info.tot_pages;
    domctl_init(&op, XEN_DOMCTL_max_mem, 1);
    op.u.max_mem.max_memkb = (d1_pages + 2) * 4;
    check_eq(domctl(&op), 0, "max_mem of domain 1");
    check(wait_for_signal(d1_pages, 1), "domain 1 reached its first signal");
    check_eq(getinfo(1, &info), 0, "getdomaininfo of domain 1");
    check_eq(info.flags & (XEN_DOMINF_blocked | XEN_DOMINF_running | XEN_DOMINF_paused),
             XEN_DOMINF_running, "domain 1 running, neither blocked nor paused");
    check_eq(info.nr_online_vcpus, 1, "domain 1's online vCPUs");
    check(info.shared_info_frame != 0, "domain 1's shared_info");
    check_eq(getinfo(0, &info), 0, "getdomaininfo of dom0");
    check_eq(info.flags & (XEN_DOMINF_running | XEN_DOMINF_paused), XEN_DOMINF_running,
             "dom0 running");

    /*
     * The hypervisor's small-object pool keeps the pages it grew by, so one
     * round of the same creations first brings it to its peak.
     */
    default_config(&c);
    check_eq(create(0, &c, &a), 0, "create (warm-up)");
    check_eq(create(7, &c, &b), 0, "create domain 7 (warm-up)");
    warm_grant_table(a);
    check_eq(simple(XEN_DOMCTL_destroydomain, a), 0, "destroy (warm-up)");
    check_eq(simple(XEN_DOMCTL_destroydomain, b), 0, "destroy domain 7 (warm-up)");
    free_before = free_pages();
    check_eq(create(0, &c, &a), 0, "create with an allocated id");
    check_eq(a, 2, "the lowest free id");
    c.flags = XEN_DOMCTL_CDF_iommu;
    check_eq(create(7, &c, &b), 0, "create domain 7, which may have devices");
    check_eq(b, 7, "the id given");
    c.flags = 0;
    check_eq(create(7, &c, &dup), -17, "an id in use: -EEXIST");
    check_eq(create(1, &c, &dup), -17, "a boot domain's id: -EEXIST");

    check_eq(getinfo(a, &info), 0, "getdomaininfo of the new domain");
    check_eq(info.domain, a, "its id");
    check_eq(info.flags & (XEN_DOMINF_paused | XEN_DOMINF_running | XEN_DOMINF_blocked |
                           XEN_DOMINF_shutdown | XEN_DOMINF_dying), XEN_DOMINF_paused,
             "new: paused, nothing running");
    check_eq(info.nr_online_vcpus, 0, "no vCPU online");
    check_eq(info.max_vcpu_id, 1, "max_vcpu_id");
    check_eq(info.tot_pages, 0, "no pages yet");
    check(info.shared_info_frame != 0, "a shared_info frame");
    check_eq(info.cpu_time, 0, "no CPU time");
    check_eq(info.handle[15], 0xaf, "the handle given at creation");
    check_eq(getinfo(3, &info), 0, "getdomaininfo of a free id");
    check_eq(info.domain, 7, "gives the next domain above it");
    check_eq(getinfo(8, &info), -3, "no domain at or above 8: -ESRCH");

    domctl_init(&op, XEN_DOMCTL_setdomainhandle, a);
    memset(op.u.setdomainhandle.handle, 0x5c, 16);
    check_eq(domctl(&op), 0, "setdomainhandle");
    check_eq(getinfo(a, &info), 0, "getdomaininfo");
    check_eq(info.handle[0], 0x5c, "the new handle");

    domctl_init(&op, XEN_DOMCTL_max_vcpus, a);
    op.u.max_vcpus.max = 2;
    check_eq(domctl(&op), 0, "max_vcpus with createdomain's number");
    op.u.max_vcpus.max = 3;
    check_eq(domctl(&op), -22, "max_vcpus with another number: -EINVAL");
    check_eq(getinfo(a, &info), 0, "getdomaininfo");
    check_eq(info.max_vcpu_id, 1, "max_vcpu_id after max_vcpus");

    memory_for(a);
    channels_and_grants(a);
    vcpu_state(a);
    check_eq(getinfo(a, &info), 0, "getdomaininfo");
    clock_and_affinity(a, &info);
    topology();

    check_eq(domain_list(0, 8, list, &n), 0, "getdomaininfolist");
    check_eq(n, 4, "four domains");
    check(list[0].domain == 0 && list[1].domain == 1 && list[2].domain == a &&
          list[3].domain == 7, "in id order");
    check_eq(list[2].tot_pages, NEW_PAGES, "the new domain's pages in the list");
    check_eq(list[2].max_vcpu_id, 1, "its max_vcpu_id in the list");
    check_eq(domain_list(2, 8, list, &n), 0, "getdomaininfolist from 2");
    check(n == 2 && list[0].domain == a && list[1].domain == 7, "from 2: the two new ones");
    check_eq(domain_list(0, 1, list, &n), 0, "getdomaininfolist of one");
    check(n == 1 && list[0].domain == 0, "one record: dom0");
    check_eq(domain_list(0, 8, (void *)0x10, &n), -14, "into a bad buffer: -EFAULT");

    devices(a, b);
    check_eq(simple(XEN_DOMCTL_destroydomain, 1), -16, "destroy a running domain: -EBUSY");
    check_eq(simple(XEN_DOMCTL_destroydomain, 0), -22, "destroy itself: -EINVAL");
    check_eq(simple(XEN_DOMCTL_destroydomain, 99), -3, "destroy what is not there: -ESRCH");
    check_eq(simple(XEN_DOMCTL_destroydomain, a), 0, "destroy the populated domain");
    check_eq(simple(XEN_DOMCTL_destroydomain, 7), 0, "destroy domain 7");
    check_eq(getinfo(2, &info), -3, "nothing left at or above 2");
    check_eq(device(XEN_DOMCTL_test_assign_device, DOMID_INVALID, XEN_DOMCTL_DEV_PCI, EDU_SBDF),
             0, "edu left with its domain: assignable again");
    check_eq(free_pages(), free_before, "every page is back in the heap");

    printf("test-domctl: create, size, populate, map, list and destroy work\n");
    permissions(d1_pages);
    printf("test-domctl: MMIO and port permissions granted, refused and revoked\n");
    /* A paused domain left behind does not keep the machine up when dom0 powers off. */
    check_eq(create(0, &c, &a), 0, "create a domain to leave behind");
    check_eq(a, 1, "domain 1's id is free again");
}

void test_main(void)
{
    if ( start_info->flags & SIF_INITDOMAIN )
        domain0();
    else
        domain1();
}
