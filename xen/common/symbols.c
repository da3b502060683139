/*
 * Address-to-symbol lookup over the generated, address-sorted table.
 */
#include <xen/lib.h>
#include <xen/symbols.h>

extern const uint64_t symbols_count;
extern const uint64_t symbols_addresses[];
extern const uint32_t symbols_name_offsets[];
extern const char symbols_names[];
extern const char _stext[], _etext[];

const char *symbols_lookup(uint64_t addr, uint64_t *offset, uint64_t *size)
{
    uint64_t lo = 0, hi = symbols_count;

    if ( symbols_count == 0 || addr < symbols_addresses[0] ||
         addr >= (uint64_t)_etext )
        return NULL;

    /* The last symbol whose address is <= addr. */
    while ( hi - lo > 1 )
    {
        uint64_t mid = lo + (hi - lo) / 2;

        if ( symbols_addresses[mid] <= addr )
            lo = mid;
        else
            hi = mid;
    }
    *offset = addr - symbols_addresses[lo];
    *size = (lo + 1 < symbols_count ? symbols_addresses[lo + 1]
                                    : (uint64_t)_etext) - symbols_addresses[lo];
    return symbols_names + symbols_name_offsets[lo];
}

void print_symbol_line(const char *prefix, uint64_t addr)
{
    uint64_t offset, size;
    const char *name = symbols_lookup(addr, &offset, &size);

    if ( name )
        printk("%s[<%016lx>] %s+%#lx/%#lx\n", prefix, (unsigned long)addr, name,
               (unsigned long)offset, (unsigned long)size);
    else
        printk("%s[<%016lx>] ?\n", prefix, (unsigned long)addr);
}
