/*
 * buffer.h - a bounded byte queue: a domain's console output waiting for
 * its pty to take it.
 *
 * Rules: the queue never holds more than its limit; appending past it
 * drops the oldest bytes (a console nobody reads keeps its newest
 * output), and the count dropped is kept for the log.  The owner frees
 * it with console_buffer_free().
 */
#ifndef CONSOLE_BUFFER_H
#define CONSOLE_BUFFER_H

#include <stddef.h>

struct console_buffer {
    char *data;
    size_t len;             /* bytes queued, from data[0] */
    size_t limit;
    size_t dropped;         /* bytes discarded since creation */
};

/* 0, or -1 with errno ENOMEM; limit must be at least 1. */
int console_buffer_init(struct console_buffer *b, size_t limit);
void console_buffer_free(struct console_buffer *b);

void console_buffer_append(struct console_buffer *b, const char *bytes, size_t n);
/* Remove the first n queued bytes (n <= len). */
void console_buffer_consume(struct console_buffer *b, size_t n);

#endif /* CONSOLE_BUFFER_H */
