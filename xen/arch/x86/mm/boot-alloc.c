/*
 * The boot allocator (asm/boot-alloc.h): a list of free page ranges,
 * carved by reservations and allocations.  A reservation inside a range
 * splits it in two, so the list grows by at most one range per call.
 */
#include <asm/boot-alloc.h>
#include <asm/config.h>
#include <xen/compiler.h>
#include <xen/lib.h>

struct range {
    paddr_t start, end;                     /* page aligned, end exclusive */
};

static struct range ranges[BOOT_MEM_MAX_RANGES];
static unsigned int nr_ranges;
static bool closed;
static uint64_t allocated;

void boot_mem_reset(void)
{
    nr_ranges = 0;
    closed = false;
    allocated = 0;
}

static bool insert(paddr_t start, paddr_t end)
{
    if ( start >= end )
        return true;
    /* Reuse an emptied slot before growing the table. */
    for ( unsigned int i = 0; i < nr_ranges; i++ )
        if ( ranges[i].start >= ranges[i].end )
        {
            ranges[i].start = start;
            ranges[i].end = end;
            return true;
        }
    if ( nr_ranges == BOOT_MEM_MAX_RANGES )
        return false;
    ranges[nr_ranges].start = start;
    ranges[nr_ranges].end = end;
    nr_ranges++;
    return true;
}

bool boot_mem_add(paddr_t start, paddr_t end)
{
    if ( end < start )
        return true;
    start = ROUNDUP(start, PAGE_SIZE);
    end = ROUNDDOWN(end, PAGE_SIZE);
    if ( start >= end )
        return true;
    /* Overlapping map entries must not give a frame twice. */
    boot_mem_reserve(start, end);
    return insert(start, end);
}

void boot_mem_reserve(paddr_t start, paddr_t end)
{
    if ( end <= start )
        return;
    start = ROUNDDOWN(start, PAGE_SIZE);
    end = end > ~(paddr_t)0 - PAGE_SIZE ? ROUNDDOWN(~(paddr_t)0, PAGE_SIZE)
                                        : ROUNDUP(end, PAGE_SIZE);
    for ( unsigned int i = 0; i < nr_ranges; i++ )
    {
        struct range *r = &ranges[i];

        if ( end <= r->start || start >= r->end )
            continue;
        if ( start > r->start && end < r->end )
        {
            paddr_t tail = r->end;

            r->end = start;
            if ( !insert(end, tail) )
                printk(XENLOG_WARNING "Boot memory: range table full; "
                       "%#lx-%#lx unused\n", (unsigned long)end, (unsigned long)tail);
        }
        else if ( start <= r->start && end >= r->end )
            r->start = r->end;                  /* emptied */
        else if ( start <= r->start )
            r->start = end;
        else
            r->end = start;
    }
}

paddr_t boot_mem_alloc(uint64_t bytes, uint64_t align, paddr_t limit)
{
    struct range *best = NULL;
    paddr_t best_at = 0;

    if ( closed || bytes == 0 || (align & (align - 1)) )
        return BOOT_MEM_FAILED;
    align = MAX(align, (uint64_t)PAGE_SIZE);
    bytes = ROUNDUP(bytes, PAGE_SIZE);
    for ( unsigned int i = 0; i < nr_ranges; i++ )
    {
        struct range *r = &ranges[i];
        paddr_t top = MIN(r->end, limit), at;

        if ( top < bytes || top - bytes < r->start )
            continue;
        at = ROUNDDOWN(top - bytes, align);
        if ( at < r->start )
            continue;
        if ( best == NULL || at > best_at )
        {
            best = r;
            best_at = at;
        }
    }
    if ( best == NULL )
        return BOOT_MEM_FAILED;
    /* Whatever lies above the block stays free. */
    if ( best_at + bytes < best->end &&
         !insert(best_at + bytes, best->end) )
        return BOOT_MEM_FAILED;
    best->end = best_at;
    allocated += bytes;
    return best_at;
}

uint64_t boot_mem_free_bytes(void)
{
    uint64_t n = 0;

    for ( unsigned int i = 0; i < nr_ranges; i++ )
        if ( ranges[i].end > ranges[i].start )
            n += ranges[i].end - ranges[i].start;
    return n;
}

uint64_t boot_mem_allocated_bytes(void)
{
    return allocated;
}

void boot_mem_handover(void (*add)(uint64_t first_mfn, uint64_t nr))
{
    closed = true;
    for ( unsigned int i = 0; i < nr_ranges; i++ )
        if ( ranges[i].end > ranges[i].start )
            add(ranges[i].start >> PAGE_SHIFT,
                (ranges[i].end - ranges[i].start) >> PAGE_SHIFT);
    nr_ranges = 0;
}
