// SPDX-License-Identifier: GPL-2.0-only
/* Fixture: a driver that holds and drives its own IMS domain */
#include <linux/irqdomain.h>
#include <linux/msi.h>

struct baz_dev {
	struct device *dev;
	struct irq_domain *ims_domain;
	int irq;
};

static const struct msi_domain_template baz_template;

static int baz_setup(struct baz_dev *baz)
{
	struct msi_map map;

	baz->ims_domain = dev_get_msi_domain(baz->dev);
	if (!msi_create_device_irq_domain(baz->dev, 0, &baz_template, 64, NULL, NULL))
		return -ENODEV;
	map = msi_domain_alloc_irq_at(baz->dev, 0, MSI_ANY_INDEX, NULL, NULL);
	if (map.index < 0)
		return map.index;
	baz->irq = map.virq;
	return 0;
}
