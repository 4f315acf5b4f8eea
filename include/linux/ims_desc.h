/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Descriptor-driven Interrupt Message Store (IMS) support.
 *
 * A device with an Interrupt Message Store keeps the MSI messages of its
 * interrupts in storage of its own: an array of slots in device MMIO,
 * register blocks per ring at irregular offsets, or an entry inside queue
 * or context memory.  Instead of writing an irq chip and an irq domain,
 * the driver describes that storage with a constant &struct ims_desc,
 * shared by all instances of the device type, and creates a per-device
 * MSI domain from it at probe time.  One generic irq chip interprets the
 * description.
 *
 * The driver (the usage site) never sees the irq domain, the MSI
 * descriptors or a slot index of its own: it allocates an interrupt with
 * an instance cookie (a PASID, a pointer to a queue) and gets a Linux
 * interrupt number back.  See Documentation/driver-api/ims/index.rst.
 */
#ifndef _LINUX_IMS_DESC_H
#define _LINUX_IMS_DESC_H

#include <linux/bits.h>
#include <linux/msi_api.h>
#include <linux/types.h>

struct device;
struct fwnode_handle;
struct irq_affinity_desc;
struct platform_device;

/**
 * enum ims_storage_kind - How the message storage of a slot is located
 * @IMS_STORAGE_ARRAY:	Slot N is N strides (&ims_desc.stride) from the start
 *			of the storage.  The MSI index allocated by the MSI
 *			core is the slot number.
 * @IMS_STORAGE_TABLE:	Slot N is at the offset that element N of
 *			&ims_desc.slot_offsets gives: register blocks per
 *			source at irregular offsets.
 * @IMS_STORAGE_QUEUE:	The entry lives inside queue or context memory at
 *			&ims_desc.queue_offset.  The instance cookie handed
 *			to devm_ims_desc_alloc_irq() points to the queue's
 *			&struct ims_queue, which locates the memory.
 */
enum ims_storage_kind {
	IMS_STORAGE_ARRAY,
	IMS_STORAGE_TABLE,
	IMS_STORAGE_QUEUE,
};

/**
 * enum ims_desc_flags - Flags for &ims_desc.flags
 * @IMS_DESC_FLUSH: Read the control word of MMIO storage back after every
 *	write of it, so that a mask of storage that does not sleep has reached the
 *	device when irq_mask() returns.  Storage that sleeps is masked when
 *	its commit writes it, not before. Without a control word
 *	(IMS_DESC_PARENT_MASK) the parent's mask applies.
 * @IMS_DESC_BIG_ENDIAN: Storage words are big endian.
 * @IMS_DESC_ADDR64: The message address is one 64-bit field at
 *	&ims_desc.addr_lo instead of two 32-bit words.
 * @IMS_DESC_MASK_ENABLES: The mask bit is an enable bit: set means the vector
 *	is enabled (active low mask).
 * @IMS_DESC_MASK_ON_UPDATE: Mask the slot while its message is rewritten and
 *	restore the mask state after.
 * @IMS_DESC_COOKIE: The instance cookie's value is programmed into the control
 *	word at cookie_shift and cookie_width (e.g. a PASID).
 * @IMS_DESC_COOKIE_ENABLE: Together with IMS_DESC_COOKIE: the control word has
 *	an enable bit for the cookie field, set when a non-zero cookie is
 *	programmed.
 * @IMS_DESC_SLEEPS: Updates of the storage may sleep.  The chip collects them
 *	under the irq bus lock and commits them when the bus-locked section
 *	ends, outside the irq core's locks (or from a work item, for an update
 *	from atomic context).
 * @IMS_DESC_DOORBELL: After the entry is written, commit it by writing the
 *	queue's doorbell value to the instance's doorbell register.
 * @IMS_DESC_DYNAMIC_SLOTS: The number of slots is given per instance
 *	(&ims_storage.nr_slots), up to &ims_desc.nr_slots when that is non-zero and
 *	up to the MSI core's index limit otherwise.
 * @IMS_DESC_PARENT_MASK: The storage has no mask bit and no control word: the
 *	MSI parent masks the interrupt (as the GICv3 ITS does).  Domain creation
 *	fails on a parent that cannot mask.
 * @IMS_DESC_WRITE64: Together with IMS_DESC_ADDR64: the device requires the
 *	64-bit address field to be written with one 64-bit access.
 * @IMS_DESC_ADDR32: The storage holds only address bits 0..31; there is no
 *	high address word.  A message above 4 GiB is refused.
 * @IMS_DESC_CONST: The entry has a word that holds a constant
 *	(&ims_desc.const_val at &ims_desc.const_off, e.g. a memory attribute),
 *	written when the slot is programmed.
 * @IMS_DESC_CTRL_SHARED: The control word's other bits belong to the driver:
 *	the chip reads the word and changes only its own bits (the mask bit, the
 *	cookie field and its enable bit, and address or data bits the word shares),
 *	at the cost of one read per write of the word.  The driver changes its
 *	bits with ims_desc_update_ctrl(), under the same lock.
 * @IMS_DESC_COMMAND: Queue storage that sleeps: a written entry is committed
 *	by the queue's &ims_queue.commit operation (a command to the device)
 *	instead of a doorbell.
 * @IMS_DESC_UPPER_RESERVED: The bits of the data word above
 *	&ims_desc.data_width, and of the high address word above
 *	&ims_desc.addr_hi_width (not with IMS_DESC_ADDR64), are reserved and
 *	must keep their value: the chip reads such a word and changes only the
 *	message bits, at the cost of one read per write of the word.  Without
 *	it they are written 0.  A word that is the control word keeps the
 *	control word's rules (IMS_DESC_CTRL_SHARED).
 * @IMS_DESC_ALL_FLAGS: Every flag above; the validator refuses a
 *	descriptor with any other bit set.
 */
