// SPDX-License-Identifier: GPL-2.0-only
/*
 * IMS on QEMU's "edu" PCI device (1234:11e8).
 *
 * edu has no Interrupt Message Store, but it can DMA four bytes to any
 * bus address, including the MSI window.  This sample gives it one: the
 * storage lives in host memory, laid out exactly as a descriptor says,
 * and to raise the interrupt of a slot the driver does what an IMS device
 * would do: it reads the slot's entry, honours its mask bit, and has edu
 * DMA the data word to the address.  With interrupt remapping the IOMMU
 * translates that write into the vector of the interrupt.
 *
 * edu keeps its own MSI in the PCI/MSI domain, as a real IMS device keeps
 * MSI-X; the IMS domain sits beside it.
 */
#include <linux/delay.h>
#include <linux/dma-mapping.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/iopoll.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/unaligned.h>

#include "ims-edu.h"

#define EDU_VENDOR		0x1234
#define EDU_DEVICE		0x11e8

#define EDU_IRQ_STATUS		0x24
#define EDU_IRQ_RAISE		0x60
#define EDU_IRQ_ACK		0x64
#define EDU_DMA_SRC		0x80
#define EDU_DMA_DST		0x88
#define EDU_DMA_COUNT		0x90
#define EDU_DMA_CMD		0x98
#define EDU_DMA_START		BIT(0)
#define EDU_DMA_TO_RAM		BIT(1)
/* A register whose writes have no side effect: the IMS doorbell */
#define EDU_LIVENESS		0x04

/* edu's DMA buffer, in its own address space */
#define EDU_BUF			0x40000

#define IMS_EDU_STORAGE_SIZE	SZ_64K
#define IMS_EDU_QUEUES		64
#define IMS_EDU_QUEUE_SIZE	256

struct ims_edu_queue {
	struct ims_queue	ims;
};

struct ims_edu {
	struct pci_dev		*pdev;
	void __iomem		*bar;
	const struct ims_desc	*desc;
	/* IMS storage for array and table storage */
	void			*storage;
	dma_addr_t		storage_dma;
	/* Queue memory for queue storage, one part per queue */
	void			*qmem;
	dma_addr_t		qmem_dma;
	struct ims_edu_queue	queues[IMS_EDU_QUEUES];
	/* The data word DMAed to a message address */
	__le32			*staging;
	dma_addr_t		staging_dma;
	struct mutex		lock;	/* one DMA at a time */
	atomic_t		own_irqs;
};

static struct ims_edu *ims_edu_instance;

static int ims_edu_dma(struct ims_edu *edu, u64 src, u64 dst, u32 cmd)
{
	u32 val;

	writeq(src, edu->bar + EDU_DMA_SRC);
	writeq(dst, edu->bar + EDU_DMA_DST);
	writeq(sizeof(u32), edu->bar + EDU_DMA_COUNT);
	writel(cmd | EDU_DMA_START, edu->bar + EDU_DMA_CMD);
	return readl_poll_timeout(edu->bar + EDU_DMA_CMD, val, !(val & EDU_DMA_START),
				  1000, 2 * USEC_PER_SEC);
}

static irqreturn_t ims_edu_own_irq(int irq, void *data)
{
	struct ims_edu *edu = data;
	u32 status = readl(edu->bar + EDU_IRQ_STATUS);

	if (!status)
		return IRQ_NONE;
	writel(status, edu->bar + EDU_IRQ_ACK);
	atomic_inc(&edu->own_irqs);
	return IRQ_HANDLED;
}

/**
 * ims_edu_get - The probed edu device
 *
 * Context: Any context.
 * Return: the device, or NULL if none was probed.
 */
struct ims_edu *ims_edu_get(void)
{
	return ims_edu_instance;
}
EXPORT_SYMBOL_GPL(ims_edu_get);

/**
 * ims_edu_dev - The edu device's struct device
 * @edu:	The device
 *
 * Context: Any context.
 * Return: the struct device of its PCI device.
 */
struct device *ims_edu_dev(struct ims_edu *edu)
{
	return &edu->pdev->dev;
}
EXPORT_SYMBOL_GPL(ims_edu_dev);

/**
 * ims_edu_own_irqs - Interrupts edu raised through its own MSI
 * @edu:	The device
 *
 * Context: Any context.
 * Return: the count.
 */
unsigned int ims_edu_own_irqs(struct ims_edu *edu)
{
	/* Have edu raise its own MSI and give it time to arrive */
	writel(1, edu->bar + EDU_IRQ_RAISE);
	msleep(20);
	return atomic_read(&edu->own_irqs);
}
EXPORT_SYMBOL_GPL(ims_edu_own_irqs);

