/*
 * The command-line parser: "name", "no-name" and "name=value" words
 * separated by spaces, matched against the registered options.
 */
#include <xen/errno.h>
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/string.h>

#define NAME_MAX_LEN 64

static bool word_is(const char *s, size_t len, const char *word)
{
    return strlen(word) == len && !strncmp(s, word, len);
}

int parse_bool_value(const char *s, size_t len, bool *out)
{
    if ( word_is(s, len, "1") || word_is(s, len, "yes") ||
         word_is(s, len, "on") || word_is(s, len, "true") ||
         word_is(s, len, "enable") )
        *out = true;
    else if ( word_is(s, len, "0") || word_is(s, len, "no") ||
              word_is(s, len, "off") || word_is(s, len, "false") ||
              word_is(s, len, "disable") )
        *out = false;
    else
        return -EINVAL;
    return 0;
}

int parse_uint_value(const char *s, size_t len, uint64_t *out)
{
    unsigned int base = 10;
    uint64_t v = 0;

    if ( len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') )
    {
        base = 16;
        s += 2;
        len -= 2;
    }
    if ( len == 0 )
        return -EINVAL;
    for ( ; len; s++, len-- )
    {
        unsigned int digit;

        if ( *s >= '0' && *s <= '9' )
            digit = *s - '0';
        else if ( base == 16 && *s >= 'a' && *s <= 'f' )
            digit = *s - 'a' + 10;
        else if ( base == 16 && *s >= 'A' && *s <= 'F' )
            digit = *s - 'A' + 10;
        else
            return -EINVAL;
        if ( v > (UINT64_MAX - digit) / base )
            return -ERANGE;
        v = v * base + digit;
    }
    *out = v;
    return 0;
}

int parse_size_value(const char *s, size_t len, uint64_t *out)
{
    unsigned int shift = 0;
    uint64_t v;
    int rc;

    if ( len > 1 )
    {
        switch ( s[len - 1] )
        {
        case 'k': case 'K': shift = 10; break;
        case 'm': case 'M': shift = 20; break;
        case 'g': case 'G': shift = 30; break;
        case 't': case 'T': shift = 40; break;
        case 'b': case 'B': shift = 0; break;
        default: len++; break;  /* no suffix: keep the last character */
        }
        len--;
    }
    rc = parse_uint_value(s, len, &v);
    if ( rc )
        return rc;
    if ( shift && v > (UINT64_MAX >> shift) )
        return -ERANGE;
    *out = v << shift;
    return 0;
}

static int store_uint(const struct param *p, uint64_t v)
{
    switch ( p->size )
    {
    case 1: if ( v > UINT8_MAX ) return -ERANGE; *(uint8_t *)p->var = v; break;
    case 2: if ( v > UINT16_MAX ) return -ERANGE; *(uint16_t *)p->var = v; break;
    case 4: if ( v > UINT32_MAX ) return -ERANGE; *(uint32_t *)p->var = v; break;
    case 8: *(uint64_t *)p->var = v; break;
    default: return -EINVAL;
    }
    return 0;
}

/* Apply one option; 'value' is NULL for a bare word. */
static int apply(const struct param *p, bool negated, const char *value, size_t vlen)
{
    char buf[256];
    uint64_t v;
    int rc;

    switch ( p->type )
    {
    case PARAM_BOOL:
        if ( value == NULL )
        {
            *(bool *)p->var = !negated;
            return 0;
        }
        if ( negated )
            return -EINVAL;
        return parse_bool_value(value, vlen, p->var);
    case PARAM_UINT:
    case PARAM_SIZE:
        if ( value == NULL || negated )
            return -EINVAL;
        rc = p->type == PARAM_UINT ? parse_uint_value(value, vlen, &v)
                                   : parse_size_value(value, vlen, &v);
        return rc ? rc : store_uint(p, v);
    case PARAM_STRING:
        if ( value == NULL || negated || vlen >= p->size )
            return value && vlen >= p->size ? -E2BIG : -EINVAL;
        memcpy(p->var, value, vlen);
        ((char *)p->var)[vlen] = '\0';
        return 0;
    case PARAM_CUSTOM:
        if ( negated )
        {
            if ( value )
                return -EINVAL;
            value = "0";
            vlen = 1;
        }
        if ( value == NULL )
        {
            value = "";
            vlen = 0;
        }
        if ( vlen >= sizeof(buf) )
            return -E2BIG;
        memcpy(buf, value, vlen);
        buf[vlen] = '\0';
        return p->custom(buf);
    }
    return -EINVAL;
}

unsigned int parse_params(const char *cmdline, const struct param *first,
                          const struct param *last)
{
    unsigned int errors = 0;
    const char *s = cmdline;

    while ( *s )
    {
        const char *word, *eq, *value = NULL;
        size_t len, nlen, vlen = 0;
        bool negated = false, found = false;

        while ( *s == ' ' || *s == '\t' )
            s++;
        if ( !*s )
            break;
        word = s;
        while ( *s && *s != ' ' && *s != '\t' )
            s++;
        len = s - word;

        eq = memchr(word, '=', len);
        nlen = eq ? (size_t)(eq - word) : len;
        if ( eq )
        {
            value = eq + 1;
            vlen = len - nlen - 1;
        }

        for ( int pass = 0; pass < 2 && !found; pass++ )
        {
            /* Pass 0: the word as given; pass 1: "no-NAME" as the negation of NAME. */
            const char *name = word;
            size_t name_len = nlen;

            if ( pass == 1 )
            {
                if ( nlen <= 3 || strncmp(word, "no-", 3) )
                    break;
                name += 3;
                name_len -= 3;
                negated = true;
            }
            for ( const struct param *p = first; p < last; p++ )
            {
                int rc;

                if ( strlen(p->name) != name_len || strncmp(p->name, name, name_len) )
                    continue;
                found = true;
                rc = apply(p, negated, value, vlen);
                if ( rc )
                {
                    printk("Bad value for command line option '%.*s' (%d)\n",
                           (int)len, word, rc);
                    errors++;
                }
                break;
            }
        }
        if ( !found )
        {
            printk("Unknown command line option '%.*s'\n", (int)len, word);
            errors++;
        }
    }
    return errors;
}
