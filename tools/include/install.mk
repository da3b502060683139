# Install the public ABI headers as <xen/...> for programs built against
# the toolstack libraries.
include $(ARGON_ROOT)/config/Tools.mk

HEADERS := $(shell cd $(ARGON_ROOT)/xen/include/public && find . -name '*.h')

.PHONY: install
install:
	@for h in $(HEADERS); do \
		$(INSTALL) -d $(DESTDIR)$(includedir)/xen/$$(dirname $$h); \
		$(INSTALL) -m 644 $(ARGON_ROOT)/xen/include/public/$$h \
			$(DESTDIR)$(includedir)/xen/$$h; \
	done
