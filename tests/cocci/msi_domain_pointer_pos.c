// SPDX-License-Identifier: GPL-2.0-only
/* Fixture: a driver that holds and drives its own IMS domain */
#include <linux/irqdomain.h>
#include <linux/msi.h>

struct baz_dev {
	struct device *dev;
	struct irq_domain *ims_domain;	/* [D] */
	int irq;
};

static const struct msi_domain_template baz_template;

static int baz_setup(struct baz_dev *baz)
{
	struct msi_map map;

	baz->ims_domain = dev_get_msi_domain(baz->dev);	/* [D] */
	if (!msi_create_device_irq_domain(baz->dev, 0, &baz_template, 64, NULL, NULL))	/* [D] */
		return -ENODEV;
	map = msi_domain_alloc_irq_at(baz->dev, 0, MSI_ANY_INDEX, NULL, NULL);	/* [D] */
	if (map.index < 0)
		return map.index;
	baz->irq = map.virq;
	return 0;
}

static void baz_lookup(struct device *dev)
{
	dev->msi.domain =	/* [D] */
		of_msi_get_domain(dev, dev->of_node, DOMAIN_BUS_ANY);	/* [D] */
}

static int baz_stack(struct baz_dev *baz, struct gpio_irq_chip *girq, int vec)
{
	struct irq_fwspec fwspec = { };

	girq->parent_domain = irq_get_irq_data(vec)->domain;	/* [D] */
	return irq_domain_push_irq(girq->domain, vec, &fwspec);	/* [D] */
}
