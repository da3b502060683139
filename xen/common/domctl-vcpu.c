/*
 * The vCPU sub-ops of XEN_DOMCTL (dispatched from common/domctl.c, under
 * domctl_lock): a vCPU's context set by the toolstack's builder and read
 * back, its state, and its CPU affinity.  A context is read or written
 * only while the vCPU is not up: until the scheduler can pause a vCPU, a
 * running one is -EBUSY.
 */
#include <asm/pv-mm.h>
#include <asm/smp.h>
#include <public/domctl.h>
#include <public/vcpu.h>
#include <xen/domctl.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <xen/time.h>
#include <xen/mm.h>

static struct vcpu *domctl_vcpu(struct domain *d, uint32_t id)
{
    return id < d->max_vcpus ? d->vcpu[id] : NULL;
}

/* The vCPU a context sub-op names, stopped, and a buffer for the context. */
static long context_args(const struct xen_domctl *op, struct domain *d, struct vcpu **v,
                         struct vcpu_guest_context **ctx)
{
    *v = domctl_vcpu(d, op->u.vcpucontext.vcpu);
    if ( *v == NULL || op->u.vcpucontext.ctxt == 0 )
        return -EINVAL;
    if ( (*v)->is_up )
        return -EBUSY;
    /* As VCPUOP_initialise, a context is set once; only one that was set is read. */
    if ( (*v)->is_initialised != (op->cmd == XEN_DOMCTL_getvcpucontext) )
        return (*v)->is_initialised ? -EEXIST : -ENODATA;
    *ctx = xmalloc(struct vcpu_guest_context);
    return *ctx ? 0 : -ENOMEM;
}

long domctl_setvcpucontext(struct xen_domctl *op, struct domain *d)
{
    struct vcpu_guest_context *ctx;
    struct vcpu *v;
    long rc;

    if ( (rc = context_args(op, d, &v, &ctx)) )
        return rc;
    rc = copy_from_guest(ctx, op->u.vcpucontext.ctxt, sizeof(*ctx)) ? -EFAULT
         : pv_vcpu_initialise(v, ctx);
    /* As Xen: a context marked online brings the vCPU up (it runs once unpaused). */
    if ( rc == 0 && (ctx->flags & VGCF_online) )
        vcpu_bring_up(v);
    xfree(ctx);
    return rc;
}

long domctl_getvcpucontext(struct xen_domctl *op, struct domain *d)
{
    struct vcpu_guest_context *ctx;
    struct vcpu *v;
    long rc;

    if ( (rc = context_args(op, d, &v, &ctx)) )
        return rc;
    pv_vcpu_get_context(v, ctx);
    rc = copy_to_guest(op->u.vcpucontext.ctxt, ctx, sizeof(*ctx)) ? -EFAULT : 0;
    xfree(ctx);
    return rc;
}

long domctl_getvcpuinfo(struct xen_domctl *op, struct domain *d)
{
    struct xen_domctl_getvcpuinfo *info = &op->u.getvcpuinfo;
    struct vcpu *v = domctl_vcpu(d, info->vcpu);
    uint64_t cpu_time;

    if ( v == NULL )
        return -EINVAL;
    cpu_time = v->runstate_time[RUNSTATE_running];
    if ( v->is_up && v->runstate == RUNSTATE_running )
        cpu_time += NOW() - v->runstate_entry;
    info->online = v->is_up;
    info->blocked = v->is_up && v->blocked;
    info->running = v->is_running;      /* on a CPU now (not paused, queued or blocked) */
    info->cpu_time = cpu_time;
    info->cpu = v->processor;
    return 0;
}

/* Bytes of a caller's bitmap of nr_bits bits. */
static uint64_t bitmap_bytes(const struct xenctl_bitmap *b)
{
    return ((uint64_t)b->nr_bits + 7) / 8;
}

