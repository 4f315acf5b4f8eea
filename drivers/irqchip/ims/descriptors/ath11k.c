// SPDX-License-Identifier: GPL-2.0-only
/*
 * ath11k style IMS: one register block per ring, at irregular offsets in
 * device MMIO.  Each block holds the low address word, the high address
 * word and the data word.  The high address word holds address bits
 * 32..39 in its bits 0..7, and its bit 8 enables the vector.  Writes are
 * flushed by reading the word back.
 */
#include <linux/export.h>
#include <linux/ims_desc.h>
#include <linux/kernel.h>

static const u32 ims_ath11k_ring_offsets[] = {
	0x0000, 0x0040, 0x00a0, 0x0100, 0x0180, 0x01c0, 0x0240, 0x0300,
};

const struct ims_desc ims_desc_ath11k = {
	.name			= "ath11k",
	.kind			= IMS_STORAGE_TABLE,
	.flags			= IMS_DESC_FLUSH | IMS_DESC_MASK_ENABLES,
	.nr_slots		= ARRAY_SIZE(ims_ath11k_ring_offsets),
	.slot_offsets		= ims_ath11k_ring_offsets,
	.entry_size		= 12,
	.addr_lo		= 0,
	.addr_hi		= 4,
	.addr_hi_width		= 8,
	.data			= 8,
	.ctrl			= 4,
	.mask_bit		= 8,
};
EXPORT_SYMBOL_GPL(ims_desc_ath11k);
