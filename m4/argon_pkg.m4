# ARGON_REQUIRE_PKG(VARIABLE-PREFIX, PKG-CONFIG-MODULE, DEBIAN-PACKAGE)
# ---------------------------------------------------------------------
# Look a library up with pkg-config and stop with a message naming the
# Debian package that provides it.  Substitutes PREFIX_CFLAGS/PREFIX_LIBS.
AC_DEFUN([ARGON_REQUIRE_PKG], [
  PKG_CHECK_MODULES([$1], [$2], [],
    [AC_MSG_ERROR([$2 was not found: install the Debian package '$3' (apt-get install $3), or run tools/misc/install-deps])])
])

# ARGON_REQUIRE_PROG(VARIABLE, PROGRAM, DEBIAN-PACKAGE)
# -----------------------------------------------------
# Find PROGRAM on PATH or stop naming the Debian package that ships it.
AC_DEFUN([ARGON_REQUIRE_PROG], [
  AC_PATH_PROG([$1], [$2])
  AS_IF([test -z "$$1"],
    [AC_MSG_ERROR([$2 was not found: install the Debian package '$3' (apt-get install $3), or run tools/misc/install-deps])])
])
