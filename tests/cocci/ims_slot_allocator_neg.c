// SPDX-License-Identifier: GPL-2.0-only
/* Fixture: an IDA for queue ids in one function, interrupts in another */
#include <linux/idr.h>
#include <linux/ims_desc.h>

struct corge_dev {
	struct device *dev;
	struct ida queue_ida;
	int qid;
	int irq;
};

static int corge_queue_init(struct corge_dev *c)
{
	c->qid = ida_alloc(&c->queue_ida, GFP_KERNEL);
	return c->qid < 0 ? c->qid : 0;
}

struct device *corge_get_ims_dev(struct corge_dev *c);

static int corge_irq_init(struct corge_dev *c)
{
	union msi_instance_cookie cookie = { .value = c->qid };

	/* A getter whose name mentions IMS allocates nothing */
	c->irq = devm_ims_desc_alloc_irq(corge_get_ims_dev(c), &cookie, NULL);
	return c->irq < 0 ? c->irq : 0;
}

/* Growing at the end with a loop counter, and the core choosing: fine */
static int corge_grow(struct pci_dev *pdev, int from, int to)
{
	struct msi_map map;
	int i;

	for (i = from; i < to; i++) {
		map = pci_msix_alloc_irq_at(pdev, i, NULL);
		if (map.index < 0)
			return map.index;
	}
	map = pci_msix_alloc_irq_at(pdev, MSI_ANY_INDEX, NULL);
	return map.index;
}
