// SPDX-License-Identifier: GPL-2.0-only
/* Fixture: driver-facing API only; a GPIO irq domain is not an MSI domain */
#include <linux/ims_desc.h>
#include <linux/irqdomain.h>
#include <linux/pci.h>

struct qux_dev {
	struct pci_dev *pdev;
	struct irq_domain *gpio_domain;
	int irq;
};

static int qux_setup(struct qux_dev *qux)
{
	int ret;

	ret = pci_alloc_irq_vectors(qux->pdev, 1, 4, PCI_IRQ_MSIX);
	if (ret < 0)
		return ret;
	qux->irq = devm_ims_desc_alloc_irq(&qux->pdev->dev, NULL, NULL);
	return qux->irq < 0 ? qux->irq : 0;
}

/* A GPIO chip stacked on a wired parent interrupt */
static struct irq_domain *qux_parent(int wired_irq)
{
	struct irq_domain *parent = irq_get_irq_data(wired_irq)->domain;

	return parent;
}
