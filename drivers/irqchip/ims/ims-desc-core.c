// SPDX-License-Identifier: GPL-2.0-only
/*
 * Per-device IMS domains created from a &struct ims_desc.
 *
 * The domain is a per-device MSI domain (DOMAIN_BUS_DEVICE_MSI) of the
 * MSI core.  The core allocates the MSI index, and for array and table
 * storage that index is the slot: there is no slot allocator beside the
 * domain.  For queue storage the instance cookie locates the entry.  The
 * run-time state of a domain is a device resource, so it is torn down
 * with the device; devm_ims_desc_remove_domain() tears it down earlier.
 *
 * Locking: domain creation, removal, allocation and free may sleep.  There
 * is no global lock: a caller finds the device's domain and takes a
 * reference to it under the device's own devres lock (ims_get()), and the
 * removal of the domain (devm_ims_desc_remove_domain() or unbind), which takes
 * it off the device's list under that lock first, waits until the callers
 * that found it before are done.  So an allocation or free that races
 * with the removal either completes before it or finds no domain, and
 * never uses one that is gone.  Inside, the MSI core's per-device
 * descriptor mutex serialises its own work and the domain callbacks
 * below; the chip's bus lock nests inside that.  Commits of sleeping
 * storage run outside all of them, under the domain's commit_lock (see
 * ims-desc-chip.c): a vector is committed masked before the MSI core
 * frees it, and committed first after the MSI core allocated it.
 */
#include <kunit/visibility.h>
#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/export.h>
#include <linux/irq.h>
#include <linux/irqdesc.h>
#include <linux/irqdomain.h>
#include <linux/msi.h>
#include <linux/pci.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

#include "ims-desc-internal.h"

#define CREATE_TRACE_POINTS
#include <trace/events/ims_desc.h>

EXPORT_TRACEPOINT_SYMBOL_GPL(ims_desc_alloc);
EXPORT_TRACEPOINT_SYMBOL_GPL(ims_desc_free);
EXPORT_TRACEPOINT_SYMBOL_GPL(ims_desc_mask);
EXPORT_TRACEPOINT_SYMBOL_GPL(ims_desc_write_msg);
EXPORT_TRACEPOINT_SYMBOL_GPL(ims_desc_commit);
EXPORT_TRACEPOINT_SYMBOL_GPL(ims_desc_restore);

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

/*
 * The vector is being freed: leave its slot masked.  Storage without a mask
 * bit holds the null message the MSI core wrote when it deactivated the
 * vector; for storage that sleeps, that message was only stashed, and the
 * masked control word written here is what keeps the slot quiet.
 */
static void ims_msi_free(struct irq_domain *domain, struct msi_domain_info *info,
			 unsigned int virq)
{
	struct msi_desc *desc = irq_get_msi_desc(virq);
	struct ims_domain *dom = info->data;

	if (!desc)
		return;
	trace_ims_desc_free(dom->dev, desc, dom->desc->kind == IMS_STORAGE_QUEUE);
	ims_domain_fini_slot(dom, desc);
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

#ifdef CONFIG_PCI_MSI
static bool ims_create_pci_domain(struct pci_dev *pdev, struct ims_domain *dom,
				  struct msi_domain_template *tmpl)
{
	tmpl->info.bus_token = DOMAIN_BUS_PCI_DEVICE_IMS;
	tmpl->info.flags = MSI_FLAG_ALLOC_SIMPLE_MSI_DESCS | MSI_FLAG_FREE_MSI_DESCS;
	return pci_create_ims_domain(pdev, tmpl, dom->nr_slots, dom);
}

/* A bridge above the device does not route MSI */
static bool ims_bridge_blocks_msi(struct pci_dev *pdev)
{
	struct pci_bus *bus;

	for (bus = pdev->bus; bus; bus = bus->parent)
		if (bus->bus_flags & PCI_BUS_FLAGS_NO_MSI)
			return true;
	return false;
}

/* Why a PCI device's parent refused its PCI/IMS domain */
static const char *ims_pci_refusal_reason(struct pci_dev *pdev,
					  const struct msi_parent_ops *pops)
{
	/* The checks of pci_msi_supported(), which PCI/IMS obeys like MSI */
	if (!pci_msi_enabled())
		return " (MSI is disabled: pci=nomsi)";
	if (pdev->no_msi)
		return " (MSI is disabled for the device)";
	if (ims_bridge_blocks_msi(pdev))
		return " (a bridge above the device does not route MSI)";
	/*
	 * A parent that serves PCI/IMS refused this domain and said why: a
	 * virtual remapping unit, for one, whose entries are a guest's
	 */
	if (pops && pops->supported_flags & MSI_FLAG_PCI_IMS)
		return " (see the parent's message above)";
	return " (the parent does not serve PCI/IMS; on x86 that takes interrupt remapping)";
}
#else
/* Without PCI/MSI there is no PCI/IMS either */
static bool ims_create_pci_domain(struct pci_dev *pdev, struct ims_domain *dom,
				  struct msi_domain_template *tmpl)
{
	return false;
}

static const char *ims_pci_refusal_reason(struct pci_dev *pdev,
					  const struct msi_parent_ops *pops)
{
	return " (the kernel has no PCI/MSI: CONFIG_PCI_MSI)";
}
#endif

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
		return ims_create_pci_domain(to_pci_dev(dev), dom, tmpl);
	}

	dom->domid = MSI_DEFAULT_DOMAIN;
	return msi_create_device_irq_domain(dev, dom->domid, tmpl, dom->nr_slots, dom, dom);
}

