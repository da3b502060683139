/*
 * Build identity: version, compiler, and the linker's build id note.
 */
#include <xen/lib.h>
#include <xen/version.h>

#ifndef ARGON_VERSION
#error "ARGON_VERSION must be defined by the build"
#endif

struct elf_note_header {
    uint32_t namesz;
    uint32_t descsz;
    uint32_t type;
};

#define NT_GNU_BUILD_ID 3

extern const char __note_gnu_build_id_start[], __note_gnu_build_id_end[];

const char *argon_version(void)
{
    return ARGON_VERSION;
}

const char *argon_compiler(void)
{
#if defined(__clang__)
    return "clang " __clang_version__;
#else
    return "gcc " __VERSION__;
#endif
}

const char *argon_build_id(void)
{
    static char hex[2 * 40 + 1];
    const struct elf_note_header *n = (const void *)__note_gnu_build_id_start;
    const uint8_t *desc;

    if ( hex[0] )
        return hex;
    if ( __note_gnu_build_id_end - __note_gnu_build_id_start < (long)sizeof(*n) ||
         n->type != NT_GNU_BUILD_ID || n->descsz > 40 )
        return "";
    desc = (const uint8_t *)(n + 1) + ROUNDUP(n->namesz, 4);
    for ( uint32_t i = 0; i < n->descsz; i++ )
        snprintf(hex + 2 * i, 3, "%02x", desc[i]);
    return hex;
}

void print_banner(void)
{
    printk("Argon %s (build-id %s) (%s)\n", argon_version(), argon_build_id(),
           argon_compiler());
}
