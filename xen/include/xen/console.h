/*
 * The hypervisor console.  printk output goes to every registered sink
 * (the serial port) and into a ring that keeps the most recent log for
 * `xl dmesg`.  The console lock serialises whole lines, so output of two
 * CPUs never interleaves inside a line.
 */
#ifndef XEN_CONSOLE_H
#define XEN_CONSOLE_H

#include <xen/types.h>

struct console_sink {
    const char *name;
    void (*write)(const char *s, size_t len);
    struct console_sink *next;
};

void console_register_sink(struct console_sink *sink);

/*
 * Copy out the log ring, oldest first, from the oldest byte kept (or from
 * *index if from_index); *index becomes the position after the last byte
 * copied.
 */
size_t console_read_ring(char *buf, size_t size, uint32_t *index, bool from_index);
/* Later reads start after everything written so far. */
void console_clear_ring(void);

/* From now on the console may not take locks (a fatal path). */
void console_force_unlock(void);

/* A byte of serial input: true if it went to the hardware domain (or switched input). */
bool console_input(unsigned char c);

#endif /* XEN_CONSOLE_H */
