/*
 * xl_cmd_pci.c - PCI passthrough commands.  Device specs are checked with
 * the same parser as xl.cfg's pci list before the hypervisor is asked.
 */
#include "xl_cmds.h"

static int parse_bdf(const struct xl_cmd *cmd, const char *spec, struct argon_pci_dev *dev)
{
    struct argon_diag d;

    argon_diag_init(&d);
    argon_pci_dev_init(dev);
    if ( argon_pci_parse(spec, dev, &d) )
        return xl_usage_error(cmd, "%s", d.msg), -1;
    return 0;
}

static int assignable_op(const struct xl_cmd *cmd, const char *spec, bool add, bool rebind)
{
    const struct xl_backend *b;
    struct argon_pci_dev dev;

    if ( parse_bdf(cmd, spec, &dev) )
        return XL_EXIT_USAGE;
    if ( xl_backend_open(&b) )
        return XL_EXIT_FAIL;
    if ( add )
    {
        if ( !b->pci_assignable_add )
            return xl_backend_missing("pci_assignable_add"), XL_EXIT_FAIL;
        return b->pci_assignable_add(&dev) ? XL_EXIT_FAIL : XL_EXIT_OK;
    }
    if ( !b->pci_assignable_remove )
        return xl_backend_missing("pci_assignable_remove"), XL_EXIT_FAIL;
    return b->pci_assignable_remove(&dev, rebind) ? XL_EXIT_FAIL : XL_EXIT_OK;
}

int xl_cmd_pci_assignable_add(const struct xl_cmd *cmd, const struct xl_opts *o, int argc,
                              char **argv)
{
    return assignable_op(cmd, argv[0], true, false);
}

int xl_cmd_pci_assignable_remove(const struct xl_cmd *cmd, const struct xl_opts *o,
                                 int argc, char **argv)
{
    return assignable_op(cmd, argv[0], false, o->set['r']);
}

int xl_cmd_pci_assignable_list(const struct xl_cmd *cmd, const struct xl_opts *o, int argc,
                               char **argv)
{
    const struct xl_backend *b;

    if ( xl_backend_open(&b) )
        return XL_EXIT_FAIL;
    if ( !b->pci_assignable_list )
        return xl_backend_missing("pci_assignable_list"), XL_EXIT_FAIL;
    return b->pci_assignable_list(xl_out) ? XL_EXIT_FAIL : XL_EXIT_OK;
}

static int domain_pci_op(const struct xl_cmd *cmd, char **argv, bool attach, bool force)
{
    const struct xl_backend *b;
    struct argon_pci_dev dev;
    uint32_t domid;

    if ( parse_bdf(cmd, argv[1], &dev) )
        return XL_EXIT_USAGE;
    if ( xl_backend_open(&b) )
        return XL_EXIT_FAIL;
    if ( !b->lookup )
        return xl_backend_missing("lookup"), XL_EXIT_FAIL;
    if ( b->lookup(argv[0], &domid) )
        return XL_EXIT_FAIL;
    if ( attach )
    {
        if ( !b->pci_attach )
            return xl_backend_missing("pci_attach"), XL_EXIT_FAIL;
        return b->pci_attach(domid, &dev) ? XL_EXIT_FAIL : XL_EXIT_OK;
    }
    if ( !b->pci_detach )
        return xl_backend_missing("pci_detach"), XL_EXIT_FAIL;
    return b->pci_detach(domid, &dev, force) ? XL_EXIT_FAIL : XL_EXIT_OK;
}

int xl_cmd_pci_attach(const struct xl_cmd *cmd, const struct xl_opts *o, int argc,
                      char **argv)
{
    return domain_pci_op(cmd, argv, true, false);
}

int xl_cmd_pci_detach(const struct xl_cmd *cmd, const struct xl_opts *o, int argc,
                      char **argv)
{
    return domain_pci_op(cmd, argv, false, o->set['f']);
}

int xl_cmd_pci_list(const struct xl_cmd *cmd, const struct xl_opts *o, int argc, char **argv)
{
    const struct xl_backend *b;
    uint32_t domid;

    if ( xl_backend_open(&b) )
        return XL_EXIT_FAIL;
    if ( !b->lookup || !b->pci_list )
        return xl_backend_missing("pci_list"), XL_EXIT_FAIL;
    if ( b->lookup(argv[0], &domid) )
        return XL_EXIT_FAIL;
    return b->pci_list(domid, xl_out) ? XL_EXIT_FAIL : XL_EXIT_OK;
}
