/*
 * light_xml.c - libvirt-style domain XML <-> struct argon_domain_config.
 *
 *   <domain type='xen'>             only Xen domains
 *     <name/> <uuid/>
 *     <memory unit='KiB'/>          maxmem        (units as libvirt: b, KiB,
 *     <currentMemory unit='KiB'/>   memory         k, KB, MiB, M, MB, GiB, ...)
 *     <vcpu current='N'>M</vcpu>    vcpus N, maxvcpus M
 *     <os><type>linux</type><kernel/><initrd/><cmdline/></os>
 *     <on_poweroff/> <on_reboot/> <on_crash/>
 *     <devices><hostdev mode='subsystem' type='pci' managed='yes'>
 *       <source writeFiltering='no'><address domain= bus= slot= function=/>
 *     </source></hostdev></devices>
 *   </domain>
 *
 * managed='yes' is xl's seize; writeFiltering='no' is xl's permissive.
 * Memory must come out as whole MiB.  Elements Argon does not use are
 * warned about and skipped; elements it uses are checked strictly, and
 * errors name the element.  Parsing never touches the network or external
 * entities (no XML_PARSE_NOENT, XML_PARSE_DTDLOAD, with XML_PARSE_NONET).
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "light_internal.h"
#include <argon_light.h>

#define MIB (1024ull * 1024)

struct xml_errors {
    char first[256];
};

static void capture_error(void *opaque, xmlErrorPtr e)
{
    struct xml_errors *x = opaque;
    size_t n;

    if ( x->first[0] || !e || !e->message )
        return;
    snprintf(x->first, sizeof(x->first), "line %d: %s", e->line, e->message);
    n = strlen(x->first);
    while ( n && x->first[n - 1] == '\n' )
        x->first[--n] = '\0';
}

static void ignore_generic_error(void *opaque, const char *fmt, ...)
{
}

static bool is_element(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && !xmlStrcmp(n->name, BAD_CAST name);
}

/* The element's text with surrounding white space removed (free it). */
static char *text_of(const xmlNode *n)
{
    char *s = (char *)xmlNodeGetContent(n), *start, *end, *out;

    if ( !s )
        return strdup("");
    for ( start = s; isspace((unsigned char)*start); start++ )
        ;
    for ( end = start + strlen(start); end > start && isspace((unsigned char)end[-1]); end-- )
        ;
    out = strndup(start, (size_t)(end - start));
    xmlFree(s);
    return out;
}

static char *attr_of(const xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetProp(n, BAD_CAST name);
    char *s;

    if ( !v )
        return NULL;
    s = strdup((const char *)v);
    xmlFree(v);
    return s;
}

/* Decimal, or hex with 0x; digits only. */
static int parse_number(const char *s, unsigned long long *out)
{
    char *end;

    if ( !*s || *s == '-' || *s == '+' || isspace((unsigned char)*s) )
        return -1;
    errno = 0;
    *out = strtoull(s, &end, 0);
    return errno || *end ? -1 : 0;
}

static const struct { const char *name; unsigned long long bytes; } units[] = {
    { "b", 1 }, { "bytes", 1 },
    { "k", 1ull << 10 }, { "KiB", 1ull << 10 }, { "KB", 1000ull },
    { "M", 1ull << 20 }, { "MiB", 1ull << 20 }, { "MB", 1000000ull },
    { "G", 1ull << 30 }, { "GiB", 1ull << 30 }, { "GB", 1000000000ull },
    { "T", 1ull << 40 }, { "TiB", 1ull << 40 }, { "TB", 1000000000000ull },
};

static int parse_memory(const xmlNode *n, uint64_t *mib, struct argon_diag *d)
{
    const char *what = (const char *)n->name;
    char *text = text_of(n), *unit = attr_of(n, "unit");
    unsigned long long value, mult = 0;
    int rc = -1;

    if ( !text )
        goto out;
    for ( size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++ )
        if ( !strcmp(unit ? unit : "KiB", units[i].name) )
            mult = units[i].bytes;
    if ( !mult )
        argon_error(d, "<%s>: unknown unit '%.32s' (use KiB, MiB or GiB)", what, unit);
    else if ( parse_number(text, &value) )
        argon_error(d, "<%s>: expected a whole number, not '%.32s'", what, text);
    else if ( value == 0 )
        argon_error(d, "<%s>: must be greater than 0", what);
    else if ( value > ULLONG_MAX / mult )
        argon_error(d, "<%s>: %llu %s is too large", what, value, unit ? unit : "KiB");
    else if ( (value * mult) % MIB )
        argon_error(d, "<%s>: %llu %s is not a whole number of MiB", what, value,
                    unit ? unit : "KiB");
    else
    {
        *mib = value * mult / MIB;
        rc = 0;
    }
 out:
    free(text);
    free(unit);
    return rc;
}

