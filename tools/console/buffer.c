/*
 * buffer.c - the bounded byte queue of console output.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "buffer.h"

int console_buffer_init(struct console_buffer *b, size_t limit)
{
    memset(b, 0, sizeof(*b));
    if ( limit == 0 )
    {
        errno = EINVAL;
        return -1;
    }
    if ( !(b->data = malloc(limit)) )
        return -1;
    b->limit = limit;
    return 0;
}

void console_buffer_free(struct console_buffer *b)
{
    free(b->data);
    memset(b, 0, sizeof(*b));
}

void console_buffer_append(struct console_buffer *b, const char *bytes, size_t n)
{
    if ( n >= b->limit )
    {
        /* Only the newest limit bytes of this chunk can stay. */
        b->dropped += b->len + (n - b->limit);
        memcpy(b->data, bytes + (n - b->limit), b->limit);
        b->len = b->limit;
        return;
    }
    if ( b->len + n > b->limit )
    {
        size_t excess = b->len + n - b->limit;

        console_buffer_consume(b, excess);
        b->dropped += excess;
    }
    memcpy(b->data + b->len, bytes, n);
    b->len += n;
}

void console_buffer_consume(struct console_buffer *b, size_t n)
{
    memmove(b->data, b->data + n, b->len - n);
    b->len -= n;
}
