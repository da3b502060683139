/*
 * Power-off and reset through the FADT: S5 by writing SLP_TYP|SLP_EN to
 * the PM1 control blocks, reset through the FADT reset register, with the
 * legacy 0xcf9 and keyboard-controller resets as fall-backs.
 */
#include <asm/io.h>
#include <xen/acpi.h>
#include <xen/acpi-fadt.h>
#include <xen/lib.h>
#include <xen/string.h>
#include <xen/time.h>

static uint32_t fadt_u32(const struct acpi_table_header *fadt, unsigned int off)
{
    uint32_t v = 0;

    if ( fadt->length >= off + 4 )
        memcpy(&v, (const uint8_t *)fadt + off, 4);
    return v;
}

static uint8_t fadt_u8(const struct acpi_table_header *fadt, unsigned int off)
{
    return fadt->length > off ? ((const uint8_t *)fadt)[off] : 0;
}

/* The I/O port of a PM1 control block: the X_ GAS when valid, else legacy. */
static uint16_t pm1_cnt_port(const struct acpi_table_header *fadt,
                             unsigned int x_off, unsigned int legacy_off)
{
    struct acpi_gas gas;

    if ( fadt->length >= x_off + sizeof(gas) )
    {
        memcpy(&gas, (const uint8_t *)fadt + x_off, sizeof(gas));
        if ( gas.address && gas.space_id == ACPI_GAS_IO )
            return gas.address;
    }
    return fadt_u32(fadt, legacy_off);
}

/*
 * The platform acts on a sleep or reset request asynchronously (an
 * emulator's main loop may be busy for a while): give it time before
 * declaring failure.
 */
static void settle_delay(void)
{
    udelay(2000000);
}

void acpi_poweroff(void)
{
    const struct acpi_table_header *fadt = acpi_find_table("FACP", 0);
    const struct acpi_table_header *dsdt = acpi_find_table("DSDT", 0);
    uint16_t pm1a, pm1b;
    uint32_t smi_cmd;
    uint8_t acpi_enable;
    int slp_typ;

    if ( fadt == NULL || dsdt == NULL )
    {
        printk("ACPI: no FADT/DSDT: cannot power off\n");
        return;
    }
    slp_typ = acpi_find_sleep_type(dsdt, 5);
    if ( slp_typ < 0 )
    {
        printk("ACPI: no usable \\_S5 in the DSDT (%d): cannot power off\n", slp_typ);
        return;
    }
    pm1a = pm1_cnt_port(fadt, FADT_X_PM1A_CNT_BLK, FADT_PM1A_CNT_BLK);
    pm1b = pm1_cnt_port(fadt, FADT_X_PM1B_CNT_BLK, FADT_PM1B_CNT_BLK);
    if ( pm1a == 0 )
    {
        printk("ACPI: the FADT has no PM1a control block: cannot power off\n");
        return;
    }

    /* Firmware that left ACPI mode off must be asked to enable it first. */
    smi_cmd = fadt_u32(fadt, FADT_SMI_CMD);
    acpi_enable = fadt_u8(fadt, FADT_ACPI_ENABLE);
    if ( !(inw(pm1a) & PM1_CNT_SCI_EN) && smi_cmd && acpi_enable )
    {
        outb(acpi_enable, smi_cmd);
        for ( unsigned int i = 0; i < 300 && !(inw(pm1a) & PM1_CNT_SCI_EN); i++ )
            udelay(10000);
    }

    outw((inw(pm1a) & ~(7u << PM1_CNT_SLP_TYP_SHIFT)) |
         (slp_typ << PM1_CNT_SLP_TYP_SHIFT) | PM1_CNT_SLP_EN, pm1a);
    if ( pm1b )
        outw((inw(pm1b) & ~(7u << PM1_CNT_SLP_TYP_SHIFT)) |
             (slp_typ << PM1_CNT_SLP_TYP_SHIFT) | PM1_CNT_SLP_EN, pm1b);
    settle_delay();
    printk("ACPI: the machine did not power off\n");
}

void acpi_reboot(void)
{
    const struct acpi_table_header *fadt = acpi_find_table("FACP", 0);

    if ( fadt && (fadt_u32(fadt, FADT_FLAGS) & FADT_F_RESET_REG_SUP) &&
         fadt->length >= FADT_RESET_VALUE + 1 )
    {
        struct acpi_gas gas;

        memcpy(&gas, (const uint8_t *)fadt + FADT_RESET_REG, sizeof(gas));
        if ( gas.space_id == ACPI_GAS_IO && gas.address )
        {
            outb(fadt_u8(fadt, FADT_RESET_VALUE), gas.address);
            settle_delay();
        }
    }

    outb(0x06, 0xcf9);          /* PCI reset control: full reset */
    settle_delay();
    outb(0xfe, 0x64);           /* keyboard controller: pulse reset line */
    settle_delay();
    printk("ACPI: the machine did not reset\n");
}
