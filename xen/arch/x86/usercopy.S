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
