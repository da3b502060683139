/*
 * Offsets of the FADT fields the hypervisor uses (ACPI 6.x, 5.2.9).  The
 * FADT grew over revisions, so every read checks the table's length.
 */
#ifndef XEN_ACPI_FADT_H
#define XEN_ACPI_FADT_H

#define FADT_DSDT               40      /* u32 */
#define FADT_SMI_CMD            48      /* u32 */
#define FADT_ACPI_ENABLE        52      /* u8 */
#define FADT_PM1A_CNT_BLK       64      /* u32 */
#define FADT_PM1B_CNT_BLK       68      /* u32 */
#define FADT_FLAGS              112     /* u32 */
#define FADT_RESET_REG          116     /* GAS */
#define FADT_RESET_VALUE        128     /* u8 */
#define FADT_X_DSDT             140     /* u64 */
#define FADT_X_PM1A_CNT_BLK     172     /* GAS */
#define FADT_X_PM1B_CNT_BLK     184     /* GAS */

#define FADT_F_RESET_REG_SUP    (1u << 10)

#define PM1_CNT_SCI_EN          (1u << 0)
#define PM1_CNT_SLP_TYP_SHIFT   10
#define PM1_CNT_SLP_EN          (1u << 13)

#endif /* XEN_ACPI_FADT_H */
