/*
 * The fake hypervisor of libxenguest's unit tests (fake_domain.h).
 */
#include <check.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xen/elfnote.h>

#include "fake_domain.h"

#define PAGE            4096UL
#define RUN             64              /* frames handed out in runs of this many */
#define ADDR_MASK       0x000ffffffffff000ULL

static uint64_t frame_index(const struct fake_domain *f, uint64_t mfn)
{
    return mfn >= FAKE_MFN_BASE && mfn - FAKE_MFN_BASE < f->nr_frames ? mfn - FAKE_MFN_BASE
                                                                       : ~0ULL;
}

void fake_init(struct fake_domain *f, uint64_t nr_frames)
{
    uint64_t nr_runs = nr_frames / RUN, seed = 12345;
    uint64_t *runs;

    memset(f, 0, sizeof(*f));
    f->nr_frames = nr_runs * RUN;
    f->memfd = memfd_create("fake-machine", MFD_CLOEXEC);
    if ( f->memfd < 0 || ftruncate(f->memfd, f->nr_frames * PAGE) < 0 )
        abort();
    f->machine = mmap(NULL, f->nr_frames * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED,
                      f->memfd, 0);
    f->owner = calloc(f->nr_frames, sizeof(*f->owner));
    f->free_list = malloc(f->nr_frames * sizeof(*f->free_list));
    runs = malloc(nr_runs * sizeof(*runs));
    if ( f->machine == MAP_FAILED || !f->owner || !f->free_list || !runs )
        abort();

    /* Frames 0 and 1 are the hypervisor's: shared_info and the grant table. */
    f->shared_info_mfn = FAKE_MFN_BASE;
    f->gnttab_mfn = FAKE_MFN_BASE + 1;
    memset(fake_frame(f, f->gnttab_mfn), 0, PAGE);

    /* The other runs in a shuffled order (Fisher-Yates with a fixed LCG). */
    for ( uint64_t i = 0; i < nr_runs; i++ )
        runs[i] = i;
    for ( uint64_t i = nr_runs - 1; i > 0; i-- )
    {
        uint64_t j, t;

        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        j = (seed >> 33) % (i + 1);
        t = runs[i];
        runs[i] = runs[j];
        runs[j] = t;
    }
    for ( uint64_t i = 0; i < nr_runs; i++ )
        for ( uint64_t k = RUN; k-- > 0; )
            if ( runs[i] * RUN + k >= 2 )
                f->free_list[f->nr_free++] = runs[i] * RUN + k;
    free(runs);
}

void fake_fini(struct fake_domain *f)
{
    munmap(f->machine, f->nr_frames * PAGE);
    close(f->memfd);
    free(f->owner);
    free(f->free_list);
    free(f->p2m);
}

static int fake_populate(void *ctx, uint32_t domid, uint64_t n, const uint64_t *pfns,
                         uint64_t *mfns)
{
    struct fake_domain *f = ctx;

    if ( domid != FAKE_DOMID )
        return -ESRCH;
    if ( n > f->nr_free || f->p2m )
        return -ENOMEM;
    f->p2m = calloc(n, sizeof(*f->p2m));
    f->nr_pages = n;
    for ( uint64_t i = 0; i < n; i++ )
    {
        /* Taken from the end of the free list: runs ascend inside, so mappings merge. */
        uint64_t idx = f->free_list[--f->nr_free];

        if ( pfns[i] >= n )
            return -EINVAL;
        f->owner[idx] = domid + 1;
        memset(f->machine + idx * PAGE, 0xa5, PAGE);        /* not scrubbed */
        mfns[i] = f->p2m[pfns[i]] = FAKE_MFN_BASE + idx;
    }
    return 0;
}

