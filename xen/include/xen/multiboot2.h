/*
 * The Multiboot2 boot protocol (Multiboot2 specification 1.0): the image
 * header GRUB looks for, and the boot information structure (MBI) it hands
 * over, parsed once at boot into a struct boot_info.
 *
 * The MBI stays where the loader put it; boot_info points into it, so the
 * boot allocator must keep [mbi_start, mbi_end) and every module reserved.
 */
#ifndef XEN_MULTIBOOT2_H
#define XEN_MULTIBOOT2_H

#define MB2_HEADER_MAGIC        0xe85250d6
#define MB2_BOOTLOADER_MAGIC    0x36d76289
#define MB2_ARCH_I386           0

#define MB2_HEADER_TAG_END      0
#define MB2_HEADER_TAG_INFO_REQ 1

#define MB2_TAG_END             0
#define MB2_TAG_CMDLINE         1
#define MB2_TAG_LOADER_NAME     2
#define MB2_TAG_MODULE          3
#define MB2_TAG_BASIC_MEMINFO   4
#define MB2_TAG_BOOTDEV         5
#define MB2_TAG_MMAP            6
#define MB2_TAG_FRAMEBUFFER     8
#define MB2_TAG_ELF_SECTIONS    9
#define MB2_TAG_APM             10
#define MB2_TAG_ACPI_OLD        14
#define MB2_TAG_ACPI_NEW        15
#define MB2_TAG_LOAD_BASE_ADDR  21

#define MB2_MEMORY_AVAILABLE    1
#define MB2_MEMORY_RESERVED     2
#define MB2_MEMORY_ACPI         3
#define MB2_MEMORY_NVS          4
#define MB2_MEMORY_BADRAM       5

#ifndef __ASSEMBLY__

#include <xen/types.h>

struct mb2_info_header {
    uint32_t total_size;
    uint32_t reserved;
};

struct mb2_tag {
    uint32_t type;
    uint32_t size;              /* including this header; tags are 8-aligned */
};

struct mb2_tag_string {         /* CMDLINE, LOADER_NAME */
    struct mb2_tag tag;
    char string[];
};

struct mb2_tag_module {
    struct mb2_tag tag;
    uint32_t mod_start;
    uint32_t mod_end;
    char cmdline[];
};

struct mb2_mmap_entry {
    uint64_t addr;
    uint64_t len;
    uint32_t type;
    uint32_t zero;
};

struct mb2_tag_mmap {
    struct mb2_tag tag;
    uint32_t entry_size;
    uint32_t entry_version;
    /* entries of entry_size bytes follow */
};

struct mb2_tag_acpi {           /* ACPI_OLD, ACPI_NEW: a copy of the RSDP */
    struct mb2_tag tag;
    uint8_t rsdp[];
};

#define BOOT_MAX_MEMMAP         128
#define BOOT_MAX_MODULES        16

struct boot_memmap_entry {
    uint64_t addr;
    uint64_t len;
    uint32_t type;              /* MB2_MEMORY_* */
};

struct boot_module {
    paddr_t start;
    paddr_t end;                /* exclusive */
    const char *cmdline;
};

struct boot_info {
    const char *cmdline;        /* "" when the loader gave none */
    const char *loader_name;    /* "" when unknown */
    unsigned int nr_memmap;
    struct boot_memmap_entry memmap[BOOT_MAX_MEMMAP];
    unsigned int nr_modules;
    struct boot_module modules[BOOT_MAX_MODULES];
    paddr_t mbi_start;          /* where the MBI itself lies (set by the caller) */
    paddr_t mbi_end;
    const void *rsdp;           /* the loader's copy of the RSDP, or NULL */
    size_t rsdp_len;
    unsigned int ignored_tags;  /* tags seen but not used */
};

/*
 * Parse the MBI at 'mbi' (size from its header, at most 'limit' bytes).
 * Returns 0, or -EINVAL for a malformed MBI (bad sizes, missing end tag),
 * or -E2BIG when it holds more memory-map entries or modules than
 * boot_info can record (the excess is dropped and counted as an error
 * because losing RAM or a module silently would be worse).
 */
int multiboot2_parse(const void *mbi, size_t limit, struct boot_info *bi);

const char *multiboot2_memory_type_name(uint32_t type);

#endif /* __ASSEMBLY__ */
#endif /* XEN_MULTIBOOT2_H */