static void ims_put(struct ims_domain *dom)
{
	if (atomic_dec_and_test(&dom->users))
		wake_up_var(&dom->users);
}

/* Commit every vector of sleeping storage masked, before the MSI core frees them */
static void ims_retire_all(struct ims_domain *dom)
{
	struct msi_desc *desc;
	unsigned long idx;

	if (!(dom->desc->flags & IMS_DESC_SLEEPS))
		return;
	xa_for_each(&dom->live, idx, desc)
		ims_domain_vec_retire(dom, desc);
}

/* The MSI descriptor of @virq if it is a vector of @dev's domain @dom, else NULL */
static struct msi_desc *ims_vec_of(struct device *dev, const struct ims_domain *dom,
				   unsigned int virq)
{
	struct msi_desc *desc = irq_get_msi_desc(virq);

	if (!desc || desc->dev != dev || irq_get_chip_data(virq) != dom)
		return NULL;
	return desc;
}

/*
 * Each vector is a device resource of its own, added when it is allocated:
 * at unbind it is freed at that position, before the device resources the
 * driver acquired before it (the queue memory its entry lives in, say) are
 * released, and before the domain.
 */
struct ims_vec_res {
	struct ims_domain	*dom;
	unsigned int		virq;
};

/* Free a vector: storage that sleeps is committed masked first */
static void ims_free_vec(struct ims_domain *dom, struct msi_desc *desc)
{
	if (dom->desc->flags & IMS_DESC_SLEEPS)
		ims_domain_vec_retire(dom, desc);
	msi_domain_free_irqs_range(dom->dev, dom->domid, desc->msi_index, desc->msi_index);
}

/*
 * Released at unbind, or by devm_ims_desc_remove_domain().  The domain is
 * older (and at unbind no longer found by ims_get()), so it is still there.
 */
static void ims_vec_release(struct device *dev, void *res)
{
	struct ims_vec_res *vr = res;
	struct msi_desc *desc = ims_vec_of(dev, vr->dom, vr->virq);

	if (!desc)
		return;
	/*
	 * A handler request_irq()ed and never freed: a driver bug, said
	 * loudly.  The vector is left to the domain's release, which frees
	 * what is left.
	 */
	if (WARN(irq_has_action(vr->virq),
		 "%s: IMS interrupt %u is still requested at its release: free_irq() it first\n",
		 dev_name(dev), vr->virq))
		return;
	ims_free_vec(vr->dom, desc);
}

static int ims_vec_match(struct device *dev, void *res, void *data)
{
	struct ims_vec_res *vr = res;

	return vr->virq == *(unsigned int *)data;
}

static void ims_destroy_locks(struct ims_domain *dom)
{
	xa_destroy(&dom->live);
	mutex_destroy(&dom->alloc_lock);
	mutex_destroy(&dom->commit_lock);
	lockdep_unregister_key(&dom->commit_key);
	mutex_destroy(&dom->bus_lock);
}

static void ims_devres_release(struct device *dev, void *res)
{
	struct ims_domain *dom = res;

	/* Waits for readers of its files */
	debugfs_remove_recursive(dom->debugfs);
	/* No longer found; wait for whoever found it before */
	ims_put(dom);
	wait_var_event(&dom->users, !atomic_read(&dom->users));

	/*
	 * At unbind the vectors, younger, were released before.  Removed
	 * earlier, a vector allocated since devm_ims_desc_remove_domain()
	 * released them is freed with the domain below: drop its resource.
	 */
	while (!devres_destroy(dev, ims_vec_release, NULL, NULL))
		;
	/* No vector is live after this: nothing commits or queues the work */
	ims_retire_all(dom);
	cancel_work_sync(&dom->commit_work);
	msi_domain_free_irqs_all(dev, dom->domid);
	msi_remove_device_irq_domain(dev, dom->domid);
	ims_destroy_locks(dom);
}

/* Take a reference to the domain found, under the devres lock that its removal takes */
static int ims_match_get(struct device *dev, void *res, void *unused)
{
	struct ims_domain *dom = res;

	atomic_inc(&dom->users);
	return 1;
}

/*
 * Find the device's domain and hold it against removal until ims_put();
 * NULL if it has none.
 */
static struct ims_domain *ims_get(struct device *dev)
{
	return devres_find(dev, ims_devres_release, ims_match_get, NULL);
}

/*
 * A parent that masks every interrupt itself asks its PCI/MSI children to
 * mask there (MSI_FLAG_PCI_MSI_MASK_PARENT in its required flags), as the
 * GICv3 ITS does; the x86 vector domain and interrupt remapping do not.
 */
static bool ims_parent_masks(const struct irq_domain *parent)
{
	const struct msi_parent_ops *pops = parent->msi_parent_ops;

	return pops && pops->required_flags & MSI_FLAG_PCI_MSI_MASK_PARENT;
}

/*
 * A parent serves the per-device MSI domains of devices other than PCI
 * ones when it takes part in platform MSI, as the GICv3 ITS, the RISC-V
 * IMSIC and other irq-msi-lib parents do.  The x86 vector and interrupt
 * remapping domains serve PCI devices only, and warn if asked otherwise.
 */
static bool ims_parent_serves_device_msi(const struct irq_domain *parent)
{
	return parent->msi_parent_ops->bus_select_mask & BIT(DOMAIN_BUS_PLATFORM_MSI);
}

/*
 * A device other than a PCI one keeps its IMS domain in its default MSI
 * domain id, which platform MSI (platform_device_msi_init_and_alloc_irqs())
 * or a wired-to-MSI bridge may have taken already: the MSI core would
 * WARN and refuse.  Say so first.
 */