static int set_string(const xmlNode *n, char **field, struct argon_diag *d)
{
    char *s = text_of(n);

    if ( !s )
        return argon_error(d, "out of memory");
    free(*field);
    *field = s;
    return 0;
}

static int parse_action(const xmlNode *n, enum argon_shutdown_action *a, struct argon_diag *d)
{
    char *s = text_of(n);
    int rc = 0;

    if ( !s || argon_shutdown_action_from_string(s, a) )
        rc = argon_error(d, "<%s>: '%.32s' is not one of destroy, restart, preserve, "
                         "rename-restart, coredump-destroy, coredump-restart",
                         (const char *)n->name, s ? s : "");
    free(s);
    return rc;
}

static int parse_vcpu(const xmlNode *n, struct argon_domain_config *c, struct argon_diag *d)
{
    char *text = text_of(n), *current = attr_of(n, "current");
    unsigned long long max, cur;
    int rc = -1;

    if ( !text || parse_number(text, &max) || max == 0 || max > UINT32_MAX )
        argon_error(d, "<vcpu>: expected a number of virtual CPUs, not '%.32s'",
                    text ? text : "");
    else if ( current && (parse_number(current, &cur) || cur == 0 || cur > UINT32_MAX) )
        argon_error(d, "<vcpu current='%.32s'>: expected a number of virtual CPUs", current);
    else
    {
        c->maxvcpus = (uint32_t)max;
        c->vcpus = current ? (uint32_t)cur : (uint32_t)max;
        rc = 0;
    }
    free(text);
    free(current);
    return rc;
}

static int parse_os(const xmlNode *os, struct argon_domain_config *c, struct argon_diag *d)
{
    for ( const xmlNode *n = os->children; n; n = n->next )
    {
        if ( n->type != XML_ELEMENT_NODE )
            continue;
        if ( is_element(n, "type") )
        {
            char *t = text_of(n);
            bool pv = t && (!strcmp(t, "linux") || !strcmp(t, "xen") || !strcmp(t, "xenpv"));

            if ( !pv )
                argon_error(d, "<os><type>: '%.32s' is not supported; Argon runs PV guests "
                            "(<type>linux</type>)", t ? t : "");
            free(t);
            if ( !pv )
                return -1;
            c->type = ARGON_DOMAIN_TYPE_PV;
        }
        else if ( is_element(n, "kernel") )
        {
            if ( set_string(n, &c->kernel, d) )
                return -1;
        }
        else if ( is_element(n, "initrd") )
        {
            if ( set_string(n, &c->ramdisk, d) )
                return -1;
        }
        else if ( is_element(n, "cmdline") )
        {
            if ( set_string(n, &c->cmdline, d) )
                return -1;
        }
        else
            argon_warn(d, "<os><%s> is not used by Argon; ignored", (const char *)n->name);
    }
    return 0;
}

static int parse_address_part(const xmlNode *addr, const char *name, unsigned long long max,
                              bool required, unsigned long long *out, struct argon_diag *d)
{
    char *v = attr_of(addr, name);
    int rc = 0;

    *out = 0;
    if ( !v )
    {
        if ( required )
            rc = argon_error(d, "<hostdev><source><address>: missing %s=", name);
    }
    else if ( parse_number(v, out) || *out > max )
        rc = argon_error(d, "<hostdev><source><address>: %s='%.32s' is not a number "
                         "from 0 to 0x%llx", name, v, max);
    free(v);
    return rc;
}

