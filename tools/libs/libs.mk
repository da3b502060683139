# Rules for one library under tools/libs/NAME.  The library's Makefile sets
#   LIB      the short name (the archive is libxenNAME.a, soname libxenNAME.so.MAJOR)
#   SRCS     its C sources
#   MAJOR, MINOR
#   LIB_CFLAGS, LIB_LIBS   extra flags (other libraries, pkg-config output)
#   USES     other tools/libs it links against (short names)
#   PC_REQUIRES  pkg-config names of outside libraries it links against
# and includes this file.  Public headers are include/*.h.

include $(ARGON_ROOT)/tools/Rules.mk

OBJS := $(SRCS:.c=.o)
ARCHIVE := libxen$(LIB).a
SONAME := libxen$(LIB).so.$(MAJOR)
SHLIB := libxen$(LIB).so.$(MAJOR).$(MINOR)
CFLAGS += -Iinclude $(call lib_cflags,$(USES)) $(LIB_CFLAGS)

.PHONY: all install clean
all: $(ARCHIVE) $(SHLIB) xen$(LIB).pc

$(ARCHIVE): $(OBJS)
	rm -f $@
	ar rcs $@ $^

$(SHLIB): $(OBJS)
	$(CC) -shared -Wl,-soname,$(SONAME) -o $@ $^ \
		$(foreach l,$(USES),-L$(LIBS_DIR)/$(l) -lxen$(l)) $(LIB_LIBS)
	ln -sf $(SHLIB) $(SONAME)
	ln -sf $(SONAME) libxen$(LIB).so

xen$(LIB).pc: $(ARGON_ROOT)/tools/libs/lib.pc.in Makefile
	sed -e 's|@prefix@|$(prefix)|; s|@libdir@|$(libdir)|; s|@includedir@|$(includedir)|' \
	    -e 's|@name@|xen$(LIB)|g; s|@version@|$(MAJOR).$(MINOR)|' \
	    -e 's|@requires@|$(strip $(foreach l,$(USES),xen$(l)) $(PC_REQUIRES))|' $< > $@

install: all
	$(INSTALL) -d $(DESTDIR)$(libdir)/pkgconfig $(DESTDIR)$(includedir)
	$(INSTALL) -m 644 $(ARCHIVE) $(DESTDIR)$(libdir)
	$(INSTALL) -m 755 $(SHLIB) $(DESTDIR)$(libdir)
	ln -sf $(SHLIB) $(DESTDIR)$(libdir)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(libdir)/libxen$(LIB).so
	$(INSTALL) -m 644 include/*.h $(DESTDIR)$(includedir)
	$(INSTALL) -m 644 xen$(LIB).pc $(DESTDIR)$(libdir)/pkgconfig

clean:
	rm -f $(OBJS) $(OBJS:.o=.d) $(ARCHIVE) libxen$(LIB).so* xen$(LIB).pc

-include $(OBJS:.o=.d)