static void *fake_map_foreign(void *ctx, uint32_t domid, const uint64_t *mfns, uint64_t n)
{
    struct fake_domain *f = ctx;
    uint8_t *va = mmap(NULL, n * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

    if ( va == MAP_FAILED )
        return NULL;
    for ( uint64_t i = 0; i < n; i++ )
    {
        uint64_t idx = frame_index(f, mfns[i]);

        if ( idx == ~0ULL || f->owner[idx] != domid + 1 )
        {
            munmap(va, n * PAGE);
            errno = EPERM;
            return NULL;
        }
        if ( mmap(va + i * PAGE, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED,
                  f->memfd, idx * PAGE) == MAP_FAILED )
            abort();
    }
    f->live_maps++;
    return va;
}

static int fake_unmap(void *ctx, void *addr, uint64_t n)
{
    struct fake_domain *f = ctx;

    if ( munmap(addr, n * PAGE) )
        return -errno;
    f->live_maps--;
    return 0;
}

static int fake_mmuext(void *ctx, uint32_t domid, const struct mmuext_op *ops, unsigned int n)
{
    struct fake_domain *f = ctx;

    if ( domid != FAKE_DOMID || n != 1 || ops[0].cmd != MMUEXT_PIN_L4_TABLE )
        return -ENOSYS;
    /* Writable mappings of the tables would make them fail validation. */
    if ( f->live_maps )
        return -EBUSY;
    if ( frame_index(f, ops[0].arg1.mfn) == ~0ULL ||
         f->owner[frame_index(f, ops[0].arg1.mfn)] != domid + 1 )
        return -EINVAL;
    f->pinned_l4 = ops[0].arg1.mfn;
    return 0;
}

static int fake_shared_info(void *ctx, uint32_t domid, uint64_t *mfn)
{
    struct fake_domain *f = ctx;

    *mfn = f->shared_info_mfn;
    return domid == FAKE_DOMID ? 0 : -ESRCH;
}

static void *fake_map_grant_table(void *ctx, uint32_t domid)
{
    struct fake_domain *f = ctx;
    void *p = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, f->memfd,
                   frame_index(f, f->gnttab_mfn) * PAGE);

    if ( p == MAP_FAILED )
        return NULL;
    f->live_maps++;
    return p;
}

static int fake_setvcpucontext(void *ctx, uint32_t domid, unsigned int vcpu,
                               const struct vcpu_guest_context *c)
{
    struct fake_domain *f = ctx;

    if ( domid != FAKE_DOMID || vcpu != 0 )
        return -EINVAL;
    /* The hypervisor takes CR3 only as a validated (here: pinned) L4. */
    if ( c->ctrlreg[3] >> 12 != f->pinned_l4 )
        return -EINVAL;
    f->ctx = *c;
    f->have_ctx = true;
    return 0;
}

const struct xg_dom_ops fake_ops = {
    .populate_physmap = fake_populate,
    .map_foreign = fake_map_foreign,
    .unmap = fake_unmap,
    .mmuext_op = fake_mmuext,
    .shared_info_frame = fake_shared_info,
    .map_grant_table = fake_map_grant_table,
    .setvcpucontext = fake_setvcpucontext,
};

uint64_t fake_walk(const struct fake_domain *f, uint64_t l4_mfn, uint64_t va, bool *writable)
{
    uint64_t mfn = l4_mfn;

    *writable = true;
    for ( int shift = 39; shift >= 12; shift -= 9 )
    {
        uint64_t e;

        if ( frame_index(f, mfn) == ~0ULL )
            return 0;
        memcpy(&e, fake_frame(f, mfn) + ((va >> shift) & 511) * 8, 8);
        if ( !(e & 1) )
            return 0;
        *writable &= (e & 2) != 0;
        mfn = (e & ADDR_MASK) >> 12;
    }
    return mfn;
}

bool fake_read_virt(const struct fake_domain *f, uint64_t l4_mfn, uint64_t va, void *buf,
                    size_t len)
{
    uint8_t *out = buf;

    while ( len )
    {
        bool w;
        uint64_t mfn = fake_walk(f, l4_mfn, va, &w), off = va & (PAGE - 1);
        size_t n = PAGE - off < len ? PAGE - off : len;

        if ( !mfn || frame_index(f, mfn) == ~0ULL )
            return false;
        memcpy(out, fake_frame(f, mfn) + off, n);
        out += n;
        va += n;
        len -= n;
    }
    return true;
}

uint8_t *read_whole_file(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    uint8_t *buf = NULL;
    long size;

    if ( !fp )
        return NULL;
    if ( fseek(fp, 0, SEEK_END) == 0 && (size = ftell(fp)) > 0 && fseek(fp, 0, SEEK_SET) == 0 &&
         (buf = malloc(size)) && fread(buf, 1, size, fp) == (size_t)size )
        *len = size;
    else
    {
        free(buf);
        buf = NULL;
    }
    fclose(fp);
    return buf;
}