static int parse_hostdev(const xmlNode *h, struct argon_domain_config *c, struct argon_diag *d)
{
    char *mode = attr_of(h, "mode"), *type = attr_of(h, "type"), *managed = attr_of(h, "managed");
    struct argon_pci_dev dev, *devs;
    const xmlNode *src = NULL, *addr = NULL;
    unsigned long long dom, bus, slot, fn;
    int rc = -1;

    argon_pci_dev_init(&dev);
    if ( !mode || strcmp(mode, "subsystem") || !type || strcmp(type, "pci") )
    {
        argon_error(d, "<hostdev>: only mode='subsystem' type='pci' is supported");
        goto out;
    }
    if ( managed && strcmp(managed, "yes") && strcmp(managed, "no") )
    {
        argon_error(d, "<hostdev managed='%.16s'>: expected yes or no", managed);
        goto out;
    }
    dev.seize = managed && !strcmp(managed, "yes");
    for ( const xmlNode *n = h->children; n; n = n->next )
        if ( is_element(n, "source") )
            src = n;
    for ( const xmlNode *n = src ? src->children : NULL; n; n = n->next )
        if ( is_element(n, "address") )
            addr = n;
    if ( !addr )
    {
        argon_error(d, "<hostdev>: missing <source><address .../></source>");
        goto out;
    }
    if ( parse_address_part(addr, "domain", 0xffff, false, &dom, d) ||
         parse_address_part(addr, "bus", 0xff, true, &bus, d) ||
         parse_address_part(addr, "slot", 0x1f, true, &slot, d) ||
         parse_address_part(addr, "function", 7, true, &fn, d) )
        goto out;
    dev.domain = (uint16_t)dom;
    dev.bus = (uint8_t)bus;
    dev.dev = (uint8_t)slot;
    dev.func = (uint8_t)fn;
    {
        char *wf = attr_of(src, "writeFiltering");
        bool bad_wf = wf && strcmp(wf, "yes") && strcmp(wf, "no");

        if ( bad_wf )
            argon_error(d, "<hostdev><source writeFiltering='%.16s'>: expected yes or no", wf);
        dev.permissive = wf && !strcmp(wf, "no");
        free(wf);
        if ( bad_wf )
            goto out;
    }
    if ( c->num_pci >= 4096 )
    {
        argon_error(d, "<devices>: more than 4096 <hostdev> elements");
        goto out;
    }
    if ( !(devs = realloc(c->pci, (c->num_pci + 1) * sizeof(*devs))) )
    {
        argon_error(d, "out of memory");
        goto out;
    }
    c->pci = devs;
    c->pci[c->num_pci++] = dev;
    rc = 0;
 out:
    free(mode);
    free(type);
    free(managed);
    return rc;
}

static int parse_devices(const xmlNode *devices, struct argon_domain_config *c,
                         struct argon_diag *d)
{
    for ( const xmlNode *n = devices->children; n; n = n->next )
    {
        if ( n->type != XML_ELEMENT_NODE )
            continue;
        if ( !is_element(n, "hostdev") )
            argon_warn(d, "<devices><%s> is not supported yet; ignored", (const char *)n->name);
        else if ( parse_hostdev(n, c, d) )
            return -1;
    }
    return 0;
}

/* Elements that may appear once; a second one is an error, not a silent override. */
static const char *const single[] = {
    "name", "uuid", "memory", "currentMemory", "vcpu", "os",
    "on_poweroff", "on_reboot", "on_crash", "devices",
};

static int parse_domain(const xmlNode *root, struct argon_domain_config *c,
                        struct argon_diag *d)
{
    unsigned int seen = 0;
    bool have_current = false, have_memory = false;
    uint64_t memory = 0;
    char *type;

    if ( !is_element(root, "domain") )
        return argon_error(d, "<%s>: the root element must be <domain>", (const char *)root->name);
    type = attr_of(root, "type");
    if ( !type || strcmp(type, "xen") )
    {
        argon_error(d, "<domain type='%.16s'>: only type='xen' is supported", type ? type : "");
        free(type);
        return -1;
    }
    free(type);

    for ( const xmlNode *n = root->children; n; n = n->next )
    {
        unsigned int i;
        int rc = 0;

        if ( n->type != XML_ELEMENT_NODE )
            continue;
        for ( i = 0; i < sizeof(single) / sizeof(single[0]); i++ )
            if ( is_element(n, single[i]) )
                break;
        if ( i == sizeof(single) / sizeof(single[0]) )
        {
            argon_warn(d, "<%s> is not used by Argon; ignored", (const char *)n->name);
            continue;
        }
        if ( seen & (1u << i) )
            return argon_error(d, "<%s> appears more than once", single[i]);
        seen |= 1u << i;

        if ( is_element(n, "name") )
            rc = set_string(n, &c->name, d);
        else if ( is_element(n, "uuid") )
        {
            char *s = text_of(n);

            if ( !s || argon_uuid_parse(s, &c->uuid) )
                rc = argon_error(d, "<uuid>: '%.40s' is not a UUID "
                                 "(xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)", s ? s : "");
            free(s);
        }
        else if ( is_element(n, "memory") )
        {
            rc = parse_memory(n, &c->maxmem, d);
            have_memory = true;
        }
        else if ( is_element(n, "currentMemory") )
        {
            rc = parse_memory(n, &memory, d);
            have_current = true;
        }
        else if ( is_element(n, "vcpu") )
            rc = parse_vcpu(n, c, d);
        else if ( is_element(n, "os") )
            rc = parse_os(n, c, d);
        else if ( is_element(n, "on_poweroff") )
            rc = parse_action(n, &c->on_poweroff, d);
        else if ( is_element(n, "on_reboot") )
            rc = parse_action(n, &c->on_reboot, d);
        else if ( is_element(n, "on_crash") )
            rc = parse_action(n, &c->on_crash, d);
        else if ( is_element(n, "devices") )
            rc = parse_devices(n, c, d);
        if ( rc )
            return -1;
    }
    /* libvirt: <memory> is the maximum; without <currentMemory> the guest gets it all */
    c->memory = have_current ? memory : have_memory ? c->maxmem : 0;
    return 0;
}

