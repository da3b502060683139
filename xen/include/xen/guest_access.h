/*
 * Reading and writing guest memory given guest virtual addresses, with the
 * current guest's page tables loaded.  A bad address (unmapped, not
 * accessible, inside the hypervisor's reserved range, non-canonical or
 * wrapping) yields -EFAULT, never a hypervisor fault.
 */
#ifndef XEN_GUEST_ACCESS_H
#define XEN_GUEST_ACCESS_H

#include <xen/types.h>

int __attribute__((warn_unused_result)) copy_from_guest(void *dst, uint64_t guest_va,
                                                        size_t n);
int __attribute__((warn_unused_result)) copy_to_guest(uint64_t guest_va, const void *src,
                                                      size_t n);

/* Is [va, va + n) a range a guest may name? */
bool guest_range_ok(uint64_t va, size_t n);

/* The trap handler's hook: resume a faulting copy at its fixup. */
bool fixup_guest_copy_fault(uint64_t *rip);

/* Load a guest-chosen selector into %gs (null if the CPU refuses it); 1 if loaded. */
int load_gs_selector(unsigned int sel);

#endif /* XEN_GUEST_ACCESS_H */
