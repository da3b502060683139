/*
 * Shutdown codes: the command line names the reason (poweroff, reboot,
 * crash); the hypervisor must act on it for dom0 (power off, reset, or
 * report the crash and halt).
 */
#include <public/sched.h>

#include "guest.h"

void test_main(void)
{
    const char *cmd = (const char *)start_info->cmd_line;
    unsigned int reason = SHUTDOWN_poweroff;

    if ( !memcmp(cmd, "reboot", 7) )
        reason = SHUTDOWN_reboot;
    else if ( !memcmp(cmd, "crash", 6) )
        reason = SHUTDOWN_crash;
    printf("test-shutdown: shutting down with reason %u (%s)\n", reason, cmd);
    shutdown(reason);
}
