# Unit tests of libxengnttab over fake gntdev/gntalloc devices.  Built in
# tools/tests/unit/; run-tests -k gnttab.

.DEFAULT_GOAL := all

GNTTAB_DIR := $(ARGON_ROOT)/tools/libs/gnttab
UNIT_TESTS += test-gnttab

test-gnttab: gnttab/test-gnttab.c check_run.h $(GNTTAB_DIR)/libxengnttab.a
	$(CC) $(TOOLS_CFLAGS) $(CFLAGS) -I$(GNTTAB_DIR)/include -o $@ $< \
		$(GNTTAB_DIR)/libxengnttab.a $(CHECK_LIBS)
