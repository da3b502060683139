"""Argon's Python bindings to the Xen toolstack libraries (see xen.lowlevel)."""
