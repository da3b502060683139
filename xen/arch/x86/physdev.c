/*
 * physdev_op: a guest's I/O privilege and its physical interrupts.  Every
 * sub-op is one function in the table below; the dispatcher copies the
 * argument in (its size is the table's), the function checks all of it
 * before it changes anything, and the dispatcher copies it back for the
 * sub-ops that answer through it.  Sub-ops not in the table return -ENOSYS
 * and are counted.
 */
#include <asm/pirq.h>
#include <asm/pv.h>
#include <public/physdev.h>
#include <xen/errno.h>
#include <xen/guest_access.h>
#include <xen/hypercall.h>
#include <xen/iocaps.h>
#include <xen/sched.h>

union physdev_arg {
    struct physdev_set_iopl set_iopl;
    struct physdev_setup_gsi setup_gsi;
    struct physdev_map_pirq map_pirq;
    struct physdev_unmap_pirq unmap_pirq;
    struct physdev_irq_status_query irq_status_query;
    struct physdev_eoi eoi;
    struct physdev_get_free_pirq get_free_pirq;
    struct physdev_irq irq;
};

static long physdev_set_iopl(struct vcpu *v, union physdev_arg *a)
{
    if ( a->set_iopl.iopl > 3 )
        return -EINVAL;
    v->pv.iopl = a->set_iopl.iopl;
    return 0;
}

/* The hardware domain says how a GSI is wired (from ACPI, which only it reads). */
static long physdev_setup_gsi(struct vcpu *v, union physdev_arg *a)
{
    const struct physdev_setup_gsi *s = &a->setup_gsi;

    if ( v->domain != hardware_domain )
        return -EPERM;
    if ( s->gsi < 0 || s->triggering > 1 || s->polarity > 1 )
        return -EINVAL;
    return pirq_setup_gsi(s->gsi, s->triggering, s->polarity);
}

/*
 * The domain a pirq sub-op acts on: the caller, or for the privileged
 * domain any other.  NULL with *rc set otherwise.
 */
static struct domain *pirq_target(struct vcpu *v, domid_t domid, long *rc)
{
    struct domain *d;

    if ( domid == DOMID_SELF || domid == v->domain->domain_id )
        return v->domain;
    if ( !v->domain->is_privileged )
    {
        *rc = -EPERM;
        return NULL;
    }
    if ( (d = domain_by_id(domid)) == NULL )
        *rc = -ESRCH;
    return d;
}

static long physdev_map_pirq(struct vcpu *v, union physdev_arg *a)
{
    struct physdev_map_pirq *m = &a->map_pirq;
    struct domain *d;
    long rc = 0;

    switch ( m->type )
    {
    case MAP_PIRQ_TYPE_GSI:
        break;
    case MAP_PIRQ_TYPE_MSI:
    case MAP_PIRQ_TYPE_MSI_SEG:
    case MAP_PIRQ_TYPE_MULTI_MSI:
        /* Not offered yet (counted); Linux's drivers fall back to INTx. */
        pirq_count_msi_refusal();
        return -EOPNOTSUPP;
    default:
        return -EINVAL;
    }
    if ( (d = pirq_target(v, m->domid, &rc)) == NULL )
        return rc;
    if ( m->index < 0 || m->pirq < -1 )
        return -EINVAL;
    /* The hardware domain reaches every interrupt; another needs irq_permission for it. */
    if ( d != hardware_domain && !iocaps_permitted(d, IOCAP_IRQ, m->index, m->index) )
        return -EPERM;
    return pirq_map_gsi(d, m->index, &m->pirq);
}

static long physdev_unmap_pirq(struct vcpu *v, union physdev_arg *a)
{
    struct domain *d;
    long rc = 0;

    if ( (d = pirq_target(v, a->unmap_pirq.domid, &rc)) == NULL )
        return rc;
    return pirq_unmap(d, a->unmap_pirq.pirq);
}

static long physdev_irq_status_query(struct vcpu *v, union physdev_arg *a)
{
    return pirq_status(v->domain, a->irq_status_query.irq, &a->irq_status_query.flags);
}

static long physdev_eoi(struct vcpu *v, union physdev_arg *a)
{
    return pirq_eoi(v->domain, a->eoi.irq);
}

static long physdev_get_free_pirq(struct vcpu *v, union physdev_arg *a)
{
    switch ( a->get_free_pirq.type )
    {
    case MAP_PIRQ_TYPE_GSI:
    case MAP_PIRQ_TYPE_MSI:
    case MAP_PIRQ_TYPE_MSI_SEG:
    case MAP_PIRQ_TYPE_MULTI_MSI:
        return pirq_get_free(v->domain, &a->get_free_pirq.pirq);
    default:
        return -EINVAL;
    }
}

/*
 * Linux's dom0 asks for a vector before it binds a GSI; vectors are the
 * hypervisor's (one per bound GSI, asm/pirq.h), so the answer is only the
 * number it asked about, as Xen's is.
 */
static long physdev_alloc_irq_vector(struct vcpu *v, union physdev_arg *a)
{
    if ( v->domain != hardware_domain )
        return -EPERM;
    a->irq.vector = a->irq.irq;
    return 0;
}

struct physdev_op_desc {
    uint32_t cmd;
    uint32_t size;              /* bytes of the guest's argument */
    bool answers;               /* copied back to the guest on success */
    long (*fn)(struct vcpu *v, union physdev_arg *a);
};

static const struct physdev_op_desc physdev_ops[] = {
    { PHYSDEVOP_set_iopl, sizeof(struct physdev_set_iopl), false, physdev_set_iopl },
    { PHYSDEVOP_setup_gsi, sizeof(struct physdev_setup_gsi), false, physdev_setup_gsi },
    { PHYSDEVOP_map_pirq, sizeof(struct physdev_map_pirq), true, physdev_map_pirq },
    { PHYSDEVOP_unmap_pirq, sizeof(struct physdev_unmap_pirq), false, physdev_unmap_pirq },
    { PHYSDEVOP_irq_status_query, sizeof(struct physdev_irq_status_query), true,
      physdev_irq_status_query },
    { PHYSDEVOP_eoi, sizeof(struct physdev_eoi), false, physdev_eoi },
    { PHYSDEVOP_alloc_irq_vector, sizeof(struct physdev_irq), true, physdev_alloc_irq_vector },
    { PHYSDEVOP_get_free_pirq, sizeof(struct physdev_get_free_pirq), true,
      physdev_get_free_pirq },
};

long do_physdev_op(uint64_t cmd, uint64_t arg, uint64_t a3, uint64_t a4, uint64_t a5,
                   uint64_t a6)
{
    for ( unsigned int i = 0; i < ARRAY_SIZE(physdev_ops); i++ )
    {
        const struct physdev_op_desc *op = &physdev_ops[i];
        union physdev_arg a;
        long rc;

        if ( op->cmd != cmd )
            continue;
        if ( copy_from_guest(&a, arg, op->size) )
            return -EFAULT;
        rc = op->fn(current_vcpu(), &a);
        if ( rc == 0 && op->answers && copy_to_guest(arg, &a, op->size) )
            rc = -EFAULT;
        return rc;
    }
    return hypercall_subop_unimplemented(__HYPERVISOR_physdev_op, cmd);
}
