/*
 * Trapped writes to a guest's L1 page tables (rules in asm/ptwr.h): the
 * faulting write is decoded, applied to the entry's current value, and
 * the result goes through the same validation as mmu_update.
 */
#include <asm/mm.h>
#include <asm/page.h>
#include <asm/ptwr.h>
#include <asm/pv-mm.h>
#include <asm/regs.h>
#include <asm/traps.h>
#include <asm/x86-defs.h>
#include <xen/guest_access.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/sched.h>

#define PF_PRESENT      (1u << 0)
#define PF_WRITE        (1u << 1)
#define X86_EFLAGS_CF   (1u << 0)
#define X86_EFLAGS_ZF   (1u << 6)

/* The general registers by their encoding number (rax = 0 ... r15 = 15). */
static uint64_t *reg_slot(struct cpu_user_regs *regs, unsigned int n)
{
    switch ( n )
    {
    case 0: return &regs->rax;
    case 1: return &regs->rcx;
    case 2: return &regs->rdx;
    case 3: return &regs->rbx;
    case 4: return &regs->rsp;
    case 5: return &regs->rbp;
    case 6: return &regs->rsi;
    case 7: return &regs->rdi;
    case 8: return &regs->r8;
    case 9: return &regs->r9;
    case 10: return &regs->r10;
    case 11: return &regs->r11;
    case 12: return &regs->r12;
    case 13: return &regs->r13;
    case 14: return &regs->r14;
    default: return &regs->r15;
    }
}

/* Register writes as the CPU does them: 32-bit results zero-extend, narrower ones merge. */
static void write_reg(struct cpu_user_regs *regs, unsigned int n, unsigned int size,
                      uint64_t value)
{
    uint64_t *r = reg_slot(regs, n);

    if ( size >= 4 )
        *r = size == 4 ? (uint32_t)value : value;
    else
    {
        uint64_t mask = (1ULL << (8 * size)) - 1;

        *r = (*r & ~mask) | (value & mask);
    }
}

bool pv_ptwr_emulate(struct vcpu *v, struct cpu_user_regs *regs, uint64_t cr2)
{
    struct domain *d = v->domain;
    uint8_t insn[16];
    struct ptwr_insn in;
    struct ptwr_result res;
    uint64_t l1e_maddr, l1e, table_mfn, old, old_entry, shift;
    unsigned int offset = cr2 & 7, avail;
    struct page_info *table;
    bool dropped = false;
    int rc = -EINVAL;

    /* A kernel-mode write to a present, read-only page. */
    if ( !v->pv.kernel_mode ||
         (regs->error_code & (PF_PRESENT | PF_WRITE)) != (PF_PRESENT | PF_WRITE) )
        return false;
    l1e_maddr = pv_l1e_maddr_of(cr2);
    if ( l1e_maddr == 0 )
        return false;
    l1e = *(uint64_t *)maddr_to_virt(l1e_maddr);
    if ( !(l1e & _PAGE_PRESENT) || (l1e & _PAGE_RW) )
        return false;
    table_mfn = pte_mfn(l1e);
    if ( !mfn_valid(table_mfn) || !mfn_is_ram(table_mfn) )
        return false;
    table = mfn_to_page(table_mfn);
    if ( table->owner != d || page_type(table) != PGT_l1_page_table )
        return false;

    /* The instruction may end near the end of a page: take what can be read. */
    for ( avail = sizeof(insn); avail && copy_from_guest(insn, regs->rip, avail); avail-- )
        ;
    if ( !ptwr_decode(insn, avail, &in) || offset + in.size > 8 )
        return false;

    spin_lock(&d->mm_lock);
    if ( page_type(table) == PGT_l1_page_table && !get_page_type(table, PGT_l1_page_table) )
    {
        old_entry = ((uint64_t *)page_to_virt(table))[(cr2 & (PAGE_SIZE - 1)) / 8];
        shift = 8 * offset;
        old = old_entry >> shift;
        ptwr_apply(&in, old, in.reg >= 0 ? *reg_slot(regs, in.reg) : 0, regs->rax, &res);
        rc = 0;
        if ( res.store )
        {
            uint64_t mask = in.size == 8 ? ~0ULL : ((1ULL << (8 * in.size)) - 1) << shift;
            uint64_t new_entry = (old_entry & ~mask) | ((res.new_value << shift) & mask);

            rc = pv_update_entry(d, table_mfn, PGT_l1_page_table, (cr2 & (PAGE_SIZE - 1)) / 8,
                                 new_entry, d, false, &dropped);
        }
        put_page_type(table);
    }
    spin_unlock(&d->mm_lock);
    if ( rc )
        return false;                   /* refused: the guest gets its page fault */

    if ( res.write_reg )
        write_reg(regs, res.reg_dest, in.size, res.reg_out);
    if ( in.op == PTWR_CMPXCHG || in.op == PTWR_AND || in.op == PTWR_OR || in.op == PTWR_XOR )
        regs->rflags = (regs->rflags & ~(uint64_t)X86_EFLAGS_ZF) | (res.zf ? X86_EFLAGS_ZF : 0);
    if ( in.op == PTWR_BTS || in.op == PTWR_BTR || in.op == PTWR_BTC )
        regs->rflags = (regs->rflags & ~(uint64_t)X86_EFLAGS_CF) | (res.cf ? X86_EFLAGS_CF : 0);
    regs->rip += in.length;
    if ( dropped )
        pv_flush_tlb_domain(d);         /* the old entry's frame may be gone now */
    return true;
}
