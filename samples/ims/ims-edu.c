// SPDX-License-Identifier: GPL-2.0-only
/*
 * A driver for a device with an Interrupt Message Store (IMS), written for
 * QEMU's "edu" PCI device (1234:11e8).
 *
 * With ims-desc a driver for an IMS device writes no irq chip and no MSI
 * domain: it describes where the device keeps each vector's message, and
 * the framework's generic chip writes, masks and restores the entries as
 * the description says.  The driver creates the device's IMS domain at
 * probe, allocates a vector per queue with the queue as the instance
 * cookie, requests it like any interrupt, and frees it before the domain
 * goes.
 *
 * edu has no IMS: this driver gives each of its queues a context in host
 * memory that the device would read, with the queue's message at offset
 * 0x20, taken by the device when the queue's number is written to a
 * doorbell register (the layout of mlx5-style devices).  edu never sends
 * these messages, so the handlers do not run here; the IMS KUnit suites
 * have edu write them, with a test driver of their own, to prove delivery
 * end to end.
 */
#include <linux/dma-mapping.h>
#include <linux/ims_desc.h>
#include <linux/interrupt.h>
#include <linux/module.h>
#include <linux/pci.h>
#include <linux/pm.h>

#define EDU_VENDOR		0x1234
#define EDU_DEVICE		0x11e8
/* A register whose writes have no side effect: the doorbell here */
#define EDU_LIVENESS		0x04

#define IMS_EDU_QUEUES		4
/* Bytes of one queue's context, which holds the queue's IMS entry */
#define IMS_EDU_CTX_SIZE	64

/*
 * Where the device keeps a queue's message: a 16-byte entry at offset 0x20
 * of the queue's context, in host memory, holding a 64-bit little endian
 * address, the data word and a control word whose bit 0 masks the vector.
 * The device takes a written entry when the queue's number is written to
 * its doorbell register, which may have to wait for the device, so the
 * updates may sleep.  The number of queues is the instance's.
 */
static const struct ims_desc ims_edu_desc = {
	.name		= "ims-edu",
	.kind		= IMS_STORAGE_QUEUE,
	.flags		= IMS_DESC_ADDR64 | IMS_DESC_SLEEPS | IMS_DESC_DOORBELL |
			  IMS_DESC_DYNAMIC_SLOTS,
	.queue_offset	= 0x20,
	.entry_size	= 16,
	.addr_lo	= 0,
	.data		= 8,
	.ctrl		= 12,
	.mask_bit	= 0,
};

struct ims_edu_queue {
	/* The instance cookie: where this queue's entry is, and its doorbell */
	struct ims_queue	ims;
	unsigned int		virq;
	unsigned long		events;
	char			name[16];
};

struct ims_edu {
	/* The queues' contexts, which the device reads */
	void			*ctx;
	dma_addr_t		ctx_dma;
	struct ims_edu_queue	queues[IMS_EDU_QUEUES];
};

static irqreturn_t ims_edu_queue_irq(int irq, void *data)
{
	struct ims_edu_queue *q = data;

	/* A real device's queue has completions to reap here */
	q->events++;
	return IRQ_HANDLED;
}

/* Release the interrupts of the first @nr queues, the last first */
static void ims_edu_stop_queues(struct device *dev, struct ims_edu *edu, unsigned int nr)
{
	while (nr--) {
		free_irq(edu->queues[nr].virq, &edu->queues[nr]);
		devm_ims_desc_free_irq(dev, edu->queues[nr].virq);
	}
}

static int ims_edu_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	struct ims_storage storage = { .nr_slots = IMS_EDU_QUEUES };
	struct device *dev = &pdev->dev;
	struct ims_edu_queue *q;
	struct ims_edu *edu;
	void __iomem *bar;
	unsigned int i;
	int ret;

	edu = devm_kzalloc(dev, sizeof(*edu), GFP_KERNEL);
	if (!edu)
		return -ENOMEM;
	ret = pcim_enable_device(pdev);
	if (ret)
		return ret;
	pci_set_master(pdev);
	bar = pcim_iomap(pdev, 0, 0);
	if (!bar)
		return -ENOMEM;
	ret = dma_set_mask_and_coherent(dev, DMA_BIT_MASK(64));
	if (ret)
		return ret;

	/*
	 * The storage before the domain, both device managed: at unbind the
	 * domain, which writes the storage, goes first.
	 */
	edu->ctx = dmam_alloc_coherent(dev, IMS_EDU_QUEUES * IMS_EDU_CTX_SIZE, &edu->ctx_dma,
				       GFP_KERNEL);
	if (!edu->ctx)
		return -ENOMEM;
	storage.doorbell = bar + EDU_LIVENESS;

	/* Refused without a parent that serves IMS, e.g. no interrupt remapping */
	ret = devm_ims_desc_create_domain(dev, &ims_edu_desc, &storage);
	if (ret)
		return dev_err_probe(dev, ret, "no IMS domain\n");

	for (i = 0; i < IMS_EDU_QUEUES; i++) {
		q = &edu->queues[i];
		q->ims.mem = edu->ctx + i * IMS_EDU_CTX_SIZE;
		q->ims.size = IMS_EDU_CTX_SIZE;
		q->ims.doorbell = i;
		snprintf(q->name, sizeof(q->name), "ims-edu-q%u", i);

		/* The queue is the cookie: the chip finds the entry through it */
		ret = devm_ims_desc_alloc_irq(dev, &(union msi_instance_cookie){ .ptr = &q->ims },
					      NULL);
		if (ret < 0)
			goto stop;
		q->virq = ret;
		ret = request_irq(q->virq, ims_edu_queue_irq, 0, q->name, q);
		if (ret) {
			devm_ims_desc_free_irq(dev, q->virq);
			goto stop;
		}
	}
	pci_set_drvdata(pdev, edu);
	dev_info(dev, "%u queues, IMS interrupts %u..%u\n", IMS_EDU_QUEUES,
		 edu->queues[0].virq, edu->queues[IMS_EDU_QUEUES - 1].virq);
	return 0;

stop:
	ims_edu_stop_queues(dev, edu, i);
	devm_ims_desc_remove_domain(dev);
	return dev_err_probe(dev, ret, "queue %u: no IMS interrupt\n", i);
}

static void ims_edu_remove(struct pci_dev *pdev)
{
	struct ims_edu *edu = pci_get_drvdata(pdev);

	/* Interrupts are released before their domain is removed */
	ims_edu_stop_queues(&pdev->dev, edu, IMS_EDU_QUEUES);
	devm_ims_desc_remove_domain(&pdev->dev);
}

/*
 * The device may have lost its storage (D3cold, a reset): write every
 * allocated vector's entry again.  A driver whose queue contexts live in
 * the device sets its queues up again first.
 */
static int ims_edu_resume(struct device *dev)
{
	return ims_desc_restore(dev);
}

static DEFINE_SIMPLE_DEV_PM_OPS(ims_edu_pm, NULL, ims_edu_resume);

static void ims_edu_reset_done(struct pci_dev *pdev)
{
	ims_desc_restore(&pdev->dev);
}

static const struct pci_error_handlers ims_edu_err_handler = {
	.reset_done	= ims_edu_reset_done,
};

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
	.err_handler	= &ims_edu_err_handler,
	.driver.pm	= pm_sleep_ptr(&ims_edu_pm),
};
module_pci_driver(ims_edu_driver);

MODULE_DESCRIPTION("IMS sample: a driver that describes its Interrupt Message Store");
MODULE_LICENSE("GPL");
