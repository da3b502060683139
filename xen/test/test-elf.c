/*
 * The PV kernel ELF parser: a well-formed kernel and each way an image can
 * be malformed or not a PV kernel.
 */
#include <stdint.h>
#include <string.h>

#include <xen/elf.h>
#include <xen/errno.h>

#include "hostenv.h"

static _Alignas(8) uint8_t img[8192];
static size_t img_len;

struct ehdr { uint8_t ident[16]; uint16_t type, machine; uint32_t version;
              uint64_t entry, phoff, shoff; uint32_t flags;
              uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx; };
struct phdr { uint32_t type, flags; uint64_t offset, vaddr, paddr, filesz, memsz, align; };

static size_t put_note(size_t at, uint32_t type, const void *desc, uint32_t descsz)
{
    uint32_t hdr[3] = { 4, descsz, type };

    memcpy(img + at, hdr, 12);
    memcpy(img + at + 12, "Xen", 4);
    memcpy(img + at + 16, desc, descsz);
    return at + 16 + ((descsz + 3) & ~3u);
}

/* A kernel like the test kernels: one PT_LOAD at paddr 0, notes in a PT_NOTE. */
static void build(bool with_version_note)
{
    struct ehdr *eh = (void *)img;
    struct phdr *ph = (void *)(img + 64);
    uint64_t base = 0xffffffff80000000ULL, entry = base + 0x100, zero = 0;
    size_t notes = 0x200, end;

    memset(img, 0, sizeof(img));
    memcpy(eh->ident, "\177ELF\2\1\1", 7);
    eh->type = 2;
    eh->machine = 62;
    eh->entry = base;
    eh->phoff = 64;
    eh->phentsize = sizeof(*ph);
    eh->phnum = 2;
    end = put_note(notes, XEN_ELFNOTE_GUEST_OS, "linux", 6);
    if ( with_version_note )
        end = put_note(end, XEN_ELFNOTE_XEN_VERSION, "xen-3.0", 8);
    end = put_note(end, XEN_ELFNOTE_VIRT_BASE, &base, 8);
    end = put_note(end, XEN_ELFNOTE_PADDR_OFFSET, &zero, 8);
    end = put_note(end, XEN_ELFNOTE_ENTRY, &entry, 8);
    end = put_note(end, XEN_ELFNOTE_PAE_MODE, "yes", 4);
    ph[0].type = 1;
    ph[0].offset = 0x1000;
    ph[0].vaddr = base;
    ph[0].paddr = 0;
    ph[0].filesz = 0x800;
    ph[0].memsz = 0x3000;
    ph[1].type = 4;
    ph[1].offset = notes;
    ph[1].filesz = end - notes;
    img_len = sizeof(img);
}

static struct pv_kernel_info k;
static const char *why;

START_TEST(good_kernel)
{
    build(true);
    ck_assert_int_eq(elf_parse_pv_kernel(img, img_len, &k, &why), 0);
    ck_assert_uint_eq(k.entry, 0xffffffff80000100ULL);
    ck_assert_uint_eq(k.virt_base, 0xffffffff80000000ULL);
    ck_assert_uint_eq(k.nr_segments, 1);
    ck_assert_uint_eq(k.pstart, 0);
    ck_assert_uint_eq(k.pend, 0x3000);
    ck_assert_str_eq(k.guest_os, "linux");
    ck_assert(k.pae_extended_cr3);
    ck_assert_uint_eq(pv_paddr_to_vaddr(&k, 0x2000), 0xffffffff80002000ULL);
}
END_TEST

START_TEST(bad_images)
{
    struct ehdr *eh = (void *)img;
    struct phdr *ph = (void *)(img + 64);

    build(true);
    ck_assert_int_eq(elf_parse_pv_kernel(img, 10, &k, &why), -ENOEXEC);
    ck_assert_str_eq(why, "not an ELF image");

    build(true);
    eh->machine = 3;
    ck_assert_int_eq(elf_parse_pv_kernel(img, img_len, &k, &why), -ENOEXEC);
    ck_assert_str_eq(why, "not a 64-bit x86 ELF executable");

    build(true);
    eh->phnum = 200;
    ck_assert_int_eq(elf_parse_pv_kernel(img, img_len, &k, &why), -ENOEXEC);
    ck_assert_str_eq(why, "the program headers lie outside the image");

    build(true);
    ph[0].filesz = 0x10000;
    ck_assert_int_eq(elf_parse_pv_kernel(img, img_len, &k, &why), -ENOEXEC);
    ck_assert_str_eq(why, "a loadable segment lies outside the image or wraps");

    build(true);
    ph[0].paddr = ~0ULL - 10;
    ck_assert_int_eq(elf_parse_pv_kernel(img, img_len, &k, &why), -ENOEXEC);

    build(true);
    ph[1].filesz = 9000;
    ck_assert_int_eq(elf_parse_pv_kernel(img, img_len, &k, &why), -ENOEXEC);
    ck_assert_str_eq(why, "a note segment lies outside the image");

    build(true);
    memcpy(img + 0x200 + 4, "\xff\xff\x00\x00", 4);    /* descsz of the first note */
    ck_assert_int_eq(elf_parse_pv_kernel(img, img_len, &k, &why), -ENOEXEC);
    ck_assert_str_eq(why, "an ELF note runs past its segment");
}
END_TEST

START_TEST(not_a_pv_kernel)
{
    struct phdr *ph = (void *)(img + 64);

    build(false);
    ck_assert_int_eq(elf_parse_pv_kernel(img, img_len, &k, &why), -ENOEXEC);
    ck_assert_str_eq(why, "the XEN_VERSION note is not xen-3.0");

    build(true);
    ph[1].type = 0;                                     /* no notes at all */
    ck_assert_int_eq(elf_parse_pv_kernel(img, img_len, &k, &why), -ENOEXEC);
    ck_assert_str_eq(why, "no Xen ELF notes: not a PV kernel");

    build(true);
    memcpy(img + 0x200 + 16, "other", 6);               /* GUEST_OS, no LOADER */
    ck_assert_int_eq(elf_parse_pv_kernel(img, img_len, &k, &why), -ENOEXEC);
    ck_assert_str_eq(why, "neither LOADER=generic nor GUEST_OS=linux");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("elf");
    TCase *tc = tcase_create("pv-kernel");

    tcase_add_test(tc, good_kernel);
    tcase_add_test(tc, bad_images);
    tcase_add_test(tc, not_a_pv_kernel);
    suite_add_tcase(s, tc);
    return hostenv_run_suite(s);
}