static size_t put_note(uint8_t *img, size_t at, uint32_t type, const void *desc,
                       uint32_t descsz)
{
    uint32_t hdr[3] = { 4, descsz, type };

    memcpy(img + at, hdr, 12);
    memcpy(img + at + 12, "Xen", 4);
    memcpy(img + at + 16, desc, descsz);
    return at + 16 + ((descsz + 3) & ~3u);
}

size_t make_known_kernel(uint8_t buf[8192], const struct known_kernel_opts *o)
{
    Elf64_Ehdr *eh = (void *)buf;
    Elf64_Phdr *ph = (void *)(buf + sizeof(*eh));
    uint64_t base = KNOWN_KERNEL_BASE, entry = base + 0x100, hcpage = base + 0x2000, zero = 0;
    size_t notes = 0x200, end = notes;

    memset(buf, 0, 8192);
    memcpy(eh->e_ident, ELFMAG, SELFMAG);
    eh->e_ident[EI_CLASS] = ELFCLASS64;
    eh->e_ident[EI_DATA] = ELFDATA2LSB;
    eh->e_ident[EI_VERSION] = EV_CURRENT;
    eh->e_type = ET_EXEC;
    eh->e_machine = EM_X86_64;
    eh->e_version = EV_CURRENT;
    eh->e_entry = entry;
    eh->e_phoff = sizeof(*eh);
    eh->e_ehsize = sizeof(*eh);
    eh->e_phentsize = sizeof(*ph);
    eh->e_phnum = o->no_notes ? 1 : 2;
    end = put_note(buf, end, XEN_ELFNOTE_GUEST_OS, "linux", 6);
    end = put_note(buf, end, XEN_ELFNOTE_XEN_VERSION, "xen-3.0", 8);
    end = put_note(buf, end, XEN_ELFNOTE_VIRT_BASE, &base, 8);
    end = put_note(buf, end, XEN_ELFNOTE_PADDR_OFFSET, &zero, 8);
    end = put_note(buf, end, XEN_ELFNOTE_ENTRY, &entry, 8);
    end = put_note(buf, end, XEN_ELFNOTE_HYPERCALL_PAGE, &hcpage, 8);
    if ( o->init_p2m )
        end = put_note(buf, end, XEN_ELFNOTE_INIT_P2M, &o->init_p2m, 8);
    if ( o->features )
        end = put_note(buf, end, XEN_ELFNOTE_FEATURES, o->features, strlen(o->features) + 1);
    ph[0].p_type = PT_LOAD;
    ph[0].p_offset = 0x1000;
    ph[0].p_vaddr = base;
    ph[0].p_paddr = 0;
    ph[0].p_filesz = 0x800;
    ph[0].p_memsz = 0x5ff123;
    ph[1].p_type = PT_NOTE;
    ph[1].p_offset = notes;
    ph[1].p_filesz = end - notes;
    for ( unsigned int i = 0; i < 0x800; i++ )
        buf[0x1000 + i] = i * 7;
    return 0x1800;
}

/* A bzImage around payload: boot sector, one setup sector with the header, payload. */
uint8_t *make_bzimage(const uint8_t *payload, size_t len, size_t *out_len)
{
    size_t at = 2 * 512 + 0x100;
    uint8_t *img = calloc(1, at + len + 4);
    uint32_t offset = 0x100, length = len + 4, size = 0x12345;

    img[0x1f1] = 1;                                 /* setup_sects */
    memcpy(img + 0x202, "HdrS", 4);
    img[0x206] = 0x0f;                              /* boot protocol 2.15 */
    img[0x207] = 0x02;
    memcpy(img + 0x248, &offset, 4);
    memcpy(img + 0x24c, &length, 4);
    memcpy(img + at, payload, len);
    memcpy(img + at + len, &size, 4);               /* Linux appends the size */
    *out_len = at + len + 4;
    return img;
}

uint8_t *load(const char *path, size_t *len)
{
    uint8_t *p = read_whole_file(path, len);

    ck_assert_msg(p != NULL, "%s is missing: run 'make -C tools/tests/guest'", path);
    return p;
}

int run_suite(Suite *s)
{
    SRunner *sr = srunner_create(s);
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
