/*
 * Copies between the hypervisor and guest virtual memory, run with the
 * guest's page tables loaded.  A fault inside them is not fatal: the trap
 * handler sees RIP in [guest_copy_start, guest_copy_end) and resumes at
 * guest_copy_fault, which returns the number of bytes not copied.
 *
 * size_t raw_copy_guest(void *dst, const void *src, size_t n)
 */
        .text
        .global raw_copy_guest, guest_copy_start, guest_copy_end, guest_copy_fault
raw_copy_guest:
        mov     %rdx, %rcx
guest_copy_start:
        rep movsb
guest_copy_end:
        xor     %eax, %eax
        ret
guest_copy_fault:
        mov     %rcx, %rax              /* what rep movsb had left */
        ret

/*
 * Load a guest-chosen selector into %gs; a selector the CPU refuses
 * (#GP, #NP) leaves the null selector instead.  Returns 1 if the
 * requested selector was loaded, 0 if not.
 *
 * int load_gs_selector(unsigned int sel)
 */
        .global load_gs_selector, gs_load_start, gs_load_end, gs_load_fault
load_gs_selector:
gs_load_start:
        mov     %edi, %gs
gs_load_end:
        mov     $1, %eax
        ret
gs_load_fault:
        xor     %eax, %eax
        mov     %eax, %gs
        ret

/*
 * void load_guest_selectors(const uint16_t sel[4]): DS, ES, FS, GS of a
 * vCPU coming back to the CPU.  Its GDT or LDT may have changed since the
 * selectors were saved; one the CPU refuses makes all four null.
 */
        .global load_guest_selectors, sel_load_start, sel_load_end, sel_load_fault
load_guest_selectors:
sel_load_start:
        movw    0(%rdi), %ds
        movw    2(%rdi), %es
        movw    4(%rdi), %fs
        movw    6(%rdi), %gs
sel_load_end:
        ret
sel_load_fault:
        xor     %eax, %eax
        mov     %eax, %ds
        mov     %eax, %es
        mov     %eax, %fs
        mov     %eax, %gs
        ret
