/*
 * Trapped writes to page tables ("ptwr", LINUX-PV-CHECKLIST C6).  A PV
 * kernel may write its validated L1 tables directly (a plain store, xchg,
 * cmpxchg, a locked bit or logic operation); the page fault is decoded
 * and the write is carried out as a validated update of that one entry.
 * Anything else stays the guest's page fault.
 *
 * The decoder is separate and pure so it is tested on the host.
 */
#ifndef ASM_PTWR_H
#define ASM_PTWR_H

#include <xen/types.h>

enum ptwr_op {
    PTWR_MOV, PTWR_XCHG, PTWR_CMPXCHG,
    PTWR_AND, PTWR_OR, PTWR_XOR,
    PTWR_BTS, PTWR_BTR, PTWR_BTC,
};

struct ptwr_insn {
    enum ptwr_op op;
    unsigned int size;          /* operand bytes: 1, 2, 4 or 8 */
    int reg;                    /* register operand (0 rax ... 15 r15), or -1 */
    bool has_imm;
    uint64_t imm;               /* sign-extended to 64 bits where the ISA says so */
    unsigned int length;        /* bytes, prefixes included */
};

/* Decode a write to memory; false if it is not one ptwr emulates. */
bool ptwr_decode(const uint8_t *insn, unsigned int avail, struct ptwr_insn *out);

/*
 * Apply a decoded write to the operand 'old' (size bytes).  reg_value is
 * the register operand (and rax for cmpxchg).  Returns whether memory is
 * written and sets *new_value; *reg_out / *write_reg say what the
 * instruction leaves in a register; *zf / *cf are its flags of interest.
 */
struct ptwr_result {
    bool store;
    uint64_t new_value;
    bool write_reg;             /* reg (xchg) or rax (failed cmpxchg) receives reg_out */
    int reg_dest;
    uint64_t reg_out;
    bool zf, cf;
};
void ptwr_apply(const struct ptwr_insn *in, uint64_t old, uint64_t reg_value,
                uint64_t rax, struct ptwr_result *res);

struct cpu_user_regs;
struct vcpu;

/* Emulate a faulting write to a page table; true if done (the guest goes on). */
bool pv_ptwr_emulate(struct vcpu *v, struct cpu_user_regs *regs, uint64_t cr2);

#endif /* ASM_PTWR_H */
