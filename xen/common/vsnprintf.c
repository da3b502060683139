/*
 * vsnprintf: the formatting engine behind printk.
 *
 * Supports the C99 conversions the hypervisor uses (d i u x X o c s p %),
 * the flags - 0 + space #, field width and precision (including '*'), and
 * the length modifiers hh h l ll z t.  Output is always NUL-terminated when
 * size > 0; the return value is the length the full output would have, as
 * in C99, so callers can detect truncation.  No floating point.
 */
#include <xen/lib.h>
#include <xen/string.h>

struct out {
    char *buf;
    size_t size;
    size_t len;                 /* characters produced so far, even if dropped */
};

static void put_char(struct out *o, char c)
{
    if ( o->len + 1 < o->size )
        o->buf[o->len] = c;
    o->len++;
}

static void put_repeat(struct out *o, char c, int count)
{
    while ( count-- > 0 )
        put_char(o, c);
}

enum {
    FLAG_LEFT  = 1 << 0,
    FLAG_ZERO  = 1 << 1,
    FLAG_PLUS  = 1 << 2,
    FLAG_SPACE = 1 << 3,
    FLAG_ALT   = 1 << 4,
    FLAG_UPPER = 1 << 5,
    FLAG_PTR   = 1 << 6,        /* %p: "0x" even for a null pointer */
};

struct spec {
    unsigned int flags;
    int width;                  /* -1: none */
    int precision;              /* -1: none */
};

static void put_number(struct out *o, uint64_t magnitude, bool negative,
                       unsigned int base, const struct spec *s)
{
    const char *digits = (s->flags & FLAG_UPPER) ? "0123456789ABCDEF"
                                                 : "0123456789abcdef";
    char tmp[24];
    int ndigits = 0, nprefix = 0, nzeros, pad;
    const char *prefix = "";
    bool zero = magnitude == 0;

    do {
        tmp[ndigits++] = digits[magnitude % base];
        magnitude /= base;
    } while ( magnitude );

    /* C99: a zero value with precision 0 prints no digits. */
    if ( s->precision == 0 && ndigits == 1 && tmp[0] == '0' )
        ndigits = 0;

    if ( negative )
        prefix = "-";
    else if ( s->flags & FLAG_PLUS )
        prefix = "+";
    else if ( s->flags & FLAG_SPACE )
        prefix = " ";
    else if ( ((s->flags & FLAG_ALT) && base == 16 && !zero) ||
              (s->flags & FLAG_PTR) )
        prefix = (s->flags & FLAG_UPPER) ? "0X" : "0x";
    else if ( (s->flags & FLAG_ALT) && base == 8 && tmp[ndigits - 1] != '0' )
        prefix = "0";
    nprefix = strlen(prefix);

    nzeros = s->precision > ndigits ? s->precision - ndigits : 0;
    pad = s->width - (nprefix + nzeros + ndigits);

    /* The 0 flag pads with zeros after the sign, unless a precision is given. */
    if ( (s->flags & FLAG_ZERO) && !(s->flags & FLAG_LEFT) && s->precision < 0 &&
         pad > 0 )
    {
        nzeros += pad;
        pad = 0;
    }

    if ( !(s->flags & FLAG_LEFT) )
        put_repeat(o, ' ', pad);
    while ( *prefix )
        put_char(o, *prefix++);
    put_repeat(o, '0', nzeros);
    while ( ndigits )
        put_char(o, tmp[--ndigits]);
    if ( s->flags & FLAG_LEFT )
        put_repeat(o, ' ', pad);
}

static void put_string(struct out *o, const char *str, const struct spec *s)
{
    size_t len;
    int pad;

    if ( str == NULL )
        str = "(null)";
    len = s->precision >= 0 ? strnlen(str, s->precision) : strlen(str);
    pad = s->width > (int)len ? s->width - (int)len : 0;

    if ( !(s->flags & FLAG_LEFT) )
        put_repeat(o, ' ', pad);
    for ( size_t i = 0; i < len; i++ )
        put_char(o, str[i]);
    if ( s->flags & FLAG_LEFT )
        put_repeat(o, ' ', pad);
}

