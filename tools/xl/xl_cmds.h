/*
 * xl_cmds.h - the command handlers, each referenced once from xl_cmdtable.c.
 */
#ifndef XL_CMDS_H
#define XL_CMDS_H

#include "xl.h"

xl_handler xl_cmd_help, xl_cmd_create, xl_cmd_list, xl_cmd_destroy, xl_cmd_shutdown,
    xl_cmd_reboot, xl_cmd_pause, xl_cmd_unpause, xl_cmd_console, xl_cmd_info,
    xl_cmd_dmesg, xl_cmd_mem_set, xl_cmd_vcpu_list, xl_cmd_pci_assignable_add,
    xl_cmd_pci_assignable_remove, xl_cmd_pci_assignable_list, xl_cmd_pci_attach,
    xl_cmd_pci_detach, xl_cmd_pci_list, xl_cmd_domxml_to_xen, xl_cmd_domxml_from_xen,
    xl_cmd_config_to_json;

#endif /* XL_CMDS_H */
