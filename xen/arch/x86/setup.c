/*
 * __start_xen: the boot CPU's path from the 64-bit entry to a running
 * system.  Each step brings up one subsystem; the order is the dependency
 * order (console first, so every later failure can be reported).
 */
#include <asm/config.h>
#include <asm/apic.h>
#include <asm/io_apic.h>
#include <asm/current.h>
#include <asm/page.h>
#include <asm/pv.h>
#include <asm/processor.h>
#include <asm/smp.h>
#include <asm/traps.h>
#include <xen/acpi.h>
#include <xen/acpi-madt.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/hypercall.h>
#include <xen/m2p.h>
#include <xen/mm.h>
#include <xen/multiboot2.h>
#include <asm/desc.h>
#include <xen/iommu.h>
#include <xen/irq.h>
#include <xen/keyhandler.h>
#include <xen/param.h>
#include <xen/pci.h>
#include <xen/pci-dev.h>
#include <xen/sched.h>
#include <xen/selftest.h>
#include <xen/serial.h>
#include <xen/shutdown.h>
#include <xen/string.h>
#include <xen/time.h>
#include <xen/version.h>

#define COM1_PORT   0x3f8
#define COM1_BAUD   115200
#define COM1_ISA_IRQ 4

static struct boot_info boot_info;
static struct madt_info madt;

/*
 * What to do once booted, until domains exist: power off (the default, so
 * `make run` returns to the shell), or stay idle serving debug keys.
 */
static char opt_after_boot[16] = "poweroff";
string_param("after-boot", opt_after_boot);

static void print_memory_map(const struct boot_info *bi)
{
    uint64_t usable = 0;

    printk("Multiboot2 memory map (%u entries):\n", bi->nr_memmap);
    for ( unsigned int i = 0; i < bi->nr_memmap; i++ )
    {
        const struct boot_memmap_entry *e = &bi->memmap[i];

        printk(" %016lx - %016lx (%s)\n", (unsigned long)e->addr,
               (unsigned long)(e->addr + e->len),
               multiboot2_memory_type_name(e->type));
        if ( e->type == MB2_MEMORY_AVAILABLE )
            usable += e->len;
    }
    printk("Usable RAM: %lu MiB (%lu bytes)\n", (unsigned long)(usable >> 20),
           (unsigned long)usable);
}

static void print_modules(const struct boot_info *bi)
{
    for ( unsigned int i = 0; i < bi->nr_modules; i++ )
        printk("Module %u: %016lx - %016lx \"%s\"\n", i,
               (unsigned long)bi->modules[i].start,
               (unsigned long)bi->modules[i].end, bi->modules[i].cmdline);
}

static void parse_boot_info(paddr_t mbi_pa, uint32_t magic)
{
    const struct mb2_info_header *hdr;
    int rc;

    if ( magic != MB2_BOOTLOADER_MAGIC )
        panic("not started by a Multiboot2 loader (magic %#x)", magic);
    if ( mbi_pa + sizeof(*hdr) > BOOT_DIRECTMAP_BYTES )
        panic("the Multiboot2 information at %#lx is out of reach",
              (unsigned long)mbi_pa);

    hdr = maddr_to_virt(mbi_pa);
    rc = multiboot2_parse(hdr, BOOT_DIRECTMAP_BYTES - mbi_pa, &boot_info);
    if ( rc == -E2BIG )
        printk("WARNING: the loader passed more memory ranges or modules than "
               "Argon records (%u, %u); the rest is ignored\n",
               BOOT_MAX_MEMMAP, BOOT_MAX_MODULES);
    else if ( rc )
        panic("the Multiboot2 information is malformed (%d)", rc);
    boot_info.mbi_start = mbi_pa;
    boot_info.mbi_end = mbi_pa + hdr->total_size;
}

static void init_acpi(const struct boot_info *bi)
{
    int rc = acpi_tables_init(bi->rsdp, bi->rsdp_len);

    if ( rc )
    {
        printk("ACPI: no usable tables (%d)\n", rc);
        return;
    }
    printk("ACPI tables:\n");
    for ( unsigned int i = 0; i < acpi_nr_tables(); i++ )
    {
        const struct acpi_table_header *t = acpi_table(i);

        printk(" %.4s %016lx %6u bytes rev %u %.6s\n", t->signature,
               (unsigned long)acpi_table_address(i), t->length, t->revision,
               t->oem_id);
    }
}

/* Interrupt controllers and time, on the boot CPU. */
static void init_interrupts_and_time(void)
{
    int rc = acpi_parse_madt(acpi_find_table("APIC", 0), &madt);

    if ( rc )
        panic("the ACPI MADT is missing or malformed (%d): Argon needs it to "
              "find the CPUs and interrupt controllers", rc);
    printk("MADT: %u CPUs enabled (%u disabled), %u IO-APICs, %u overrides\n",
           madt.nr_cpus, madt.nr_disabled_cpus, madt.nr_ioapics, madt.nr_overrides);
    if ( madt.pcat_compat )
        i8259_disable();
    apic_init_bsp(madt.lapic_address);
    io_apic_init(&madt);
    time_init();
    apic_timer_init();
    local_irq_enable();
}

