# Unit tests of libxencall, through the fake privcmd transport (fake_privcmd.c,
# which the libxenctrl tests share).  Built in tools/tests/unit/; run-tests -k call.

.DEFAULT_GOAL := all

CALL_DIR := $(ARGON_ROOT)/tools/libs/call
FAKE_PRIVCMD := call/fake_privcmd.c call/fake_privcmd.h
UNIT_TESTS += test-call

test-call: call/test-call.c $(FAKE_PRIVCMD) check_run.h $(CALL_DIR)/libxencall.a
	$(CC) $(TOOLS_CFLAGS) $(CFLAGS) -I$(CALL_DIR)/include -o $@ $< call/fake_privcmd.c \
		$(CALL_DIR)/libxencall.a $(CHECK_LIBS)
