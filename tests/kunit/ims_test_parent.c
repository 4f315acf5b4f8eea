// SPDX-License-Identifier: GPL-2.0-only
/*
 * A test-only MSI parent domain, built the way the GIC ITS and MBI parents
 * are: on top of irq-msi-lib, as a NEXUS domain that per-device MSI
 * domains (DOMAIN_BUS_DEVICE_MSI) can be created on.
 *
 * It composes a message per hardware interrupt and delivers an interrupt
 * only for a message it currently hands out: a device that writes a stale
 * message (one from before an affinity change) is counted as misrouted.
 */
#include <kunit/resource.h>
#include <linux/bitmap.h>
#include <linux/export.h>
#include <linux/device.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/irqdesc.h>
#include <linux/irqchip/irq-msi-lib.h>
#include <linux/irqdomain.h>
#include <linux/msi.h>
#include <linux/mutex.h>

#include "ims_test.h"

static struct irq_domain *ims_parent_domain;
static DEFINE_MUTEX(ims_parent_lock);
static DECLARE_BITMAP(ims_parent_used, IMS_TEST_NR_HWIRQ);
static u8 ims_parent_route[IMS_TEST_NR_HWIRQ];
static DECLARE_BITMAP(ims_parent_masked, IMS_TEST_NR_HWIRQ);
static atomic_t ims_parent_misrouted = ATOMIC_INIT(0);
static atomic_t ims_parent_suppressed = ATOMIC_INIT(0);
static bool ims_parent_low;

static u32 ims_parent_addr_lo(irq_hw_number_t hwirq)
{
	return IMS_TEST_ADDR_LO | (u32)READ_ONCE(ims_parent_route[hwirq]) << 4;
}

static u32 ims_parent_addr_hi(irq_hw_number_t hwirq)
{
	if (READ_ONCE(ims_parent_low))
		return 0;
	return IMS_TEST_ADDR_HI | (READ_ONCE(ims_parent_route[hwirq]) & 0x7);
}

static void ims_parent_compose(struct irq_data *d, struct msi_msg *msg)
{
	msg->address_hi = ims_parent_addr_hi(d->hwirq);
	msg->address_lo = ims_parent_addr_lo(d->hwirq);
	msg->data = d->hwirq;
}

/* An affinity change moves the vector: the old message goes stale */
static int ims_parent_set_affinity(struct irq_data *d, const struct cpumask *mask,
				   bool force)
{
	WRITE_ONCE(ims_parent_route[d->hwirq], (ims_parent_route[d->hwirq] + 1) & 0xff);
	irq_data_update_effective_affinity(d, mask);
	return IRQ_SET_MASK_OK;
}

static void ims_parent_noop(struct irq_data *d)
{
}

/* The parent masks for storage without a mask bit, as the ITS does */
static void ims_parent_mask(struct irq_data *d)
{
	set_bit(d->hwirq, ims_parent_masked);
}

static void ims_parent_unmask(struct irq_data *d)
{
	clear_bit(d->hwirq, ims_parent_masked);
}

static struct irq_chip ims_parent_chip = {
	.name			= "ims-test-parent",
	.irq_mask		= ims_parent_mask,
	.irq_unmask		= ims_parent_unmask,
	.irq_ack		= ims_parent_noop,
	.irq_eoi		= ims_parent_noop,
	.irq_compose_msi_msg	= ims_parent_compose,
	.irq_set_affinity	= ims_parent_set_affinity,
};