enum ims_desc_flags {
	IMS_DESC_FLUSH			= BIT(0),
	IMS_DESC_BIG_ENDIAN		= BIT(1),
	IMS_DESC_ADDR64			= BIT(2),
	IMS_DESC_MASK_ENABLES		= BIT(3),
	IMS_DESC_MASK_ON_UPDATE		= BIT(4),
	IMS_DESC_COOKIE			= BIT(5),
	IMS_DESC_COOKIE_ENABLE		= BIT(6),
	IMS_DESC_SLEEPS			= BIT(7),
	IMS_DESC_DOORBELL		= BIT(8),
	IMS_DESC_DYNAMIC_SLOTS		= BIT(9),
	IMS_DESC_PARENT_MASK		= BIT(10),
	IMS_DESC_WRITE64		= BIT(11),
	IMS_DESC_ADDR32			= BIT(12),
	IMS_DESC_CONST			= BIT(13),
	IMS_DESC_CTRL_SHARED		= BIT(14),
	IMS_DESC_COMMAND		= BIT(15),
	IMS_DESC_UPPER_RESERVED		= BIT(16),
	IMS_DESC_ALL_FLAGS		= GENMASK(16, 0),
};

/* Largest entry the descriptor may describe, in bytes */
#define IMS_DESC_MAX_ENTRY_SIZE		4096
/* Largest number of slots of one domain: the MSI core's index space */
#define IMS_DESC_MAX_SLOTS		65536U

