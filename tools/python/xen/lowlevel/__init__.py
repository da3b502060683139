"""C extension modules over the toolstack libraries:

xen.lowlevel.xc  the hypervisor's control interface (libxenctrl)
xen.lowlevel.xs  the xenstore daemon (libxenstore)
"""
