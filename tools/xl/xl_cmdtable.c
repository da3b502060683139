/*
 * xl_cmdtable.c - every xl command, once.  `xl help`, `xl help CMD`, option
 * parsing and argument-count checks are all driven by these entries, and
 * docs/xl.1 documents the same names (a unit test holds the two together).
 */
#include "xl_cmds.h"

const struct xl_cmd xl_cmdtable[] = {
    {
        .name = "help", .fn = xl_cmd_help,
        .summary = "Show the commands, or one command's usage and options",
        .usage = "[COMMAND]", .optstring = "", .max_args = 1,
    },
    {
        .name = "create", .fn = xl_cmd_create,
        .summary = "Create a domain from an xl.cfg file",
        .usage = "[-c] [-n] [-p] [-f CONFIG | CONFIG] [KEY=VALUE ...]",
        .optstring = "cnpf:",
        .options = "  -c         attach to the domain's console once it is created\n"
                   "  -n         dry run: parse and check the config, print it as JSON\n"
                   "  -p         leave the domain paused after creating it\n"
                   "  -f CONFIG  the config file (or give it as the first argument)\n"
                   "  KEY=VALUE  override or add a setting, in xl.cfg syntax\n",
        .max_args = XL_ARGS_ANY, .needs_hypervisor = true,
    },
    {
        .name = "list", .fn = xl_cmd_list,
        .summary = "List domains",
        .usage = "[-l] [DOMAIN ...]", .optstring = "l",
        .options = "  -l  print each domain's full configuration as JSON\n",
        .max_args = XL_ARGS_ANY, .needs_hypervisor = true,
    },
    {
        .name = "destroy", .fn = xl_cmd_destroy,
        .summary = "Stop a domain at once and release its resources",
        .usage = "DOMAIN", .optstring = "", .min_args = 1, .max_args = 1,
        .needs_hypervisor = true,
    },
    {
        .name = "shutdown", .fn = xl_cmd_shutdown,
        .summary = "Ask a domain to shut down cleanly",
        .usage = "DOMAIN", .optstring = "", .min_args = 1, .max_args = 1,
        .needs_hypervisor = true,
    },
    {
        .name = "reboot", .fn = xl_cmd_reboot,
        .summary = "Ask a domain to reboot",
        .usage = "DOMAIN", .optstring = "", .min_args = 1, .max_args = 1,
        .needs_hypervisor = true,
    },
    {
        .name = "pause", .fn = xl_cmd_pause,
        .summary = "Stop scheduling a domain's virtual CPUs",
        .usage = "DOMAIN", .optstring = "", .min_args = 1, .max_args = 1,
        .needs_hypervisor = true,
    },
    {
        .name = "unpause", .fn = xl_cmd_unpause,
        .summary = "Resume a paused domain",
        .usage = "DOMAIN", .optstring = "", .min_args = 1, .max_args = 1,
        .needs_hypervisor = true,
    },
    {
        .name = "console", .fn = xl_cmd_console,
        .summary = "Attach to a domain's console (Ctrl-] detaches)",
        .usage = "DOMAIN", .optstring = "", .min_args = 1, .max_args = 1,
        .needs_hypervisor = true,
    },
    {
        .name = "info", .fn = xl_cmd_info,
        .summary = "Show facts about the host and the hypervisor",
        .usage = "", .optstring = "", .needs_hypervisor = true,
    },
    {
        .name = "dmesg", .fn = xl_cmd_dmesg,
        .summary = "Show the hypervisor's message buffer",
        .usage = "[-c]", .optstring = "c",
        .options = "  -c  clear the buffer after printing it\n",
        .needs_hypervisor = true,
    },
    {
        .name = "mem-set", .fn = xl_cmd_mem_set,
        .summary = "Set a domain's memory target through its balloon driver",
        .usage = "DOMAIN MEMORY",
        .options = "  MEMORY  a number with an optional unit k, m, g or t (MiB if none)\n",
        .optstring = "", .min_args = 2, .max_args = 2, .needs_hypervisor = true,
    },
    {
        .name = "vcpu-list", .fn = xl_cmd_vcpu_list,
        .summary = "List the virtual CPUs of domains",
        .usage = "[DOMAIN ...]", .optstring = "", .max_args = XL_ARGS_ANY,
        .needs_hypervisor = true,
    },
    {
        .name = "pci-assignable-add", .fn = xl_cmd_pci_assignable_add,
        .summary = "Make a PCI device assignable to guests (bind it to pciback)",
        .usage = "BDF", .optstring = "", .min_args = 1, .max_args = 1,
        .needs_hypervisor = true,
    },
    {
        .name = "pci-assignable-remove", .fn = xl_cmd_pci_assignable_remove,
        .summary = "Make a PCI device unassignable again",
        .usage = "[-r] BDF", .optstring = "r",
        .options = "  -r  rebind the device to the driver it had before\n",
        .min_args = 1, .max_args = 1, .needs_hypervisor = true,
    },
    {
        .name = "pci-assignable-list", .fn = xl_cmd_pci_assignable_list,
        .summary = "List the PCI devices that can be assigned to guests",
        .usage = "", .optstring = "", .needs_hypervisor = true,
    },
    {
        .name = "pci-attach", .fn = xl_cmd_pci_attach,
        .summary = "Pass a PCI device through to a running domain",
        .usage = "DOMAIN BDF[,OPTION=VALUE ...]", .optstring = "",
        .options = "  BDF  [DDDD:]BB:DD.F, options as in xl.cfg's pci list\n",
        .min_args = 2, .max_args = 2, .needs_hypervisor = true,
    },
    {
        .name = "pci-detach", .fn = xl_cmd_pci_detach,
        .summary = "Take a passed-through PCI device away from a domain",
        .usage = "[-f] DOMAIN BDF", .optstring = "f",
        .options = "  -f  detach even if the guest does not cooperate\n",
        .min_args = 2, .max_args = 2, .needs_hypervisor = true,
    },
    {
        .name = "pci-list", .fn = xl_cmd_pci_list,
        .summary = "List the PCI devices passed through to a domain",
        .usage = "DOMAIN", .optstring = "", .min_args = 1, .max_args = 1,
        .needs_hypervisor = true,
    },
    {
        .name = "domxml-to-xen", .fn = xl_cmd_domxml_to_xen,
        .summary = "Convert libvirt domain XML to an xl.cfg file",
        .usage = "XMLFILE", .optstring = "", .min_args = 1, .max_args = 1,
    },
    {
        .name = "domxml-from-xen", .fn = xl_cmd_domxml_from_xen,
        .summary = "Convert an xl.cfg file to libvirt domain XML",
        .usage = "CONFIG [KEY=VALUE ...]", .optstring = "", .min_args = 1,
        .max_args = XL_ARGS_ANY,
    },
    {
        .name = "config-to-json", .fn = xl_cmd_config_to_json,
        .summary = "Check an xl.cfg or domain XML file and print it as JSON",
        .usage = "[-x] FILE", .optstring = "x",
        .options = "  -x  FILE is libvirt domain XML (default: xl.cfg)\n",
        .min_args = 1, .max_args = 1,
    },
};

const unsigned int xl_cmdtable_len = sizeof(xl_cmdtable) / sizeof(xl_cmdtable[0]);
