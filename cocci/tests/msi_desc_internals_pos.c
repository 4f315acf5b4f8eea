// SPDX-License-Identifier: GPL-2.0-only
/* Fixture: ath11k-style copies of the MSI message in a device driver */
#include <linux/msi.h>
#include <linux/pci.h>

struct foo_dev {
	struct pci_dev *pdev;
	u32 base_data;
	u32 addr_lo;
	u32 addr_hi;
};

static int foo_config_msi(struct foo_dev *foo)
{
	struct msi_desc *msi_desc;

	msi_desc = irq_get_msi_desc(foo->pdev->irq);
	if (!msi_desc)
		return -EINVAL;

	foo->base_data = msi_desc->msg.data;
	if (msi_desc->pci.msi_attrib.is_64)
		foo->addr_hi = msi_desc->msg.address_hi;
	return 0;
}

static void foo_read_msg(struct foo_dev *foo)
{
	struct msi_msg msg;

	get_cached_msi_msg(foo->pdev->irq, &msg);
	foo->addr_lo = msg.address_lo;
}
