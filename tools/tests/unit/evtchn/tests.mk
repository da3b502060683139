# Unit tests of libxenevtchn over a fake /dev/xen/evtchn.  Built in
# tools/tests/unit/; run-tests -k evtchn.

.DEFAULT_GOAL := all

EVTCHN_DIR := $(ARGON_ROOT)/tools/libs/evtchn
UNIT_TESTS += test-evtchn

test-evtchn: evtchn/test-evtchn.c check_run.h $(EVTCHN_DIR)/libxenevtchn.a
	$(CC) $(TOOLS_CFLAGS) $(CFLAGS) -I$(EVTCHN_DIR)/include -o $@ $< \
		$(EVTCHN_DIR)/libxenevtchn.a $(CHECK_LIBS)
