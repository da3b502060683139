/*
 * A fake hypervisor behind libxenguest's operations: machine memory is a
 * memfd of frames, a foreign mapping maps the domain's frames of it at
 * consecutive addresses (as privcmd does), and the checks below read the
 * result the way the CPU would, walking the page tables from CR3.  One
 * domain per fake; frames are handed out in shuffled runs so that a pfn
 * taken for an mfn (or the reverse) shows.
 */
#ifndef FAKE_DOMAIN_H
#define FAKE_DOMAIN_H

#include <check.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "xenguest.h"

#define FAKE_DOMID      7
#define FAKE_MFN_BASE   0x40000ULL

struct fake_domain {
    int memfd;
    uint8_t *machine;                   /* all machine frames, for the checks */
    uint64_t nr_frames;
    uint64_t *free_list, nr_free;       /* frame indexes, taken from the end */
    uint16_t *owner;                    /* per frame: domid + 1, 0 if free */
    uint64_t *p2m, nr_pages;            /* what populate gave the domain */
    uint64_t shared_info_mfn, gnttab_mfn;
    unsigned int live_maps;             /* foreign mappings of domain frames */
    uint64_t pinned_l4;                 /* 0 until pinned */
    bool have_ctx;
    struct vcpu_guest_context ctx;
};

extern const struct xg_dom_ops fake_ops;

/* A machine of nr_frames frames (garbage-filled, as freed memory would be). */
void fake_init(struct fake_domain *f, uint64_t nr_frames);
void fake_fini(struct fake_domain *f);

static inline uint8_t *fake_frame(const struct fake_domain *f, uint64_t mfn)
{
    return f->machine + (mfn - FAKE_MFN_BASE) * 4096;
}

/*
 * Translate va through the tables under the L4 at l4_mfn as the CPU would.
 * Returns the mapped mfn, or 0 if not present (or on a table outside the
 * machine); *writable is true if every level allows writes.
 */
uint64_t fake_walk(const struct fake_domain *f, uint64_t l4_mfn, uint64_t va, bool *writable);

/* Read len bytes at guest virtual address va through the tables (false if unmapped). */
bool fake_read_virt(const struct fake_domain *f, uint64_t l4_mfn, uint64_t va, void *buf,
                    size_t len);

/* A whole file, malloc'd; NULL if it cannot be read. */
uint8_t *read_whole_file(const char *path, size_t *len);

/*
 * A small PV kernel made in memory, the "known kernel" of test-pv-layout:
 * one PT_LOAD at VIRT_BASE 0xffffffff80000000 with 0x800 bytes of
 * (i * 7) and bss up to 0x5ff123, entry +0x100, a hypercall page at +0x2000,
 * and the notes asked for.  Returns its length (in buf, 8 KiB).
 */
struct known_kernel_opts {
    uint64_t init_p2m;                  /* 0: no INIT_P2M note */
    const char *features;               /* NULL: no FEATURES note */
    bool no_notes;                      /* no PT_NOTE at all */
};
#define KNOWN_KERNEL_BASE   0xffffffff80000000ULL
size_t make_known_kernel(uint8_t buf[8192], const struct known_kernel_opts *o);

/* A bzImage (boot protocol 2.15, one setup sector) around payload, with Linux's size suffix. */
uint8_t *make_bzimage(const uint8_t *payload, size_t len, size_t *out_len);

/* A file the tests need (a Check failure if it is missing). */
uint8_t *load(const char *path, size_t *len);

/* Run a suite; the exit status. */
int run_suite(Suite *s);

#endif /* FAKE_DOMAIN_H */
