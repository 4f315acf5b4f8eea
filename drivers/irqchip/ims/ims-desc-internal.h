/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Internals of the descriptor-driven IMS domain and chip.  Only the files
 * in drivers/irqchip/ims/ and their KUnit tests include this.
 */
#ifndef _IMS_DESC_INTERNAL_H
#define _IMS_DESC_INTERNAL_H

#include <linux/align.h>
#include <linux/ims_desc.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>

struct irq_data;
struct msi_desc;
struct msi_domain_template;

/**
 * struct ims_desc_error - What a descriptor or storage check rejected
 * @field:	Name of the offending field, as spelled in &struct ims_desc
 *		or &struct ims_storage ("storage.doorbell").
 * @index:	Element of @field for array fields (slot_offsets), or -1.
 * @reason:	Why the field is rejected.
 * @flag:	For @field "flags": the IMS_DESC_* flag in conflict, or 0.
 */
struct ims_desc_error {
	const char	*field;
	int		index;
	const char	*reason;
	u32		flag;
};

/**
 * struct ims_domain - Run-time state of one device's IMS domain
 * @iobase:	MMIO storage base (array and table storage), or NULL.
 * @membase:	Host memory storage base (array and table storage), or NULL.
 * @slot_offsets: %IMS_STORAGE_TABLE: the descriptor's slot offsets; NULL
 *		for array storage, whose slots are @stride apart.
 * @stride:	%IMS_STORAGE_ARRAY: distance between slots.
 * @addr_lo:	Offset of the low address word within an entry.
 * @addr_hi:	Offset of the high address word within an entry.
 * @data:	Offset of the data word within an entry.
 * @ctrl:	Offset of the control word within an entry.
 * @mask_bits:	The mask (or enable) bit in the control word.
 * @masked_val:	Value of @mask_bits when the slot is masked.
 * @flush:	Read the control word back after writing it.
 * @shared_hi:	The control word is the high address word.
 * @shared_data: The control word is the data word.
 * @ctrl_rmw:	The control word's other bits are the driver's: read it
 *		and change only @ctrl_own.
 * @ctrl_own:	The control word's bits the chip writes.
 * @data_mask:	Bits of a message's data the storage holds.
 * @data_keep:	IMS_DESC_UPPER_RESERVED: bits of the data word that are
 *		read and kept when it is written; 0 if none.
 * @hi_keep:	The same for the high address word.
 * @parent_mask: The storage has no mask bit; the parent masks.
 * @write64:	The 64-bit address field is written with one access.
 * @addr64:	The address is one 64-bit field.
 * @command:	Written queue entries are committed by the queue's command.
 * @queue_commit: Sleeping storage: commits take the fast path for little
 *		endian queue entries in host memory.
 * @queue_offset: %IMS_STORAGE_QUEUE: offset of the entry in queue memory.
 * @hi_mask:	Bits of a message's address_hi the storage holds.
 * @desc:	The validated descriptor.
 * @cookie_bits: The control word's cookie field and cookie enable bit.
 * @dev:	The device the domain belongs to.
 * @domid:	The device's MSI domain id used for IMS.
 * @nr_slots:	Number of slots of this instance.
 * @doorbell:	Doorbell register (IMS_DESC_DOORBELL), or NULL.
 * @lock:	Protects the shadows of sleeping storage against the atomic
 *		chip callbacks; taken inside the irq descriptor lock.
 * @bus_lock:	Serialises bus-locked sections of sleeping storage.  Held
 *		only while shadows change, never across a commit: the irq
 *		core takes it under its global locks (the irq domain's root
 *		mutex, when a vector is allocated or freed on x86).
 * @bus_desc:	The vector in the bus-locked section, or NULL.  Set under
 *		@bus_lock, cleared under @bus_lock and @lock, read under
 *		@lock.
 * @commit_lock: Serialises the commits of sleeping storage, and the set of
 *		@live vectors.  The only lock a commit runs under besides the
 *		irq core's per-interrupt request mutex (when the commit ends a
 *		request_irq() or free_irq()); never taken with a lock of the
 *		MSI core or the irq domains held.  Each domain's is a lock class
 *		of its own (@commit_key): commits of different devices do not
 *		nest.
 * @commit_key: The lockdep class of @commit_lock.
 * @live:	Sleeping storage: the vectors whose updates are committed,
 *		by MSI index.  A vector is live from the end of its
 *		allocation until its free begins; while the MSI core
 *		allocates or frees it, its updates only change its shadows.
 * @commit_work: Commits updates of sleeping storage that were made outside
 *		a bus-locked section (e.g. an affinity change).
 * @users:	References to the domain: one of its own, one for each
 *		caller that found it; the removal waits for the others.
 * @alloc_lock:	Serialises the checks of an allocation with it: a queue's
 *		cookie stays unique.
 * @also_parent: The parent asks its children to mask there too
 *		(MSI_FLAG_PCI_MSI_MASK_PARENT, as the GICv3 ITS, whose
 *		interrupts start masked): storage with a mask bit masks both.
 * @storage_mask: With @also_parent, the storage's own irq_mask().
 * @storage_unmask: With @also_parent, the storage's own irq_unmask().
 * @storage_shutdown: With @also_parent, the storage's own irq_shutdown().
 * @debugfs:	The domain's debugfs directory, or NULL.
 *
 * The fields the chip callbacks read on every call come first and are
 * copied out of the descriptor when the domain is created, so that the
 * callbacks find all of them in one cache line.
 *
 * Per vector state does not live here: it is kept in the MSI descriptor
 * (&msi_desc.data.dcookie, see IMS_VEC_* below; for storage that sleeps
 * &msi_desc.msg holds the message until it is committed), so a vector
 * costs nothing beyond the MSI core's own descriptors.
 */
