/*
 * The selective-flush benchmark (DESIGN section 4; issue 6): the cost of
 * grant map + unmap with device_map for a domain whose device DMAs
 * through the IOMMU, for each flush policy, batch sizes 1 to 512, and
 * 0 to 10,000 other grants already mapped.  It prints figures, one line
 * per point, and judges nothing:
 *   bench: policy=P mapped=M batch=B map=C unmap=C cycles/op inv=N.NN waits=N.NN /op
 * cycles are TSC cycles per operation as the guest sees them (under
 * QEMU's software CPU they measure emulation, not hardware); inv counts
 * the IOTLB invalidation descriptors issued (page-selective, domain or
 * global) and waits the completion waits, per unmap operation.
 * Runs as dom0 with edu assigned, against test-grant-offer in bench mode.
 */
#include <public/sched.h>

#include "grant.h"
#include "iommu-policy.h"
#include "guest.h"
#include "mm.h"

#define DOMU            1
#define BENCH_GRANTS    (21 * 512)
#define MAX_BATCH       512
#define ROUNDS_OPS      1024        /* operations measured per point */
#define DONE_OFFSET     2048

static struct gnttab_map_grant_ref map_ops[MAX_BATCH];
static struct gnttab_unmap_grant_ref unmap_ops[MAX_BATCH];
static grant_handle_t background[10000];
DEFINE_WINDOW(done_window);

static uint64_t rdtsc(void)
{
    uint32_t lo, hi;

    __asm__ __volatile__ ( "rdtsc" : "=a" (lo), "=d" (hi) );
    return ((uint64_t)hi << 32) | lo;
}

static void own_stats(struct argon_sysctl_iommu_stats *out)
{
    check(iommu_domain_stats(0, out), "IOMMU statistics");
}

/* Map refs [first, first + n) for the device, n at a time; false on any failure. */
static bool map_batch(grant_ref_t first, unsigned int n, grant_handle_t *handles)
{
    for ( unsigned int i = 0; i < n; i++ )
        map_ops[i] = (struct gnttab_map_grant_ref){ .flags = GNTMAP_device_map,
                                                    .ref = first + i, .dom = DOMU };
    if ( hypercall3(__HYPERVISOR_grant_table_op, GNTTABOP_map_grant_ref, map_ops, n) )
        return false;
    for ( unsigned int i = 0; i < n; i++ )
    {
        if ( map_ops[i].status != GNTST_okay )
            return false;
        handles[i] = map_ops[i].handle;
    }
    return true;
}

static bool unmap_batch(const grant_handle_t *handles, unsigned int n)
{
    for ( unsigned int i = 0; i < n; i++ )
        unmap_ops[i] = (struct gnttab_unmap_grant_ref){ .handle = handles[i] };
    if ( hypercall3(__HYPERVISOR_grant_table_op, GNTTABOP_unmap_grant_ref, unmap_ops, n) )
        return false;
    for ( unsigned int i = 0; i < n; i++ )
        if ( unmap_ops[i].status != GNTST_okay )
            return false;
    return true;
}

static bool map_background(unsigned int n)
{
    for ( unsigned int done = 0; done < n; done += MAX_BATCH )
    {
        unsigned int k = n - done < MAX_BATCH ? n - done : MAX_BATCH;

        if ( !map_batch(MAX_BATCH + done, k, background + done) )
            return false;
    }
    return true;
}

static bool unmap_background(unsigned int n)
{
    for ( unsigned int done = 0; done < n; done += MAX_BATCH )
        if ( !unmap_batch(background + done, n - done < MAX_BATCH ? n - done : MAX_BATCH) )
            return false;
    return true;
}

/* num/den in hundredths, rounded. */
static unsigned long hundredths(uint64_t num, uint64_t den)
{
    return (num * 100 + den / 2) / den;
}

