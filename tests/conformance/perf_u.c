// SPDX-License-Identifier: GPL-2.0-only
/*
 * make conformance input: a driver's static descriptor, as it sits in the
 * driver's source.  Three fixed sources, whose entries are not in source
 * order: overflow at 0x100, error at 0x140, sampling at 0x118.  Each holds a
 * 64-bit address the device takes in one 64-bit write, the data word, a
 * control word whose bit 0 masks, and a memory attribute word that must be
 * 0x1 (device-nGnRE).
 */
#include <linux/array_size.h>
#include <linux/ims_desc.h>

static const u32 perf_u_offsets[] = { 0x100, 0x140, 0x118 };

static const struct ims_desc perf_u_desc = {
	.name		= "perf_u",
	.kind		= IMS_STORAGE_TABLE,
	.flags		= IMS_DESC_ADDR64 | IMS_DESC_WRITE64 | IMS_DESC_CONST,
	.nr_slots	= ARRAY_SIZE(perf_u_offsets),
	.slot_offsets	= perf_u_offsets,
	.entry_size	= 24,
	.addr_lo	= 0,
	.data		= 8,
	.ctrl		= 12,
	.mask_bit	= 0,
	.const_off	= 16,
	.const_val	= 0x1,
};
