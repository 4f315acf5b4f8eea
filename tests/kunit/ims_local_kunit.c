// SPDX-License-Identifier: GPL-2.0-only
/*
 * A driver's own KUnit file, as a driver author writes it: the descriptor
 * stays next to the driver, in no shipped list, and one macro gives it
 * the whole conformance suite.
 *
 * The device described here is unlike the shipped ones: 24 slots of 32
 * bytes, big endian, the 64-bit address first and written with one
 * 64-bit access, the data word last, and a control word between them
 * whose bit 16 enables the slot and whose other bits belong to the
 * driver.
 */
#include <kunit/ims_desc.h>
#include <linux/module.h>

static const struct ims_desc ims_local_desc = {
	.name		= "local-example",
	.kind		= IMS_STORAGE_ARRAY,
	.flags		= IMS_DESC_BIG_ENDIAN | IMS_DESC_ADDR64 | IMS_DESC_WRITE64 |
			  IMS_DESC_MASK_ENABLES | IMS_DESC_CTRL_SHARED | IMS_DESC_FLUSH,
	.nr_slots	= 24,
	.stride		= 32,
	.entry_size	= 24,
	.addr_lo	= 0,
	.ctrl		= 12,
	.mask_bit	= 16,
	.data		= 20,
};

IMS_DESC_KUNIT_SUITE(ims_desc_local, &ims_local_desc);

MODULE_DESCRIPTION("KUnit conformance of a driver-local IMS descriptor");
MODULE_LICENSE("GPL");
