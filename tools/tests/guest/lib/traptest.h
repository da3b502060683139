/*
 * Checking exceptions from a test kernel: install_trap_stubs() registers
 * handlers for #DE, #BP, #UD, #NM, #GP and #PF; EXPECT_TRAP runs one
 * instruction that must raise the given vector, checks what the handler
 * saw, and resumes after the instruction.
 */
#ifndef GUEST_TRAPTEST_H
#define GUEST_TRAPTEST_H

#include "guest.h"

struct trap_seen {
    unsigned int vector;
    uint64_t error, rip, cs, rflags, ss;
    unsigned int count;
};

extern struct trap_seen trap_seen;
extern unsigned int trap_skip_bytes;

/* Register the stubs; returns the set_trap_table result. */
long install_trap_stubs(void);

#define EXPECT_TRAP(vec, err, insn_bytes, asm_insn, ...) do {                  \
        uint64_t rbx_in = 0x1122334455667788ULL, rbx_out, at;                  \
        trap_seen.count = 0;                                                   \
        trap_skip_bytes = (vec) == 3 ? 0 : (insn_bytes);  /* int3 is a trap */ \
        __asm__ __volatile__ ( "lea 1f(%%rip), %[at]\n\t"                      \
                               "1: " asm_insn "\n\t"                           \
                               : [at] "=&r" (at), "=b" (rbx_out)               \
                               : "b" (rbx_in), ##__VA_ARGS__                    \
                               : "memory", "cc" );                              \
        check_eq(trap_seen.count, 1, "exceptions taken for " #vec " (" asm_insn ")"); \
        check_eq(trap_seen.vector, vec, "vector of " asm_insn);                \
        check_eq(trap_seen.error, err, "error code of " asm_insn);             \
        check_eq(trap_seen.rip, at + ((vec) == 3 ? (insn_bytes) : 0),          \
                 "saved RIP of " asm_insn);                                    \
        check_eq(rbx_out, rbx_in, "RBX across " asm_insn);                     \
    } while ( 0 )

#endif /* GUEST_TRAPTEST_H */
