/*
 * xl.c - the xl program: everything lives in the xl_* objects so the unit
 * tests can drive xl_main() directly.
 */
#include "xl.h"

int main(int argc, char **argv)
{
    return xl_main(argc, argv);
}
