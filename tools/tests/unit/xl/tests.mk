# Unit tests of xl's dom0-side machinery against the real xenstored:
# xl console (the test plays xenconsoled's pty) and the PCI backend nodes.
# Built in tools/tests/unit/; run-tests -k test-xl.

.DEFAULT_GOAL := all

XL_TEST_LIBS := light guest ctrl call store
XL_TESTS := test-xl-console test-xl-pci
UNIT_TESTS += $(XL_TESTS)

$(XL_TESTS): test-xl-%: xl/test-xl-%.c store/daemon_test.h check_run.h \
		$(ARGON_ROOT)/tools/xl/libxlcmds.a $(call lib_archives,$(XL_TEST_LIBS)) \
		$(ARGON_ROOT)/tools/xenstored/xenstored
	$(CC) $(TOOLS_CFLAGS) $(CFLAGS) -I$(ARGON_ROOT)/tools/xl -I$(ARGON_ROOT)/tools/xenstored \
		$(call lib_cflags,$(XL_TEST_LIBS)) $(YAJL_CFLAGS) $(XML2_CFLAGS) \
		-DXENSTORED_BIN='"$(ARGON_ROOT)/tools/xenstored/xenstored"' -o $@ $< \
		$(ARGON_ROOT)/tools/xl/libxlcmds.a $(call lib_archives,$(XL_TEST_LIBS)) \
		$(YAJL_LIBS) $(XML2_LIBS) $(ZLIB_LIBS) $(LZMA_LIBS) $(CHECK_LIBS) -lutil -lpthread
