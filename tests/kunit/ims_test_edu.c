// SPDX-License-Identifier: GPL-2.0-only
/*
 * QEMU's "edu" PCI device (1234:11e8) as an IMS device, for the end-to-end
 * suites: a test fixture, not a driver to copy (samples/ims/ is that).
 *
 * edu has no Interrupt Message Store, but it can DMA four bytes to any
 * bus address, including the MSI window.  This fixture gives it storage in
 * host memory, laid out as any descriptor says, and lets a test have edu
 * write the message a slot holds, as an IMS device would send it; with
 * interrupt remapping the IOMMU translates that write into the vector of
 * the interrupt.  It also lets a test make edu lose its storage (reset,
 * suspend) and choose the order of edu's own MSI and its IMS on a GICv3
 * ITS.
 *
 * edu keeps its own MSI in the PCI/MSI domain, as a real IMS device keeps
 * MSI-X; the IMS domain sits beside it.  The "test,ims-edu-dma" platform
 * driver is here too: a DT device whose compatible implies its layout,
 * whose messages edu writes on the arm64 machine.
 */
#include <linux/delay.h>
#include <linux/dma-mapping.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/iopoll.h>
#include <linux/module.h>
#include <linux/msi.h>
#include <linux/mutex.h>
#include <linux/mod_devicetable.h>
#include <linux/pci.h>
#include <linux/platform_device.h>
#include <linux/pm.h>
#include <linux/property.h>

#include "ims_test.h"
#include "ims_test_edu.h"

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

#define IMS_EDU_QUEUES		64

struct ims_edu_queue {
	struct ims_queue	ims;
	struct ims_edu		*edu;
};

struct ims_edu {
	struct pci_dev		*pdev;
	void __iomem		*bar;
	const struct ims_desc	*desc;
	/* The device whose IMS domain the storage serves */
	struct device		*target;
	/* IMS storage for array and table storage, or queue memory */
	void			*storage;
	dma_addr_t		storage_dma;
	size_t			storage_size;
	struct ims_edu_queue	queues[IMS_EDU_QUEUES];
	/* The data word DMAed to a message address */
	__le32			*staging;
	dma_addr_t		staging_dma;
	struct mutex		lock;	/* one DMA at a time */
	atomic_t		own_irqs;
	/* Commands that committed a queue's entry (IMS_DESC_COMMAND) */
	atomic_t		commits;
	bool			own_msi;
	/* A test asked edu to lose its IMS storage when it is suspended */
	bool			lose_on_suspend;
	/* What ims_desc_restore() returned at the last resume, or -EAGAIN */
	int			restored;
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
 * ims_edu_dev - The device of the IMS domain
 * @edu:	The device
 *
 * Context: Any context.
 * Return: the target of the last ims_edu_setup(), by default the struct
 * device of edu's PCI function.
 */
struct device *ims_edu_dev(struct ims_edu *edu)
{
	return edu->target ?: &edu->pdev->dev;
}
EXPORT_SYMBOL_GPL(ims_edu_dev);

/**
 * ims_edu_commits - Commands that committed a queue's entry
 * @edu:	The device
 *
 * Context: Any context.
 * Return: how many ran since edu was probed (IMS_DESC_COMMAND storage).
 */
unsigned int ims_edu_commits(struct ims_edu *edu)
{
	return atomic_read(&edu->commits);
}
EXPORT_SYMBOL_GPL(ims_edu_commits);

/**
 * ims_edu_own_irqs - Interrupts edu raised through its own MSI
 * @edu:	The device
 *
 * Has edu raise its own MSI, if it is enabled, and waits for it to arrive.
 *
 * Context: Process context; sleeps.
 * Return: the count.
 */
unsigned int ims_edu_own_irqs(struct ims_edu *edu)
{
	unsigned int before = atomic_read(&edu->own_irqs), waited;

	/* Have edu raise its own MSI and wait up to 5 s for it to arrive */
	if (edu->own_msi) {
		ims_edu_raise(edu);
		for (waited = 0; waited < 5000 && atomic_read(&edu->own_irqs) == before;
		     waited += 20)
			msleep(20);
	}
	return atomic_read(&edu->own_irqs);
}
EXPORT_SYMBOL_GPL(ims_edu_own_irqs);

/**
 * ims_edu_raise - Have edu raise its interrupt
 * @edu:	The device
 *
 * edu sends the message its MSI capability holds, with its requester ID,
 * if MSI is enabled there, else asserts INTx.  Unlike its DMA, the MSI
 * reaches a GICv3 ITS with edu's own DeviceID on QEMU 7.2.
 *
 * Context: Any context.
 */
void ims_edu_raise(struct ims_edu *edu)
{
	writel(1, edu->bar + EDU_IRQ_RAISE);
}
EXPORT_SYMBOL_GPL(ims_edu_raise);

/**
 * ims_edu_own_msi - Allocate or free the MSI vector of edu's own interrupt
 * @edu:	The device
 * @on:		Allocate the vector and request its handler, or free both
 *
 * A PCI device's MSI vectors and its IMS slots may share resources of
 * the MSI parent that the first allocation sizes (the event space of a
 * DeviceID on a GICv3 ITS); this lets a test choose the order.
 *
 * Context: Process context, may sleep.  Not concurrently with itself.
 * Return: 0, or the error of pci_alloc_irq_vectors() or of
 * devm_request_irq().
 */
int ims_edu_own_msi(struct ims_edu *edu, bool on)
{
	struct pci_dev *pdev = edu->pdev;
	int ret;

	if (on == edu->own_msi)
		return 0;
	if (!on) {
		devm_free_irq(&pdev->dev, pci_irq_vector(pdev, 0), edu);
		pci_free_irq_vectors(pdev);
		/*
		 * The MSI domain outlives its vectors, and with it what its
		 * parent prepared for it (an ITS device sized for one
		 * event): remove it, the next allocation creates it again.
		 */
		msi_remove_device_irq_domain(&pdev->dev, MSI_DEFAULT_DOMAIN);
		edu->own_msi = false;
		return 0;
	}
	ret = pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSI);
	if (ret < 0)
		return ret;
	ret = devm_request_irq(&pdev->dev, pci_irq_vector(pdev, 0), ims_edu_own_irq, 0,
			       "ims-test-edu", edu);
	if (ret) {
		pci_free_irq_vectors(pdev);
		return ret;
	}
	edu->own_msi = true;
	return 0;
}
EXPORT_SYMBOL_GPL(ims_edu_own_msi);

