// SPDX-License-Identifier: GPL-2.0-only
/*
 * The list of shipped descriptors.  The KUnit conformance suite runs its
 * cases over every entry, so a new descriptor is tested by adding it here.
 */
#include <linux/export.h>
#include <linux/ims_desc.h>
#include <linux/kernel.h>

const struct ims_desc *const ims_desc_shipped[] = {
	&ims_desc_idxd,
	&ims_desc_ath11k,
	&ims_desc_mlx5,
};
EXPORT_SYMBOL_GPL(ims_desc_shipped);

const unsigned int ims_desc_nr_shipped = ARRAY_SIZE(ims_desc_shipped);
EXPORT_SYMBOL_GPL(ims_desc_nr_shipped);
