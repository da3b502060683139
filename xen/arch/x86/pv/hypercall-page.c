/*
 * The hypercall page a PV kernel calls through: one 32-byte stub per
 * hypercall number.  The builder fills it where the kernel's ELF note
 * says; XEN_DOMCTL_hypercall_init fills a frame the toolstack names.
 */
#include <asm/pv.h>
#include <public/xen.h>
#include <xen/string.h>

void pv_fill_hypercall_page(void *page)
{
    uint8_t *base = page;

    /* push %rcx; push %r11; mov $nr, %eax; syscall; pop %r11; pop %rcx; ret */
    for ( unsigned int nr = 0; nr < 128; nr++ )
    {
        uint8_t *p = base + nr * 32;

        memset(p, 0xcc, 32);
        memcpy(p, "\x51\x41\x53\xb8", 4);
        memcpy(p + 4, &nr, 4);
        memcpy(p + 8, "\x0f\x05\x41\x5b\x59\xc3", 6);
    }
    /*
     * iret completes the iret_context the guest started (flags already
     * pushed): push %rcx; push %r11; push %rax; mov $23, %eax; syscall.
     * It does not come back.
     */
    memcpy(base + __HYPERVISOR_iret * 32, "\x51\x41\x53\x50\xb8\x17\x00\x00\x00\x0f\x05", 11);
}