/*
 * The command of a queue whose entry is committed by one (IMS_DESC_COMMAND):
 * a posted write of the queue's number to edu, read back so that it has
 * reached the device when the command returns.  It may sleep, as a
 * driver's firmware command would.
 */
static int ims_edu_commit(struct ims_queue *q)
{
	struct ims_edu_queue *eq = container_of(q, struct ims_edu_queue, ims);
	struct ims_edu *edu = eq->edu;

	might_sleep();
	iowrite32(q->doorbell, edu->bar + EDU_LIVENESS);
	ioread32(edu->bar + EDU_LIVENESS);
	atomic_inc(&edu->commits);
	return 0;
}

/**
 * ims_edu_setup - Give edu IMS storage laid out as @desc says, and its domain
 * @edu:	The device
 * @target:	The device the IMS domain is for: NULL for edu's own PCI
 *		function (a PCI/IMS domain), or another device whose messages
 *		edu writes for it, such as a DT platform device whose MSI
 *		parent translates edu's DMA (an ITS, for DeviceID 0)
 * @desc:	The descriptor
 * @slots:	Slots for descriptors with dynamic slots
 *
 * The storage is allocated as large as @desc needs for its slots (queue
 * storage: one queue for each of 64 vectors) and freed by
 * ims_edu_teardown(), or here if the domain is refused.
 *
 * Context: Process context, may sleep.
 * Return: 0, -EBUSY if a domain is set up already, -ENOMEM if the storage
 * cannot be allocated, or the error of devm_ims_desc_create_domain() (-ENODEV
 * without an interrupt remapping parent).
 */
