/* SPDX-License-Identifier: GPL-2.0 */
/*
 * For Debian 12's sparse 0.6.4 on mainline's headers (harness/static.sh,
 * TREE=7.3 only).  Mainline gives sparse two constructs that 0.6.4 does
 * not know, and kbuild then drops C=2 with "sparse is not available or
 * not up to date" (scripts/checker-valid.sh):
 *  - __typeof_unqual__(), which compiler_types.h uses whenever
 *    __CHECKER__ is defined; typeof without dropping qualifiers is the
 *    nearest 0.6.4 has (a qualifier warning from it would be a false one);
 *  - __builtin_strlen() of a string literal in a constant expression,
 *    which MODULE_INFO()'s static_assert() uses on every modinfo line.
 */
#define __typeof_unqual__ __typeof__
#define __builtin_strlen(s) (sizeof(s) - 1)