/**
 * struct ims_desc - Constant description of a device type's IMS storage
 * @name:		Name of the device type, used for the irq chip name
 *			and in messages.
 * @kind:		How a slot is located, see &enum ims_storage_kind.
 * @flags:		Flags, see &enum ims_desc_flags.
 * @nr_slots:		Number of slots.  For fixed slots (no
 *			IMS_DESC_DYNAMIC_SLOTS) it must be non-zero; for
 *			%IMS_STORAGE_TABLE it is the length of @slot_offsets.
 *			With IMS_DESC_DYNAMIC_SLOTS a non-zero value caps
 *			the per-instance count.
 * @stride:		%IMS_STORAGE_ARRAY: distance between slots in bytes.
 * @slot_offsets:	%IMS_STORAGE_TABLE: byte offset of each slot's
 *			entry from the storage base, in source order (slot
 *			N is source N); entries must not overlap.
 * @queue_offset:	%IMS_STORAGE_QUEUE: byte offset of the entry inside
 *			the queue memory.
 * @entry_size:		Bytes one entry occupies; every field lies inside.
 * @addr_lo:		Offset of the low address word (or of the 64-bit
 *			address with IMS_DESC_ADDR64) within the entry.
 * @addr_hi:		Offset of the high address word.  Unused with
 *			IMS_DESC_ADDR64 and IMS_DESC_ADDR32.
 * @addr_hi_width:	Number of address bits above bit 31 the storage
 *			holds (in bits 0.. of the high word, or bits 32..
 *			of the 64-bit field); 0 means all 32.  A message
 *			whose address does not fit is refused.  The high
 *			word may carry control bits above them.
 * @data:		Offset of the message data word within the entry.
 * @data_width:		Number of bits of the data word, from bit 0, that
 *			hold the message data; 0 means all 32.  A message
 *			whose data does not fit is refused.  The bits above
 *			are written 0, or kept with IMS_DESC_UPPER_RESERVED.
 * @ctrl:		Offset of the control word within the entry.  It may
 *			be @addr_hi when @addr_hi_width leaves room for the
 *			control bits, or @data when @data_width does.  Unused
 *			with IMS_DESC_PARENT_MASK.
 * @mask_bit:		Bit in the control word that masks (or, with
 *			IMS_DESC_MASK_ENABLES, enables) the slot.  Unused
 *			with IMS_DESC_PARENT_MASK.
 * @cookie_shift:	IMS_DESC_COOKIE: lowest bit of the cookie field in
 *			the control word.
 * @cookie_width:	IMS_DESC_COOKIE: width of the cookie field in bits.
 * @cookie_enable_bit:	IMS_DESC_COOKIE_ENABLE: bit that enables the cookie
 *			field.
 * @const_off:		IMS_DESC_CONST: offset of the constant word within
 *			the entry.
 * @const_val:		IMS_DESC_CONST: the value of the constant word.
 *
 * All words are 32 bits wide and naturally aligned; the 64-bit address
 * (IMS_DESC_ADDR64) is 64-bit aligned.  A descriptor is validated once
 * when a domain is created from it; one that passes can never make the
 * chip access storage outside the entry of the slot it operates on.
 */
struct ims_desc {
	const char		*name;
	enum ims_storage_kind	kind;
	u32			flags;
	u32			nr_slots;
	u32			stride;
	const u32		*slot_offsets;
	u32			queue_offset;
	u32			entry_size;
	u16			addr_lo;
	u16			addr_hi;
	u8			addr_hi_width;
	u16			data;
	u8			data_width;
	u16			ctrl;
	u8			mask_bit;
	u8			cookie_shift;
	u8			cookie_width;
	u8			cookie_enable_bit;
	u16			const_off;
	u32			const_val;
};

/**
 * struct ims_storage - Where one instance's storage is
 * @iobase:	%IMS_STORAGE_ARRAY and %IMS_STORAGE_TABLE storage in device
 *		MMIO.  Exactly one of @iobase and @mem is set for these
 *		kinds; neither for %IMS_STORAGE_QUEUE.
 * @mem:	%IMS_STORAGE_ARRAY and %IMS_STORAGE_TABLE storage in host
 *		memory that the device reads (e.g. DMA coherent memory).
 * @size:	Bytes of storage at @iobase or @mem (the MMIO resource or
 *		the memory's length): the last slot's entry must fit.
 * @doorbell:	IMS_DESC_DOORBELL: the register that commits an entry.
 * @nr_slots:	IMS_DESC_DYNAMIC_SLOTS: number of slots of this instance,
 *		e.g. read from a capability register.  0 means the
 *		descriptor's limit (or for a PCI function the MSI core's; a
 *		device that is not a PCI function needs one or the other,
 *		as its MSI parent reserves an interrupt for every slot).
 *
 * The storage must stay mapped until the domain is removed.  The domain
 * and each of its interrupts are device resources: map the storage with
 * devm_*() before creating the domain, and a queue's memory before
 * allocating its interrupt; at unbind the interrupts go first, then the
 * domain, then the storage.
 */
