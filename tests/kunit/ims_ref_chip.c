// SPDX-License-Identifier: GPL-2.0-only
/*
 * A hand-written IDXD-style IMS chip: the baseline the generic chip is
 * measured against.  It is what a driver would write without the
 * framework: plain irq_chip callbacks that know the 16-byte slot layout
 * (address low @0, high @4, data @8, control @12 with bit 0 masking) and
 * write it directly, with the control word cached in the MSI descriptor
 * so that masking is one write.  Storage is host memory, like the
 * generic chip's in the benchmark.
 */
#include <linux/export.h>
#include <linux/irq.h>
#include <linux/msi.h>

#include "ims_test.h"

#define REF_SLOT_SIZE		16
#define REF_ADDR_LO		0
#define REF_ADDR_HI		4
#define REF_DATA		8
#define REF_CTRL		12
#define REF_CTRL_MASKED		BIT(0)

static __le32 *ims_ref_word(struct irq_data *d, unsigned int off)
{
	void *base = irq_data_get_irq_chip_data(d);

	return base + irq_data_get_msi_desc(d)->msi_index * REF_SLOT_SIZE + off;
}

static void ims_ref_set_ctrl(struct irq_data *d, bool masked)
{
	struct msi_desc *desc = irq_data_get_msi_desc(d);
	u32 ctrl = desc->data.dcookie.value;

	ctrl = masked ? ctrl | REF_CTRL_MASKED : ctrl & ~REF_CTRL_MASKED;
	desc->data.dcookie.value = ctrl;
	WRITE_ONCE(*ims_ref_word(d, REF_CTRL), cpu_to_le32(ctrl));
}

static void ims_ref_mask(struct irq_data *d)
{
	ims_ref_set_ctrl(d, true);
}

static void ims_ref_unmask(struct irq_data *d)
{
	ims_ref_set_ctrl(d, false);
}

static void ims_ref_write_msi_msg(struct irq_data *d, struct msi_msg *msg)
{
	WRITE_ONCE(*ims_ref_word(d, REF_ADDR_LO), cpu_to_le32(msg->address_lo));
	WRITE_ONCE(*ims_ref_word(d, REF_ADDR_HI), cpu_to_le32(msg->address_hi));
	WRITE_ONCE(*ims_ref_word(d, REF_DATA), cpu_to_le32(msg->data));
}

static void ims_ref_set_desc(msi_alloc_info_t *arg, struct msi_desc *desc)
{
	arg->desc = desc;
	arg->hwirq = desc->msi_index;
	desc->data.dcookie.value = REF_CTRL_MASKED;
}

static const struct msi_domain_template ims_ref_template = {
	.chip = {
		.name			= "ims-ref",
		.irq_mask		= ims_ref_mask,
		.irq_unmask		= ims_ref_unmask,
		.irq_shutdown		= ims_ref_mask,
		.irq_write_msi_msg	= ims_ref_write_msi_msg,
		.flags			= IRQCHIP_SKIP_SET_WAKE,
	},
	.ops = {
		.set_desc		= ims_ref_set_desc,
	},
	.info = {
		.bus_token		= DOMAIN_BUS_DEVICE_MSI,
	},
};

/**
 * ims_ref_create - Create the reference chip's domain for a device
 * @dev:	A device whose MSI parent is the test parent
 * @storage:	Host memory for @slots 16-byte slots
 * @slots:	Number of slots
 *
 * Context: Process context, may sleep.
 * Return: 0, or -ENODEV.
 */
int ims_ref_create(struct device *dev, void *storage, unsigned int slots)
{
	if (!msi_create_device_irq_domain(dev, MSI_DEFAULT_DOMAIN, &ims_ref_template, slots,
					  NULL, storage))
		return -ENODEV;
	return 0;
}
EXPORT_SYMBOL_GPL(ims_ref_create);

/**
 * ims_ref_alloc_irq - Allocate an interrupt on the reference chip
 * @dev:	The device
 *
 * Context: Process context, may sleep.
 * Return: the Linux interrupt number, or a negative error code.
 */
int ims_ref_alloc_irq(struct device *dev)
{
	struct msi_map map = msi_domain_alloc_irq_at(dev, MSI_DEFAULT_DOMAIN, MSI_ANY_INDEX,
						     NULL, NULL);

	return map.index < 0 ? map.index : map.virq;
}
EXPORT_SYMBOL_GPL(ims_ref_alloc_irq);

/**
 * ims_ref_free_irq - Free an interrupt of the reference chip
 * @dev:	The device
 * @virq:	The Linux interrupt number
 *
 * Context: Process context, may sleep.
 */
void ims_ref_free_irq(struct device *dev, unsigned int virq)
{
	unsigned int idx = irq_get_msi_desc(virq)->msi_index;

	msi_domain_free_irqs_range(dev, MSI_DEFAULT_DOMAIN, idx, idx);
}
EXPORT_SYMBOL_GPL(ims_ref_free_irq);