/* Which XML element a validation error about a field is about. */
static const char *element_of(const char *field)
{
    static const struct { const char *field, *element; } map[] = {
        { "name", "<name>" }, { "kernel", "<os><kernel>" }, { "memory", "<currentMemory>" },
        { "maxmem", "<memory>" }, { "vcpus", "<vcpu current=...>" }, { "maxvcpus", "<vcpu>" },
        { "pci", "<hostdev>" },
    };

    for ( size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++ )
        if ( !strncmp(field, map[i].field, strlen(map[i].field)) )
            return map[i].element;
    return "<domain>";
}

int argon_config_from_xml(const char *text, size_t len, struct argon_domain_config *c,
                          struct argon_diag *d)
{
    struct xml_errors errs = { { 0 } };
    struct argon_diag tmp;
    xmlDocPtr doc;
    xmlNodePtr root;
    int rc;

    argon_domain_config_init(c);
    if ( len > INT_MAX )
        return argon_error(d, "XML document too large");
    xmlSetStructuredErrorFunc(&errs, capture_error);
    xmlSetGenericErrorFunc(NULL, ignore_generic_error);
    doc = xmlReadMemory(text, (int)len, "domain.xml", NULL, XML_PARSE_NONET);
    xmlSetStructuredErrorFunc(NULL, NULL);
    xmlSetGenericErrorFunc(NULL, NULL);
    if ( !doc )
        return argon_error(d, "invalid XML: %s", errs.first[0] ? errs.first : "cannot parse");
    root = xmlDocGetRootElement(doc);
    rc = root ? parse_domain(root, c, d) : argon_error(d, "invalid XML: no root element");
    xmlFreeDoc(doc);
    if ( rc )
        goto fail;

    argon_domain_config_set_defaults(c);
    argon_diag_init(&tmp);
    if ( argon_domain_config_validate(c, &tmp) )
    {
        argon_field_error(d, tmp.field, "%s: %s", element_of(tmp.field), tmp.msg);
        goto fail;
    }
    return 0;

 fail:
    argon_domain_config_dispose(c);
    return -1;
}

/* ---- export ---- */

/* XML 1.0 cannot carry most control characters, even escaped. */
static bool xml_safe(const char *s)
{
    for ( ; s && *s; s++ )
        if ( (unsigned char)*s < 0x20 && *s != '\t' && *s != '\n' && *s != '\r' )
            return false;
    return true;
}

static xmlNodePtr add_text(xmlNodePtr parent, const char *name, const char *text)
{
    return xmlNewTextChild(parent, NULL, BAD_CAST name, BAD_CAST text);
}

static void add_number(xmlNodePtr parent, const char *name, uint64_t v, const char *unit)
{
    char buf[32];
    xmlNodePtr n;

    snprintf(buf, sizeof(buf), "%llu", (unsigned long long)v);
    n = add_text(parent, name, buf);
    if ( unit )
        xmlNewProp(n, BAD_CAST "unit", BAD_CAST unit);
}