static int ims_parent_alloc(struct irq_domain *domain, unsigned int virq,
			    unsigned int nr_irqs, void *arg)
{
	unsigned int i, hwirq;

	mutex_lock(&ims_parent_lock);
	for (i = 0; i < nr_irqs; i++) {
		hwirq = find_first_zero_bit(ims_parent_used, IMS_TEST_NR_HWIRQ);
		if (hwirq >= IMS_TEST_NR_HWIRQ)
			goto fail;
		__set_bit(hwirq, ims_parent_used);
		/* A parent that masks starts its interrupts masked, as the ITS does */
		if (domain->msi_parent_ops->required_flags & MSI_FLAG_PCI_MSI_MASK_PARENT)
			set_bit(hwirq, ims_parent_masked);
		else
			clear_bit(hwirq, ims_parent_masked);
		/*
		 * The parent retargets at once, like interrupt remapping:
		 * its chip does not defer moves (IRQCHIP_MOVE_DEFERRED).
		 */
		irq_domain_set_info(domain, virq + i, hwirq, &ims_parent_chip, NULL,
				    handle_edge_irq, NULL, "edge");
	}
	mutex_unlock(&ims_parent_lock);
	return 0;

fail:
	while (i--) {
		struct irq_data *d = irq_domain_get_irq_data(domain, virq + i);

		__clear_bit(d->hwirq, ims_parent_used);
		irq_domain_reset_irq_data(d);
	}
	mutex_unlock(&ims_parent_lock);
	return -ENOSPC;
}

static void ims_parent_free(struct irq_domain *domain, unsigned int virq,
			    unsigned int nr_irqs)
{
	unsigned int i;

	mutex_lock(&ims_parent_lock);
	for (i = 0; i < nr_irqs; i++) {
		struct irq_data *d = irq_domain_get_irq_data(domain, virq + i);

		__clear_bit(d->hwirq, ims_parent_used);
		irq_domain_reset_irq_data(d);
	}
	mutex_unlock(&ims_parent_lock);
}

static const struct irq_domain_ops ims_parent_ops = {
	.select	= msi_lib_irq_domain_select,
	.alloc	= ims_parent_alloc,
	.free	= ims_parent_free,
};

/*
 * Like the ITS, the parent masks every interrupt itself and says so with
 * MSI_FLAG_PCI_MSI_MASK_PARENT in its required flags.  The other variant
 * is a parent that cannot mask (as the x86 vector domain).
 */
static const struct msi_parent_ops ims_parent_msi_ops = {
	.supported_flags	= MSI_GENERIC_FLAGS_MASK,
	.required_flags		= MSI_FLAG_USE_DEF_DOM_OPS | MSI_FLAG_USE_DEF_CHIP_OPS |
				  MSI_FLAG_PCI_MSI_MASK_PARENT,
	/* Its chip acks and ends the interrupt, as the ITS and x86 do */
	.chip_flags		= MSI_CHIP_FLAG_SET_EOI | MSI_CHIP_FLAG_SET_ACK,
	.bus_select_token	= DOMAIN_BUS_NEXUS,
	.bus_select_mask	= MATCH_PLATFORM_MSI,
	.prefix			= "TEST-",
	.init_dev_msi_info	= msi_lib_init_dev_msi_info,
};

static const struct msi_parent_ops ims_parent_msi_ops_nomask = {
	.supported_flags	= MSI_GENERIC_FLAGS_MASK,
	.required_flags		= MSI_FLAG_USE_DEF_DOM_OPS | MSI_FLAG_USE_DEF_CHIP_OPS,
	/* Its chip acks and ends the interrupt, as the ITS and x86 do */
	.chip_flags		= MSI_CHIP_FLAG_SET_EOI | MSI_CHIP_FLAG_SET_ACK,
	.bus_select_token	= DOMAIN_BUS_NEXUS,
	.bus_select_mask	= MATCH_PLATFORM_MSI,
	.prefix			= "TEST-",
	.init_dev_msi_info	= msi_lib_init_dev_msi_info,
};

/**
 * ims_test_parent - The test MSI parent domain, created on first use
 *
 * Context: Process context.
 * Return: the parent domain, or NULL if it could not be created.
 */
struct irq_domain *ims_test_parent(void)
{
	/* No size: a radix tree, as IMS_TEST_NR_HWIRQ is large */
	struct irq_domain_info info = {
		.ops	= &ims_parent_ops,
	};

	mutex_lock(&ims_parent_lock);
	if (ims_parent_domain)
		goto out;

