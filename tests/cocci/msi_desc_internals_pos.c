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

	msi_desc = irq_get_msi_desc(foo->pdev->irq);	/* [F] */
	if (!msi_desc)
		return -EINVAL;

	foo->base_data = msi_desc->msg.data;	/* [B] */
	if (msi_desc->pci.msi_attrib.is_64)	/* [F] */
		foo->addr_hi = msi_desc->msg.address_hi;	/* [B] */
	return 0;
}

static void foo_read_msg(struct foo_dev *foo)
{
	struct msi_msg msg;

	get_cached_msi_msg(foo->pdev->irq, &msg);	/* [B] */
	foo->addr_lo = msg.address_lo;
}

static int foo_request_all(struct foo_dev *foo, struct device *dev)
{
	struct msi_desc *desc;
	int ret = 0;

	msi_lock_descs(dev);	/* [F] */
	msi_for_each_desc(desc, dev, MSI_DESC_ALL) {	/* [F] */
		ret = request_irq(desc->irq, NULL, 0, "foo", desc);
		if (ret)
			break;
	}
	msi_unlock_descs(dev);
	return ret;
}

static int foo_stack(struct irq_domain *d, unsigned int virq)
{
	msi_alloc_info_t info = { };	/* [F] */

	if (irq_domain_is_msi(d->parent))	/* [F] */
		return 0;
	return irq_domain_alloc_irqs_parent(d, virq, 1, &info);
}