int ims_edu_setup(struct ims_edu *edu, struct device *target, const struct ims_desc *desc,
		  unsigned int slots)
{
	struct device *dev = &edu->pdev->dev;
	struct ims_storage st = { };
	size_t qsize = 0, size = 0;
	unsigned int n;
	int ret;

	if (edu->desc)
		return -EBUSY;
	if (!(desc->flags & IMS_DESC_DYNAMIC_SLOTS))
		slots = desc->nr_slots;
	if (!slots)
		return -EINVAL;

	/* Storage as large as the descriptor says, or one queue per vector */
	if (desc->kind == IMS_STORAGE_QUEUE) {
		qsize = ALIGN((size_t)desc->queue_offset + desc->entry_size, 64);
		size = qsize * IMS_EDU_QUEUES;
	} else {
		size = ims_test_storage_size(desc, slots);
	}
	edu->storage = dma_alloc_coherent(dev, size, &edu->storage_dma, GFP_KERNEL);
	if (!edu->storage)
		return -ENOMEM;
	edu->storage_size = size;

	for (n = 0; n < IMS_EDU_QUEUES; n++) {
		edu->queues[n].ims.mem = qsize ? edu->storage + n * qsize : NULL;
		edu->queues[n].ims.size = qsize;
		edu->queues[n].ims.doorbell = n;
		edu->queues[n].ims.commit = desc->flags & IMS_DESC_COMMAND ? ims_edu_commit : NULL;
		edu->queues[n].edu = edu;
	}
	if (desc->kind != IMS_STORAGE_QUEUE) {
		st.mem = edu->storage;
		st.size = size;
	}
	if (desc->flags & IMS_DESC_DOORBELL)
		st.doorbell = edu->bar + EDU_LIVENESS;
	if (desc->flags & IMS_DESC_DYNAMIC_SLOTS)
		st.nr_slots = slots;

	edu->desc = desc;
	edu->target = target ?: dev;
	ret = devm_ims_desc_create_domain(edu->target, desc, &st);
	if (ret) {
		edu->desc = NULL;
		dma_free_coherent(dev, size, edu->storage, edu->storage_dma);
		edu->storage = NULL;
	}
	return ret;
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
	devm_ims_desc_remove_domain(edu->target);
	edu->desc = NULL;
	edu->target = NULL;
	dma_free_coherent(&edu->pdev->dev, edu->storage_size, edu->storage, edu->storage_dma);
	edu->storage = NULL;
}
EXPORT_SYMBOL_GPL(ims_edu_teardown);

/**
 * ims_edu_wipe - Make edu lose its IMS storage, as a reset does
 * @edu:	The device
 *
 * Zeroes the storage of the domain set up by ims_edu_setup(): what a
 * device whose storage is lost in a reset or in D3cold holds afterwards.
 *
 * Context: Process context.
 */
void ims_edu_wipe(struct ims_edu *edu)
{
	if (edu->storage)
		memset(edu->storage, 0, edu->storage_size);
}
EXPORT_SYMBOL_GPL(ims_edu_wipe);

/**
 * ims_edu_lose_on_suspend - Have edu lose its IMS storage when suspended
 * @edu:	The device
 * @lose:	Whether the next system suspends wipe it (ims_edu_wipe())
 *
 * Context: Process context.
 */
void ims_edu_lose_on_suspend(struct ims_edu *edu, bool lose)
{
	edu->lose_on_suspend = lose;
	edu->restored = -EAGAIN;
}
EXPORT_SYMBOL_GPL(ims_edu_lose_on_suspend);

/**
 * ims_edu_restored - What the last resume's ims_desc_restore() returned
 * @edu:	The device
 *
 * Context: Any context.
 * Return: 0, the error of ims_desc_restore(), or -EAGAIN if no resume
 * restored anything since ims_edu_lose_on_suspend().
 */
int ims_edu_restored(struct ims_edu *edu)
{
	return edu->restored;
}
EXPORT_SYMBOL_GPL(ims_edu_restored);

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

/**
 * ims_edu_entry - The bytes of a slot's entry, as the device reads them
 * @edu:	The device, set up with ims_edu_setup()
 * @loc:	Slot (array, table) or queue (queue storage)
 *
 * Context: Any context.
 * Return: the first byte of the entry.
 */
const u8 *ims_edu_entry(struct ims_edu *edu, unsigned int loc)
{
	const struct ims_desc *d = edu->desc;

	if (d->kind == IMS_STORAGE_QUEUE)
		return (const u8 *)edu->queues[loc].ims.mem + d->queue_offset;
	return (const u8 *)edu->storage + ims_test_slot_offset(d, loc);
}
EXPORT_SYMBOL_GPL(ims_edu_entry);

/**
 * ims_edu_send - Have edu write a message, as an IMS device sends one
 * @edu:	The device
 * @addr:	Message address
 * @data:	Message data
 *
 * edu writes @data to @addr by DMA: first from host memory into its
 * buffer, then from its buffer to the message address.
 *
 * Context: Process context, may sleep.
 * Return: 0, or a negative error code if edu's DMA did not complete.
 */
int ims_edu_send(struct ims_edu *edu, u64 addr, u32 data)
{
	int ret;

	mutex_lock(&edu->lock);
	*edu->staging = cpu_to_le32(data);
	ret = ims_edu_dma(edu, edu->staging_dma, EDU_BUF, 0);
	if (!ret)
		ret = ims_edu_dma(edu, EDU_BUF, addr, EDU_DMA_TO_RAM);
	mutex_unlock(&edu->lock);
	return ret;
}
EXPORT_SYMBOL_GPL(ims_edu_send);

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

	edu->staging = dmam_alloc_coherent(dev, sizeof(*edu->staging), &edu->staging_dma,
					   GFP_KERNEL);
	if (!edu->staging)
		return -ENOMEM;

	/* edu's own interrupt stays in the PCI/MSI domain */
	ret = ims_edu_own_msi(edu, true);
	if (ret)
		return dev_err_probe(dev, ret, "no MSI for edu's own interrupt\n");

	pci_set_drvdata(pdev, edu);
	ims_edu_instance = edu;
	dev_info(dev, "edu ready for IMS: MSI in the default domain\n");
	return 0;
}

