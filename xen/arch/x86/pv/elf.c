/*
 * ELF64 parsing for the PV domain builder: headers, PT_LOAD segments and
 * the Xen notes (from PT_NOTE segments).
 */
#include <xen/elf.h>
#include <xen/errno.h>
#include <xen/string.h>

#define ROUNDUP_4(x) (((uint64_t)(x) + 3) & ~3ULL)

#define EI_NIDENT       16
#define ELFCLASS64      2
#define ELFDATA2LSB     1
#define ET_EXEC         2
#define EM_X86_64       62
#define PT_LOAD         1
#define PT_NOTE         4

struct elf64_ehdr {
    uint8_t ident[EI_NIDENT];
    uint16_t type, machine;
    uint32_t version;
    uint64_t entry, phoff, shoff;
    uint32_t flags;
    uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf64_phdr {
    uint32_t type, flags;
    uint64_t offset, vaddr, paddr, filesz, memsz, align;
};

struct elf64_nhdr {
    uint32_t namesz, descsz, type;
};

_Static_assert(sizeof(struct elf64_ehdr) == 64, "ehdr");
_Static_assert(sizeof(struct elf64_phdr) == 56, "phdr");

/* [off, off + size) lies inside a buffer of len bytes. */
static bool in_bounds(uint64_t off, uint64_t size, uint64_t len)
{
    return off <= len && size <= len - off;
}

static void copy_string_note(char *dst, size_t dst_size, const uint8_t *desc, uint32_t n)
{
    size_t len = n < dst_size - 1 ? n : dst_size - 1;

    memcpy(dst, desc, len);
    dst[len] = '\0';
}

static uint64_t note_number(const uint8_t *desc, uint32_t n)
{
    uint64_t v = 0;

    if ( n == 8 || n == 4 )
        memcpy(&v, desc, n);
    return v;
}

static int parse_notes(const uint8_t *p, uint64_t size, struct pv_kernel_info *k,
                       const char **why)
{
    uint64_t pos = 0;

    while ( pos + sizeof(struct elf64_nhdr) <= size )
    {
        const struct elf64_nhdr *n = (const void *)(p + pos);
        uint64_t name_off = pos + sizeof(*n);
        uint64_t desc_off = name_off + ROUNDUP_4(n->namesz);
        const uint8_t *desc = p + desc_off;

        if ( !in_bounds(name_off, n->namesz, size) ||
             !in_bounds(desc_off, n->descsz, size) )
        {
            *why = "an ELF note runs past its segment";
            return -ENOEXEC;
        }
        pos = desc_off + ROUNDUP_4(n->descsz);
        if ( n->namesz != 4 || memcmp(p + name_off, "Xen", 4) )
            continue;

        switch ( n->type )
        {
        case XEN_ELFNOTE_ENTRY:         k->entry = note_number(desc, n->descsz); break;
        case XEN_ELFNOTE_VIRT_BASE:     k->virt_base = note_number(desc, n->descsz); break;
        case XEN_ELFNOTE_PADDR_OFFSET:  k->paddr_offset = note_number(desc, n->descsz); break;
        case XEN_ELFNOTE_HYPERCALL_PAGE:
            k->hypercall_page = note_number(desc, n->descsz);
            break;
        case XEN_ELFNOTE_INIT_P2M:      k->init_p2m = note_number(desc, n->descsz); break;
        case XEN_ELFNOTE_MOD_START_PFN: k->mod_start_pfn = note_number(desc, n->descsz); break;
        case XEN_ELFNOTE_SUPPORTED_FEATURES:
            k->has_supported_features = true;
            k->supported_features = note_number(desc, n->descsz);
            break;
        case XEN_ELFNOTE_GUEST_OS:
            copy_string_note(k->guest_os, sizeof(k->guest_os), desc, n->descsz);
            break;
        case XEN_ELFNOTE_LOADER:
            copy_string_note(k->loader, sizeof(k->loader), desc, n->descsz);
            break;
        case XEN_ELFNOTE_XEN_VERSION:
            copy_string_note(k->xen_version, sizeof(k->xen_version), desc, n->descsz);
            break;
        case XEN_ELFNOTE_FEATURES:
            copy_string_note(k->features, sizeof(k->features), desc, n->descsz);
            break;
        case XEN_ELFNOTE_PAE_MODE:
            /* "yes" and "yes,bimodal" ask for extended CR3. */
            k->pae_extended_cr3 = n->descsz >= 3 && !memcmp(desc, "yes", 3);
            break;
        default:
            break;
        }
    }
    return 0;
}

int elf_parse_pv_kernel(const void *image, size_t len, struct pv_kernel_info *k,
                        const char **why)
{
    const uint8_t *base = image;
    const struct elf64_ehdr *eh = image;
    bool have_notes = false;

    memset(k, 0, sizeof(*k));
    k->pstart = ~0ULL;
    *why = NULL;

    if ( len < sizeof(*eh) || memcmp(eh->ident, "\177ELF", 4) )
    {
        *why = "not an ELF image";
        return -ENOEXEC;
    }
    if ( eh->ident[4] != ELFCLASS64 || eh->ident[5] != ELFDATA2LSB ||
         eh->machine != EM_X86_64 || eh->type != ET_EXEC )
    {
        *why = "not a 64-bit x86 ELF executable";
        return -ENOEXEC;
    }
    if ( eh->phentsize != sizeof(struct elf64_phdr) ||
         !in_bounds(eh->phoff, (uint64_t)eh->phnum * sizeof(struct elf64_phdr), len) )
    {
        *why = "the program headers lie outside the image";
        return -ENOEXEC;
    }

    for ( unsigned int i = 0; i < eh->phnum; i++ )
    {
        const struct elf64_phdr *ph = (const void *)(base + eh->phoff + i * sizeof(*ph));

        if ( ph->type == PT_NOTE )
        {
            int rc;

            if ( !in_bounds(ph->offset, ph->filesz, len) )
            {
                *why = "a note segment lies outside the image";
                return -ENOEXEC;
            }
            rc = parse_notes(base + ph->offset, ph->filesz, k, why);
            if ( rc )
                return rc;
            have_notes = true;
        }
        if ( ph->type != PT_LOAD || ph->memsz == 0 )
            continue;
        if ( !in_bounds(ph->offset, ph->filesz, len) || ph->filesz > ph->memsz ||
             ph->paddr + ph->memsz < ph->paddr )
        {
            *why = "a loadable segment lies outside the image or wraps";
            return -ENOEXEC;
        }
        if ( k->nr_segments == ELF_MAX_SEGMENTS )
        {
            *why = "too many loadable segments";
            return -ENOEXEC;
        }
        k->segments[k->nr_segments].offset = ph->offset;
        k->segments[k->nr_segments].paddr = ph->paddr;
        k->segments[k->nr_segments].vaddr = ph->vaddr;
        k->segments[k->nr_segments].filesz = ph->filesz;
        k->segments[k->nr_segments].memsz = ph->memsz;
        k->nr_segments++;
        if ( ph->paddr < k->pstart )
            k->pstart = ph->paddr;
        if ( ph->paddr + ph->memsz > k->pend )
            k->pend = ph->paddr + ph->memsz;
    }

    if ( k->nr_segments == 0 )
    {
        *why = "no loadable segments";
        return -ENOEXEC;
    }
    if ( !have_notes )
    {
        *why = "no Xen ELF notes: not a PV kernel";
        return -ENOEXEC;
    }
    /* Xen's rule: a PV kernel says it targets xen-3.0, and is Linux or a generic loader. */
    if ( strncmp(k->xen_version, "xen-3.0", 7) )
    {
        *why = "the XEN_VERSION note is not xen-3.0";
        return -ENOEXEC;
    }
    if ( strncmp(k->loader, "generic", 7) && strncmp(k->guest_os, "linux", 5) )
    {
        *why = "neither LOADER=generic nor GUEST_OS=linux";
        return -ENOEXEC;
    }
    if ( k->entry == 0 )
        k->entry = eh->entry;
    if ( k->paddr_offset > k->pstart || k->virt_base == 0 )
    {
        *why = "VIRT_BASE/PADDR_OFFSET notes missing or inconsistent";
        return -ENOEXEC;
    }
    return 0;
}
