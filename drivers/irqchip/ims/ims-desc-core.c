// SPDX-License-Identifier: GPL-2.0-only
/*
 * Per-device IMS domains created from a &struct ims_desc.
 *
 * The domain is a per-device MSI domain (DOMAIN_BUS_DEVICE_MSI) of the
 * MSI core.  The core allocates the MSI index, and for array and table
 * storage that index is the slot: there is no slot allocator beside the
 * domain.  For queue storage the instance cookie locates the entry.  The
 * run-time state of a domain is a device resource, so it is torn down
 * with the device; ims_desc_remove_domain() tears it down earlier.
 *
 * Locking: domain creation, removal, allocation and free may sleep.  They
 * are serialised against each other by the MSI core's per-device
 * descriptor mutex, which the core holds around the domain callbacks
 * below.
 */
#include <linux/device.h>
#include <linux/export.h>
#include <linux/irq.h>
#include <linux/irqdomain.h>
#include <linux/msi.h>
#include <linux/pci.h>

#include "ims-desc-internal.h"

static void ims_set_desc(msi_alloc_info_t *arg, struct msi_desc *desc)
{
	arg->desc = desc;
	arg->hwirq = desc->msi_index;
}

/* Associate the slot with the new vector: program it masked, with its cookie */
static void ims_prepare_desc(struct irq_domain *domain, msi_alloc_info_t *arg,
			     struct msi_desc *desc)
{
	struct msi_domain_info *info = domain->host_data;

	ims_domain_init_slot(info->data, desc);
}

/* The core deactivated the vector (zero message); leave its slot masked */
static void ims_msi_free(struct irq_domain *domain, struct msi_domain_info *info,
			 unsigned int virq)
{
	struct msi_desc *desc = irq_get_msi_desc(virq);

	if (desc)
		ims_domain_fini_slot(info->data, desc);
}

static const struct msi_domain_template ims_desc_template = {
	/* The chip callbacks are filled in by ims_domain_init_chip() */
	.ops = {
		.set_desc	= ims_set_desc,
		.prepare_desc	= ims_prepare_desc,
		.msi_free	= ims_msi_free,
	},
	.info = {
		.bus_token	= DOMAIN_BUS_DEVICE_MSI,
	},
};

/*
 * A PCI device's IMS domain is a PCI/IMS domain in the secondary domain
 * id, beside its PCI/MSI or PCI/MSI-X domain; only parents that support
 * PCI/IMS (interrupt remapping on x86) accept it.  Any other device's is a
 * plain per-device MSI domain in the default id.
 */
static bool ims_create_msi_domain(struct device *dev, struct ims_domain *dom,
				  struct msi_domain_template *tmpl)
{
	if (dev_is_pci(dev)) {
		dom->domid = MSI_SECONDARY_DOMAIN;
		tmpl->info.bus_token = DOMAIN_BUS_PCI_DEVICE_IMS;
		tmpl->info.flags = MSI_FLAG_ALLOC_SIMPLE_MSI_DESCS | MSI_FLAG_FREE_MSI_DESCS;
		return pci_create_ims_domain(to_pci_dev(dev), tmpl, dom->nr_slots, dom);
	}

	dom->domid = MSI_DEFAULT_DOMAIN;
	return msi_create_device_irq_domain(dev, dom->domid, tmpl, dom->nr_slots, dom, dom);
}

static void ims_devres_release(struct device *dev, void *res)
{
	struct ims_domain *dom = res;

	msi_domain_free_irqs_all(dev, dom->domid);
	cancel_work_sync(&dom->commit_work);
	msi_remove_device_irq_domain(dev, dom->domid);
	mutex_destroy(&dom->bus_lock);
}

static struct ims_domain *ims_find(struct device *dev)
{
	return devres_find(dev, ims_devres_release, NULL, NULL);
}

static int ims_report(struct device *dev, const struct ims_desc *desc,
		      const struct ims_desc_error *err)
{
	const char *name = desc && desc->name ? desc->name : "(unnamed)";

	if (err->index >= 0)
		dev_err(dev, "IMS descriptor %s: invalid %s[%d]: %s\n", name,
			err->field, err->index, err->reason);
	else
		dev_err(dev, "IMS descriptor %s: invalid %s: %s\n", name,
			err->field, err->reason);
	return -EINVAL;
}

