/*
 * The machine-to-physical table, in 2 MiB chunks of heap memory, mapped
 * read-only for guests in the hypervisor's slot 256.
 */
#include <asm/config.h>
#include <asm/mm.h>
#include <asm/page.h>
#include <asm/x86-defs.h>
#include <public/memory.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/m2p.h>
#include <xen/mm.h>

#define CHUNK_ORDER     9                           /* 2 MiB */
#define ENTRIES_PER_CHUNK ((PAGE_SIZE << CHUNK_ORDER) / sizeof(uint64_t))
#define MAX_CHUNKS      512                         /* 1 GiB of table: 512 GiB of RAM */
#define PTE_ADDR_MASK   0x000ffffffffff000ULL

extern uint64_t boot_l4[512];

static uint64_t *chunks[MAX_CHUNKS];
static unsigned int nr_chunks;

/* Ring 3 may read the slot: every table entry on the way needs U set too. */
static void make_user_readable(uint64_t va, uint64_t end)
{
    for ( ; va < end; va += PAGE_SIZE )
    {
        uint64_t *e = &boot_l4[(va >> L4_PAGETABLE_SHIFT) & 511];

        for ( unsigned int shift = L4_PAGETABLE_SHIFT; ; shift -= PAGETABLE_ORDER )
        {
            *e |= _PAGE_USER;
            if ( shift == L1_PAGETABLE_SHIFT || (*e & _PAGE_PSE) )
                break;
            e = &((uint64_t *)maddr_to_virt(*e & PTE_ADDR_MASK))
                [(va >> (shift - PAGETABLE_ORDER)) & 511];
        }
    }
}

int m2p_init(void)
{
    uint64_t needed = DIV_ROUND_UP(max_page, ENTRIES_PER_CHUNK);

    if ( needed > MAX_CHUNKS )
    {
        printk(XENLOG_WARNING "M2P: covering only the first %u GiB of frames\n",
               MAX_CHUNKS);
        needed = MAX_CHUNKS;
    }
    for ( nr_chunks = 0; nr_chunks < needed; nr_chunks++ )
    {
        uint64_t *chunk = alloc_xenheap_pages(CHUNK_ORDER);
        uint64_t va = RO_MPT_VIRT_START + ((uint64_t)nr_chunks << (PAGE_SHIFT + CHUNK_ORDER));

        if ( chunk == NULL ||
             map_pages_to_xen(va, virt_to_maddr(chunk) >> PAGE_SHIFT, 1u << CHUNK_ORDER,
                              _PAGE_PRESENT | _PAGE_USER | _PAGE_NX) )
            return -ENOMEM;
        for ( uint64_t i = 0; i < ENTRIES_PER_CHUNK; i++ )
            chunk[i] = INVALID_M2P_ENTRY;
        chunks[nr_chunks] = chunk;
    }
    make_user_readable(RO_MPT_VIRT_START, m2p_virt_end());
    printk("M2P: %u MiB table for %lu frames at %#lx\n", nr_chunks * 2,
           (unsigned long)max_page, (unsigned long)RO_MPT_VIRT_START);
    return 0;
}

uint64_t m2p_virt_end(void)
{
    return RO_MPT_VIRT_START + ((uint64_t)nr_chunks << (PAGE_SHIFT + CHUNK_ORDER));
}

void set_m2p(uint64_t mfn, uint64_t pfn)
{
    if ( mfn / ENTRIES_PER_CHUNK < nr_chunks )
        chunks[mfn / ENTRIES_PER_CHUNK][mfn % ENTRIES_PER_CHUNK] = pfn;
}

uint64_t get_m2p(uint64_t mfn)
{
    return mfn / ENTRIES_PER_CHUNK < nr_chunks
           ? chunks[mfn / ENTRIES_PER_CHUNK][mfn % ENTRIES_PER_CHUNK] : INVALID_M2P_ENTRY;
}
