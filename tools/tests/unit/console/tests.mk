# Unit tests of xenconsoled's ring and buffer code (libconsoled.a).
# Built in tools/tests/unit/; run-tests -k console.

.DEFAULT_GOAL := all

CONSOLE_DIR := $(ARGON_ROOT)/tools/console
UNIT_TESTS += test-console-ring

test-console-ring: console/test-console-ring.c check_run.h $(CONSOLE_DIR)/libconsoled.a
	$(CC) $(TOOLS_CFLAGS) $(CFLAGS) -I$(CONSOLE_DIR) -o $@ $< $(CONSOLE_DIR)/libconsoled.a \
		$(CHECK_LIBS)

# xl console against the real xenstored; the test plays xenconsoled's pty.
UNIT_TESTS += test-xl-console
XL_CONSOLE_LIBS := light ctrl store call

test-xl-console: console/test-xl-console.c store/daemon_test.h check_run.h \
		$(ARGON_ROOT)/tools/xl/libxlcmds.a $(call lib_archives,$(XL_CONSOLE_LIBS)) \
		$(ARGON_ROOT)/tools/xenstored/xenstored
	$(CC) $(TOOLS_CFLAGS) $(CFLAGS) -I$(ARGON_ROOT)/tools/xl -I$(ARGON_ROOT)/tools/xenstored \
		$(call lib_cflags,$(XL_CONSOLE_LIBS)) $(YAJL_CFLAGS) $(XML2_CFLAGS) \
		-DXENSTORED_BIN='"$(ARGON_ROOT)/tools/xenstored/xenstored"' -o $@ $< \
		$(ARGON_ROOT)/tools/xl/libxlcmds.a $(call lib_archives,$(XL_CONSOLE_LIBS)) \
		$(YAJL_LIBS) $(XML2_LIBS) $(CHECK_LIBS) -lutil -lpthread