/**
 * ims_desc_create_domain - Create a device's IMS domain from a descriptor
 * @dev:	The device whose interrupts are stored in IMS.  Its MSI parent
 *		domain (dev_get_msi_domain()) must support per-device MSI
 *		domains: a platform MSI parent, or for a PCI device a parent
 *		that supports PCI/IMS (interrupt remapping on x86).  A PCI
 *		device keeps its MSI or MSI-X domain beside the IMS one.
 * @desc:	The constant descriptor of the device type's storage
 * @storage:	Where this instance's storage is.  Copied; the storage
 *		itself must stay mapped until the domain is removed.
 *
 * Validates @desc and @storage, then creates the per-device MSI domain
 * with the generic IMS chip.  The domain is device managed: it goes away,
 * with all its interrupts freed and their slots masked, when the device
 * is unbound, or earlier with ims_desc_remove_domain().  On failure
 * nothing is left allocated.
 *
 * Context: Process context, may sleep.
 * Return: 0 on success; -EINVAL naming the invalid field of @desc or
 * @storage; -EEXIST if @dev already has an IMS domain; -ENODEV if @dev has
 * no MSI parent or the parent does not support IMS for it; -ENOMEM.
 */
int ims_desc_create_domain(struct device *dev, const struct ims_desc *desc,
			   const struct ims_storage *storage)
{
	struct msi_domain_template tmpl = ims_desc_template;
	struct irq_domain *parent = dev_get_msi_domain(dev);
	struct ims_desc_error err;
	struct ims_domain *dom;

	if (ims_desc_check(desc, &err) || ims_desc_check_storage(desc, storage, &err))
		return ims_report(dev, desc, &err);

	if (ims_find(dev)) {
		dev_err(dev, "IMS descriptor %s: device already has an IMS domain\n",
			desc->name);
		return -EEXIST;
	}

	if (!parent || !irq_domain_is_msi_parent(parent)) {
		dev_err(dev, "IMS descriptor %s: no MSI parent domain for the device\n",
			desc->name);
		return -ENODEV;
	}

	dom = devres_alloc(ims_devres_release, sizeof(*dom), GFP_KERNEL);
	if (!dom)
		return -ENOMEM;

	dom->desc = desc;
	dom->dev = dev;
	dom->nr_slots = ims_desc_slot_limit(desc, storage);
	dom->iobase = storage->iobase;
	dom->membase = storage->mem;
	dom->doorbell = storage->doorbell;
	if (desc->kind == IMS_STORAGE_TABLE)
		dom->slot_offsets = desc->slot_offsets;
	dom->stride = desc->stride;
	dom->addr_lo = desc->addr_lo;
	dom->addr_hi = desc->addr_hi;
	dom->data = desc->data;
	dom->ctrl = desc->ctrl;
	dom->flush = desc->flags & IMS_DESC_FLUSH;
	dom->shared_hi = !(desc->flags & IMS_DESC_ADDR64) && desc->ctrl == desc->addr_hi;
	dom->hi_mask = dom->shared_hi ? GENMASK(desc->addr_hi_width - 1, 0) : U32_MAX;
	dom->mask_bits = BIT(desc->mask_bit);
	dom->masked_val = desc->flags & IMS_DESC_MASK_ENABLES ? 0 : dom->mask_bits;
	raw_spin_lock_init(&dom->lock);
	mutex_init(&dom->bus_lock);
	INIT_WORK(&dom->commit_work, ims_domain_commit_work);

	ims_domain_init_chip(dom, &tmpl);

	if (!ims_create_msi_domain(dev, dom, &tmpl)) {
		mutex_destroy(&dom->bus_lock);
		devres_free(dom);
		dev_err(dev, "IMS descriptor %s: the MSI parent %s does not support an IMS domain for this device%s\n",
			desc->name, parent->name,
			dev_is_pci(dev) ? " (PCI/IMS needs interrupt remapping)" : "");
		return -ENODEV;
	}

	devres_add(dev, dom);
	return 0;
}
EXPORT_SYMBOL_GPL(ims_desc_create_domain);

/**
 * ims_desc_remove_domain - Remove a device's IMS domain before unbind
 * @dev:	The device
 *
 * Frees every interrupt still allocated in the domain (leaving its slot
 * masked) and removes the domain.  The interrupts must have been released
 * with free_irq() before.
 *
 * Context: Process context, may sleep.
 */
void ims_desc_remove_domain(struct device *dev)
{
	WARN_ON(devres_release(dev, ims_devres_release, NULL, NULL));
}
EXPORT_SYMBOL_GPL(ims_desc_remove_domain);

