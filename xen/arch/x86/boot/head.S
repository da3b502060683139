/*
 * Entry from a Multiboot2 loader (GRUB).
 *
 * The loader leaves us in 32-bit protected mode, paging off, with EAX =
 * the Multiboot2 magic and EBX = the machine address of the MBI.  This code
 * runs from its load address (section .text.boot32 is linked at its
 * machine address); everything else is linked at XEN_VIRT_BASE + machine
 * address, so references to it from here use sym_phys().
 *
 * Boot page tables (2 MiB pages):
 *   slot 0     identity map of the first 4 GiB (only until the switch)
 *   slot 261   XEN_VIRT_BASE -> machine 0..1 GiB (the image)
 *   slot 262   the direct map of the first 4 GiB
 */
#include <asm/config.h>
#include <asm/current.h>
#include <asm/long-mode.h>
#include <asm/x86-defs.h>
#include <xen/multiboot2.h>

#define sym_phys(s)     ((s) - XEN_VIRT_BASE)
#define l4_slot(va)     (((va) >> L4_PAGETABLE_SHIFT) & 511)
#define l3_slot(va)     (((va) >> L3_PAGETABLE_SHIFT) & 511)

#define BOOT_CS         0x08
#define BOOT_DS         0x10
#define PDE_LARGE       (_PAGE_PRESENT | _PAGE_RW | _PAGE_PSE)
#define PDE_TABLE       (_PAGE_PRESENT | _PAGE_RW)
#define COM1            0x3f8

        .section .text.boot32, "ax", @progbits
        .code32

        .balign 8
multiboot2_header:
        .long   MB2_HEADER_MAGIC
        .long   MB2_ARCH_I386
        .long   multiboot2_header_end - multiboot2_header
        .long   0x100000000 - (MB2_HEADER_MAGIC + MB2_ARCH_I386 + \
                               (multiboot2_header_end - multiboot2_header))
        .short  MB2_HEADER_TAG_END, 0
        .long   8
multiboot2_header_end:

        .global start
start:
        cli
        cld
        /* CPUID and the string instructions below clobber every GPR. */
        mov     %eax, sym_phys(boot_loader_magic)
        mov     %ebx, sym_phys(boot_loader_mbi)

        cmp     $MB2_BOOTLOADER_MAGIC, %eax
        mov     $msg_not_multiboot2, %esi
        jne     early_fail

        /* Refuse CPUs without long mode or NX, with a message. */
        mov     $0x80000000, %eax
        cpuid
        cmp     $0x80000001, %eax
        mov     $msg_no_long_mode, %esi
        jb      early_fail
        mov     $0x80000001, %eax
        cpuid
        bt      $X86_FEATURE_LM_BIT, %edx
        jnc     early_fail
        mov     $msg_no_nx, %esi
        bt      $X86_FEATURE_NX_BIT, %edx
        jnc     early_fail

        /* Zero .bss: it holds the boot stack and page tables. */
        mov     $sym_phys(__bss_start), %edi
        mov     $sym_phys(__bss_end), %ecx
        sub     %edi, %ecx
        xor     %eax, %eax
        rep stosb

        mov     $sym_phys(boot_stack_top), %esp

        /* L2: 2048 large pages covering machine 0-4 GiB. */
        mov     $sym_phys(boot_l2_low), %edi
        mov     $PDE_LARGE, %eax
        xor     %edx, %edx
        mov     $2048, %ecx
1:      mov     %eax, (%edi)
        mov     %edx, 4(%edi)
        add     $(1 << L2_PAGETABLE_SHIFT), %eax
        adc     $0, %edx
        add     $8, %edi
        loop    1b

        /* L3 (low): four L2 pages, one per GiB. */
        mov     $sym_phys(boot_l3_low), %edi
        mov     $(sym_phys(boot_l2_low) + PDE_TABLE), %eax
        mov     $4, %ecx
2:      mov     %eax, (%edi)
        add     $4096, %eax
        add     $8, %edi
        loop    2b

        /* The image's GiB reuses the first L2 page: XEN_VIRT_BASE is 1 GiB aligned. */
        movl    $(sym_phys(boot_l2_low) + PDE_TABLE), \
                sym_phys(boot_l3_xen) + 8 * l3_slot(XEN_VIRT_BASE)

        movl    $(sym_phys(boot_l3_low) + PDE_TABLE), sym_phys(boot_l4)
        movl    $(sym_phys(boot_l3_low) + PDE_TABLE), \
                sym_phys(boot_l4) + 8 * l4_slot(DIRECTMAP_VIRT_START)
        movl    $(sym_phys(boot_l3_xen) + PDE_TABLE), \
                sym_phys(boot_l4) + 8 * l4_slot(XEN_VIRT_BASE)

        ENABLE_LONG_MODE $sym_phys(boot_l4)

        lgdt    boot_gdtr
        ljmp    $BOOT_CS, $start64

/* Print the NUL-terminated string at %esi on COM1 and stop. */
early_fail:
        mov     $COM1, %dx
1:      lodsb
        test    %al, %al
        jz      2f
        out     %al, %dx
        jmp     1b
2:      hlt
        jmp     2b

        .code64
start64:
        mov     $BOOT_DS, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %ss
        xor     %eax, %eax
        mov     %eax, %fs
        mov     %eax, %gs
        movabs  $start64_high, %rax
        jmp     *%rax

        .balign 8
boot_gdt:
        .quad   0
        .quad   0x00af9a000000ffff              /* BOOT_CS: 64-bit code */
        .quad   0x00cf92000000ffff              /* BOOT_DS: flat data */
boot_gdt_end:
boot_gdtr:
        .word   boot_gdt_end - boot_gdt - 1
        .long   boot_gdt

msg_not_multiboot2:
        .asciz  "Argon: not started by a Multiboot2 loader; halting.\r\n"
msg_no_long_mode:
        .asciz  "Argon: this CPU has no 64-bit long mode; halting.\r\n"
msg_no_nx:
        .asciz  "Argon: this CPU has no NX (execute-disable); halting.\r\n"

        .text
start64_high:
        lea     boot_stack_top - CPU_INFO_RESERVE(%rip), %rsp
        mov     boot_loader_mbi(%rip), %edi
        mov     boot_loader_magic(%rip), %esi
        xor     %ebp, %ebp                      /* end of the frame chain */
        call    __start_xen
        ud2

        .data
boot_loader_magic:      .long 0
boot_loader_mbi:        .long 0

        .section .bss.page_aligned, "aw", @nobits
        .balign 4096
        .global boot_l4
boot_l4:        .skip 4096
boot_l3_low:    .skip 4096
boot_l3_xen:    .skip 4096
boot_l2_low:    .skip 4 * 4096
        .balign STACK_SIZE                      /* cpu_info is found from RSP */
        .global boot_stack
boot_stack:     .skip STACK_SIZE
boot_stack_top:
