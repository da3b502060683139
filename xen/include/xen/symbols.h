/*
 * The hypervisor's own text symbols, for backtraces.  The table is
 * generated at link time (xen/tools/gensymbols.py) and read-only.
 */
#ifndef XEN_SYMBOLS_H
#define XEN_SYMBOLS_H

#include <xen/types.h>

/*
 * The symbol containing 'addr': its name, and the offset of addr into it
 * and the symbol's size (distance to the next symbol).  NULL if unknown.
 */
const char *symbols_lookup(uint64_t addr, uint64_t *offset, uint64_t *size);

/* Print "[<addr>] name+off/size" (or just the address) as one log line. */
void print_symbol_line(const char *prefix, uint64_t addr);

#endif /* XEN_SYMBOLS_H */
