/*
 * Grant-table helpers for test kernels: the domain's own table (set up
 * and mapped at a window), offering a frame, and one-call wrappers.
 */
#ifndef GUEST_GRANT_H
#define GUEST_GRANT_H

#include <public/grant_table.h>
#include <stdbool.h>
#include <stdint.h>

/* Set up one frame of the domain's grant table and map it; NULL on failure. */
struct grant_entry_v1 *grant_table_setup(void);

/* The same for n frames (at most 32), mapped one after another at 'windows'. */
struct grant_entry_v1 *grant_table_setup_frames(unsigned int n, void *windows);

/* Offer mfn to domid under ref (readonly or not); entries first, flags last. */
void grant_offer(struct grant_entry_v1 *table, grant_ref_t ref, domid_t domid,
                 unsigned long mfn, bool readonly);

/* One map: host_addr 0 for a device-only mapping.  Returns the op's status. */
int16_t grant_map(domid_t dom, grant_ref_t ref, uint32_t flags, const void *host_addr,
                  grant_handle_t *handle, uint64_t *dev_bus_addr);
int16_t grant_unmap(grant_handle_t handle, const void *host_addr);

/* Copy len bytes of a grant of dom into an own page. */
int16_t grant_copy_from(domid_t dom, grant_ref_t ref, void *to, uint16_t len);

#endif /* GUEST_GRANT_H */
