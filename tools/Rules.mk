# Common rules of the toolstack (ordinary Linux user space).  Every
# Makefile below tools/ sets ARGON_ROOT and includes this file.
#
# Public ABI headers are included as <xen/NAME.h> (tools/include/xen is
# xen/include/public); a library's own API headers live in its include/.

include $(ARGON_ROOT)/config/Tools.mk

TOOLS_CFLAGS := -std=gnu11 -O2 -g -D_GNU_SOURCE -fPIC \
	-Wall -Wextra -Wno-unused-parameter -Wmissing-prototypes \
	-Wstrict-prototypes -Wshadow -Werror \
	-I$(ARGON_ROOT)/tools/include
TOOLS_LDFLAGS :=

# Where each library's headers and built archives are, for consumers.
LIBS_DIR := $(ARGON_ROOT)/tools/libs
lib_cflags = $(foreach l,$(1),-I$(LIBS_DIR)/$(l)/include)
lib_archives = $(foreach l,$(1),$(LIBS_DIR)/$(l)/libxen$(l).a)

%.o: %.c
	$(CC) $(TOOLS_CFLAGS) $(CFLAGS_$(notdir $*)) $(CFLAGS) -MMD -MP -c $< -o $@