/**
 * ims_edu_setup - Give edu IMS storage laid out as @desc says, and its domain
 * @edu:	The device
 * @desc:	The descriptor
 * @slots:	Slots for descriptors with dynamic slots
 *
 * Context: Process context, may sleep.
 * Return: 0, or the error of ims_desc_create_domain() (-ENODEV without an
 * interrupt remapping parent).
 */
int ims_edu_setup(struct ims_edu *edu, const struct ims_desc *desc, unsigned int slots)
{
	struct ims_storage st = { };
	unsigned int n;

	memset(edu->storage, 0, IMS_EDU_STORAGE_SIZE);
	memset(edu->qmem, 0, IMS_EDU_QUEUES * IMS_EDU_QUEUE_SIZE);
	for (n = 0; n < IMS_EDU_QUEUES; n++) {
		edu->queues[n].ims.mem = edu->qmem + n * IMS_EDU_QUEUE_SIZE;
		edu->queues[n].ims.size = IMS_EDU_QUEUE_SIZE;
		edu->queues[n].ims.doorbell = n;
	}

	if (desc->kind != IMS_STORAGE_QUEUE) {
		st.mem = edu->storage;
		st.size = IMS_EDU_STORAGE_SIZE;
	}
	if (desc->flags & IMS_DESC_DOORBELL)
		st.doorbell = edu->bar + EDU_LIVENESS;
	if (desc->flags & IMS_DESC_DYNAMIC_SLOTS)
		st.nr_slots = slots;

	edu->desc = desc;
	return ims_desc_create_domain(&edu->pdev->dev, desc, &st);
}
EXPORT_SYMBOL_GPL(ims_edu_setup);

/**
 * ims_edu_teardown - Remove the IMS domain made by ims_edu_setup()
 * @edu:	The device
 *
 * Context: Process context, may sleep.
 */
void ims_edu_teardown(struct ims_edu *edu)
{
	ims_desc_remove_domain(&edu->pdev->dev);
	edu->desc = NULL;
}
EXPORT_SYMBOL_GPL(ims_edu_teardown);

/**
 * ims_edu_cookie - The instance cookie for vector @n
 * @edu:	The device
 * @n:		Vector (queue) number
 * @value:	Cookie value (PASID) for descriptors with a cookie field
 *
 * Context: Any context.
 * Return: queue @n for queue storage, @value otherwise.
 */
union msi_instance_cookie ims_edu_cookie(struct ims_edu *edu, unsigned int n, u32 value)
{
	union msi_instance_cookie c = { };

	if (edu->desc->kind == IMS_STORAGE_QUEUE)
		c.ptr = &edu->queues[n].ims;
	else if (edu->desc->flags & IMS_DESC_COOKIE)
		c.value = value;
	return c;
}
EXPORT_SYMBOL_GPL(ims_edu_cookie);

static u32 ims_edu_rd32(const struct ims_desc *d, const u8 *p)
{
	return d->flags & IMS_DESC_BIG_ENDIAN ? get_unaligned_be32(p) : get_unaligned_le32(p);
}

/**
 * ims_edu_decode - Read a slot's entry the way the device does
 * @edu:	The device
 * @loc:	Slot (array, table) or queue (queue storage)
 * @e:		The decoded entry
 *
 * Context: Any context.
 */
void ims_edu_decode(struct ims_edu *edu, unsigned int loc, struct ims_edu_entry *e)
{
	const struct ims_desc *d = edu->desc;
	u32 ctrl, hi;
	const u8 *p;

	if (d->kind == IMS_STORAGE_QUEUE)
		p = edu->queues[loc].ims.mem + d->queue_offset;
	else if (d->kind == IMS_STORAGE_TABLE)
		p = edu->storage + d->slot_offsets[loc];
	else
		p = edu->storage + loc * d->stride;

	if (d->flags & IMS_DESC_ADDR64) {
		e->addr = d->flags & IMS_DESC_BIG_ENDIAN ? get_unaligned_be64(p + d->addr_lo) :
			  get_unaligned_le64(p + d->addr_lo);
	} else {
		hi = ims_edu_rd32(d, p + d->addr_hi);
		if (d->addr_hi_width && d->addr_hi_width < 32)
			hi &= BIT(d->addr_hi_width) - 1;
		e->addr = (u64)hi << 32 | ims_edu_rd32(d, p + d->addr_lo);
	}
	e->data = ims_edu_rd32(d, p + d->data);
	ctrl = ims_edu_rd32(d, p + d->ctrl);
	e->masked = !!(ctrl & BIT(d->mask_bit)) != !!(d->flags & IMS_DESC_MASK_ENABLES);
	e->cookie = d->flags & IMS_DESC_COOKIE ?
		    (ctrl >> d->cookie_shift) & (u32)GENMASK_ULL(d->cookie_width - 1, 0) : 0;
	e->cookie_en = d->flags & IMS_DESC_COOKIE_ENABLE && ctrl & BIT(d->cookie_enable_bit);
}
EXPORT_SYMBOL_GPL(ims_edu_decode);

