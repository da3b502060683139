# Unit tests of xenconsoled's ring and buffer code (libconsoled.a).
# Built in tools/tests/unit/; run-tests -k console.

.DEFAULT_GOAL := all

CONSOLE_DIR := $(ARGON_ROOT)/tools/console
UNIT_TESTS += test-console-ring

test-console-ring: console/test-console-ring.c check_run.h $(CONSOLE_DIR)/libconsoled.a
	$(CC) $(TOOLS_CFLAGS) $(CFLAGS) -I$(CONSOLE_DIR) -o $@ $< $(CONSOLE_DIR)/libconsoled.a \
		$(CHECK_LIBS)