/* The caller's CPU bitmap: CPUs beyond NR_CPUS cannot exist and are dropped. */
static long read_cpumap(const struct xenctl_bitmap *b, uint64_t *mask)
{
    uint64_t n = MIN(bitmap_bytes(b), sizeof(*mask));

    *mask = 0;
    if ( n && copy_from_guest(mask, b->bitmap, n) )
        return -EFAULT;
    if ( b->nr_bits < 64 )
        *mask &= (1ULL << b->nr_bits) - 1;
    return 0;
}

/* The mask into the caller's bitmap, the bytes past NR_CPUS cleared. */
static long write_cpumap(const struct xenctl_bitmap *b, uint64_t mask)
{
    static const uint8_t zeros[64];
    uint64_t total = bitmap_bytes(b), n = MIN(total, sizeof(mask));

    if ( b->nr_bits < 64 )
        mask &= (1ULL << b->nr_bits) - 1;
    if ( n && copy_to_guest(b->bitmap, &mask, n) )
        return -EFAULT;
    for ( uint64_t at = n; at < total; at += sizeof(zeros) )
        if ( copy_to_guest(b->bitmap + at, zeros, MIN(sizeof(zeros), total - at)) )
            return -EFAULT;
    return 0;
}

static uint64_t online_cpus(void)
{
    return nr_cpus_online >= 64 ? ~0ULL : (1ULL << nr_cpus_online) - 1;
}

long domctl_setvcpuaffinity(struct xen_domctl *op, struct domain *d)
{
    struct xen_domctl_vcpuaffinity *a = &op->u.vcpuaffinity;
    struct vcpu *v = domctl_vcpu(d, a->vcpu);
    uint64_t hard, soft;
    long rc;

    if ( v == NULL || !(a->flags & (XEN_VCPUAFFINITY_HARD | XEN_VCPUAFFINITY_SOFT)) ||
         (a->flags & ~(XEN_VCPUAFFINITY_HARD | XEN_VCPUAFFINITY_SOFT | XEN_VCPUAFFINITY_FORCE)) )
        return -EINVAL;
    hard = vcpu_hard_affinity(v);
    soft = vcpu_soft_affinity(v);
    if ( (a->flags & XEN_VCPUAFFINITY_HARD) && (rc = read_cpumap(&a->cpumap_hard, &hard)) )
        return rc;
    if ( (a->flags & XEN_VCPUAFFINITY_SOFT) && (rc = read_cpumap(&a->cpumap_soft, &soft)) )
        return rc;
    /* A vCPU must be able to run somewhere. */
    if ( !(hard & online_cpus()) )
        return -EINVAL;
    v->hard_affinity = hard;
    v->soft_affinity = soft;
    v->affinity_set = true;
    /* The caller learns the effective masks: what online CPUs make of them. */
    if ( (a->flags & XEN_VCPUAFFINITY_HARD) &&
         (rc = write_cpumap(&a->cpumap_hard, hard & online_cpus())) )
        return rc;
    if ( (a->flags & XEN_VCPUAFFINITY_SOFT) &&
         (rc = write_cpumap(&a->cpumap_soft, soft & hard & online_cpus())) )
        return rc;
    return 0;
}

long domctl_getvcpuaffinity(struct xen_domctl *op, struct domain *d)
{
    struct xen_domctl_vcpuaffinity *a = &op->u.vcpuaffinity;
    struct vcpu *v = domctl_vcpu(d, a->vcpu);
    long rc;

    if ( v == NULL || !(a->flags & (XEN_VCPUAFFINITY_HARD | XEN_VCPUAFFINITY_SOFT)) ||
         (a->flags & ~(XEN_VCPUAFFINITY_HARD | XEN_VCPUAFFINITY_SOFT)) )
        return -EINVAL;
    if ( (a->flags & XEN_VCPUAFFINITY_HARD) &&
         (rc = write_cpumap(&a->cpumap_hard, vcpu_hard_affinity(v))) )
        return rc;
    if ( (a->flags & XEN_VCPUAFFINITY_SOFT) &&
         (rc = write_cpumap(&a->cpumap_soft, vcpu_soft_affinity(v))) )
        return rc;
    return 0;
}
