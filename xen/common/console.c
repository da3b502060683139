/*
 * printk, the console sinks, and the log ring.
 *
 * Every line is prefixed "(XEN) " and written whole under console_lock to
 * each sink and into the ring.  The ring keeps the last CONSOLE_RING_SIZE
 * bytes; older text is overwritten.  On a fatal path console_force_unlock()
 * makes printk lock-free so a CPU that died holding the lock cannot silence
 * the crash report.
 */
#include <xen/compiler.h>
#include <xen/console.h>
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/spinlock.h>
#include <xen/string.h>
#include <asm/processor.h>

#define CONSOLE_RING_SIZE   (64 * 1024)
#define PRINTK_LINE_MAX     1024

static DEFINE_SPINLOCK(console_lock);
static bool console_unlocked_mode;
static struct console_sink *sinks;

enum { LOG_ERR, LOG_WARNING, LOG_INFO, LOG_DEBUG };
static unsigned int log_threshold = LOG_INFO;

static int parse_loglvl(const char *s)
{
    static const char *const names[] = { "error", "warning", "info", "debug" };

    if ( !strcmp(s, "all") )
    {
        log_threshold = LOG_DEBUG;
        return 0;
    }
    if ( !strcmp(s, "none") )
    {
        log_threshold = LOG_ERR;
        return 0;
    }
    for ( unsigned int i = 0; i < ARRAY_SIZE(names); i++ )
        if ( !strcmp(s, names[i]) )
        {
            log_threshold = i;
            return 0;
        }
    return -EINVAL;
}
custom_param("loglvl", parse_loglvl);

/* console=com1 is the only console there is; say so for anything else. */
static int parse_console(const char *s)
{
    return !strcmp(s, "com1") ? 0 : -EINVAL;
}
custom_param("console", parse_console);

static char ring[CONSOLE_RING_SIZE];
static uint64_t ring_produced;          /* total bytes ever written */
static uint64_t ring_cleared;           /* readers start here at the earliest */
static bool at_line_start = true;

void console_register_sink(struct console_sink *sink)
{
    sink->next = sinks;
    sinks = sink;
}

static void emit(const char *s, size_t len)
{
    for ( struct console_sink *k = sinks; k; k = k->next )
        k->write(s, len);
    for ( size_t i = 0; i < len; i++ )
        ring[ring_produced++ % CONSOLE_RING_SIZE] = s[i];
}

/* Write 'len' bytes, adding the prefix at the start of each line. */
static void emit_prefixed(const char *s, size_t len)
{
    static const char prefix[] = "(XEN) ";

    while ( len )
    {
        const char *nl = memchr(s, '\n', len);
        size_t chunk = nl ? (size_t)(nl - s) + 1 : len;

        if ( at_line_start )
            emit(prefix, sizeof(prefix) - 1);
        emit(s, chunk);
        at_line_start = nl != NULL;
        s += chunk;
        len -= chunk;
    }
}

void vprintk(const char *fmt, va_list args)
{
    char line[PRINTK_LINE_MAX];
    unsigned long flags = 0;
    unsigned int level = LOG_INFO;
    int len;

    if ( fmt[0] == '<' && fmt[1] >= '0' && fmt[1] <= '3' && fmt[2] == '>' )
    {
        level = fmt[1] - '0';
        fmt += 3;
    }
    if ( level > log_threshold )
        return;

    len = vsnprintf(line, sizeof(line), fmt, args);
    if ( len >= (int)sizeof(line) )
        len = sizeof(line) - 1;

    if ( !console_unlocked_mode )
        flags = spin_lock_irqsave(&console_lock);
    emit_prefixed(line, len);
    if ( !console_unlocked_mode )
        spin_unlock_irqrestore(&console_lock, flags);
}

void printk(const char *fmt, ...)
{
    va_list args;

    va_start(args, fmt);
    vprintk(fmt, args);
    va_end(args);
}

/*
 * Positions are byte counts since boot; a caller's 32-bit index may have
 * wrapped, so it is judged by its distance behind the producer.  A start
 * older than the ring holds (or than the last clear) reads from there.
 */
size_t console_read_ring(char *buf, size_t size, uint32_t *index, bool from_index)
{
    unsigned long flags = spin_lock_irqsave(&console_lock);
    uint64_t oldest = ring_produced < CONSOLE_RING_SIZE ? 0
                      : ring_produced - CONSOLE_RING_SIZE;
    uint64_t start, n;

    if ( oldest < ring_cleared )
        oldest = ring_cleared;
    start = oldest;
    if ( from_index )
    {
        uint32_t behind = (uint32_t)ring_produced - *index;

        if ( behind <= ring_produced - oldest )
            start = ring_produced - behind;
    }
    n = MIN(ring_produced - start, (uint64_t)size);
    for ( uint64_t i = 0; i < n; i++ )
        buf[i] = ring[(start + i) % CONSOLE_RING_SIZE];
    *index = (uint32_t)(start + n);
    spin_unlock_irqrestore(&console_lock, flags);
    return n;
}

void console_clear_ring(void)
{
    unsigned long flags = spin_lock_irqsave(&console_lock);

    ring_cleared = ring_produced;
    spin_unlock_irqrestore(&console_lock, flags);
}

void console_force_unlock(void)
{
    console_unlocked_mode = true;
}
