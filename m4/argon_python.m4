# ARGON_PYTHON_DEV
# ----------------
# Find a Python 3 interpreter whose C headers are installed, and the flags
# and file suffix needed to build extension modules for it.  Debian's
# /usr/bin/python3 is preferred: an interpreter from elsewhere on PATH
# (pyenv, venv) usually lacks the matching python3-dev headers.
AC_DEFUN([ARGON_PYTHON_DEV], [
  AC_ARG_VAR([PYTHON], [Python 3 interpreter the bindings are built for])
  AS_IF([test -z "$PYTHON"], [
    AS_IF([test -x /usr/bin/python3], [PYTHON=/usr/bin/python3],
          [AC_PATH_PROG([PYTHON], [python3])])
  ])
  AS_IF([test -z "$PYTHON"],
    [AC_MSG_ERROR([python3 was not found: install the Debian package 'python3-dev'])])
  AC_MSG_CHECKING([for the C headers of $PYTHON])
  PYTHON_CFLAGS=`$PYTHON -c 'import sysconfig; print("-I" + sysconfig.get_paths()[["include"]])' 2>/dev/null`
  PYTHON_INCLUDE_DIR=`$PYTHON -c 'import sysconfig; print(sysconfig.get_paths()[["include"]])' 2>/dev/null`
  AS_IF([test -n "$PYTHON_INCLUDE_DIR" && test -f "$PYTHON_INCLUDE_DIR/Python.h"],
    [AC_MSG_RESULT([$PYTHON_INCLUDE_DIR])],
    [AC_MSG_RESULT([no])
     AC_MSG_ERROR([Python.h for $PYTHON was not found: install the Debian package 'python3-dev'])])
  PYTHON_EXT_SUFFIX=`$PYTHON -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))'`
  # The prefix's own layout (posix_prefix: Debian's default scheme would add
  # a second /local), named as the interpreter names its directory:
  # Debian's python3 reads ${prefix}/lib/python3.X/dist-packages.
  PYTHON_SITEDIR=`$PYTHON -c 'import os.path, sysconfig; p = sysconfig.get_path("platlib", "posix_prefix", vars={"platbase": "${prefix}", "base": "${prefix}"}); print(os.path.join(os.path.dirname(p), os.path.basename(sysconfig.get_path("platlib"))))'`
  AC_SUBST([PYTHON_CFLAGS])
  AC_SUBST([PYTHON_EXT_SUFFIX])
  AC_SUBST([PYTHON_SITEDIR])
])