struct ims_domain {
	void __iomem		*iobase;
	void			*membase;
	const u32		*slot_offsets;
	u32			stride;
	u16			addr_lo;
	u16			addr_hi;
	u16			data;
	u16			ctrl;
	u32			mask_bits;
	u32			masked_val;
	bool			flush;
	bool			shared_hi;
	bool			shared_data;
	bool			ctrl_rmw;
	u32			ctrl_own;
	u32			data_mask;
	u32			data_keep;
	u32			hi_keep;
	bool			parent_mask;
	bool			write64;
	bool			addr64;
	bool			command;
	bool			queue_commit;
	u32			queue_offset;
	u32			hi_mask;

	const struct ims_desc	*desc;
	u32			cookie_bits;
	struct device		*dev;
	unsigned int		domid;
	unsigned int		nr_slots;
	void __iomem		*doorbell;
	raw_spinlock_t		lock;		/* shadows of sleeping storage */
	struct mutex		bus_lock;	/* bus-locked sections */
	struct msi_desc		*bus_desc;
	struct mutex		commit_lock;	/* commits, @live */
	struct lock_class_key	commit_key;
	struct xarray		live;
	struct work_struct	commit_work;
	atomic_t		users;
	struct mutex		alloc_lock;	/* checks with the allocation */
	bool			also_parent;
	void			(*storage_mask)(struct irq_data *data);
	void			(*storage_unmask)(struct irq_data *data);
	void			(*storage_shutdown)(struct irq_data *data);
	struct dentry		*debugfs;
};

/*
 * Layout of &msi_desc.data.dcookie.value: the control word shadow, with the
 * mask state genirq asked for, and
 * - whether the storage refused the parent's last message (it could not
 *   hold it): the slot holds the null message and stays masked, whatever
 *   the shadow says, until a message that fits arrives;
 * - for storage that sleeps, what is still to be committed, and whether
 *   the vector is live (its updates are committed; see &ims_domain.live);
 * - for array and table storage that does not sleep, the byte offset of
 *   the slot's control word from the storage base, computed once when the
 *   vector is allocated so that the fast paths need no slot arithmetic.
 *   Fields are naturally aligned, so its two low bits (bits 32 and 33 of
 *   the state) are zero: bit 32 is the refusal.
 */
#define IMS_VEC_CTRL		GENMASK_ULL(31, 0)
#define IMS_VEC_REFUSED		BIT_ULL(32)
#define IMS_VEC_PENDING_CTRL	BIT_ULL(33)
#define IMS_VEC_PENDING_MSG	BIT_ULL(34)
#define IMS_VEC_LIVE		BIT_ULL(35)
#define IMS_VEC_CTRL_OFF	GENMASK_ULL(63, 34)

int ims_desc_check(const struct ims_desc *desc, struct ims_desc_error *err);
int ims_desc_check_storage(const struct ims_desc *desc,
			   const struct ims_storage *storage,
			   struct ims_desc_error *err);