	info.fwnode = irq_domain_alloc_named_fwnode("ims-test-parent");
	if (!info.fwnode)
		goto out;
	ims_parent_domain = msi_create_parent_irq_domain(&info, &ims_parent_msi_ops);
	if (!ims_parent_domain)
		irq_domain_free_fwnode(info.fwnode);
out:
	mutex_unlock(&ims_parent_lock);
	return ims_parent_domain;
}
EXPORT_SYMBOL_GPL(ims_test_parent);

/**
 * ims_test_parent_deliver - A device wrote a message: raise its interrupt
 * @addr:	The message address the device wrote to
 * @data:	The message data it wrote
 *
 * Context: Process context; the interrupt is handled with interrupts
 * disabled, as it would be in hard interrupt context.
 * Return: 1 if the message reached a live vector and its flow handler ran,
 * 0 otherwise (unknown or stale message).
 */
int ims_test_parent_deliver(u64 addr, u32 data)
{
	unsigned long flags;
	int ret;

	if (data >= IMS_TEST_NR_HWIRQ || !test_bit(data, ims_parent_used) ||
	    upper_32_bits(addr) != ims_parent_addr_hi(data) ||
	    lower_32_bits(addr) != ims_parent_addr_lo(data)) {
		atomic_inc(&ims_parent_misrouted);
		return 0;
	}
	if (test_bit(data, ims_parent_masked)) {
		atomic_inc(&ims_parent_suppressed);
		return 0;
	}

	local_irq_save(flags);
	ret = generic_handle_domain_irq(ims_parent_domain, data);
	local_irq_restore(flags);
	return ret ? 0 : 1;
}
EXPORT_SYMBOL_GPL(ims_test_parent_deliver);

/**
 * ims_test_parent_expected - The message the parent hands out for a vector
 * @virq:	The Linux interrupt number
 * @addr:	Its current message address
 * @data:	Its message data
 *
 * This is the parent's own view, independent of what the IMS chip wrote.
 *
 * Context: Any context.
 */
void ims_test_parent_expected(unsigned int virq, u64 *addr, u32 *data)
{
	irq_hw_number_t hwirq = irq_get_irq_data(virq)->parent_data->hwirq;

	*addr = (u64)ims_parent_addr_hi(hwirq) << 32 | ims_parent_addr_lo(hwirq);
	*data = hwirq;
}
EXPORT_SYMBOL_GPL(ims_test_parent_expected);

/**
 * ims_test_parent_suppressed - Messages the parent's mask held back so far
 *
 * Context: Any context.
 * Return: the count.
 */
unsigned int ims_test_parent_suppressed(void)
{
	return atomic_read(&ims_parent_suppressed);
}
EXPORT_SYMBOL_GPL(ims_test_parent_suppressed);

static void ims_parent_restore(void *unused)
{
	mutex_lock(&ims_parent_lock);
	WRITE_ONCE(ims_parent_low, false);
	if (ims_parent_domain)
		ims_parent_domain->msi_parent_ops = &ims_parent_msi_ops;
	mutex_unlock(&ims_parent_lock);
}

/**
 * ims_test_parent_configure - Change the parent for the rest of a test
 * @test:	The test; the parent is restored when it ends
 * @low_addr:	Hand out messages below 4 GiB (address_hi 0), as a parent
 *		whose doorbell is in the low 4 GiB does
 * @can_mask:	The parent masks interrupts itself (the default)
 *
 * Context: Process context, with no vector of the test parent allocated.
 * Return: 0, or an error if the parent does not exist.
 */
int ims_test_parent_configure(struct kunit *test, bool low_addr, bool can_mask)
{
	if (!ims_test_parent())
		return -ENOMEM;
	mutex_lock(&ims_parent_lock);
	WRITE_ONCE(ims_parent_low, low_addr);
	ims_parent_domain->msi_parent_ops = can_mask ? &ims_parent_msi_ops :
						       &ims_parent_msi_ops_nomask;
	mutex_unlock(&ims_parent_lock);
	return kunit_add_action_or_reset(test, ims_parent_restore, NULL);
}
EXPORT_SYMBOL_GPL(ims_test_parent_configure);