static void measure(const char *policy, unsigned int mapped, unsigned int batch)
{
    static grant_handle_t handles[MAX_BATCH];
    struct argon_sysctl_iommu_stats before, after;
    uint64_t map_cycles = 0, unmap_cycles = 0, ops = 0;
    unsigned long inv, waits;

    own_stats(&before);
    while ( ops < ROUNDS_OPS )
    {
        uint64_t t0 = rdtsc(), t1, t2;
        bool ok = map_batch(0, batch, handles);

        t1 = rdtsc();
        ok = ok && unmap_batch(handles, batch);
        t2 = rdtsc();
        if ( !ok )
        {
            fail("[%s] map/unmap of a batch of %u failed", policy, batch);
            return;
        }
        map_cycles += t1 - t0;
        unmap_cycles += t2 - t1;
        ops += batch;
    }
    own_stats(&after);
    inv = hundredths((after.inv_page + after.inv_domain + after.inv_global) -
                     (before.inv_page + before.inv_domain + before.inv_global), ops);
    waits = hundredths(after.waits - before.waits, ops);
    printf("bench: policy=%s mapped=%u batch=%u map=%lu unmap=%lu cycles/op "
           "inv=%lu.%02lu waits=%lu.%02lu /op\n", policy, mapped, batch,
           (unsigned long)(map_cycles / ops), (unsigned long)(unmap_cycles / ops),
           inv / 100, inv % 100, waits / 100, waits % 100);
}

void test_main(void)
{
    static const struct { unsigned int policy; const char *name; } policies[] = {
        { ARGON_IOMMU_FLUSH_strict_psi, "strict-psi" },
        { ARGON_IOMMU_FLUSH_strict_batched, "strict-batched" },
        { ARGON_IOMMU_FLUSH_strict_domain, "strict-domain" },
        { ARGON_IOMMU_FLUSH_global, "global" },
        { ARGON_IOMMU_FLUSH_none, "none" },
    };
    static const unsigned int backgrounds[] = { 0, 1000, 10000 };
    static const unsigned int batches[] = { 1, 8, 64, 512 };
    grant_handle_t h;
    int16_t st = GNTST_bad_domain;

    /*
     * Wait until domain 1 has offered everything: it offers its refs from
     * the highest down and ref 0 (page A) last, so ref 0 answering means all do.
     */
    for ( unsigned long polls = 0; polls < 100000000UL && st != GNTST_okay; polls++ )
    {
        st = grant_map(DOMU, 0, GNTMAP_device_map, NULL, &h, NULL);
        if ( st != GNTST_okay )
            hypercall2(__HYPERVISOR_sched_op, SCHEDOP_yield, 0);
    }
    check_eq(st, GNTST_okay, "domain 1's grants");
    if ( st != GNTST_okay )
        return;
    check_eq(grant_unmap(h, NULL), GNTST_okay, "unmap");

    for ( unsigned int p = 0; p < sizeof(policies) / sizeof(policies[0]); p++ )
    {
        check(iommu_set_policy(policies[p].policy), "policy %s", policies[p].name);
        for ( unsigned int b = 0; b < sizeof(backgrounds) / sizeof(backgrounds[0]); b++ )
        {
            if ( !map_background(backgrounds[b]) )
            {
                fail("could not map %u background grants", backgrounds[b]);
                return;
            }
            for ( unsigned int i = 0; i < sizeof(batches) / sizeof(batches[0]); i++ )
                measure(policies[p].name, backgrounds[b], batches[i]);
            check(unmap_background(backgrounds[b]), "unmap the background grants");
        }
    }
    check(iommu_set_policy(ARGON_IOMMU_FLUSH_strict_batched), "back to strict-batched");

    check_eq(grant_map(DOMU, 0, GNTMAP_host_map, done_window, &h, NULL), GNTST_okay,
             "map domain 1's marker page");
    done_window[DONE_OFFSET] = 'D';
    check_eq(grant_unmap(h, done_window), GNTST_okay, "unmap the marker page");
}