static void add_hostdev(xmlNodePtr devices, const struct argon_pci_dev *p, struct argon_diag *d)
{
    xmlNodePtr h = xmlNewChild(devices, NULL, BAD_CAST "hostdev", NULL);
    xmlNodePtr src, addr;
    char buf[16];

    xmlNewProp(h, BAD_CAST "mode", BAD_CAST "subsystem");
    xmlNewProp(h, BAD_CAST "type", BAD_CAST "pci");
    xmlNewProp(h, BAD_CAST "managed", BAD_CAST (p->seize ? "yes" : "no"));
    src = xmlNewChild(h, NULL, BAD_CAST "source", NULL);
    if ( p->permissive )
        xmlNewProp(src, BAD_CAST "writeFiltering", BAD_CAST "no");
    addr = xmlNewChild(src, NULL, BAD_CAST "address", NULL);
    snprintf(buf, sizeof(buf), "0x%04x", p->domain);
    xmlNewProp(addr, BAD_CAST "domain", BAD_CAST buf);
    snprintf(buf, sizeof(buf), "0x%02x", p->bus);
    xmlNewProp(addr, BAD_CAST "bus", BAD_CAST buf);
    snprintf(buf, sizeof(buf), "0x%02x", p->dev);
    xmlNewProp(addr, BAD_CAST "slot", BAD_CAST buf);
    snprintf(buf, sizeof(buf), "0x%x", p->func);
    xmlNewProp(addr, BAD_CAST "function", BAD_CAST buf);
    if ( p->msitranslate || p->rdm_policy != ARGON_RDM_POLICY_STRICT )
    {
        char bdf[ARGON_PCI_BDF_STRLEN + 1];

        argon_pci_format_bdf(p, bdf);
        argon_warn(d, "PCI device %s: msitranslate and rdm_policy have no libvirt XML "
                   "form and are left out", bdf);
    }
}

char *argon_config_to_xml(const struct argon_domain_config *c, struct argon_diag *d)
{
    const char *strings[] = { c->name, c->kernel, c->ramdisk, c->cmdline, c->root, c->extra };
    char uuid[ARGON_UUID_STRLEN + 1], buf[32];
    char *cmdline = NULL, *out = NULL;
    xmlDocPtr doc;
    xmlNodePtr root, os, n;
    xmlBufferPtr xb;

    for ( size_t i = 0; i < sizeof(strings) / sizeof(strings[0]); i++ )
        if ( !xml_safe(strings[i]) )
        {
            argon_error(d, "a string of the config holds control characters that XML "
                        "cannot carry");
            return NULL;
        }
    if ( !(doc = xmlNewDoc(BAD_CAST "1.0")) )
        goto nomem;
    root = xmlNewDocNode(doc, NULL, BAD_CAST "domain", NULL);
    xmlDocSetRootElement(doc, root);
    xmlNewProp(root, BAD_CAST "type", BAD_CAST "xen");
    if ( c->name )
        add_text(root, "name", c->name);
    if ( !argon_uuid_is_nil(&c->uuid) )
    {
        argon_uuid_format(&c->uuid, uuid);
        add_text(root, "uuid", uuid);
    }
    /* KiB, as libvirt writes it; a MiB count times 1024 cannot overflow at our limits */
    if ( c->maxmem )
        add_number(root, "memory", c->maxmem * 1024, "KiB");
    if ( c->memory )
        add_number(root, "currentMemory", c->memory * 1024, "KiB");
    snprintf(buf, sizeof(buf), "%u", c->maxvcpus ? c->maxvcpus : c->vcpus);
    n = add_text(root, "vcpu", buf);
    if ( c->maxvcpus && c->vcpus != c->maxvcpus )
    {
        snprintf(buf, sizeof(buf), "%u", c->vcpus);
        xmlNewProp(n, BAD_CAST "current", BAD_CAST buf);
    }
    os = xmlNewChild(root, NULL, BAD_CAST "os", NULL);
    add_text(os, "type", "linux");
    if ( c->kernel )
        add_text(os, "kernel", c->kernel);
    if ( c->ramdisk )
        add_text(os, "initrd", c->ramdisk);
    if ( (cmdline = argon_domain_config_cmdline(c)) )
        add_text(os, "cmdline", cmdline);
    add_text(root, "on_poweroff", argon_shutdown_action_to_string(c->on_poweroff) ?: "destroy");
    add_text(root, "on_reboot", argon_shutdown_action_to_string(c->on_reboot) ?: "restart");
    add_text(root, "on_crash", argon_shutdown_action_to_string(c->on_crash) ?: "destroy");
    if ( c->num_pci )
    {
        xmlNodePtr devices = xmlNewChild(root, NULL, BAD_CAST "devices", NULL);

        for ( unsigned int i = 0; i < c->num_pci; i++ )
            add_hostdev(devices, &c->pci[i], d);
    }

    if ( (xb = xmlBufferCreate()) )
    {
        if ( xmlNodeDump(xb, doc, root, 0, 1) >= 0 &&
             asprintf(&out, "%s\n", (const char *)xmlBufferContent(xb)) < 0 )
            out = NULL;
        xmlBufferFree(xb);
    }
    xmlFreeDoc(doc);
    free(cmdline);
    if ( out )
        return out;
 nomem:
    argon_error(d, "out of memory");
    return NULL;
}
