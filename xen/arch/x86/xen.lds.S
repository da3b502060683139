/*
 * Link map of the hypervisor image.  The 32-bit entry runs at its machine
 * address; the rest is linked at XEN_VIRT_BASE + machine address and loaded
 * (by the loader, from the program headers' physical addresses) right
 * behind it.
 */
#include <asm/config.h>

OUTPUT_FORMAT("elf64-x86-64", "elf64-x86-64", "elf64-x86-64")
OUTPUT_ARCH(i386:x86-64)
ENTRY(start)

PHDRS
{
    boot PT_LOAD FLAGS(7);
    text PT_LOAD FLAGS(5);
    data PT_LOAD FLAGS(6);
    note PT_NOTE;
}

SECTIONS
{
    . = XEN_LOAD_PADDR;
    .text.boot32 : { *(.text.boot32) } :boot

    . = ALIGN(4096) + XEN_VIRT_BASE;
    __image_start = .;
    .text : AT(ADDR(.text) - XEN_VIRT_BASE) {
        _stext = .;
        *(.text .text.*)
        _etext = .;
    } :text

    /* Text, read-only data and writable data get their own pages (W^X). */
    . = ALIGN(4096);
    __rodata_start = .;
    .rodata : AT(ADDR(.rodata) - XEN_VIRT_BASE) {
        *(.rodata .rodata.*)
    } :text

    .note.gnu.build-id : AT(ADDR(.note.gnu.build-id) - XEN_VIRT_BASE) {
        __note_gnu_build_id_start = .;
        *(.note.gnu.build-id)
        __note_gnu_build_id_end = .;
    } :text :note

    . = ALIGN(4096);
    __rodata_end = .;
    .data : AT(ADDR(.data) - XEN_VIRT_BASE) {
        *(.data.page_aligned)
        . = ALIGN(4096);
        __stubs_start = .;
        *(.data.syscall_stubs)
        . = ALIGN(4096);
        __stubs_end = .;
        . = ALIGN(8);
        __param_start = .;
        *(.data.param)
        __param_end = .;
        __selftest_start = .;
        *(.data.selftest)
        __selftest_end = .;
        *(.data .data.*)
    } :data

    .bss (NOLOAD) : AT(ADDR(.bss) - XEN_VIRT_BASE) {
        . = ALIGN(4096);
        __bss_start = .;
        *(.bss.page_aligned)
        *(.bss .bss.* COMMON)
        . = ALIGN(8);
        __bss_end = .;
    } :data
    __image_end = .;

    /DISCARD/ : {
        *(.comment) *(.eh_frame) *(.note.GNU-stack) *(.note.gnu.property)
    }
}