/**
 * ims_desc_flush - Wait until deferred updates of sleeping storage are written
 * @dev:	The device
 *
 * Context: Process context, may sleep.  Must not be called with the
 * device's MSI descriptor mutex held.
 */
void ims_desc_flush(struct device *dev)
{
	struct ims_domain *dom = ims_find(dev);

	if (dom)
		flush_work(&dom->commit_work);
}

static int ims_check_cookie(struct device *dev, const struct ims_domain *dom,
			    const union msi_instance_cookie *cookie)
{
	const struct ims_desc *d = dom->desc;
	const struct ims_queue *q = cookie->ptr;

	if (d->kind == IMS_STORAGE_QUEUE) {
		if (q && q->mem)
			return 0;
		dev_err(dev, "IMS descriptor %s: queue storage needs a struct ims_queue with memory as the instance cookie\n",
			d->name);
		return -EINVAL;
	}

	if (!(d->flags & IMS_DESC_COOKIE)) {
		if (!cookie->value)
			return 0;
		dev_err(dev, "IMS descriptor %s: instance cookie %#llx given, but the storage has no cookie field\n",
			d->name, cookie->value);
		return -EINVAL;
	}

	if (cookie->value >> d->cookie_width) {
		dev_err(dev, "IMS descriptor %s: instance cookie %#llx does not fit the %u-bit cookie field\n",
			d->name, cookie->value, d->cookie_width);
		return -EINVAL;
	}
	return 0;
}

/**
 * ims_desc_alloc_irq - Allocate an interrupt in a device's IMS domain
 * @dev:	The device, which has an IMS domain
 * @icookie:	The instance cookie, or NULL for none.  Its meaning is the
 *		descriptor's: the value programmed into the cookie field
 *		(e.g. a PASID; 0 leaves the field disabled), or for queue
 *		storage a pointer to the queue's &struct ims_queue.
 * @affdesc:	Optional affinity descriptor, for managed interrupts
 *
 * The MSI core allocates a free index, which is the slot for array and
 * table storage.  The slot is programmed masked; request_irq() unmasks it.
 *
 * Context: Process context, may sleep.
 * Return: the Linux interrupt number (> 0), or -ENODEV if @dev has no IMS
 * domain, -EINVAL if @icookie does not fit the descriptor, -ENOSPC if all
 * slots are in use, or another negative error code from the MSI core.
 */
int ims_desc_alloc_irq(struct device *dev,
		       const union msi_instance_cookie *icookie,
		       const struct irq_affinity_desc *affdesc)
{
	union msi_instance_cookie cookie = { };
	struct ims_domain *dom = ims_find(dev);
	struct msi_map map;
	int ret;

	if (!dom) {
		dev_err(dev, "no IMS domain to allocate an interrupt from\n");
		return -ENODEV;
	}

	if (icookie)
		cookie = *icookie;
	ret = ims_check_cookie(dev, dom, &cookie);
	if (ret)
		return ret;

	map = msi_domain_alloc_irq_at(dev, dom->domid, MSI_ANY_INDEX, affdesc, &cookie);
	if (map.index >= 0)
		return map.virq;

	if (map.index == -EBUSY || map.index == -ENOSPC) {
		dev_err_ratelimited(dev, "IMS descriptor %s: all %u slots are in use\n",
				    dom->desc->name, dom->nr_slots);
		return -ENOSPC;
	}
	return map.index;
}
EXPORT_SYMBOL_GPL(ims_desc_alloc_irq);

/**
 * ims_desc_free_irq - Free an interrupt allocated with ims_desc_alloc_irq()
 * @dev:	The device
 * @virq:	The Linux interrupt number, released with free_irq() before
 *
 * The slot is left masked and becomes free for the next allocation.
 *
 * Context: Process context, may sleep.
 */
void ims_desc_free_irq(struct device *dev, unsigned int virq)
{
	struct ims_domain *dom = ims_find(dev);
	struct msi_desc *desc = irq_get_msi_desc(virq);

	if (WARN(!dom || !desc || desc->dev != dev || irq_get_chip_data(virq) != dom,
		 "%s: interrupt %u is not in this device's IMS domain\n",
		 dev_name(dev), virq))
		return;

	msi_domain_free_irqs_range(dev, dom->domid, desc->msi_index, desc->msi_index);
}
EXPORT_SYMBOL_GPL(ims_desc_free_irq);
