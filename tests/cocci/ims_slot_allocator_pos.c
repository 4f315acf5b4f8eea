// SPDX-License-Identifier: GPL-2.0-only
/* Fixture: IMS slots allocated by the driver beside the domain */
#include <linux/bitmap.h>
#include <linux/idr.h>
#include <linux/ims_desc.h>

struct quux_dev {
	struct device *dev;
	struct ida ims_ida;
	unsigned long slot_map[4];
	int slot[16];
	int irq[16];
};

static int quux_alloc_ims_index(struct quux_dev *q);

static int quux_setup_one(struct quux_dev *q, int i)
{
	q->irq[i] = devm_ims_desc_alloc_irq(q->dev, NULL, NULL);
	if (q->irq[i] < 0)
		return q->irq[i];
	q->slot[i] = ida_alloc_max(&q->ims_ida, 255, GFP_KERNEL);	/* [E] */
	return 0;
}

static int quux_setup_bitmap(struct quux_dev *q, int i)
{
	unsigned long s = find_first_zero_bit(q->slot_map, 256);	/* [E] */

	q->slot[i] = s;
	q->irq[i] = devm_ims_desc_alloc_irq(q->dev, NULL, NULL);
	return q->irq[i] < 0 ? q->irq[i] : 0;
}

static int quux_setup_helper(struct quux_dev *q, int i)
{
	q->irq[i] = devm_ims_desc_alloc_irq(q->dev, NULL, NULL);
	q->slot[i] = quux_alloc_ims_index(q);	/* [E] */
	return 0;
}

struct quux_entry {
	int index;
};

static int quux_tracker(struct quux_dev *q, struct pci_dev *pdev,
			struct xarray *xa, struct quux_entry *entry)
{
	struct msi_map map;
	u32 id;

	if (xa_alloc(xa, &id, entry, XA_LIMIT(0, 63), GFP_KERNEL))	/* [E] */
		return -ENOSPC;
	map = pci_msix_alloc_irq_at(pdev, entry->index, NULL);	/* [E] */
	return map.index;
}
