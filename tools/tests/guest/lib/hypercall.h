/*
 * Hypercalls from a test kernel: a bare SYSCALL (as Debian's Linux does)
 * or, in kernels built WITH_HYPERCALL_PAGE, a call into the page the
 * builder filled.  SYSCALL clobbers RCX and R11.
 */
#ifndef GUEST_HYPERCALL_H
#define GUEST_HYPERCALL_H

#include <stdint.h>

#ifdef WITH_HYPERCALL_PAGE
extern char hypercall_page[];
#define HYPERCALL_INSN "call *%[stub]"
#define HYPERCALL_STUB(nr) [stub] "r" (hypercall_page + 32 * (nr)),
#else
#define HYPERCALL_INSN "syscall"
#define HYPERCALL_STUB(nr)
#endif

static inline long hypercall6(unsigned long nr, unsigned long a1, unsigned long a2,
                              unsigned long a3, unsigned long a4, unsigned long a5,
                              unsigned long a6)
{
    register unsigned long r10 __asm__("r10") = a4;
    register unsigned long r8 __asm__("r8") = a5;
    register unsigned long r9 __asm__("r9") = a6;
    long ret;

    __asm__ __volatile__ ( HYPERCALL_INSN
                           : "=a" (ret), "+D" (a1), "+S" (a2), "+d" (a3),
                             "+r" (r10), "+r" (r8), "+r" (r9)
                           : HYPERCALL_STUB(nr) "0" (nr)
                           : "rcx", "r11", "memory" );
    return ret;
}

#define hypercall0(nr)             hypercall6(nr, 0, 0, 0, 0, 0, 0)
#define hypercall1(nr, a)          hypercall6(nr, (unsigned long)(a), 0, 0, 0, 0, 0)
#define hypercall2(nr, a, b)       hypercall6(nr, (unsigned long)(a), (unsigned long)(b), \
                                              0, 0, 0, 0)
#define hypercall3(nr, a, b, c)    hypercall6(nr, (unsigned long)(a), (unsigned long)(b), \
                                              (unsigned long)(c), 0, 0, 0)
#define hypercall4(nr, a, b, c, d) hypercall6(nr, (unsigned long)(a), (unsigned long)(b), \
                                              (unsigned long)(c), (unsigned long)(d), 0, 0)

#endif /* GUEST_HYPERCALL_H */
