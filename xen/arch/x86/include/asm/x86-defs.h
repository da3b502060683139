/*
 * Architectural constants: control-register, EFLAGS, EFER and page-table
 * entry bits (Intel SDM vol. 3, chapters 2 and 4).  Usable from assembly.
 */
#ifndef ASM_X86_DEFS_H
#define ASM_X86_DEFS_H

#define X86_CR0_PE          0x00000001
#define X86_CR0_MP          0x00000002
#define X86_CR0_ET          0x00000010
#define X86_CR0_NE          0x00000020
#define X86_CR0_WP          0x00010000
#define X86_CR0_PG          0x80000000

#define X86_CR4_PAE         0x00000020
#define X86_CR4_PGE         0x00000080
#define X86_CR4_OSFXSR      0x00000200
#define X86_CR4_OSXMMEXCPT  0x00000400

#define MSR_EFER            0xc0000080
#define EFER_SCE            0x00000001
#define EFER_LME            0x00000100
#define EFER_NXE            0x00000800

#define X86_EFLAGS_IF       0x00000200

#define _PAGE_PRESENT       0x001
#define _PAGE_RW            0x002
#define _PAGE_USER          0x004
#define _PAGE_PWT           0x008
#define _PAGE_PCD           0x010
#define _PAGE_ACCESSED      0x020
#define _PAGE_DIRTY         0x040
#define _PAGE_PSE           0x080
#define _PAGE_GLOBAL        0x100

#ifndef __ASSEMBLY__
#define _PAGE_NX            (1ULL << 63)
#endif

#define PAGETABLE_ORDER     9
#define L1_PAGETABLE_SHIFT  12
#define L2_PAGETABLE_SHIFT  21
#define L3_PAGETABLE_SHIFT  30
#define L4_PAGETABLE_SHIFT  39

/* CPUID 0x80000001 EDX */
#define X86_FEATURE_PAGE1GB_BIT 26
#define X86_FEATURE_NX_BIT  20
#define X86_FEATURE_LM_BIT  29

#endif /* ASM_X86_DEFS_H */
