/*
 * xenctrl.h - libxenctrl: the control domain's host and domain operations
 * (xen_version, sysctl, domctl and the memory, event-channel, grant,
 * physdev and scheduler calls made on behalf of another domain), in the
 * names and argument order of Xen 4.17's library.
 *
 * Rules:
 *  - xc_interface_open() opens libxencall and checks that the hypervisor
 *    speaks sysctl/domctl interface version 0x15 (XEN_SYSCTL_ and
 *    XEN_DOMCTL_INTERFACE_VERSION): a mismatch fails the open, a hypervisor
 *    that lacks domctl altogether does not (those calls fail later).
 *  - Every call checks its arguments before any hypercall.  It returns 0
 *    (or the documented count/value) on success, -1 with errno set on
 *    failure; the hypervisor's -ENOSYS for an operation it lacks arrives as
 *    errno ENOSYS.  xc_get_last_error() then gives a one-line message that
 *    names the operation.
 *  - Payloads travel in libxencall hypercall buffers: the caller's own
 *    structures are copied in and out, so they may live anywhere.
 *  - A handle may be used by one thread at a time; the last error is kept
 *    per thread.
 */
#ifndef XENCTRL_H
#define XENCTRL_H

#include <stdint.h>

#include <xen/argon-sysctl.h>
#include <xen/domctl.h>
#include <xen/sched.h>
#include <xen/sysctl.h>
#include <xen/version.h>
#include <xen/xen.h>

typedef struct xc_interface_core xc_interface;
struct xentoollog_logger;           /* Xen's logger; Argon takes NULL only */

typedef struct xen_sysctl_physinfo xc_physinfo_t;
typedef struct xen_domctl_getdomaininfo xc_domaininfo_t;
typedef struct xen_domctl_getvcpuinfo xc_vcpuinfo_t;

enum xc_error_code {
    XC_ERROR_NONE = 0,
    XC_INTERNAL_ERROR = 1,          /* the hypervisor or the kernel refused */
    XC_INVALID_KERNEL = 2,
    XC_INVALID_PARAM = 3,           /* refused by the library, before any hypercall */
    XC_OUT_OF_MEMORY = 4,
};

#define XC_MAX_ERROR_MSG_LEN 1024
typedef struct xc_error {
    enum xc_error_code code;
    char message[XC_MAX_ERROR_MSG_LEN];
} xc_error;

/* Both loggers must be NULL; open_flags must be 0.  NULL on failure. */
xc_interface *xc_interface_open(struct xentoollog_logger *logger,
                                struct xentoollog_logger *dombuild_logger,
                                unsigned int open_flags);
int xc_interface_close(xc_interface *xch);

/* This thread's last failure (xch may be NULL, e.g. after a failed open). */
const xc_error *xc_get_last_error(xc_interface *xch);
void xc_clear_last_error(xc_interface *xch);
const char *xc_error_code_to_desc(int code);

/*
 * xen_version: XENVER_version and XENVER_pagesize return the value; the
 * others fill arg (xen_extraversion_t, xen_compile_info_t,
 * xen_capabilities_info_t, xen_changeset_info_t, xen_platform_parameters_t,
 * xen_feature_info_t (submap_idx in), xen_commandline_t) and return 0.
 */
int xc_version(xc_interface *xch, int cmd, void *arg);

int xc_physinfo(xc_interface *xch, xc_physinfo_t *info);

/*
 * Read the console ring into buffer (*pnr_chars: its size in, bytes read
 * out).  incremental: continue from *pindex and advance it; clear: empty
 * the ring once it has been read.
 */
int xc_readconsolering(xc_interface *xch, char *buffer, unsigned int *pnr_chars,
                       int clear, int incremental, uint32_t *pindex);

/* Argon's IOMMU flush policy (ARGON_IOMMU_FLUSH_*) and statistics. */
int xc_iommu_flush_policy_get(xc_interface *xch, uint32_t *policy,
                              uint32_t *batch_threshold);
int xc_iommu_flush_policy_set(xc_interface *xch, uint32_t policy, uint32_t flags,
                              uint32_t batch_threshold, uint32_t *prev_policy);
int xc_iommu_stats(xc_interface *xch, uint32_t scope, uint32_t id, uint32_t flags,
                   struct argon_sysctl_iommu_stats *stats);

