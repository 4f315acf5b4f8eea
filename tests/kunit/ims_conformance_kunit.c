// SPDX-License-Identifier: GPL-2.0-only
/*
 * Conformance suite: every shipped descriptor is validated and exercised
 * against the software device model, with the cases of <kunit/ims_desc.h>
 * that any descriptor gets.  They walk ims_test_descs[] (generated from
 * the descriptions in drivers/irqchip/ims/descriptors/) and also
 * variants of the shipped layouts with features they do not use (big
 * endian, a 64-bit address field in an array, mask-on-update, an enable
 * bit, reserved bits), most of which the chip serves on its general path
 * rather than on the fast paths the shipped array and table layouts get.
 */
#include <kunit/ims_desc.h>
#include <kunit/test.h>
#include <linux/module.h>

#include "ims_test.h"

#define IMS_CONF_NR_VARIANTS	10

static struct ims_desc ims_conf_variants[IMS_CONF_NR_VARIANTS];
static const struct ims_desc *ims_conf_descs[IMS_CONF_NR_VARIANTS + 16];
static struct ims_desc_kunit_param ims_conf_p[2 * ARRAY_SIZE(ims_conf_descs) + 1];
static unsigned int ims_conf_nr_descs;

/* The shipped descriptors, then the variants built from them */
static int ims_conf_suite_init(struct kunit_suite *suite)
{
	struct ims_desc *v = ims_conf_variants;
	unsigned int i;

	if (ims_test_nr_descs + IMS_CONF_NR_VARIANTS > ARRAY_SIZE(ims_conf_descs))
		return -E2BIG;

	v[0] = ims_desc_idxd;
	v[0].name = "idxd+big-endian";
	v[0].flags |= IMS_DESC_BIG_ENDIAN;

	v[1] = ims_desc_idxd;
	v[1].name = "idxd+addr64+mask-on-update";
	v[1].flags |= IMS_DESC_ADDR64 | IMS_DESC_MASK_ON_UPDATE;
	v[1].addr_hi = 0;

	v[2] = ims_desc_ath11k;
	v[2].name = "ath11k+mask-on-update";
	v[2].flags |= IMS_DESC_MASK_ON_UPDATE;

	v[3] = ims_desc_idxd;
	v[3].name = "idxd+mask-enables";
	v[3].flags |= IMS_DESC_MASK_ENABLES;

	/* A doorbell that commits updates made in atomic context */
	v[4] = ims_desc_idxd;
	v[4].name = "idxd+doorbell";
	v[4].flags |= IMS_DESC_DOORBELL;

	/* Storage that holds 32 address bits */
	v[5] = ims_desc_idxd;
	v[5].name = "idxd+addr32";
	v[5].flags |= IMS_DESC_ADDR32;
	v[5].addr_hi = 0;

	/* 16 data bits in the control word, which masks with bit 31 */
	v[6] = ims_desc_idxd;
	v[6].name = "idxd+data-in-ctrl";
	v[6].flags &= ~(IMS_DESC_COOKIE | IMS_DESC_COOKIE_ENABLE);
	v[6].cookie_shift = 0;
	v[6].cookie_width = 0;
	v[6].cookie_enable_bit = 0;
	v[6].data = 12;
	v[6].data_width = 16;
	v[6].mask_bit = 31;

	/* The control word's other bits are the driver's */
	v[7] = ims_desc_idxd;
	v[7].name = "idxd+ctrl-shared";
	v[7].flags |= IMS_DESC_CTRL_SHARED;

	/* Entries committed by a command instead of a doorbell */
	v[8] = ims_desc_mlx5;
	v[8].name = "mlx5+command";
	v[8].flags = (v[8].flags & ~IMS_DESC_DOORBELL) | IMS_DESC_COMMAND;

	/* 16 data and 8 high address bits, the words' other bits reserved */
	v[9] = ims_desc_idxd;
	v[9].name = "idxd+upper-reserved";
	v[9].flags |= IMS_DESC_UPPER_RESERVED;
	v[9].data_width = 16;
	v[9].addr_hi_width = 8;

	for (i = 0; i < ims_test_nr_descs; i++)
		ims_conf_descs[i] = ims_test_descs[i];
	for (i = 0; i < IMS_CONF_NR_VARIANTS; i++)
		ims_conf_descs[ims_test_nr_descs + i] = &v[i];
	ims_conf_nr_descs = ims_test_nr_descs + IMS_CONF_NR_VARIANTS;
	return 0;
}

static const void *ims_conformance_gen_params(struct kunit *test, const void *prev,
					      char *name)
{
	return ims_desc_kunit_params(ims_conf_descs, ims_conf_nr_descs, ims_conf_p, prev, name);
}

IMS_DESC_KUNIT_CASES(ims_conformance);

static struct kunit_suite ims_conformance_suite = {
	.name = "ims_desc_conformance",
	.suite_init = ims_conf_suite_init,
	.test_cases = ims_conformance_cases,
};

kunit_test_suite(ims_conformance_suite);

MODULE_DESCRIPTION("KUnit conformance suite of the shipped IMS descriptors");
MODULE_LICENSE("GPL");