static int parse_decimal(const char **p)
{
    int value = 0;

    while ( **p >= '0' && **p <= '9' )
    {
        if ( value < 100000 )   /* widths beyond this are nonsense; clamp */
            value = value * 10 + (**p - '0');
        (*p)++;
    }
    return value;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
    struct out o = { .buf = buf, .size = size, .len = 0 };
    va_list ap;

    va_copy(ap, args);

    while ( *fmt )
    {
        struct spec s = { .flags = 0, .width = -1, .precision = -1 };
        enum { LEN_INT, LEN_CHAR, LEN_SHORT, LEN_LONG, LEN_LLONG,
               LEN_SIZE, LEN_PTRDIFF } length = LEN_INT;
        unsigned int base = 10;
        bool is_signed = false;
        uint64_t magnitude;
        bool negative = false;

        if ( *fmt != '%' )
        {
            put_char(&o, *fmt++);
            continue;
        }
        fmt++;

        for ( ;; fmt++ )
        {
            if ( *fmt == '-' )      s.flags |= FLAG_LEFT;
            else if ( *fmt == '0' ) s.flags |= FLAG_ZERO;
            else if ( *fmt == '+' ) s.flags |= FLAG_PLUS;
            else if ( *fmt == ' ' ) s.flags |= FLAG_SPACE;
            else if ( *fmt == '#' ) s.flags |= FLAG_ALT;
            else break;
        }

        if ( *fmt == '*' )
        {
            s.width = va_arg(ap, int);
            if ( s.width < 0 )
            {
                s.flags |= FLAG_LEFT;
                s.width = -s.width;
            }
            fmt++;
        }
        else if ( *fmt >= '0' && *fmt <= '9' )
            s.width = parse_decimal(&fmt);

        if ( *fmt == '.' )
        {
            fmt++;
            if ( *fmt == '*' )
            {
                s.precision = va_arg(ap, int);
                if ( s.precision < 0 )
                    s.precision = -1;
                fmt++;
            }
            else
                s.precision = parse_decimal(&fmt);
        }

        switch ( *fmt )
        {
        case 'h':
            length = LEN_SHORT;
            if ( *++fmt == 'h' ) { length = LEN_CHAR; fmt++; }
            break;
        case 'l':
            length = LEN_LONG;
            if ( *++fmt == 'l' ) { length = LEN_LLONG; fmt++; }
            break;
        case 'z': length = LEN_SIZE; fmt++; break;
        case 't': length = LEN_PTRDIFF; fmt++; break;
        }

        switch ( *fmt )
        {
        case 'd': case 'i':
            is_signed = true;
            break;
        case 'u':
            break;
        case 'X':
            s.flags |= FLAG_UPPER;
            /* fall through */
        case 'x':
            base = 16;
            break;
        case 'o':
            base = 8;
            break;
        case 'c':
            if ( !(s.flags & FLAG_LEFT) )
                put_repeat(&o, ' ', s.width - 1);
            put_char(&o, (char)va_arg(ap, int));
            if ( s.flags & FLAG_LEFT )
                put_repeat(&o, ' ', s.width - 1);
            fmt++;
            continue;
        case 's':
            put_string(&o, va_arg(ap, const char *), &s);
            fmt++;
            continue;
        case 'p':
            s.flags |= FLAG_PTR;
            put_number(&o, (uintptr_t)va_arg(ap, void *), false, 16, &s);
            fmt++;
            continue;
        case '%':
            put_char(&o, '%');
            fmt++;
            continue;
        case '\0':
            continue;           /* a lone '%' at the end: print nothing */
        default:
            /* Unknown conversion: show it verbatim so the mistake is visible. */
            put_char(&o, '%');
            put_char(&o, *fmt++);
            continue;
        }
        fmt++;

        if ( is_signed )
        {
            int64_t v;

            switch ( length )
            {
            case LEN_CHAR:    v = (signed char)va_arg(ap, int); break;
            case LEN_SHORT:   v = (short)va_arg(ap, int); break;
            case LEN_LONG:    v = va_arg(ap, long); break;
            case LEN_LLONG:   v = va_arg(ap, long long); break;
            case LEN_SIZE:    v = va_arg(ap, ssize_t); break;
            case LEN_PTRDIFF: v = va_arg(ap, ptrdiff_t); break;
            default:          v = va_arg(ap, int); break;
            }
            negative = v < 0;
            magnitude = negative ? -(uint64_t)v : (uint64_t)v;
        }
        else
        {
            switch ( length )
            {
            case LEN_CHAR:    magnitude = (unsigned char)va_arg(ap, unsigned int); break;
            case LEN_SHORT:   magnitude = (unsigned short)va_arg(ap, unsigned int); break;
            case LEN_LONG:    magnitude = va_arg(ap, unsigned long); break;
            case LEN_LLONG:   magnitude = va_arg(ap, unsigned long long); break;
            case LEN_SIZE:    magnitude = va_arg(ap, size_t); break;
            case LEN_PTRDIFF: magnitude = (uint64_t)va_arg(ap, ptrdiff_t); break;
            default:          magnitude = va_arg(ap, unsigned int); break;
            }
        }
        put_number(&o, magnitude, negative, base, &s);
    }

    va_end(ap);
    if ( size > 0 )
        o.buf[o.len < size ? o.len : size - 1] = '\0';
    return o.len > INT32_MAX ? INT32_MAX : (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list args;
    int len;

    va_start(args, fmt);
    len = vsnprintf(buf, size, fmt, args);
    va_end(args);
    return len;
}
