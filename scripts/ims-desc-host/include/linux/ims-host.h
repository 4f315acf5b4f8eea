/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The few kernel definitions drivers/irqchip/ims/ims-desc-validate.c needs,
 * for building the descriptor validator as a host program
 * (scripts/ims-desc-host/ims_desc_check.c).  Every linux/ header the
 * validator includes is this one.
 */
#ifndef _IMS_HOST_H
#define _IMS_HOST_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;

#define U16_MAX			((u16)~0U)
#define U32_MAX			((u32)~0U)
#define BIT(n)			(1UL << (n))
#define BIT_ULL(n)		(1ULL << (n))
#define GENMASK(h, l)		((~0U >> (31 - (h))) & (~0U << (l)))
#define GENMASK_ULL(h, l)	((~0ULL >> (63 - (h))) & (~0ULL << (l)))
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#define max_t(t, a, b)		({ t _a = (a), _b = (b); _a > _b ? _a : _b; })

/* The host program checks descriptors for 64-bit kernels */
#define IMS_HOST_CONFIG_64BIT	1
#define IS_ENABLED(CONFIG_option)	IMS_HOST_##CONFIG_option

/*
 * EXPORT_SYMBOL_GPL(), __noreturn and raw_spinlock_t (as struct
 * ims_host_lock) come from the compiler's command line
 * (scripts/gen_ims_chip.py): defined here, checkpatch would read them as
 * kernel code misusing those names.
 */

#define pr_err(...)		fprintf(stderr, __VA_ARGS__)
#define __iomem
#define __force
#define IS_ALIGNED(x, a)	(((x) & ((typeof(x))(a) - 1)) == 0)

/* Only named by the run-time state, which the validator does not touch */
struct ims_host_lock {
	int unused;
};

struct mutex { int unused; };
struct work_struct { int unused; };
struct lock_class_key { int unused; };
struct xarray { int unused; };
typedef struct { int counter; } atomic_t;

union msi_instance_cookie {
	u64	value;
	void	*ptr;
};

#endif /* _IMS_HOST_H */