static bool ims_default_domain_taken(struct device *dev)
{
	if (dev_is_pci(dev) || !dev->msi.data)
		return false;
	return msi_match_device_irq_domain(dev, MSI_DEFAULT_DOMAIN, DOMAIN_BUS_DEVICE_MSI) ||
	       msi_match_device_irq_domain(dev, MSI_DEFAULT_DOMAIN, DOMAIN_BUS_WIRED_TO_MSI);
}

/* Why a device's parent refused its IMS domain */
static const char *ims_refusal_reason(struct device *dev, const struct irq_domain *parent)
{
	if (!dev_is_pci(dev))
		return "";
	return ims_pci_refusal_reason(to_pci_dev(dev), parent->msi_parent_ops);
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

/*
 * debugfs: ims/<device>/slots shows every vector from the state the chip
 * keeps (its shadows), without touching the device; ims/<device>/storage
 * reads the entries back from the device, only when it is read.
 */
static struct dentry *ims_debugfs_root;

/* The device of a debugfs file or of a test's seq_file; its domain or NULL */
static struct ims_domain *ims_debugfs_domain(struct seq_file *m, struct device **dev)
{
	*dev = m->private;
	return ims_get(*dev);
}

/* What a vector of storage that sleeps has still to commit; "-" for atomic storage */
static const char *ims_debugfs_pending(const struct ims_domain *dom, u64 state)
{
	if (!(dom->desc->flags & IMS_DESC_SLEEPS))
		return "-";
	if (!(state & IMS_VEC_PENDING_MSG))
		return state & IMS_VEC_PENDING_CTRL ? "ctrl" : "none";
	return state & IMS_VEC_PENDING_CTRL ? "msg,ctrl" : "msg";
}

/**
 * ims_debugfs_slots_show - Show a device's IMS vectors from the shadows
 * @m:		The seq_file; its private data is the device
 * @unused:	Unused
 *
 * One line per allocated vector: slot, Linux interrupt, masked, instance
 * cookie (a queue's, which is a kernel pointer, hashed), the message the
 * slot holds (or will hold once committed), and for storage that sleeps
 * what is still to be committed.  Nothing is read from the device.
 *
 * Context: Process context.  Takes the device's MSI descriptor mutex.
 * Return: 0.
 */
VISIBLE_IF_KUNIT int ims_debugfs_slots_show(struct seq_file *m, void *unused)
{
	struct msi_desc *desc;
	struct ims_domain *dom;
	struct device *dev;
	u64 state;

	dom = ims_debugfs_domain(m, &dev);
	if (!dom)
		return 0;
	seq_printf(m, "descriptor %s, %u slots\n", dom->desc->name, dom->nr_slots);
	seq_puts(m, "slot irq masked cookie address data pending\n");
	scoped_guard(msi_descs_lock, dev) {
		msi_domain_for_each_desc(desc, dev, dom->domid, MSI_DESC_ASSOCIATED) {
			state = READ_ONCE(desc->data.dcookie.value);
			seq_printf(m, "%u %u %d ", desc->msi_index, desc->irq,
				   ims_domain_vec_masked(dom, desc));
			/* A queue's cookie is a kernel pointer: hashed, never raw */
			if (dom->desc->kind == IMS_STORAGE_QUEUE)
				seq_printf(m, "%p", desc->data.icookie.ptr);
			else
				seq_printf(m, "%#llx", desc->data.icookie.value);
			seq_printf(m, " %#llx %#x %s\n",
				   (u64)desc->msg.address_hi << 32 | desc->msg.address_lo,
				   desc->msg.data, ims_debugfs_pending(dom, state));
		}
	}
	ims_put(dom);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(ims_debugfs_slots_show);

static void ims_debugfs_entry(struct seq_file *m, struct ims_domain *dom,
			      struct msi_desc *desc, u32 *words)
{
	unsigned int i;

	ims_domain_read_entry(dom, desc, words);
	seq_printf(m, "%u", desc->msi_index);
	for (i = 0; i < dom->desc->entry_size / 4; i++)
		seq_printf(m, " %08x", words[i]);
	seq_putc(m, '\n');
}

/**
 * ims_debugfs_storage_show - Show a device's IMS entries read back from it
 * @m:		The seq_file; its private data is the device
 * @unused:	Unused
 *
 * One line per allocated vector: slot, then the words of its entry as the
 * device holds them (read now, in CPU byte order).
 *
 * Context: Process context.  Takes the device's MSI descriptor mutex, or
 * for storage that sleeps the domain's commit lock (its live vectors are
 * the allocated ones).
 * Return: 0.
 */
VISIBLE_IF_KUNIT int ims_debugfs_storage_show(struct seq_file *m, void *unused)
{
	struct msi_desc *desc;
	struct ims_domain *dom;
	struct device *dev;
	unsigned long idx;
	u32 *words;

	dom = ims_debugfs_domain(m, &dev);
	if (!dom)
		return 0;
	words = kmalloc(dom->desc->entry_size, GFP_KERNEL);
	if (!words)
		goto out;
	if (dom->desc->flags & IMS_DESC_SLEEPS) {
		/* Not under the MSI descriptor mutex: commits never nest in it */
		mutex_lock(&dom->commit_lock);
		xa_for_each(&dom->live, idx, desc)
			ims_debugfs_entry(m, dom, desc, words);
		mutex_unlock(&dom->commit_lock);
	} else {
		guard(msi_descs_lock)(dev);
		msi_domain_for_each_desc(desc, dev, dom->domid, MSI_DESC_ASSOCIATED)
			ims_debugfs_entry(m, dom, desc, words);
	}
	kfree(words);
out:
	ims_put(dom);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(ims_debugfs_storage_show);

DEFINE_SHOW_ATTRIBUTE(ims_debugfs_slots);
DEFINE_SHOW_ATTRIBUTE(ims_debugfs_storage);

static void ims_debugfs_add(struct ims_domain *dom)
{
	if (!IS_ENABLED(CONFIG_DEBUG_FS))
		return;
	if (!ims_debugfs_root)
		ims_debugfs_root = debugfs_create_dir("ims", NULL);
	dom->debugfs = debugfs_create_dir(dev_name(dom->dev), ims_debugfs_root);
	debugfs_create_file("slots", 0400, dom->debugfs, dom->dev, &ims_debugfs_slots_fops);
	debugfs_create_file("storage", 0400, dom->debugfs, dom->dev, &ims_debugfs_storage_fops);
}

/* Create the domain */
static int ims_create(struct device *dev, const struct ims_desc *desc,
		      const struct ims_storage *storage)
{
	struct msi_domain_template tmpl = ims_desc_template;
	struct irq_domain *parent = dev_get_msi_domain(dev);
	struct ims_domain *dom;

	dom = ims_get(dev);
	if (dom) {
		ims_put(dom);
		dev_err(dev, "IMS descriptor %s: device already has an IMS domain\n",
			desc->name);
		return -EEXIST;
	}

	if (!parent || !irq_domain_is_msi_parent(parent)) {
		dev_err(dev, "IMS descriptor %s: no MSI parent domain for the device\n",
			desc->name);
		return -ENODEV;
	}

	if (!dev_is_pci(dev) && !ims_parent_serves_device_msi(parent)) {
		dev_err(dev, "IMS descriptor %s: the MSI parent %s serves PCI devices only\n",
			desc->name, parent->name);
		return -ENODEV;
	}

	/*
	 * The MSI parent of a device that is not a PCI function (the GICv3
	 * ITS, for one) reserves an interrupt for every slot of the domain
	 * when the domain is created: one nothing bounds would take 65,536.
	 */
	if (!dev_is_pci(dev) && desc->flags & IMS_DESC_DYNAMIC_SLOTS && !desc->nr_slots &&
	    !storage->nr_slots) {
		dev_err(dev, "IMS descriptor %s: no slot count (ims_storage.nr_slots, the descriptor's nr_slots, or ims-slots in firmware): the MSI parent of a device that is not a PCI function reserves an interrupt for every slot\n",
			desc->name);
		return -EINVAL;
	}

	if (ims_default_domain_taken(dev)) {
		dev_err(dev, "IMS descriptor %s: the device's MSI domain is in use already (platform MSI): free those interrupts and their domain first\n",
			desc->name);
		return -EBUSY;
	}

	if (desc->flags & IMS_DESC_PARENT_MASK && !ims_parent_masks(parent)) {
		dev_err(dev, "IMS descriptor %s: the storage has no mask bit and the MSI parent %s cannot mask (IMS_DESC_PARENT_MASK)\n",
			desc->name, parent->name);
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
	raw_spin_lock_init(&dom->lock);
	mutex_init(&dom->bus_lock);
	lockdep_register_key(&dom->commit_key);
	mutex_init(&dom->commit_lock);
	lockdep_set_class(&dom->commit_lock, &dom->commit_key);
	mutex_init(&dom->alloc_lock);
	xa_init(&dom->live);
	INIT_WORK(&dom->commit_work, ims_domain_commit_work);
	atomic_set(&dom->users, 1);

	dom->also_parent = ims_parent_masks(parent);
	/* The chip interprets the layout: it fills in the rest */
	ims_domain_init_chip(dom, &tmpl);

	if (!ims_create_msi_domain(dev, dom, &tmpl)) {
		ims_destroy_locks(dom);
		devres_free(dom);
		dev_err(dev, "IMS descriptor %s: the MSI parent %s does not support an IMS domain for this device%s\n",
			desc->name, parent->name, ims_refusal_reason(dev, parent));
		return -ENODEV;
	}

	devres_add(dev, dom);
	ims_debugfs_add(dom);
	return 0;
}

/**
 * devm_ims_desc_create_domain - Create a device's IMS domain from a descriptor
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
 * is unbound, or earlier with devm_ims_desc_remove_domain().  At unbind
 * it is released at its place among the device's resources: after the
 * vectors allocated from it (devm_ims_desc_alloc_irq()) and the resources
 * acquired after it, before those acquired before it, such as the mapping
 * of its storage.  On failure nothing is left allocated.
 *
 * Context: Process context, may sleep: the driver's probe, with the device
 * lock held, so that no other creation races with it.
 * Return: 0 on success; -EINVAL naming the invalid field of @desc or
 * @storage (among them a storage size its last slot does not fit), or
 * for a device that is not a PCI function, dynamic slots that nothing
 * counts (no &ims_storage.nr_slots and no &ims_desc.nr_slots);
 * -EEXIST if @dev already has an IMS domain; -EBUSY if platform MSI took
 * the MSI domain id of @dev (not a PCI device) that IMS needs; -ENODEV if
 * @dev has no MSI parent, the parent does not support IMS for it, or the
 * storage has no mask bit and the parent cannot mask; -ENOMEM.
 */
int devm_ims_desc_create_domain(struct device *dev, const struct ims_desc *desc,
				const struct ims_storage *storage)
{
	struct ims_desc_error err;

	if (ims_desc_check(desc, &err) || ims_desc_check_storage(desc, storage, &err))
		return ims_report(dev, desc, &err);

	return ims_create(dev, desc, storage);
}
EXPORT_SYMBOL_GPL(devm_ims_desc_create_domain);

/**
 * devm_ims_desc_remove_domain - Remove a device's IMS domain before unbind
 * @dev:	The device
 *
 * Frees every interrupt still allocated in the domain, youngest first
 * (leaving its slot masked), and removes the domain: what unbind does at
 * the domain's place among the device's resources, done now.  The
 * interrupts must have been released with free_irq() before: while one
 * is still requested, nothing is removed and the call WARNs.
 *
 * Context: Process context, may sleep.
 */
void devm_ims_desc_remove_domain(struct device *dev)
{
	struct msi_desc *desc;
	struct ims_domain *dom;
	int requested = 0;

	dom = ims_get(dev);
	if (dom) {
		scoped_guard(msi_descs_lock, dev) {
			msi_domain_for_each_desc(desc, dev, dom->domid, MSI_DESC_ASSOCIATED)
				requested += irq_has_action(desc->irq);
		}
		ims_put(dom);
	}

	if (WARN(!dom, "%s: no IMS domain to remove\n", dev_name(dev)) ||
	    WARN(requested, "%s: %d IMS interrupts are still requested: free_irq() them first\n",
		 dev_name(dev), requested))
		return;

	/* The vectors first, youngest first, as unbind releases them */
	while (!devres_release(dev, ims_vec_release, NULL, NULL))
		;
	devres_release(dev, ims_devres_release, NULL, NULL);
}
EXPORT_SYMBOL_GPL(devm_ims_desc_remove_domain);

/*
 * The lock the chip's callbacks run under for a vector of storage that
 * does not sleep: its irq descriptor's.  Outside those callbacks, what
 * writes a vector's storage takes it too, so that a mask or an affinity
 * change cannot interleave.  genirq exports no helper that takes it for
 * a caller outside the irq core (its irq_get_desc_lock() is internal),
 * and the MSI core's own restore of PCI MSI-X takes no lock at all.
 */
static raw_spinlock_t *ims_vec_lock(unsigned int virq)
{
	return &irq_to_desc(virq)->lock;
}

/**
 * ims_desc_restore - Program a device's IMS storage again after it lost it
 * @dev:	The device
 *
 * After a reset (FLR, a firmware reset) or a resume from a power state in
 * which the device lost its storage, write every allocated vector's slot
 * again from the state the chip keeps in the vector's MSI descriptor: the
 * constant word, the message the slot holds (the null message of a vector
 * that has none yet), the instance cookie and the mask state (masked
 * while the message goes back, never unmasked with half a message),
 * committed through the doorbell or the queue's command where the storage
 * needs one.  A driver whose storage is in queue memory sets its queues up
 * again first.  Vectors keep their Linux interrupt numbers, handlers and
 * affinity.
 *
 * Context: Process context, may sleep: a driver's reset_done(), resume()
 * or restore() callback, or its own recovery work.  Not from an interrupt
 * handler.  Storage that does not sleep: takes the device's MSI
 * descriptor mutex and each vector's irq descriptor lock, as the chip
 * callbacks run under it.  Storage that sleeps: takes the domain's commit
 * lock, which orders the restore with every other commit of its vectors.
 * Either way it is safe against concurrent masking, affinity changes and
 * request_irq().
 * Return: 0; -ENODEV if @dev has no IMS domain; or the first error of a
 * queue's commit command (the other vectors are still written; what a
 * command did not take stays pending, for ims_desc_commit() or the
 * vector's next update).
 */
int ims_desc_restore(struct device *dev)
{
	struct ims_domain *dom;
	struct msi_desc *desc;
	int n = 0, err = 0, ret;
	unsigned long idx;

	dom = ims_get(dev);
	if (!dom) {
		dev_err(dev, "no IMS domain to restore\n");
		return -ENODEV;
	}
	if (dom->desc->flags & IMS_DESC_SLEEPS) {
		mutex_lock(&dom->commit_lock);
		xa_for_each(&dom->live, idx, desc) {
			ret = ims_domain_restore_slot(dom, desc);
			err = err ?: ret;
			n++;
		}
		mutex_unlock(&dom->commit_lock);
	} else {
		guard(msi_descs_lock)(dev);
		msi_domain_for_each_desc(desc, dev, dom->domid, MSI_DESC_ASSOCIATED) {
			scoped_guard(raw_spinlock_irqsave, ims_vec_lock(desc->irq))
				ims_domain_restore_slot(dom, desc);
			n++;
		}
	}
	ims_put(dom);
	trace_ims_desc_restore(dev, n, err);
	return err;
}
EXPORT_SYMBOL_GPL(ims_desc_restore);

/**
 * ims_desc_commit - Commit a device's pending IMS updates now
 * @dev:	The device
 *
 * For storage that sleeps, an update that comes from atomic context (an
 * affinity change) is committed by a work item, and an update whose
 * queue commit command failed stays pending: it is logged, and genirq,
 * which made the update, cannot return the error.  This commits every
 * pending update now and says how that went, so that a driver can retry
 * after it recovered its device.  For storage that does not sleep there is
 * nothing pending: it returns 0.
 *
 * Context: Process context, may sleep.  Runs the queues' commit commands:
 * the caller must not hold a lock its &ims_queue.commit takes.
 * Return: 0; -ENODEV if @dev has no IMS domain; or the first error of a
 * commit command (its update stays pending).
 */
int ims_desc_commit(struct device *dev)
{
	struct ims_domain *dom;
	int ret = 0;

	dom = ims_get(dev);
	if (!dom) {
		dev_err(dev, "no IMS domain to commit\n");
		return -ENODEV;
	}
	if (dom->desc->flags & IMS_DESC_SLEEPS)
		ret = ims_domain_commit_all(dom);
	ims_put(dom);
	return ret;
}
EXPORT_SYMBOL_GPL(ims_desc_commit);

/**
 * ims_desc_update_ctrl - Change the driver's bits of an IMS vector's control word
 * @dev:	The device
 * @virq:	The Linux interrupt number, allocated from @dev's IMS domain
 * @mask:	The bits to change: the driver's, none of the chip's (the mask
 *		bit, the cookie field and its enable bit, and the address or
 *		data bits the word holds)
 * @val:	Their new value
 *
 * For storage whose control word the chip shares with the driver
 * (IMS_DESC_CTRL_SHARED).  The chip reads, modifies and writes the word
 * under the vector's irq descriptor lock (storage that does not sleep) or
 * the domain's commit lock (storage that sleeps); a driver that did the
 * same without that lock would race with a mask or an affinity change and
 * lose one of the two writes.  This takes the same lock.  Storage that
 * sleeps gets the word with the vector's next commit.
 *
 * Context: Process context, may sleep.
 * Return: 0; -ENODEV if @dev has no IMS domain; -EINVAL if the descriptor
 * does not share the control word, @mask holds a bit of the chip's, or
 * @virq is not a vector of @dev's IMS domain.
 */
int ims_desc_update_ctrl(struct device *dev, unsigned int virq, u32 mask, u32 val)
{
	struct ims_domain *dom;
	struct msi_desc *desc;
	int ret = 0;

	dom = ims_get(dev);
	if (!dom) {
		dev_err(dev, "no IMS domain: no control word to change\n");
		return -ENODEV;
	}
	if (!(dom->desc->flags & IMS_DESC_CTRL_SHARED)) {
		dev_err(dev, "IMS descriptor %s: the control word is the chip's alone (no IMS_DESC_CTRL_SHARED)\n",
			dom->desc->name);
		ret = -EINVAL;
		goto out;
	}
	if (mask & dom->ctrl_own) {
		dev_err(dev, "IMS descriptor %s: control word bits %#x are the chip's\n",
			dom->desc->name, mask & dom->ctrl_own);
		ret = -EINVAL;
		goto out;
	}
	desc = ims_vec_of(dev, dom, virq);
	if (!desc) {
		dev_err(dev, "IMS: interrupt %u is not in this device's IMS domain\n", virq);
		ret = -EINVAL;
		goto out;
	}
	if (dom->desc->flags & IMS_DESC_SLEEPS) {
		scoped_guard(mutex, &dom->commit_lock)
			ims_domain_update_ctrl(dom, desc, mask, val);
	} else {
		scoped_guard(raw_spinlock_irqsave, ims_vec_lock(virq))
			ims_domain_update_ctrl(dom, desc, mask, val);
	}
out:
	ims_put(dom);
	return ret;
}
EXPORT_SYMBOL_GPL(ims_desc_update_ctrl);

#if IS_ENABLED(CONFIG_KUNIT)
/**
 * ims_desc_flush - Write the deferred updates of sleeping storage now
 * @dev:	The device
 *
 * For tests, which check storage right after an update that was made in
 * atomic context.  The updates are committed here, under commit_lock,
 * rather than waited for: flush_work() cannot wait for the domain's work
 * item while another CPU has claimed it but not yet queued it, and then
 * returns before the update is written.  Under commit_lock, an update
 * this thread made is either still pending, and committed here, or was
 * taken by a commit that has finished.
 *
 * Context: Process context, may sleep.  Runs the queues' commit commands.
 */
void ims_desc_flush(struct device *dev)
{
	struct ims_domain *dom;

	dom = ims_get(dev);
	if (!dom)
		return;
	if (dom->desc->flags & IMS_DESC_SLEEPS)
		ims_domain_commit_all(dom);
	ims_put(dom);
}
EXPORT_SYMBOL_IF_KUNIT(ims_desc_flush);
#endif

static int ims_check_cookie(struct device *dev, const struct ims_domain *dom,
			    const union msi_instance_cookie *cookie)
{
	const struct ims_desc *d = dom->desc;
	const struct ims_queue *q = cookie->ptr;

	if (d->kind == IMS_STORAGE_QUEUE) {
		if (!q || !q->mem == !q->iomem) {
			dev_err(dev, "IMS descriptor %s: queue storage needs a struct ims_queue with memory (mem or iomem, not both) as the instance cookie\n",
				d->name);
			return -EINVAL;
		}
		if (!(d->flags & IMS_DESC_COMMAND) != !q->commit) {
			dev_err(dev, "IMS descriptor %s: ims_queue.commit %s\n", d->name,
				q->commit ? "given, but the descriptor has no IMS_DESC_COMMAND" :
					    "missing, the descriptor commits by a command (IMS_DESC_COMMAND)");
			return -EINVAL;
		}
		if (!ims_desc_addr64_aligned(d, q->mem, q->iomem, d->queue_offset)) {
			dev_err(dev, "IMS descriptor %s: queue entry not 8-byte aligned, which the 64-bit address field needs\n",
				d->name);
			return -EINVAL;
		}
		if (q->size < (size_t)d->queue_offset + d->entry_size) {
			dev_err(dev, "IMS descriptor %s: queue memory of %zu bytes (ims_queue.size) does not hold the entry at %#x..%#x\n",
				d->name, q->size, d->queue_offset,
				d->queue_offset + d->entry_size - 1);
			return -EINVAL;
		}
		return 0;
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

/*
 * Refuse a vector whose message the storage cannot hold: compose it as the
 * parent will hand it out (its address class and data do not change with
 * the vector's target on the parents IMS serves) and check its bits.
 */
static int ims_check_msg(struct device *dev, const struct ims_domain *dom,
			 unsigned int virq)
{
	struct msi_msg msg = { };

	if (dom->hi_mask == U32_MAX && dom->data_mask == U32_MAX)
		return 0;
	if (irq_chip_compose_msi_msg(irq_get_irq_data(virq), &msg))
		return 0;
	if (msg.address_hi & ~dom->hi_mask) {
		dev_err(dev, "IMS descriptor %s: the MSI parent's message address %#x%08x does not fit the storage's %u address bits\n",
			dom->desc->name, msg.address_hi, msg.address_lo,
			32 + hweight32(dom->hi_mask));
		return -ERANGE;
	}
	if (msg.data & ~dom->data_mask) {
		dev_err(dev, "IMS descriptor %s: the MSI parent's message data %#x does not fit the storage's %u data bits\n",
			dom->desc->name, msg.data, hweight32(dom->data_mask));
		return -ERANGE;
	}
	return 0;
}

/* A queue's entry belongs to one vector: refuse a second with its cookie */
static int ims_check_unique(struct device *dev, const struct ims_domain *dom,
			    const union msi_instance_cookie *cookie)
{
	struct msi_desc *desc;
	int ret = 0;

	if (dom->desc->kind != IMS_STORAGE_QUEUE)
		return 0;
	scoped_guard(msi_descs_lock, dev) {
		msi_domain_for_each_desc(desc, dev, dom->domid, MSI_DESC_ALL) {
			if (desc->data.icookie.ptr == cookie->ptr) {
				ret = -EBUSY;
				break;
			}
		}
	}
	if (ret)
		dev_err(dev, "IMS descriptor %s: the queue of this cookie already has an interrupt\n",
			dom->desc->name);
	return ret;
}

static int ims_alloc_locked(struct device *dev, struct ims_domain *dom, unsigned int index,
			    const union msi_instance_cookie *icookie,
			    const struct irq_affinity_desc *affdesc)
{
	union msi_instance_cookie cookie = { };
	struct msi_map map;
	int ret;

	if (index != MSI_ANY_INDEX && index >= dom->nr_slots) {
		dev_err(dev, "IMS descriptor %s: slot %u requested, the storage has slots 0..%u\n",
			dom->desc->name, index, dom->nr_slots - 1);
		return -EINVAL;
	}

	if (icookie)
		cookie = *icookie;
	ret = ims_check_cookie(dev, dom, &cookie);
	if (!ret)
		ret = ims_check_unique(dev, dom, &cookie);
	if (ret)
		return ret;

	map = msi_domain_alloc_irq_at(dev, dom->domid, index, affdesc, &cookie);
	if (map.index >= 0) {
		ret = ims_check_msg(dev, dom, map.virq);
		if (ret) {
			msi_domain_free_irqs_range(dev, dom->domid, map.index, map.index);
			return ret;
		}
		return map.virq;
	}

	/* The MSI core's index store says -EBUSY when the index is taken or none is free */
	if (map.index == -EBUSY && index != MSI_ANY_INDEX) {
		dev_err(dev, "IMS descriptor %s: slot %u is already in use\n",
			dom->desc->name, index);
		return -EBUSY;
	}
	if (map.index == -EBUSY) {
		dev_err_ratelimited(dev, "IMS descriptor %s: all %u slots are in use\n",
				    dom->desc->name, dom->nr_slots);
		return -ENOSPC;
	}
	dev_err_ratelimited(dev, "IMS descriptor %s: the MSI core or parent failed to allocate an interrupt: %pe\n",
			    dom->desc->name, ERR_PTR(map.index));
	return map.index;
}

static int ims_alloc(struct device *dev, unsigned int index,
		     const union msi_instance_cookie *icookie,
		     const struct irq_affinity_desc *affdesc)
{
	struct ims_vec_res *vr;
	struct msi_desc *desc;
	struct ims_domain *dom;
	int virq, ret;

	dom = ims_get(dev);
	if (!dom) {
		dev_err(dev, "no IMS domain to allocate an interrupt from\n");
		return -ENODEV;
	}
	vr = devres_alloc(ims_vec_release, sizeof(*vr), GFP_KERNEL);
	if (!vr) {
		virq = -ENOMEM;
		goto out;
	}
	/* Also keeps a queue cookie's uniqueness from the check to the allocation */
	mutex_lock(&dom->alloc_lock);
	virq = ims_alloc_locked(dev, dom, index, icookie, affdesc);
	mutex_unlock(&dom->alloc_lock);
	if (virq <= 0)
		goto out;

	desc = irq_get_msi_desc(virq);
	/* Storage that sleeps: the first commit, now that the MSI core is done */
	if (dom->desc->flags & IMS_DESC_SLEEPS) {
		ret = ims_domain_vec_go_live(dom, desc);
		if (ret) {
			dev_err(dev, "IMS descriptor %s: the device did not take slot %u's entry: %pe\n",
				dom->desc->name, desc->msi_index, ERR_PTR(ret));
			msi_domain_free_irqs_range(dev, dom->domid, desc->msi_index,
						   desc->msi_index);
			virq = ret;
			goto out;
		}
	}
	trace_ims_desc_alloc(dev, desc, dom->desc->kind == IMS_STORAGE_QUEUE);
	vr->dom = dom;
	vr->virq = virq;
	devres_add(dev, vr);
	vr = NULL;
out:
	devres_free(vr);
	ims_put(dom);
	return virq;
}

/**
 * devm_ims_desc_alloc_irq - Allocate an interrupt in any free slot
 * @dev:	The device, which has an IMS domain
 * @icookie:	The instance cookie, or NULL for none.  Its meaning is the
 *		descriptor's: the value programmed into the cookie field
 *		(e.g. a PASID; 0 leaves the field disabled), or for queue
 *		storage a pointer to the queue's &struct ims_queue.
 * @affdesc:	Optional affinity descriptor, for managed interrupts
 *
 * For devices whose slots are interchangeable (an array of slots that
 * any queue or PASID may use): the MSI core allocates a free index, which
 * is the slot.  The slot is programmed masked; request_irq() unmasks it.
 * A device whose slots belong to sources uses devm_ims_desc_alloc_irq_at().
 *
 * The interrupt is device managed, a resource of its own: at unbind it is
 * freed (its slot masked) at its place, before the resources the driver
 * acquired before it, such as a queue's memory, are released.  A handler
 * request_irq()ed for it must be freed before: devm_request_irq() after
 * the allocation does that by itself.  devm_ims_desc_free_irq() frees it
 * earlier.
 *
 * Context: Process context, may sleep.
 * Return: the Linux interrupt number (> 0), or -ENODEV if @dev has no IMS
 * domain, -EINVAL if @icookie does not fit the descriptor, -EBUSY if the
 * queue of @icookie already has an interrupt, -ENOSPC if all slots are in
 * use, -ERANGE if the parent's message address or data does not fit
 * the storage, the error of the queue's commit command if the device did
 * not take the new entry (nothing is left allocated), or another negative
 * error code from the MSI core or the parent (-ENOMEM, or -ENOSPC when
 * the parent or the irq descriptors run out).
 */
int devm_ims_desc_alloc_irq(struct device *dev,
			    const union msi_instance_cookie *icookie,
			    const struct irq_affinity_desc *affdesc)
{
	return ims_alloc(dev, MSI_ANY_INDEX, icookie, affdesc);
}
EXPORT_SYMBOL_GPL(devm_ims_desc_alloc_irq);

/**
 * devm_ims_desc_alloc_irq_at - Allocate the interrupt of a given slot
 * @dev:	The device, which has an IMS domain
 * @slot:	The slot, which is the source's number: ring N's registers
 *		are slot N (element N of a table's offsets, or N strides
 *		into an array)
 * @icookie:	The instance cookie, or NULL, as for devm_ims_desc_alloc_irq()
 * @affdesc:	Optional affinity descriptor, for managed interrupts
 *
 * For devices whose slots belong to fixed sources.  The slot is
 * programmed masked; request_irq() unmasks it.
 *
 * Context: Process context, may sleep.
 * Return: the Linux interrupt number (> 0), or -EINVAL if @slot is not a
 * slot of the device or @icookie does not fit, -EBUSY if @slot is
 * allocated already, or the other errors of devm_ims_desc_alloc_irq().
 */
int devm_ims_desc_alloc_irq_at(struct device *dev, unsigned int slot,
			       const union msi_instance_cookie *icookie,
			       const struct irq_affinity_desc *affdesc)
{
	if (slot == MSI_ANY_INDEX) {
		dev_err(dev, "IMS: slot %u is not a slot number\n", slot);
		return -EINVAL;
	}
	return ims_alloc(dev, slot, icookie, affdesc);
}
EXPORT_SYMBOL_GPL(devm_ims_desc_alloc_irq_at);

/**
 * devm_ims_desc_free_irq - Free an interrupt of the device's IMS domain before unbind
 * @dev:	The device
 * @virq:	The Linux interrupt number from devm_ims_desc_alloc_irq() or
 *		devm_ims_desc_alloc_irq_at(), released with free_irq() before
 *
 * The slot is left masked and becomes free for the next allocation, and
 * the interrupt is no longer one of the device's resources.  An
 * interrupt that is still requested, or that is not the device's, is not
 * freed, and the call WARNs.  After the domain was removed (which freed
 * its interrupts) the call only logs an error.
 *
 * Context: Process context, may sleep.
 */
void devm_ims_desc_free_irq(struct device *dev, unsigned int virq)
{
	struct ims_vec_res *vr;
	struct ims_domain *dom;
	struct msi_desc *desc;

	dom = ims_get(dev);
	/* A domain removed meanwhile freed its vectors with it: nothing to do */
	if (!dom) {
		dev_err(dev, "no IMS domain: interrupt %u went with it\n", virq);
		return;
	}
	desc = ims_vec_of(dev, dom, virq);
	if (WARN(!desc, "%s: interrupt %u is not in this device's IMS domain\n",
		 dev_name(dev), virq))
		goto out;
	/* Freeing it would free the irq descriptor under its handler */
	if (WARN(irq_has_action(virq),
		 "%s: IMS interrupt %u is still requested: free_irq() it first\n",
		 dev_name(dev), virq))
		goto out;

	/* Taken off the device's resources here, so released only once */
	vr = devres_remove(dev, ims_vec_release, ims_vec_match, &virq);
	if (!vr) {
		dev_err(dev, "IMS interrupt %u is being freed already\n", virq);
		goto out;
	}
	ims_free_vec(dom, desc);
	devres_free(vr);
out:
	ims_put(dom);
}
EXPORT_SYMBOL_GPL(devm_ims_desc_free_irq);
