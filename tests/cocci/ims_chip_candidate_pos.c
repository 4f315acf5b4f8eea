// SPDX-License-Identifier: GPL-2.0-only
/* Fixture: a hand-written IDXD-style IMS chip */
#include <linux/io.h>
#include <linux/irq.h>
#include <linux/msi.h>

#define GRAULT_SLOT(i)	(0x1000 + (i) * 16)

struct grault_dev {
	void __iomem *base;
};

static void grault_write_msi_msg(struct irq_data *d, struct msi_msg *msg)	/* [S] */
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

/* An SMMU-PMCG-style single message: 64-bit doorbell, data, attribute */
#define WALDO_CFG0	0x58
#define WALDO_CFG1	0x60
#define WALDO_CFG2	0x64
#define WALDO_ADDR_MASK	GENMASK_ULL(51, 2)

struct waldo_dev {
	void __iomem *base;
};

static void waldo_write_msi_msg(struct msi_desc *desc, struct msi_msg *msg)	/* [S] */
{
	struct waldo_dev *w = dev_get_drvdata(msi_desc_to_dev(desc));
	phys_addr_t doorbell;

	doorbell = (((u64)msg->address_hi) << 32) | msg->address_lo;
	doorbell &= WALDO_ADDR_MASK;
	writeq_relaxed(doorbell, w->base + WALDO_CFG0);	/* [C] */
	writel_relaxed(msg->data, w->base + WALDO_CFG1);
	writel_relaxed(1, w->base + WALDO_CFG2);
}

/* A UFS-ESI-style helper that stores the message it is handed... */
#define fred_writel(w, v, r)	writel((v), (w)->base + (r))

static void fred_config_esi(struct waldo_dev *w, struct msi_msg *msg)	/* [S] */
{
	fred_writel(w, msg->address_lo, 0x2f8);
	fred_writel(w, msg->address_hi, 0x2fc);
}

/* ...and the callback that passes the message to it */
static void fred_write_msi_msg(struct msi_desc *desc, struct msi_msg *msg)
{
	fred_config_esi(dev_get_drvdata(msi_desc_to_dev(desc)), msg);	/* [G] */
}