static void ims_edu_remove(struct pci_dev *pdev)
{
	ims_edu_instance = NULL;
}

static int ims_edu_suspend(struct device *dev)
{
	struct ims_edu *edu = dev_get_drvdata(dev);

	/* As in D3cold, where a device loses what its storage held */
	if (edu->lose_on_suspend)
		ims_edu_wipe(edu);
	return 0;
}

/*
 * What a driver with IMS does on resume (and in reset_done()): program
 * the storage again from what the chip keeps.  Harmless where the device
 * kept it.
 */
static int ims_edu_resume(struct device *dev)
{
	struct ims_edu *edu = dev_get_drvdata(dev);
	int ret;

	if (!edu->desc)
		return 0;
	ret = ims_desc_restore(ims_edu_dev(edu));
	edu->restored = ret;
	return ret;
}

static DEFINE_SIMPLE_DEV_PM_OPS(ims_edu_pm, ims_edu_suspend, ims_edu_resume);

static const struct pci_device_id ims_edu_ids[] = {
	{ PCI_DEVICE(EDU_VENDOR, EDU_DEVICE) },
	{ }
};
MODULE_DEVICE_TABLE(pci, ims_edu_ids);

static struct pci_driver ims_edu_driver = {
	.name		= "ims-test-edu",
	.id_table	= ims_edu_ids,
	.probe		= ims_edu_probe,
	.remove		= ims_edu_remove,
	.driver.pm	= pm_sleep_ptr(&ims_edu_pm),
};

/*
 * The compatible path: a DT device whose compatible implies its IMS
 * layout.  Its driver only finds its descriptor in the match data; edu
 * writes the device's messages, on storage ims_edu_setup() gives it.
 */
static const struct of_device_id ims_edu_dma_ids[] = {
	{ .compatible = "test,ims-edu-dma", .data = &ims_desc_idxd },
	{ }
};
MODULE_DEVICE_TABLE(of, ims_edu_dma_ids);

static struct device *ims_edu_dma_dev;

static int ims_edu_dma_probe(struct platform_device *pdev)
{
	const struct ims_desc *desc = device_get_match_data(&pdev->dev);

	if (!desc)
		return -ENODEV;
	platform_set_drvdata(pdev, (void *)desc);
	ims_edu_dma_dev = &pdev->dev;
	dev_info(&pdev->dev, "IMS laid out as %s, by compatible\n", desc->name);
	return 0;
}

static void ims_edu_dma_remove(struct platform_device *pdev)
{
	ims_edu_dma_dev = NULL;
}

static struct platform_driver ims_edu_dma_driver = {
	.driver = {
		.name		= "ims-edu-dma",
		.of_match_table	= ims_edu_dma_ids,
	},
	.probe	= ims_edu_dma_probe,
	.remove	= ims_edu_dma_remove,
};

/**
 * ims_edu_dma_get - The DT device whose compatible implies its IMS layout
 * @desc:	Set to the descriptor its driver found in its match data
 *
 * Context: Process context.
 * Return: the device bound to the ims-edu-dma driver, or NULL if there
 * is none.
 */
struct device *ims_edu_dma_get(const struct ims_desc **desc)
{
	if (!ims_edu_dma_dev)
		return NULL;
	*desc = dev_get_drvdata(ims_edu_dma_dev);
	return ims_edu_dma_dev;
}
EXPORT_SYMBOL_GPL(ims_edu_dma_get);

static int __init ims_edu_init(void)
{
	int ret;

	ret = platform_driver_register(&ims_edu_dma_driver);
	if (ret)
		return ret;
	ret = pci_register_driver(&ims_edu_driver);
	if (ret)
		platform_driver_unregister(&ims_edu_dma_driver);
	return ret;
}
module_init(ims_edu_init);

static void __exit ims_edu_exit(void)
{
	pci_unregister_driver(&ims_edu_driver);
	platform_driver_unregister(&ims_edu_dma_driver);
}
module_exit(ims_edu_exit);

MODULE_DESCRIPTION("KUnit fixture: QEMU's edu device as an IMS device");
MODULE_LICENSE("GPL");
