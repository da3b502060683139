/*
 * light_cfg_write.c - struct argon_domain_config as xl.cfg text.
 *
 * Rule: the text reads back (argon_config_from_xlcfg) to an equal config.
 * Unset fields (NULL strings, zero memory/maxmem/maxvcpus, a nil UUID) are
 * left out so the reader's defaults apply; strings are double-quoted with
 * C escapes for quotes, backslashes and control characters.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "light_internal.h"
#include <argon_light.h>

static void put_quoted(FILE *f, const char *s)
{
    fputc('"', f);
    for ( ; *s; s++ )
    {
        unsigned char ch = (unsigned char)*s;

        if ( ch == '"' || ch == '\\' )
            fprintf(f, "\\%c", ch);
        else if ( ch == '\n' )
            fputs("\\n", f);
        else if ( ch == '\t' )
            fputs("\\t", f);
        else if ( ch < 0x20 || ch == 0x7f )
            fprintf(f, "\\x%02x", ch);
        else
            fputc(ch, f);
    }
    fputc('"', f);
}

static void put_string(FILE *f, const char *key, const char *value)
{
    if ( !value )
        return;
    fprintf(f, "%s = ", key);
    put_quoted(f, value);
    fputc('\n', f);
}

static void put_number(FILE *f, const char *key, uint64_t v)
{
    if ( v )
        fprintf(f, "%s = %llu\n", key, (unsigned long long)v);
}

char *argon_config_to_xlcfg(const struct argon_domain_config *c)
{
    char uuid[ARGON_UUID_STRLEN + 1];
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    bool ok = true;

    if ( !f )
        return NULL;
    put_string(f, "name", c->name);
    if ( !argon_uuid_is_nil(&c->uuid) )
    {
        argon_uuid_format(&c->uuid, uuid);
        put_string(f, "uuid", uuid);
    }
    put_string(f, "type", argon_domain_type_to_string(c->type));
    put_string(f, "kernel", c->kernel);
    put_string(f, "ramdisk", c->ramdisk);
    put_string(f, "cmdline", c->cmdline);
    put_string(f, "root", c->root);
    put_string(f, "extra", c->extra);
    put_number(f, "memory", c->memory);
    put_number(f, "maxmem", c->maxmem);
    put_number(f, "vcpus", c->vcpus);
    put_number(f, "maxvcpus", c->maxvcpus);
    put_string(f, "on_poweroff", argon_shutdown_action_to_string(c->on_poweroff));
    put_string(f, "on_reboot", argon_shutdown_action_to_string(c->on_reboot));
    put_string(f, "on_crash", argon_shutdown_action_to_string(c->on_crash));
    if ( c->num_pci )
    {
        fputs("pci = [\n", f);
        for ( unsigned int i = 0; i < c->num_pci; i++ )
        {
            char *spec = argon_pci_format(&c->pci[i]);

            if ( !spec )
            {
                ok = false;
                break;
            }
            fputs("    ", f);
            put_quoted(f, spec);
            fputs(",\n", f);
            free(spec);
        }
        fputs("]\n", f);
    }
    if ( fclose(f) || !ok )
    {
        free(text);
        return NULL;
    }
    return text;
}