/* Domains.  *pdomid in: the wanted id or 0 for any; out: the new domain's. */
int xc_domain_create(xc_interface *xch, uint32_t *pdomid,
                     struct xen_domctl_createdomain *config);
int xc_domain_destroy(xc_interface *xch, uint32_t domid);
int xc_domain_pause(xc_interface *xch, uint32_t domid);
int xc_domain_unpause(xc_interface *xch, uint32_t domid);
int xc_domain_shutdown(xc_interface *xch, uint32_t domid, int reason);  /* SHUTDOWN_* */
/* One domain's record; ESRCH if domid does not exist. */
int xc_domain_getinfo_single(xc_interface *xch, uint32_t domid, xc_domaininfo_t *info);
/* Records of domains >= first_domain: how many were written, or -1. */
int xc_domain_getinfolist(xc_interface *xch, uint32_t first_domain,
                          unsigned int max_domains, xc_domaininfo_t *info);
int xc_domain_max_vcpus(xc_interface *xch, uint32_t domid, unsigned int max);
int xc_domain_setmaxmem(xc_interface *xch, uint32_t domid, uint64_t max_memkb);
int xc_domain_setvcpucontext(xc_interface *xch, uint32_t domid, uint32_t vcpu,
                             const vcpu_guest_context_t *ctxt);
/* vCPU vcpu of domid: online, blocked, running, CPU time (ns), its CPU. */
int xc_vcpu_getinfo(xc_interface *xch, uint32_t domid, uint32_t vcpu, xc_vcpuinfo_t *info);

/* Memory on behalf of domid; extent_start holds nr_extents frames (in/out). */
int xc_domain_populate_physmap_exact(xc_interface *xch, uint32_t domid,
                                     unsigned long nr_extents, unsigned int extent_order,
                                     unsigned int mem_flags, xen_pfn_t *extent_start);
/* The number of extents done (possibly fewer than asked), or -1. */
int xc_domain_increase_reservation(xc_interface *xch, uint32_t domid,
                                   unsigned long nr_extents, unsigned int extent_order,
                                   unsigned int mem_flags, xen_pfn_t *extent_start);
int xc_domain_decrease_reservation(xc_interface *xch, uint32_t domid,
                                   unsigned long nr_extents, unsigned int extent_order,
                                   xen_pfn_t *extent_start);

/* A port of dom that remote_dom may bind: the port, or -1. */
int xc_evtchn_alloc_unbound(xc_interface *xch, uint32_t dom, uint32_t remote_dom);

/* Grant tables of domid. */
int xc_gnttab_get_version(xc_interface *xch, uint32_t domid);
int xc_gnttab_query_size(xc_interface *xch, uint32_t domid, uint32_t *nr_frames,
                         uint32_t *max_nr_frames);
/* The machine frames of domid's first nr_frames grant-table frames (1 to 64). */
int xc_gnttab_setup_table(xc_interface *xch, uint32_t domid, uint32_t nr_frames,
                          xen_pfn_t *frames);

/* HYPERVISOR_mmuext_op on the frames of dom (e.g. the builder pinning its L4). */
int xc_mmuext_op(xc_interface *xch, struct mmuext_op *ops, unsigned int nr_ops, uint32_t dom);

/* Devices (machine_sbdf: XEN_DOMCTL_SBDF()) and the resources a domain may use. */
int xc_assign_device(xc_interface *xch, uint32_t domid, uint32_t machine_sbdf,
                     uint32_t flags);
int xc_test_assign_device(xc_interface *xch, uint32_t domid, uint32_t machine_sbdf);
int xc_deassign_device(xc_interface *xch, uint32_t domid, uint32_t machine_sbdf);
int xc_domain_iomem_permission(xc_interface *xch, uint32_t domid, unsigned long first_mfn,
                               unsigned long nr_mfns, uint8_t allow_access);
int xc_domain_ioport_permission(xc_interface *xch, uint32_t domid, uint32_t first_port,
                                uint32_t nr_ports, uint32_t allow_access);
int xc_domain_irq_permission(xc_interface *xch, uint32_t domid, uint32_t pirq,
                             uint8_t allow_access);
/* Map GSI index to a pirq of domid; *pirq in: wanted or -1, out: the pirq. */
int xc_physdev_map_pirq(xc_interface *xch, uint32_t domid, int index, int *pirq);

#endif /* XENCTRL_H */
