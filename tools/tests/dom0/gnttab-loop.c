/*
 * gnttab-loop: libxengnttab against the real hypervisor, from dom0.
 * Shares a page with dom0 itself through gntalloc, maps that grant back
 * through gntdev, and checks that both mappings are the same page (a
 * pattern written through one is read through the other, both ways);
 * then unmaps and unshares.  One line says what happened; the exit
 * status is 0 only if the bytes matched.
 */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include <xengnttab.h>

static int failed(const char *what)
{
    printf("argon-dom0: gnttab: %s failed: %s\n", what, xengnttab_last_error());
    return 1;
}

int main(void)
{
    xengntshr_handle *shr = xengntshr_open(NULL, 0);
    xengnttab_handle *tab = xengnttab_open(NULL, 0);
    static const char there[] = "written through the grant mapping";
    char here[64];
    uint32_t ref;
    char *shared, *mapped;
    int same;

    if ( !shr || !tab )
        return failed("open");
    if ( xengnttab_set_max_grants(tab, 16) )
        return failed("set_max_grants");
    if ( !(shared = xengntshr_share_page(shr, 0, &ref, 1)) )
        return failed("share_page");
    snprintf(here, sizeof(here), "gref %u, written by its owner", ref);
    strcpy(shared, here);
    if ( !(mapped = xengnttab_map_grant_ref(tab, 0, ref, PROT_READ | PROT_WRITE)) )
        return failed("map_grant_ref");
    same = !strcmp(mapped, here);
    strcpy(mapped + 2048, there);
    same = same && !strcmp(shared + 2048, there);
    if ( xengnttab_unmap(tab, mapped, 1) )
        return failed("unmap");
    if ( xengntshr_unshare(shr, shared, 1) )
        return failed("unshare");
    xengnttab_close(tab);
    xengntshr_close(shr);
    printf("argon-dom0: gnttab: grant %u of dom0 mapped back by dom0: %s\n", ref,
           same ? "same page both ways" : "the bytes differ");
    return same ? 0 : 1;
}
