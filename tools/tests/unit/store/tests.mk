# Unit tests of xenstored (its core linked from libxenstored.a) and of
# libxenstore against the real daemon.  run-tests -k store.

.DEFAULT_GOAL := all

XENSTORED_DIR := $(ARGON_ROOT)/tools/xenstored
XSLIB_DIR := $(ARGON_ROOT)/tools/libs/store
STORE_CORE_TESTS := test-store-proto test-store-ops test-store-ring
STORE_CLIENT_TESTS := test-store-daemon test-store-load
UNIT_TESTS += $(STORE_CORE_TESTS) $(STORE_CLIENT_TESTS)

STORE_TEST_CFLAGS = -I$(XENSTORED_DIR) -I$(XSLIB_DIR)/include \
	-DXENSTORED_BIN='"$(XENSTORED_DIR)/xenstored"' \
	-DXENSTORE_CLI_BIN='"$(XENSTORED_DIR)/xenstore"'

$(STORE_CORE_TESTS): test-store-%: store/test-store-%.c store/store_test.h store/check_run.h \
		$(XENSTORED_DIR)/libxenstored.a
	$(CC) $(TOOLS_CFLAGS) $(CFLAGS) $(STORE_TEST_CFLAGS) -o $@ $< \
		$(XENSTORED_DIR)/libxenstored.a $(CHECK_LIBS)

$(STORE_CLIENT_TESTS): test-store-%: store/test-store-%.c store/daemon_test.h store/check_run.h \
		$(XSLIB_DIR)/libxenstore.a $(XENSTORED_DIR)/libxenstored.a $(XENSTORED_DIR)/xenstored \
		$(XENSTORED_DIR)/xenstore
	$(CC) $(TOOLS_CFLAGS) $(CFLAGS) $(STORE_TEST_CFLAGS) -o $@ $< \
		$(XSLIB_DIR)/libxenstore.a $(XENSTORED_DIR)/libxenstored.a $(CHECK_LIBS) -lpthread