/**
 * ims_edu_fire - Raise the interrupt of a slot as an IMS device would
 * @edu:	The device
 * @loc:	Slot (array, table) or queue (queue storage)
 *
 * Reads the entry; if it is masked nothing happens, otherwise edu writes
 * the data word to the address by DMA: first from host memory into its
 * buffer, then from its buffer to the message address.
 *
 * Context: Process context, may sleep.
 * Return: 1 if the message was written, 0 if the slot is masked, or a
 * negative error code if edu's DMA did not complete.
 */
int ims_edu_fire(struct ims_edu *edu, unsigned int loc)
{
	struct ims_edu_entry e;
	int ret;

	ims_edu_decode(edu, loc, &e);
	if (e.masked)
		return 0;

	mutex_lock(&edu->lock);
	*edu->staging = cpu_to_le32(e.data);
	ret = ims_edu_dma(edu, edu->staging_dma, EDU_BUF, 0);
	if (!ret)
		ret = ims_edu_dma(edu, EDU_BUF, e.addr, EDU_DMA_TO_RAM);
	mutex_unlock(&edu->lock);
	return ret ?: 1;
}
EXPORT_SYMBOL_GPL(ims_edu_fire);

static int ims_edu_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct device *dev = &pdev->dev;
	struct ims_edu *edu;
	int ret;

	edu = devm_kzalloc(dev, sizeof(*edu), GFP_KERNEL);
	if (!edu)
		return -ENOMEM;
	edu->pdev = pdev;
	mutex_init(&edu->lock);

	ret = pcim_enable_device(pdev);
	if (ret)
		return ret;
	pci_set_master(pdev);
	edu->bar = pcim_iomap(pdev, 0, 0);
	if (!edu->bar)
		return -ENOMEM;
	ret = dma_set_mask_and_coherent(dev, DMA_BIT_MASK(64));
	if (ret)
		return ret;

	edu->storage = dmam_alloc_coherent(dev, IMS_EDU_STORAGE_SIZE, &edu->storage_dma,
					   GFP_KERNEL);
	edu->qmem = dmam_alloc_coherent(dev, IMS_EDU_QUEUES * IMS_EDU_QUEUE_SIZE,
					&edu->qmem_dma, GFP_KERNEL);
	edu->staging = dmam_alloc_coherent(dev, sizeof(*edu->staging), &edu->staging_dma,
					   GFP_KERNEL);
	if (!edu->storage || !edu->qmem || !edu->staging)
		return -ENOMEM;

	/* edu's own interrupt stays in the PCI/MSI domain */
	ret = pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSI);
	if (ret < 0)
		return dev_err_probe(dev, ret, "no MSI for edu's own interrupt\n");
	ret = devm_request_irq(dev, pci_irq_vector(pdev, 0), ims_edu_own_irq, 0, "ims-edu",
			       edu);
	if (ret)
		return ret;

	pci_set_drvdata(pdev, edu);
	ims_edu_instance = edu;
	dev_info(dev, "edu ready for IMS: MSI in the default domain, IMS storage at %pad\n",
		 &edu->storage_dma);
	return 0;
}

static void ims_edu_remove(struct pci_dev *pdev)
{
	ims_edu_instance = NULL;
}

static const struct pci_device_id ims_edu_ids[] = {
	{ PCI_DEVICE(EDU_VENDOR, EDU_DEVICE) },
	{ }
};
MODULE_DEVICE_TABLE(pci, ims_edu_ids);

static struct pci_driver ims_edu_driver = {
	.name		= "ims-edu",
	.id_table	= ims_edu_ids,
	.probe		= ims_edu_probe,
	.remove		= ims_edu_remove,
};
module_pci_driver(ims_edu_driver);

MODULE_DESCRIPTION("IMS sample: an Interrupt Message Store on QEMU's edu device");
MODULE_LICENSE("GPL");
