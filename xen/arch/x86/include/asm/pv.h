/*
 * PV guests on x86-64: the pieces under arch/x86/pv/.
 */
#ifndef ASM_PV_H
#define ASM_PV_H

#include <xen/types.h>

struct cpu_info;
struct domain;

/* Per-CPU SYSCALL stub and MSRs; the TSS stack for guest interruptions. */
void pv_syscall_init_cpu(unsigned int cpu, struct cpu_info *info);

/*
 * Build a domain from a PV kernel image (ELF) and an optional initial
 * ramdisk: privileged (dom0) or not, as the domain was created.  Returns 0
 * or a negative error after printing why.
 */
int pv_build_domain(struct domain *d, const void *image, size_t image_len,
                    const char *cmdline, paddr_t initrd_start, size_t initrd_len);

struct cpu_user_regs;
struct vcpu;

/* Set a segment base (SEGBASE_*) of the running vCPU: checked, then loaded. */
int pv_set_segment_base(struct vcpu *v, unsigned int which, uint64_t base);

/* Emulate a privileged instruction the guest kernel faulted on; false if not ours. */
bool pv_emulate_privileged(struct cpu_user_regs *regs);

/* A SYSCALL from guest user space: enter the guest kernel's syscall callback. */
void pv_bounce_syscall(struct cpu_user_regs *regs);

/* Enter the guest's event callback if an event is pending and unmasked. */
void pv_deliver_events(struct cpu_user_regs *regs);

/*
 * A vCPU's saved DS, ES, FS or GS would not load as it came back to a CPU
 * (they are null now): enter its failsafe callback with a frame holding
 * the four selectors it had, after R11 (Xen's layout), as Xen does.
 */
void pv_bounce_failsafe(struct cpu_user_regs *regs, const uint16_t *selectors);

/* Set or clear CR0.TS for the running guest's virtual TS. */
void pv_set_ts(bool on);

/* Port I/O for PV guests (pv/ioport.c). */
bool pv_ioport_permitted(const struct vcpu *v, unsigned int port, unsigned int bytes);
/* Whether ports [first, last] may be granted to a domain: none the hypervisor keeps. */
bool pv_ioport_grantable(unsigned int first, unsigned int last);
uint32_t pv_ioport_read(struct vcpu *v, unsigned int port, unsigned int bytes);
void pv_ioport_write(struct vcpu *v, unsigned int port, unsigned int bytes, uint32_t value);

/* Program the PAT and the CR4 SSE bits this CPU runs guests with (PV guests rely on both). */
void pat_init_cpu(void);

#endif /* ASM_PV_H */
