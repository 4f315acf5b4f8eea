// SPDX-License-Identifier: GPL-2.0-only
/* Fixture: a driver that only uses the driver-facing interrupt API */
#include <linux/interrupt.h>
#include <linux/ims_desc.h>
#include <linux/msi.h>
#include <linux/pci.h>

struct bar_dev {
	struct pci_dev *pdev;
	struct msi_msg msg;	/* the driver's own message, not the core's */
	int irq;
};

static irqreturn_t bar_irq(int irq, void *data)
{
	return IRQ_HANDLED;
}

static int bar_setup(struct bar_dev *bar)
{
	union msi_instance_cookie cookie = { .value = 5 };

	bar->irq = devm_ims_desc_alloc_irq(&bar->pdev->dev, &cookie, NULL);
	if (bar->irq < 0)
		return bar->irq;
	bar->msg.data = 0;
	return request_irq(bar->irq, bar_irq, 0, "bar", bar);
}

/* A descriptor of another kind, named desc: matched by type, not name */
struct bar_dma_desc {
	struct {
		u32 data;
		u32 address_lo;
	} msg;
	int pci;
};

static u32 bar_desc_data(struct bar_dma_desc *desc)
{
	return desc->msg.data + desc->pci;
}
