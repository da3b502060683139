# Unit tests of libxenlight's configuration layer and of xl's command table.
# Built in tools/tests/unit/ (included from its Makefile); run-tests -k light.

# This fragment is included before the Makefile's 'all' rule, so its first
# rule would otherwise become the default goal.
.DEFAULT_GOAL := all

LIGHT_DIR := $(ARGON_ROOT)/tools/libs/light
XL_DIR := $(ARGON_ROOT)/tools/xl
LIGHT_TESTS := test-light-cfg test-light-json test-light-xml test-light-pci test-light-xl
UNIT_TESTS += $(LIGHT_TESTS)

LIGHT_TEST_CFLAGS = -I$(LIGHT_DIR)/include -I$(XL_DIR) $(YAJL_CFLAGS) $(XML2_CFLAGS) \
	-DARGON_ROOT_DIR='"$(ARGON_ROOT)"'
LIGHT_TEST_LIBS = $(LIGHT_DIR)/libxenlight.a $(YAJL_LIBS) $(XML2_LIBS) $(CHECK_LIBS)

$(filter-out test-light-xl,$(LIGHT_TESTS)): test-light-%: light/test-light-%.c \
		light/light_test.h check_run.h $(LIGHT_DIR)/libxenlight.a
	$(CC) $(TOOLS_CFLAGS) $(CFLAGS) $(LIGHT_TEST_CFLAGS) -o $@ $< $(LIGHT_TEST_LIBS)

# xl's xenctrl backend runs over the fake privcmd of call/tests.mk.
test-light-xl: light/test-light-xl.c light/light_test.h check_run.h $(XL_DIR)/libxlcmds.a \
		$(LIGHT_DIR)/libxenlight.a $(call lib_archives,guest ctrl call store) call/fake_privcmd.c \
		call/fake_privcmd.h
	$(CC) $(TOOLS_CFLAGS) $(CFLAGS) $(LIGHT_TEST_CFLAGS) $(call lib_cflags,call) -o $@ $< \
		call/fake_privcmd.c $(XL_DIR)/libxlcmds.a $(call lib_archives,guest ctrl call store) \
		$(LIGHT_TEST_LIBS) $(ZLIB_LIBS) $(LZMA_LIBS) -lpthread