struct ims_storage {
	void __iomem	*iobase;
	void		*mem;
	size_t		size;
	void __iomem	*doorbell;
	unsigned int	nr_slots;
};

/**
 * struct ims_queue - The instance cookie contract of queue storage
 * @mem:	Queue or context memory in host memory; the entry is at
 *		@mem + &ims_desc.queue_offset.
 * @iomem:	Queue or context memory in device MMIO, instead of @mem.
 * @size:	Bytes of @mem or @iomem: the entry must fit.
 * @doorbell:	Value written to the instance's doorbell register to
 *		commit this queue's entry (IMS_DESC_DOORBELL).
 * @commit:	IMS_DESC_COMMAND: commits this queue's entry, which the chip
 *		has just written, to the device (e.g. by a firmware command).
 *		Called in process context; may sleep, for as long as the
 *		device takes.  It runs under the domain's commit lock only,
 *		which serialises the commits of one device's vectors, and at
 *		the end of request_irq() or free_irq() under that
 *		interrupt's request mutex as well; never under a lock of the
 *		MSI core, the irq domains or the framework, nor with
 *		interrupts disabled.  It may take the driver's own locks,
 *		except one the driver holds while it calls into the irq API
 *		for this device's IMS interrupts (request_irq(),
 *		disable_irq(), irq_set_affinity(), ...) or into ims_desc_*():
 *		those wait for the commit.  It must not call them itself.
 *		Returns 0, or a negative error code: at allocation the
 *		allocation fails with it; later the update stays pending, is
 *		logged, and is committed again with the vector's next update
 *		or by ims_desc_commit().
 *
 * A driver with %IMS_STORAGE_QUEUE storage embeds this in its queue
 * object and passes a pointer to it as &union msi_instance_cookie.ptr to
 * devm_ims_desc_alloc_irq().  It must stay valid until the interrupt is freed.
 */
struct ims_queue {
	void		*mem;
	void __iomem	*iomem;
	size_t		size;
	u32		doorbell;
	int		(*commit)(struct ims_queue *q);
};

/* Descriptors shipped in drivers/irqchip/ims/descriptors/ */
extern const struct ims_desc ims_desc_idxd;
extern const struct ims_desc ims_desc_ath11k;
extern const struct ims_desc ims_desc_mlx5;
extern const struct ims_desc ims_desc_arm_smmu_v3;
extern const struct ims_desc ims_desc_arm_smmu_v3_pmu;
extern const struct ims_desc ims_desc_bcm_flexrm;
extern const struct ims_desc ims_desc_mv_xor_v2;

int ims_desc_validate(const struct ims_desc *desc);
int devm_ims_desc_create_domain(struct device *dev, const struct ims_desc *desc,
				const struct ims_storage *storage);
void devm_ims_desc_remove_domain(struct device *dev);
int ims_desc_restore(struct device *dev);
int ims_desc_commit(struct device *dev);
int ims_desc_update_ctrl(struct device *dev, unsigned int virq, u32 mask, u32 val);
int devm_ims_desc_alloc_irq(struct device *dev,
			    const union msi_instance_cookie *icookie,
			    const struct irq_affinity_desc *affdesc);
int devm_ims_desc_alloc_irq_at(struct device *dev, unsigned int slot,
			       const union msi_instance_cookie *icookie,
			       const struct irq_affinity_desc *affdesc);
void devm_ims_desc_free_irq(struct device *dev, unsigned int virq);

const struct ims_desc *devm_ims_desc_from_fwnode(struct device *dev,
						 struct fwnode_handle *fwnode);
int devm_ims_desc_create_platform_domain(struct platform_device *pdev);

#endif /* _LINUX_IMS_DESC_H */
