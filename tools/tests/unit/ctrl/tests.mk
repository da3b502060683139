# Unit tests of libxenctrl, through the fake privcmd of call/tests.mk.
# Built in tools/tests/unit/; run-tests -k ctrl.

.DEFAULT_GOAL := all

CTRL_DIR := $(ARGON_ROOT)/tools/libs/ctrl
UNIT_TESTS += test-ctrl

test-ctrl: ctrl/test-ctrl.c call/fake_privcmd.c call/fake_privcmd.h check_run.h \
		$(CTRL_DIR)/libxenctrl.a $(ARGON_ROOT)/tools/libs/call/libxencall.a
	$(CC) $(TOOLS_CFLAGS) $(CFLAGS) $(call lib_cflags,ctrl call) -o $@ $< call/fake_privcmd.c \
		$(call lib_archives,ctrl call) $(CHECK_LIBS)
