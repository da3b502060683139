/*
 * The local APIC of each CPU (xAPIC through MMIO, or x2APIC through MSRs
 * when the CPU has it) and the fixed interrupt vectors of the hypervisor.
 *
 * Vector map: 0x00-0x1f exceptions; 0x20-0x2f reserved (where a
 * misprogrammed 8259 would deliver); 0x30-0xdf allocated to devices by
 * irq.c; 0xe0-0xfe fixed below; 0xff spurious.
 */
#ifndef ASM_APIC_H
#define ASM_APIC_H

#include <xen/types.h>

#define FIRST_DYNAMIC_VECTOR    0x30
#define LAST_DYNAMIC_VECTOR     0xdf
#define TIMER_VECTOR            0xf0
#define CALL_FUNCTION_VECTOR    0xf1
#define EVENT_CHECK_VECTOR      0xf2
#define ERROR_APIC_VECTOR       0xfe
#define SPURIOUS_APIC_VECTOR    0xff

/* Register offsets (xAPIC MMIO offset; x2APIC MSR = 0x800 + offset / 16). */
#define APIC_ID                 0x020
#define APIC_VERSION            0x030
#define APIC_TPR                0x080
#define APIC_EOI                0x0b0
#define APIC_LDR                0x0d0
#define APIC_DFR                0x0e0
#define APIC_SPIV               0x0f0
#define  APIC_SPIV_ENABLE       (1u << 8)
#define APIC_ESR                0x280
#define APIC_ICR                0x300
#define APIC_ICR2               0x310
#define  APIC_ICR_INIT          0x00500
#define  APIC_ICR_STARTUP       0x00600
#define  APIC_ICR_NMI           0x00400
#define  APIC_ICR_BUSY          (1u << 12)
#define  APIC_ICR_ASSERT        (1u << 14)
#define  APIC_ICR_LEVEL         (1u << 15)
#define APIC_LVT_TIMER          0x320
#define  APIC_TIMER_ONESHOT     (0u << 17)
#define  APIC_TIMER_TSC_DEADLINE (2u << 17)
#define APIC_LVT_LINT0          0x350
#define APIC_LVT_LINT1          0x360
#define APIC_LVT_ERROR          0x370
#define  APIC_LVT_MASKED        (1u << 16)
#define APIC_TMICT              0x380
#define APIC_TMCCT              0x390
#define APIC_TDCR               0x3e0
#define  APIC_TDCR_DIV_1        0xb

extern bool x2apic_enabled;

uint32_t apic_read(unsigned int reg);
void apic_write(unsigned int reg, uint32_t value);
void apic_eoi(void);
uint32_t apic_id(void);

/* Send an interrupt command to the CPU with this APIC id; waits for delivery. */
void apic_send_icr(uint32_t dest_apic_id, uint32_t icr_low);

/* Boot CPU: map and enable; other CPUs: enable their own. */
void apic_init_bsp(uint64_t madt_lapic_address);
void apic_init_ap(void);

/* The APIC timer: mode choice and calibration (boot CPU), per-CPU setup. */
void apic_timer_init(void);
void apic_timer_init_cpu(void);

/* Mask the legacy 8259 PICs for good (after moving them off the exception vectors). */
void i8259_disable(void);

#endif /* ASM_APIC_H */
