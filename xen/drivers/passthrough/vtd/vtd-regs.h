/*
 * Intel VT-d remapping-unit registers and their fields (VT-d spec,
 * chapter 11, "Register descriptions").  Offsets are from the unit's
 * register base in the DMAR table.
 */
#ifndef VTD_REGS_H
#define VTD_REGS_H

#define VTD_VER         0x00    /* 32 */
#define VTD_CAP         0x08    /* 64 */
#define VTD_ECAP        0x10    /* 64 */
#define VTD_GCMD        0x18    /* 32 */
#define VTD_GSTS        0x1c    /* 32 */
#define VTD_RTADDR      0x20    /* 64 */
#define VTD_CCMD        0x28    /* 64 */
#define VTD_FSTS        0x34    /* 32 */
#define VTD_FECTL       0x38    /* 32 */
#define VTD_FEDATA      0x3c    /* 32 */
#define VTD_FEADDR      0x40    /* 32 */
#define VTD_FEUADDR     0x44    /* 32 */
#define VTD_PMEN        0x64    /* 32 */
#define VTD_IQH         0x80    /* 64 */
#define VTD_IQT         0x88    /* 64 */
#define VTD_IQA         0x90    /* 64 */
#define VTD_ICS         0x9c    /* 32 */
#define VTD_IECTL       0xa0    /* 32 */

/* Capability register. */
#define CAP_ND(c)           ((c) & 7)                   /* domain ids: 2^(4 + 2*ND) */
#define CAP_RWBF            (1ULL << 4)
#define CAP_CM              (1ULL << 7)                 /* caching mode */
#define CAP_SAGAW(c)        (((c) >> 8) & 0x1f)         /* bit n: (n + 2)-level tables */
#define CAP_MGAW(c)         ((((c) >> 16) & 0x3f) + 1)
#define CAP_FRO(c)          ((((c) >> 24) & 0x3ff) * 16)
#define CAP_SLLPS(c)        (((c) >> 34) & 0xf)         /* bit 0: 2 MiB, bit 1: 1 GiB */
#define CAP_PSI             (1ULL << 39)
#define CAP_NFR(c)          ((((c) >> 40) & 0xff) + 1)
#define CAP_MAMV(c)         (((c) >> 48) & 0x3f)
#define CAP_DWD             (1ULL << 54)
#define CAP_DRD             (1ULL << 55)

/* Extended capability register. */
#define ECAP_C              (1ULL << 0)                 /* page-walk coherency */
#define ECAP_QI             (1ULL << 1)
#define ECAP_DT             (1ULL << 2)                 /* device-IOTLB (ATS) */
#define ECAP_IR             (1ULL << 3)
#define ECAP_EIM            (1ULL << 4)
#define ECAP_PT             (1ULL << 6)
#define ECAP_SC             (1ULL << 7)                 /* snoop control */
#define ECAP_IRO(e)         ((((e) >> 8) & 0x3ff) * 16) /* IOTLB register offset */
#define ECAP_SMTS           (1ULL << 43)                /* scalable mode */

/* Global command and status (the same bit positions). */
#define GCMD_TE             (1u << 31)                  /* translation enable */
#define GCMD_SRTP           (1u << 30)                  /* set root table pointer */
#define GCMD_WBF            (1u << 27)                  /* write buffer flush */
#define GCMD_QIE            (1u << 26)                  /* queued invalidation enable */
#define GCMD_IRE            (1u << 25)
#define GCMD_SIRTP          (1u << 24)
#define GSTS_TES            GCMD_TE
#define GSTS_RTPS           GCMD_SRTP
#define GSTS_WBFS           GCMD_WBF
#define GSTS_QIES           GCMD_QIE

/* Context command register. */
#define CCMD_ICC            (1ULL << 63)                /* invalidate (and busy) */
#define CCMD_CIRG_GLOBAL    (1ULL << 61)
#define CCMD_CIRG_DOMAIN    (2ULL << 61)
#define CCMD_CIRG_DEVICE    (3ULL << 61)
#define CCMD_CAIG(r)        (((r) >> 59) & 3)
#define CCMD_DID(d)         ((uint64_t)(d) & 0xffff)
#define CCMD_SID(s)         (((uint64_t)(s) & 0xffff) << 16)

/* IOTLB invalidate register (at ECAP_IRO + 8) and IVA (at ECAP_IRO). */
#define IOTLB_IVT           (1ULL << 63)
#define IOTLB_IIRG_GLOBAL   (1ULL << 60)
#define IOTLB_IIRG_DOMAIN   (2ULL << 60)
#define IOTLB_IIRG_PAGE     (3ULL << 60)
#define IOTLB_IAIG(r)       (((r) >> 57) & 3)
#define IOTLB_DR            (1ULL << 49)                /* drain reads */
#define IOTLB_DW            (1ULL << 48)                /* drain writes */
#define IOTLB_DID(d)        (((uint64_t)(d) & 0xffff) << 32)
#define IVA_IH              (1ULL << 6)                 /* invalidation hint: leaf only */

/* Fault status and event control. */
#define FSTS_PFO            (1u << 0)                   /* primary fault overflow */
#define FSTS_PPF            (1u << 1)                   /* primary pending fault */
#define FSTS_IQE            (1u << 4)                   /* invalidation queue error */
#define FSTS_ITE            (1u << 6)                   /* invalidation time-out */
#define FSTS_FRI(f)         (((f) >> 8) & 0xff)         /* fault record index */
#define FECTL_IM            (1u << 31)                  /* interrupt mask */

/* A primary fault recording register (128 bits, at CAP_FRO + 16 * i). */
#define FRCD_HI_F           (1ULL << 63)                /* fault (write 1 to clear) */
#define FRCD_HI_TYPE_READ   (1ULL << 62)                /* T: 1 = read, 0 = write */
#define FRCD_HI_FR(h)       (((h) >> 32) & 0xff)        /* fault reason */
#define FRCD_HI_SID(h)      ((h) & 0xffff)

/* Invalidation queue address register. */
#define IQA_QS_MASK         0x7ULL                      /* 2^QS 4K pages */

/* Invalidation completion status. */
#define ICS_IWC             1u

#endif /* VTD_REGS_H */