unsigned int ims_desc_slot_limit(const struct ims_desc *desc,
				 const struct ims_storage *storage);
u64 ims_desc_storage_end(const struct ims_desc *desc, unsigned int nr_slots);

/* The control word is the high address word, whose low bits hold address bits */
static inline bool ims_desc_shares_hi(const struct ims_desc *desc)
{
	return !(desc->flags & (IMS_DESC_ADDR64 | IMS_DESC_ADDR32 | IMS_DESC_PARENT_MASK)) &&
	       desc->ctrl == desc->addr_hi;
}

/* The control word is the data word, whose low bits hold the data */
static inline bool ims_desc_shares_data(const struct ims_desc *desc)
{
	return !(desc->flags & IMS_DESC_PARENT_MASK) && desc->ctrl == desc->data;
}

/* Data bits the storage holds, as a mask of the message data */
static inline u32 ims_desc_data_mask(const struct ims_desc *desc)
{
	if (!desc->data_width || desc->data_width >= 32)
		return U32_MAX;
	return GENMASK(desc->data_width - 1, 0);
}

/*
 * Whether a 64-bit address field @off bytes into host memory @mem (or MMIO
 * @io) can be written with one 64-bit store or access: 8-byte aligned.
 */
static inline bool ims_desc_addr64_aligned(const struct ims_desc *desc, const void *mem,
					   const void __iomem *io, u32 off)
{
	return !(desc->flags & IMS_DESC_ADDR64) ||
	       IS_ALIGNED((unsigned long)(mem ?: (const void __force *)io) + off, 8);
}

/* Address bits the storage holds above bit 31, as a mask of address_hi */
static inline u32 ims_desc_hi_mask(const struct ims_desc *desc)
{
	if (desc->flags & IMS_DESC_ADDR32)
		return 0;
	if (!desc->addr_hi_width || desc->addr_hi_width >= 32)
		return U32_MAX;
	return GENMASK(desc->addr_hi_width - 1, 0);
}

/*
 * The bits above the message in the data word and in a high address word
 * of its own, which IMS_DESC_UPPER_RESERVED keeps; 0 where the word is
 * all message or is the control word, whose rules are its own.
 */
static inline u32 ims_desc_data_reserved(const struct ims_desc *desc)
{
	return ims_desc_shares_data(desc) ? 0 : ~ims_desc_data_mask(desc);
}

static inline u32 ims_desc_hi_reserved(const struct ims_desc *desc)
{
	if (desc->flags & (IMS_DESC_ADDR64 | IMS_DESC_ADDR32) || ims_desc_shares_hi(desc))
		return 0;
	return ~ims_desc_hi_mask(desc);
}

void ims_domain_init_chip(struct ims_domain *dom, struct msi_domain_template *tmpl);
void ims_domain_init_slot(struct ims_domain *dom, struct msi_desc *desc);
void ims_domain_fini_slot(struct ims_domain *dom, struct msi_desc *desc);
void ims_domain_commit_work(struct work_struct *work);
int ims_domain_commit_all(struct ims_domain *dom);
int ims_domain_vec_go_live(struct ims_domain *dom, struct msi_desc *desc);
void ims_domain_vec_retire(struct ims_domain *dom, struct msi_desc *desc);
int ims_domain_restore_slot(struct ims_domain *dom, struct msi_desc *desc);
void ims_domain_update_ctrl(struct ims_domain *dom, struct msi_desc *desc, u32 mask, u32 val);
bool ims_domain_vec_masked(const struct ims_domain *dom, const struct msi_desc *desc);
void ims_domain_read_entry(struct ims_domain *dom, struct msi_desc *desc, u32 *words);

struct fwnode_handle;
struct ims_desc *ims_desc_parse_fwnode(const struct fwnode_handle *fwnode,
				       struct ims_desc_error *err);
void ims_desc_free_fwnode(struct ims_desc *desc);
#if IS_ENABLED(CONFIG_KUNIT)
void ims_desc_flush(struct device *dev);
struct seq_file;
int ims_debugfs_slots_show(struct seq_file *m, void *unused);
int ims_debugfs_storage_show(struct seq_file *m, void *unused);
#endif

#endif /* _IMS_DESC_INTERNAL_H */
