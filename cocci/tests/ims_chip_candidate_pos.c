// SPDX-License-Identifier: GPL-2.0-only
/* Fixture: a hand-written IDXD-style IMS chip */
#include <linux/io.h>
#include <linux/irq.h>
#include <linux/msi.h>

#define GRAULT_SLOT(i)	(0x1000 + (i) * 16)

struct grault_dev {
	void __iomem *base;
};

static void grault_write_msi_msg(struct irq_data *d, struct msi_msg *msg)
{
	struct grault_dev *g = irq_data_get_irq_chip_data(d);
	void __iomem *slot = g->base + GRAULT_SLOT(d->hwirq);

	writel(msg->address_lo, slot);
	writel(msg->address_hi, slot + 4);
	writel(msg->data, slot + 8);
}

static struct irq_chip grault_chip = {
	.name			= "grault-ims",
	.irq_write_msi_msg	= grault_write_msi_msg,
};