/**
 * ims_test_parent_misrouted - Messages that reached no live vector so far
 *
 * Context: Any context.
 * Return: the count.
 */
unsigned int ims_test_parent_misrouted(void)
{
	return atomic_read(&ims_parent_misrouted);
}
EXPORT_SYMBOL_GPL(ims_test_parent_misrouted);

/**
 * ims_test_handler - Interrupt handler of the tests: counts its calls
 * @irq:	The interrupt
 * @counter:	An atomic_t to increment
 *
 * Context: Hard interrupt context.
 * Return: IRQ_HANDLED.
 */
irqreturn_t ims_test_handler(int irq, void *counter)
{
	atomic_inc(counter);
	return IRQ_HANDLED;
}
EXPORT_SYMBOL_GPL(ims_test_handler);

/**
 * ims_test_slot_of - MSI index (slot) of a vector
 * @virq:	The Linux interrupt number
 *
 * The device model needs the slot to fire it; a driver never does.
 *
 * Context: Any context.
 * Return: the MSI index.
 */
unsigned int ims_test_slot_of(unsigned int virq)
{
	return irq_get_msi_desc(virq)->msi_index;
}
EXPORT_SYMBOL_GPL(ims_test_slot_of);

/**
 * ims_test_owner_of - The device a vector is allocated to
 * @virq:	The Linux interrupt number
 *
 * Context: Any context.
 * Return: the device of the vector's MSI descriptor, or NULL if @virq is
 * no allocated MSI vector.
 */
struct device *ims_test_owner_of(unsigned int virq)
{
	struct msi_desc *desc = irq_get_msi_desc(virq);

	return desc ? desc->dev : NULL;
}
EXPORT_SYMBOL_GPL(ims_test_owner_of);

/**
 * ims_test_set_affinity - Change a vector's affinity as the core does
 * @virq:	The Linux interrupt number
 *
 * UML is uniprocessor, so irq_set_affinity() is not built there.  This drives
 * the same chip callback the core's irq_do_set_affinity() invokes, with
 * the interrupt descriptor lock held: the MSI core's
 * msi_domain_set_affinity(), which asks the parent for the new target and
 * writes the recomposed message through the IMS chip.
 *
 * Context: Process context.
 * Return: the IRQ_SET_MASK_* result of the chip.
 */
int ims_test_set_affinity(unsigned int virq)
{
	struct irq_desc *desc = irq_to_desc(virq);
	struct irq_data *d = irq_desc_get_irq_data(desc);
	unsigned long flags;
	int ret;

	raw_spin_lock_irqsave(&desc->lock, flags);
	ret = d->chip->irq_set_affinity(d, cpumask_of(0), false);
	raw_spin_unlock_irqrestore(&desc->lock, flags);
	return ret;
}
EXPORT_SYMBOL_GPL(ims_test_set_affinity);

/**
 * ims_test_affinity_of - The affinity descriptor the MSI core keeps for a vector
 * @virq:	The Linux interrupt number
 *
 * Context: Any context.
 * Return: the vector's affinity descriptor, or NULL if it has none.
 */
const struct irq_affinity_desc *ims_test_affinity_of(unsigned int virq)
{
	return irq_get_msi_desc(virq)->affinity;
}
EXPORT_SYMBOL_GPL(ims_test_affinity_of);

/**
 * ims_test_parent_attach - Make the test parent a device's MSI parent
 * @dev:	The device
 * @attach:	true to attach, false to leave the device without MSI parent
 *
 * What firmware and bus code (of_msi_configure(), the PCI core) do for a
 * real device.
 *
 * Context: Process context.
 * Return: 0, or -ENOMEM if the test parent could not be created.
 */
int ims_test_parent_attach(struct device *dev, bool attach)
{
	struct irq_domain *parent = attach ? ims_test_parent() : NULL;

	if (attach && !parent)
		return -ENOMEM;
	dev_set_msi_domain(dev, parent);
	return 0;
}
EXPORT_SYMBOL_GPL(ims_test_parent_attach);
