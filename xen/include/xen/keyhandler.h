/*
 * Debug keys: single characters typed on the serial console, each bound to
 * a handler that prints diagnostics ('h' lists them).  Handlers run in the
 * serial interrupt, on the CPU that took it, with the interrupted frame.
 */
#ifndef XEN_KEYHANDLER_H
#define XEN_KEYHANDLER_H

#include <asm/regs.h>

typedef void (*keyhandler_fn)(unsigned char key, struct cpu_user_regs *regs);

void register_keyhandler(unsigned char key, keyhandler_fn fn, const char *desc);

/* Register the core's keys (and 'q', keyhandler-domains.c's). */
void keyhandler_init(void);
void keyhandler_domains_init(void);

/* Called by the console driver for each received character. */
void handle_keypress(unsigned char key, struct cpu_user_regs *regs);

#endif /* XEN_KEYHANDLER_H */
