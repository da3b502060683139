/*
 * Forced into every hypervisor translation unit by the build.  The image is
 * linked far from address 0 (L4 slot 261) and compiled position-independent;
 * declaring every symbol hidden makes each access a direct RIP-relative one
 * instead of an indirection through a global offset table.
 */
#pragma GCC visibility push(hidden)
