# Unit tests of libxenguest, the PV domain builder, with a fake domain in
# memory behind its operations (guest/fake_domain.c).  They build the test
# kernels of tools/tests/guest (make -C tools/tests/guest) and, when
# build/dom0 has it, Debian's kernel.  Built in tools/tests/unit/; run-tests -k guest.

.DEFAULT_GOAL := all

GUEST_LIB_DIR := $(ARGON_ROOT)/tools/libs/guest
GUEST_TESTS := test-guest-build test-guest-refuse
UNIT_TESTS += $(GUEST_TESTS)

GUEST_TEST_CFLAGS = -I$(GUEST_LIB_DIR)/include -DARGON_ROOT_DIR='"$(ARGON_ROOT)"'
GUEST_TEST_LIBS = $(GUEST_LIB_DIR)/libxenguest.a $(ZLIB_LIBS) $(LZMA_LIBS) $(CHECK_LIBS)

$(GUEST_TESTS): test-guest-%: guest/test-guest-%.c guest/fake_domain.c guest/fake_domain.h \
		$(GUEST_LIB_DIR)/libxenguest.a
	$(CC) $(TOOLS_CFLAGS) $(CFLAGS) $(GUEST_TEST_CFLAGS) -o $@ $< guest/fake_domain.c \
		$(GUEST_TEST_LIBS)
