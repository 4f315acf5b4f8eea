// SPDX-License-Identifier: GPL-2.0-only
/*
 * mlx5 style IMS: the message lives in an entry inside each queue's
 * context memory in host memory, located through the instance cookie (a
 * &struct ims_queue).  The entry holds a 64-bit little endian address, the
 * data word and a control word whose bit 31 masks the vector.  Updates are
 * committed to the device through a doorbell write, which may have to wait
 * for the device: they are collected under the irq bus lock and written in
 * irq_bus_sync_unlock().
 */
#include <linux/export.h>
#include <linux/ims_desc.h>

const struct ims_desc ims_desc_mlx5 = {
	.name			= "mlx5",
	.kind			= IMS_STORAGE_QUEUE,
	.flags			= IMS_DESC_ADDR64 | IMS_DESC_SLEEPS |
				  IMS_DESC_DOORBELL | IMS_DESC_DYNAMIC_SLOTS,
	.queue_offset		= 0x40,
	.entry_size		= 16,
	.addr_lo		= 0,
	.data			= 8,
	.ctrl			= 12,
	.mask_bit		= 31,
};
EXPORT_SYMBOL_GPL(ims_desc_mlx5);
