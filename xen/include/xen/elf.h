/*
 * Reading a PV kernel: an ELF64 x86-64 executable and its Xen notes.
 * Every offset and size in the image is checked against the image's
 * length before use; a bad image is an error with a reason, never a wild
 * read.
 */
#ifndef XEN_ELF_H
#define XEN_ELF_H

#include <public/elfnote.h>
#include <xen/types.h>

#define ELF_MAX_SEGMENTS    16

struct elf_segment {
    uint64_t offset;            /* in the image */
    uint64_t paddr;             /* load by this */
    uint64_t vaddr;
    uint64_t filesz, memsz;
};

struct pv_kernel_info {
    uint64_t entry;             /* XEN_ELFNOTE_ENTRY, else e_entry */
    uint64_t virt_base;
    uint64_t paddr_offset;
    uint64_t hypercall_page;    /* 0 if absent */
    uint64_t init_p2m;          /* 0 if absent */
    bool mod_start_pfn;
    bool pae_extended_cr3;
    bool has_supported_features;
    uint32_t supported_features;
    char guest_os[32];
    char loader[32];
    char xen_version[32];
    char features[128];
    uint64_t pstart, pend;      /* physical extent of the PT_LOAD segments */
    unsigned int nr_segments;
    struct elf_segment segments[ELF_MAX_SEGMENTS];
};

/*
 * Parse 'image' (len bytes).  Returns 0, or -ENOEXEC with *why set to a
 * one-line reason (not an ELF64 x86-64 executable, a segment outside the
 * image, a note that says this is not a PV kernel, ...).
 */
int elf_parse_pv_kernel(const void *image, size_t len, struct pv_kernel_info *info,
                        const char **why);

/* The kernel-visible address of a physical load address. */
static inline uint64_t pv_paddr_to_vaddr(const struct pv_kernel_info *k, uint64_t paddr)
{
    return k->virt_base + (paddr - k->paddr_offset);
}

#endif /* XEN_ELF_H */