/* The trampoline page must not hold anything the loader gave us. */
static bool trampoline_page_is_free(const struct boot_info *bi)
{
    paddr_t lo = TRAMPOLINE_PADDR, hi = TRAMPOLINE_PADDR + PAGE_SIZE;

    if ( bi->mbi_start < hi && bi->mbi_end > lo )
        return false;
    for ( unsigned int i = 0; i < bi->nr_modules; i++ )
        if ( bi->modules[i].start < hi && bi->modules[i].end > lo )
            return false;
    return true;
}

/*
 * second-domain: the second module is not dom0's ramdisk but the kernel of
 * an unprivileged domain 1, run beside dom0 (on whichever CPU the
 * scheduler gives it), for two-domain tests until the toolstack can
 * create domains.
 */
static bool opt_second_domain;
boolean_param("second-domain", opt_second_domain);

/* dom0's vCPUs (any number up to the ABI's limit, on however many CPUs). */
static unsigned int opt_dom0_max_vcpus = 1;
integer_param("dom0_max_vcpus", opt_dom0_max_vcpus);

static struct domain *build_domain(domid_t domid, bool privileged,
                                   const struct boot_module *kernel,
                                   const struct boot_module *initrd)
{
    struct domain *d = domain_create(domid, privileged);

    if ( d == NULL )
        panic("cannot create domain %u", domid);
    if ( pv_build_domain(d, maddr_to_virt(kernel->start), kernel->end - kernel->start,
                         kernel->cmdline, initrd ? initrd->start : 0,
                         initrd ? initrd->end - initrd->start : 0) )
        panic("cannot build domain %u (the reason is above)", domid);
    return d;
}

/* The first module is dom0's kernel (its string: the kernel's command line). */
static void start_dom0(const struct boot_info *bi)
{
    bool second = opt_second_domain && bi->nr_modules > 1;
    const struct boot_module *initrd = !second && bi->nr_modules > 1 ? &bi->modules[1] : NULL;
    struct domain *d0, *d1 = NULL;

    if ( opt_second_domain && bi->nr_modules < 2 )
        panic("second-domain needs a second module");
    d0 = build_domain(0, true, &bi->modules[0], initrd);
    if ( opt_dom0_max_vcpus > 1 && domain_add_vcpus(d0, opt_dom0_max_vcpus) )
        panic("cannot give dom0 %u vCPUs", opt_dom0_max_vcpus);
    if ( second )
        d1 = build_domain(1, false, &bi->modules[1], NULL);
    boot_assign_devices();
    if ( d1 )
    {
        printk("Starting domain 1\n");
        domain_unpause(d1);
    }
    printk("Starting dom0\n");
    domain_unpause(d0);
    sched_idle();
}

void __noreturn __start_xen(paddr_t mbi_pa, uint32_t magic);

void __noreturn __start_xen(paddr_t mbi_pa, uint32_t magic)
{
    ns16550_init(COM1_PORT, COM1_BAUD);
    print_banner();

    parse_boot_info(mbi_pa, magic);
    printk("Loader: %s\n", boot_info.loader_name);
    printk("Command line: %s\n", boot_info.cmdline);
    cmdline_parse(boot_info.cmdline);
    trap_init();
    print_memory_map(&boot_info);
    print_modules(&boot_info);

    init_acpi(&boot_info);
    init_memory(&boot_info);
    if ( m2p_init() )
        panic("cannot allocate the machine-to-physical table");
    memory_op_init(&boot_info);
    init_interrupts_and_time();
    sched_init();
    pci_conf_init();
    pci_init();
    if ( trampoline_page_is_free(&boot_info) )
        smp_boot_cpus(&madt);
    else
        printk(XENLOG_ERR "SMP: the loader used the trampoline page at %#x; "
               "running on the boot CPU only\n", TRAMPOLINE_PADDR);

    iommu_setup();
    keyhandler_init();
    if ( ns16550_enable_input(&madt, COM1_ISA_IRQ) )
        printk(XENLOG_WARNING "Serial input is unavailable: no debug keys\n");

    printk("Boot report: %u CPU%s online, %lu MiB RAM (%lu MiB free), %u PCI functions, "
           "%u IOMMU unit%s%s\n", nr_cpus_online, nr_cpus_online == 1 ? "" : "s",
           (unsigned long)(heap_total_pages() >> 8), (unsigned long)(heap_free_pages() >> 8),
           pci_nr_devices(), iommu_nr_units(), iommu_nr_units() == 1 ? "" : "s",
           iommu_enabled() ? " (DMA remapping on)" : "");

    if ( run_selftests() )
        printk("Some self-tests failed\n");
    gdt_area_init(0);
    pv_syscall_init_cpu(0, get_cpu_info());
    if ( boot_info.nr_modules )
        start_dom0(&boot_info);
    printk("Boot complete; no dom0 kernel was given\n");
    if ( !strcmp(opt_after_boot, "idle") )
    {
        printk("Idle: debug keys are live ('h' lists them)\n");
        for ( ;; )
            halt();
    }
    if ( strcmp(opt_after_boot, "poweroff") )
        printk("after-boot=%s: not poweroff or idle; powering off\n", opt_after_boot);
    machine_power_off();
}
