// SPDX-License-Identifier: GPL-2.0-only
/*
 * IDXD (Intel DSA/IAA) style IMS: an array of 16-byte slots in device
 * MMIO.  The number of slots is read from the device's capability, up to
 * 2048.  The control word masks with bit 0 and carries the PASID in bits
 * 12..31, enabled by bit 3.  Masking is made synchronous by reading the
 * control word back.
 */
#include <linux/export.h>
#include <linux/ims_desc.h>

const struct ims_desc ims_desc_idxd = {
	.name			= "idxd",
	.kind			= IMS_STORAGE_ARRAY,
	.flags			= IMS_DESC_FLUSH | IMS_DESC_COOKIE |
				  IMS_DESC_COOKIE_ENABLE | IMS_DESC_DYNAMIC_SLOTS,
	.nr_slots		= 2048,
	.stride			= 16,
	.entry_size		= 16,
	.addr_lo		= 0,
	.addr_hi		= 4,
	.data			= 8,
	.ctrl			= 12,
	.mask_bit		= 0,
	.cookie_shift		= 12,
	.cookie_width		= 20,
	.cookie_enable_bit	= 3,
};
EXPORT_SYMBOL_GPL(ims_desc_idxd);
