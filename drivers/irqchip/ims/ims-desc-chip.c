// SPDX-License-Identifier: GPL-2.0-only
/*
 * The generic IMS irq chip: interprets a &struct ims_desc to reach the
 * message storage of a slot.  The interpretation happens once, when the
 * domain is created: the common layouts get callbacks specialised for
 * them (see ims_domain_init_chip()), which cost what a hand-written chip
 * costs; the others take the general path.
 *
 * Device access is the cost that matters, so the chip does the minimum a
 * hand-written chip does: mask and unmask are one write of the control
 * word (plus one read back when the descriptor asks for a flush), a
 * message update is one write per field.  The control word, which mixes
 * the mask bit with the cookie field (and with address or data bits when
 * it is the high address or the data word), is composed from a shadow
 * kept in the MSI descriptor, not read back to be modified; only a word
 * shared with the driver (IMS_DESC_CTRL_SHARED) is read, for the driver's
 * bits, and a message word with reserved bits (IMS_DESC_UPPER_RESERVED),
 * for those.
 *
 * Locking: the irq core calls irq_mask(), irq_unmask(), irq_shutdown() and
 * irq_write_msi_msg() with the irq descriptor lock held and interrupts
 * disabled; they never sleep.  For storage that may sleep
 * (IMS_DESC_SLEEPS) these callbacks only update the shadows, and the
 * pending changes are committed (written, then the doorbell rung or the
 * queue's commit command run) at the end of the bus-locked section, by the
 * domain's work item, or by the allocation and free themselves.  A commit
 * runs under the domain's commit_lock only, never under the bus lock or
 * any lock of the MSI core and the irq domains: the irq core takes the bus
 * lock under its global locks, and a commit command may sleep for as long
 * as the device takes.
 */
#include <linux/device.h>
#include <linux/io.h>
#include <linux/io-64-nonatomic-lo-hi.h>
#include <linux/irq.h>
#include <linux/msi.h>
#include <linux/pm_runtime.h>
#include <linux/swab.h>

#include "ims-desc-internal.h"
#include <trace/events/ims_desc.h>

/* The storage of one slot: exactly one of @io and @mem is set */
struct ims_slot {
	void __iomem	*io;
	void		*mem;
	u32		doorbell;
};

static bool ims_is_masked(const struct ims_domain *dom, u64 state)
{
	return (state & dom->mask_bits) == dom->masked_val;
}

/* Byte offset of a slot's entry in array or table storage */
static inline u32 ims_slot_offset(const struct ims_domain *dom, unsigned int idx)
{
	return dom->slot_offsets ? dom->slot_offsets[idx] : idx * dom->stride;
}

static struct ims_slot ims_slot_locate(const struct ims_domain *dom,
				       const struct msi_desc *desc)
{
	struct ims_slot slot = { .doorbell = desc->msi_index };
	const struct ims_queue *q;
	u32 off;

	if (dom->desc->kind == IMS_STORAGE_QUEUE) {
		q = desc->data.icookie.ptr;
		if (q->iomem)
			slot.io = q->iomem + dom->queue_offset;
		else
			slot.mem = q->mem + dom->queue_offset;
		slot.doorbell = q->doorbell;
		return slot;
	}

	off = ims_slot_offset(dom, desc->msi_index);
	if (dom->iobase)
		slot.io = dom->iobase + off;
	else
		slot.mem = dom->membase + off;
	return slot;
}

static void ims_write32(const struct ims_domain *dom, const struct ims_slot *slot,
			unsigned int off, u32 val)
{
	bool be = dom->desc->flags & IMS_DESC_BIG_ENDIAN;

	if (slot->io) {
		if (be)
			iowrite32be(val, slot->io + off);
		else
			writel(val, slot->io + off);
	} else if (be) {
		WRITE_ONCE(*(__be32 *)(slot->mem + off), cpu_to_be32(val));
	} else {
		WRITE_ONCE(*(__le32 *)(slot->mem + off), cpu_to_le32(val));
	}
}

static u32 ims_read32(const struct ims_domain *dom, const struct ims_slot *slot,
		      unsigned int off)
{
	bool be = dom->desc->flags & IMS_DESC_BIG_ENDIAN;

	if (slot->io)
		return be ? ioread32be(slot->io + off) : readl(slot->io + off);
	if (be)
		return be32_to_cpu(READ_ONCE(*(__be32 *)(slot->mem + off)));
	return le32_to_cpu(READ_ONCE(*(__le32 *)(slot->mem + off)));
}

static void ims_write64(const struct ims_domain *dom, const struct ims_slot *slot,
			unsigned int off, u64 val)
{
	bool be = dom->desc->flags & IMS_DESC_BIG_ENDIAN;

	if (slot->mem) {
		if (be)
			WRITE_ONCE(*(__be64 *)(slot->mem + off), cpu_to_be64(val));
		else
			WRITE_ONCE(*(__le64 *)(slot->mem + off), cpu_to_le64(val));
		return;
	}
	/*
	 * One 64-bit access where the device requires it (64-bit kernels
	 * only).  Not iowrite64be(): with GENERIC_IOMAP that is two 32-bit
	 * writes.  writeq() stores little endian, so the byte-swapped value
	 * lands big endian on any CPU.
	 */
	if (dom->desc->flags & IMS_DESC_WRITE64) {
		writeq(be ? swab64(val) : val, slot->io + off);
		return;
	}
	/* Two 32-bit writes, low address first, where the field holds them */
	ims_write32(dom, slot, off + (be ? 4 : 0), lower_32_bits(val));
	ims_write32(dom, slot, off + (be ? 0 : 4), upper_32_bits(val));
}

/*
 * Host memory storage is read by the device with DMA, and its stores may
 * reach a coherent device out of order (arm64, RISC-V): every control
 * word store, an unmask among them, waits until the message words stored
 * before it are visible (dma_wmb()).  writel() orders MMIO by itself.
 */
static void ims_write_ctrl(const struct ims_domain *dom, const struct ims_slot *slot,
			   u32 ctrl)
{
	/* The parent masks; the storage has no control word */
	if (dom->parent_mask)
		return;
	if (slot->mem)
		dma_wmb();
	/* Keep the bits of the word that are the driver's */
	if (dom->ctrl_rmw)
		ctrl = (ims_read32(dom, slot, dom->ctrl) & ~dom->ctrl_own) |
		       (ctrl & dom->ctrl_own);
	ims_write32(dom, slot, dom->ctrl, ctrl);
	if (dom->flush && slot->io)
		ioread32(slot->io + dom->ctrl);
}

/* The reserved bits of a message word that keep their value (IMS_DESC_UPPER_RESERVED) */
static inline u32 ims_kept(const struct ims_domain *dom, const struct ims_slot *slot,
			   unsigned int off, u32 keep)
{
	return keep ? ims_read32(dom, slot, off) & keep : 0;
}

/* Write a message; returns true if that wrote the control word too */
static bool ims_write_msg(const struct ims_domain *dom, const struct ims_slot *slot,
			  const struct msi_msg *msg, u32 ctrl)
{
	const struct ims_desc *d = dom->desc;
	bool mask_first = d->flags & IMS_DESC_MASK_ON_UPDATE && !ims_is_masked(dom, ctrl);

	if (mask_first) {
		ims_write_ctrl(dom, slot, (ctrl & ~dom->mask_bits) | dom->masked_val);
		/* The device sees the slot masked before the message changes */
		if (slot->mem)
			dma_wmb();
	}

	if (d->flags & IMS_DESC_ADDR64) {
		ims_write64(dom, slot, dom->addr_lo,
			    (u64)msg->address_hi << 32 | msg->address_lo);
	} else {
		ims_write32(dom, slot, dom->addr_lo, msg->address_lo);
		if (!dom->shared_hi && !(d->flags & IMS_DESC_ADDR32))
			ims_write32(dom, slot, dom->addr_hi, msg->address_hi |
				    ims_kept(dom, slot, dom->addr_hi, dom->hi_keep));
	}
	if (!dom->shared_data)
		ims_write32(dom, slot, dom->data,
			    msg->data | ims_kept(dom, slot, dom->data, dom->data_keep));

	/* A shared high or data word carries the new bits and the mask */
	if (!mask_first && !dom->shared_hi && !dom->shared_data)
		return false;
	ims_write_ctrl(dom, slot, ctrl);
	return true;
}

/*
 * A message whose address or data the storage cannot hold would be
 * truncated to one that routes elsewhere.  Such a message is refused when
 * the vector is allocated (devm_ims_desc_alloc_irq_at()); should the parent
 * hand one out later (a parent whose address follows the affinity), the
 * refusal is sticky: the slot is masked first, then gets the null
 * message, and stays masked whatever genirq asks until a message that
 * fits arrives (IMS_VEC_REFUSED).  The shadow keeps the mask state genirq
 * asked for, which that message then restores.
 */
static void __cold ims_msg_refuse(const struct ims_domain *dom, struct msi_msg *msg)
{
	dev_err_ratelimited(dom->dev, "IMS descriptor %s: the MSI parent's message %#x%08x/%#x does not fit the storage's %u address and %u data bits: the slot stays masked until one that fits\n",
			    dom->desc->name, msg->address_hi, msg->address_lo, msg->data,
			    32 + hweight32(dom->hi_mask), hweight32(dom->data_mask));
	memset(msg, 0, sizeof(*msg));
}

/* The control word the slot gets: the shadow's, masked while refused */
static inline u32 ims_out_ctrl(const struct ims_domain *dom, u64 state)
{
	u32 ctrl = state;

	if (unlikely(state & IMS_VEC_REFUSED))
		ctrl = (ctrl & ~dom->mask_bits) | dom->masked_val;
	return ctrl;
}

static inline bool ims_msg_fits(const struct ims_domain *dom, struct msi_msg *msg)
{
	if (likely(!(msg->address_hi & ~dom->hi_mask) && !(msg->data & ~dom->data_mask)))
		return true;
	ims_msg_refuse(dom, msg);
	return false;
}

static void ims_doorbell(const struct ims_domain *dom, const struct ims_slot *slot)
{
	if (!dom->doorbell)
		return;
	/* Entries in host memory must be visible before the device looks */
	wmb();
	writel(slot->doorbell, dom->doorbell);
	trace_ims_desc_commit(dom->dev, slot->doorbell, false, 0);
}

static u32 ims_compose_ctrl(const struct ims_domain *dom, u32 ctrl, bool masked,
			    const struct msi_msg *msg)
{
	ctrl &= ~dom->mask_bits;
	ctrl |= masked ? dom->masked_val : dom->mask_bits ^ dom->masked_val;
	/* A shared high or data word carries its bits; ims_msg_fits() checked them */
	if (msg && dom->shared_hi)
		ctrl = (ctrl & ~dom->hi_mask) | msg->address_hi;
	if (msg && dom->shared_data)
		ctrl = (ctrl & ~dom->data_mask) | msg->data;
	return ctrl;
}

/*
 * Storage that sleeps: the atomic callbacks record the new state in the
 * shadows and mark it pending.  A live vector's update (see
 * &ims_domain.live) is committed when its bus-locked section ends if it
 * comes from one (request_irq(), disable_irq(), ...); an update from
 * elsewhere, such as a message rewritten by an affinity change in atomic
 * context, is committed by the domain's work item.  Whether the vector is
 * in a bus-locked section is read under dom->lock, where the end of the
 * section clears it, so no update falls between the two.  The update of a
 * vector that is not live waits for its allocation to end, or is
 * overtaken by its free.
 */
static void ims_stash_done(struct ims_domain *dom, struct msi_desc *desc,
			   unsigned long flags)
	__releases(&dom->lock)
{
	bool defer = desc->data.dcookie.value & IMS_VEC_LIVE &&
		     READ_ONCE(dom->bus_desc) != desc;

	raw_spin_unlock_irqrestore(&dom->lock, flags);
	if (defer)
		queue_work(system_freezable_wq, &dom->commit_work);
}

static void ims_stash_mask(struct ims_domain *dom, struct msi_desc *desc, bool masked)
{
	unsigned long flags;
	u64 state;

	raw_spin_lock_irqsave(&dom->lock, flags);
	state = desc->data.dcookie.value;
	desc->data.dcookie.value = (state & ~IMS_VEC_CTRL) | IMS_VEC_PENDING_CTRL |
				   ims_compose_ctrl(dom, state, masked, NULL);
	trace_ims_desc_mask(dom->dev, desc, masked);
	ims_stash_done(dom, desc, flags);
}

static void ims_stash_msg(struct ims_domain *dom, struct msi_desc *desc,
			  const struct msi_msg *msg)
{
	unsigned long flags;
	u64 state;

	raw_spin_lock_irqsave(&dom->lock, flags);
	state = desc->data.dcookie.value | IMS_VEC_PENDING_MSG;
	desc->msg = *msg;
	if (unlikely(!ims_msg_fits(dom, &desc->msg))) {
		/* A message the storage cannot hold: the null one, masked */
		state |= IMS_VEC_REFUSED | IMS_VEC_PENDING_CTRL;
	} else if (unlikely(state & IMS_VEC_REFUSED)) {
		/* One that fits again: the mask state genirq asked for comes back */
		state = (state & ~IMS_VEC_REFUSED) | IMS_VEC_PENDING_CTRL;
	}
	/* A shared word carries the address or data bits */
	if (dom->shared_hi || dom->shared_data)
		state = (state & ~IMS_VEC_CTRL) |
			ims_compose_ctrl(dom, state, ims_is_masked(dom, state), &desc->msg);
	desc->data.dcookie.value = state;
	trace_ims_desc_write_msg(dom->dev, desc, &desc->msg);
	ims_stash_done(dom, desc, flags);
}

static void ims_sleep_mask(struct irq_data *data)
{
	ims_stash_mask(irq_data_get_irq_chip_data(data), irq_data_get_msi_desc(data), true);
}

static void ims_sleep_unmask(struct irq_data *data)
{
	ims_stash_mask(irq_data_get_irq_chip_data(data), irq_data_get_msi_desc(data), false);
}

static void ims_sleep_write_msi_msg(struct irq_data *data, struct msi_msg *msg)
{
	ims_stash_msg(irq_data_get_irq_chip_data(data), irq_data_get_msi_desc(data), msg);
}

/* Update the control word shadow of a vector and write it: the general path */
static void ims_set_masked(struct irq_data *data, bool masked)
{
	struct ims_domain *dom = irq_data_get_irq_chip_data(data);
	struct msi_desc *desc = irq_data_get_msi_desc(data);
	u64 state = desc->data.dcookie.value;
	struct ims_slot slot;
	u32 ctrl;

	ctrl = ims_compose_ctrl(dom, state, masked, NULL);
	state = (state & ~IMS_VEC_CTRL) | ctrl;
	desc->data.dcookie.value = state;
	slot = ims_slot_locate(dom, desc);
	ims_write_ctrl(dom, &slot, ims_out_ctrl(dom, state));
	ims_doorbell(dom, &slot);
	trace_ims_desc_mask(dom->dev, desc, masked);
}

static void ims_chip_mask(struct irq_data *data)
{
	ims_set_masked(data, true);
}

static void ims_chip_unmask(struct irq_data *data)
{
	ims_set_masked(data, false);
}

static void ims_chip_shutdown(struct irq_data *data)
{
	ims_set_masked(data, true);
}

static void ims_chip_write_msi_msg(struct irq_data *data, struct msi_msg *msg)
{
	struct ims_domain *dom = irq_data_get_irq_chip_data(data);
	struct msi_desc *desc = irq_data_get_msi_desc(data);
	u64 state = desc->data.dcookie.value;
	u32 was = ims_out_ctrl(dom, state), out;
	struct ims_slot slot;
	struct msi_msg m;
	bool refused;

	m = *msg;
	refused = !ims_msg_fits(dom, &m);
	state = (state & ~(IMS_VEC_CTRL | IMS_VEC_REFUSED)) |
		ims_compose_ctrl(dom, state, ims_is_masked(dom, state), &m) |
		(refused ? IMS_VEC_REFUSED : 0);
	desc->data.dcookie.value = state;
	out = ims_out_ctrl(dom, state);
	/* What the slot holds, for ims_desc_restore() */
	desc->msg = m;
	trace_ims_desc_write_msg(dom->dev, desc, &m);
	slot = ims_slot_locate(dom, desc);
	/* Refused: the slot is masked before the null message goes in */
	if (refused && !ims_is_masked(dom, was))
		ims_write_ctrl(dom, &slot, (was & ~dom->mask_bits) | dom->masked_val);
	/* A slot unmasked again gets its control word after the message */
	if (!ims_write_msg(dom, &slot, &m, out) && out != was)
		ims_write_ctrl(dom, &slot, out);
	ims_doorbell(dom, &slot);
}

/*
 * Fast paths, chosen by ims_domain_init_chip() for the layouts most devices
 * have: array or table storage that does not sleep, is little endian and
 * has no doorbell.  They do what a hand-written chip for the layout does:
 * one load of the vector's state gives the control word shadow and where
 * the control word is (IMS_VEC_CTRL_OFF), the rest comes from the domain's
 * first cache line; there are no storage kind, endianness or sleeping
 * checks.  The message fast paths further need no mask-on-update.
 *
 * The mask callbacks set or clear the mask bit: masking sets it, or clears
 * it for an enable bit (IMS_DESC_MASK_ENABLES), like irq_gc_mask_set_bit()
 * and irq_gc_mask_clr_bit() of the generic irq chip.  The bit is below
 * bit 32, so the control word's offset above it is kept as it is.
 */
static __always_inline void ims_fast_w32(const struct ims_domain *dom, u32 off, u32 val,
					 bool mmio)
{
	if (mmio)
		writel(val, dom->iobase + off);
	else
		WRITE_ONCE(*(__le32 *)(dom->membase + off), cpu_to_le32(val));
}

static __always_inline void ims_fast_mask_bit(struct irq_data *data, bool set, bool mmio)
{
	struct ims_domain *dom = irq_data_get_irq_chip_data(data);
	struct msi_desc *desc = irq_data_get_msi_desc(data);
	u64 state = desc->data.dcookie.value;
	u32 off;

	/* A refused message keeps the slot masked: the general path knows */
	if (unlikely(state & IMS_VEC_REFUSED)) {
		ims_set_masked(data, set == (dom->masked_val != 0));
		return;
	}
	if (set)
		state |= dom->mask_bits;
	else
		state &= ~(u64)dom->mask_bits;
	desc->data.dcookie.value = state;
	off = state >> 32;
	/* A message stored before is visible before an unmask (see ims_write_ctrl()) */
	if (!mmio)
		dma_wmb();
	ims_fast_w32(dom, off, state, mmio);
	if (mmio && dom->flush)
		readl(dom->iobase + off);
	trace_ims_desc_mask(dom->dev, desc, ims_is_masked(dom, state));
}

/* The shapes of a message in storage that the fast message paths know */
enum ims_msg_shape {
	IMS_MSG_SPLIT,		/* low and high address word, data */
	IMS_MSG_NARROW,		/* the same, with a high word of fewer bits */
	IMS_MSG_SHARED_HI,	/* the high word is the control word */
	IMS_MSG_ADDR64,		/* one 64-bit address field */
	IMS_MSG_ADDR32,		/* the low address word only */
	IMS_MSG_NR_SHAPES,
};

static __always_inline void ims_fast_write_msg(struct irq_data *data, struct msi_msg *msg,
					       bool mmio, enum ims_msg_shape shape)
{
	struct ims_domain *dom = irq_data_get_irq_chip_data(data);
	struct msi_desc *desc = irq_data_get_msi_desc(data);
	u64 state = desc->data.dcookie.value;
	u32 entry = (state >> 32) - dom->ctrl;
	u64 addr = (u64)msg->address_hi << 32 | msg->address_lo;
	u32 ctrl;

	/*
	 * An address the storage cannot hold: the general path refuses it,
	 * and takes back a refusal when a message fits again
	 */
	if ((shape != IMS_MSG_SPLIT && unlikely(msg->address_hi & ~dom->hi_mask)) ||
	    unlikely(state & IMS_VEC_REFUSED)) {
		ims_chip_write_msi_msg(data, msg);
		return;
	}
	/* What the slot holds, for ims_desc_restore(): one 12-byte store */
	desc->msg = *msg;
	trace_ims_desc_write_msg(dom->dev, desc, msg);

	if (shape == IMS_MSG_ADDR64 && !mmio) {
		WRITE_ONCE(*(__le64 *)(dom->membase + entry + dom->addr_lo), cpu_to_le64(addr));
	} else if (shape == IMS_MSG_ADDR64 && dom->write64) {
		writeq(addr, dom->iobase + entry + dom->addr_lo);
	} else {
		ims_fast_w32(dom, entry + dom->addr_lo, msg->address_lo, mmio);
		/* The high word: of the split layouts, or of the 64-bit field */
		if (shape == IMS_MSG_SPLIT || shape == IMS_MSG_NARROW)
			ims_fast_w32(dom, entry + dom->addr_hi, msg->address_hi, mmio);
		else if (shape == IMS_MSG_ADDR64)
			ims_fast_w32(dom, entry + dom->addr_lo + 4, msg->address_hi, mmio);
	}
	ims_fast_w32(dom, entry + dom->data, msg->data, mmio);
	if (shape != IMS_MSG_SHARED_HI)
		return;

	/* The shared high word carries the address bits and the mask, last */
	ctrl = ((u32)state & ~dom->hi_mask) | msg->address_hi;
	desc->data.dcookie.value = (state & ~IMS_VEC_CTRL) | ctrl;
	if (!mmio)
		dma_wmb();
	ims_fast_w32(dom, entry + dom->ctrl, ctrl, mmio);
	if (mmio && dom->flush)
		readl(dom->iobase + entry + dom->ctrl);
}

static void ims_mem_set_bit(struct irq_data *data)
{
	ims_fast_mask_bit(data, true, false);
}

static void ims_mem_clr_bit(struct irq_data *data)
{
	ims_fast_mask_bit(data, false, false);
}

static void ims_io_set_bit(struct irq_data *data)
{
	ims_fast_mask_bit(data, true, true);
}

static void ims_io_clr_bit(struct irq_data *data)
{
	ims_fast_mask_bit(data, false, true);
}

/* One message callback per storage (MMIO or memory) and shape */
#define IMS_FAST_MSG(name, mmio, shape)					\
static void name(struct irq_data *data, struct msi_msg *msg)		\
{									\
	ims_fast_write_msg(data, msg, mmio, shape);			\
}

IMS_FAST_MSG(ims_mem_msg_split, false, IMS_MSG_SPLIT)
IMS_FAST_MSG(ims_mem_msg_narrow, false, IMS_MSG_NARROW)
IMS_FAST_MSG(ims_mem_msg_shared_hi, false, IMS_MSG_SHARED_HI)
IMS_FAST_MSG(ims_mem_msg_addr64, false, IMS_MSG_ADDR64)
IMS_FAST_MSG(ims_mem_msg_addr32, false, IMS_MSG_ADDR32)
IMS_FAST_MSG(ims_io_msg_split, true, IMS_MSG_SPLIT)
IMS_FAST_MSG(ims_io_msg_narrow, true, IMS_MSG_NARROW)
IMS_FAST_MSG(ims_io_msg_shared_hi, true, IMS_MSG_SHARED_HI)
IMS_FAST_MSG(ims_io_msg_addr64, true, IMS_MSG_ADDR64)
IMS_FAST_MSG(ims_io_msg_addr32, true, IMS_MSG_ADDR32)

static void (*const ims_fast_msgs[2][IMS_MSG_NR_SHAPES])(struct irq_data *data,
							 struct msi_msg *msg) = {
	{ ims_mem_msg_split, ims_mem_msg_narrow, ims_mem_msg_shared_hi,
	  ims_mem_msg_addr64, ims_mem_msg_addr32 },
	{ ims_io_msg_split, ims_io_msg_narrow, ims_io_msg_shared_hi,
	  ims_io_msg_addr64, ims_io_msg_addr32 },
};

static void ims_chip_bus_lock(struct irq_data *data)
{
	struct ims_domain *dom = irq_data_get_irq_chip_data(data);

	mutex_lock(&dom->bus_lock);
	/*
	 * The core also takes the bus lock while it sets up an interrupt,
	 * before the MSI descriptor is attached: then no vector is in the
	 * section.
	 */
	WRITE_ONCE(dom->bus_desc, irq_data_get_msi_desc(data));
}

/* Take a vector's pending updates and its last message; dom->lock held */
static u64 ims_take_pending(struct msi_desc *desc, struct msi_msg *msg)
{
	u64 state = desc->data.dcookie.value;

	*msg = desc->msg;
	desc->data.dcookie.value = state & ~(IMS_VEC_PENDING_CTRL | IMS_VEC_PENDING_MSG);
	return state;
}

/*
 * Make a written entry of storage that sleeps the device's: ring the
 * doorbell, or run the queue's commit command.  Called with commit_lock
 * held, and no other lock of the framework's.
 */
static int ims_commit_entry(struct ims_domain *dom, struct msi_desc *desc,
			    const struct ims_slot *slot)
{
	struct ims_queue *q = desc->data.icookie.ptr;
	int ret;

	lockdep_assert_held(&dom->commit_lock);

	if (!dom->command) {
		ims_doorbell(dom, slot);
		return 0;
	}
	ret = q->commit(q);
	trace_ims_desc_commit(dom->dev, q->doorbell, true, ret);
	if (ret)
		dev_err_ratelimited(dom->dev, "IMS descriptor %s: committing the entry of vector %u failed: %pe\n",
				    dom->desc->name, desc->msi_index, ERR_PTR(ret));
	return ret;
}

/*
 * Write what ims_take_pending() took and commit it; commit_lock held.  An
 * update the device did not take stays pending for the next commit.
 */
static int ims_write_pending(struct ims_domain *dom, struct msi_desc *desc, u64 state,
			     const struct msi_msg *msg)
{
	u64 pending = state & (IMS_VEC_PENDING_CTRL | IMS_VEC_PENDING_MSG);
	bool ctrl_written = false;
	struct ims_slot slot;
	unsigned long flags;
	u32 ctrl;
	int ret;

	if (!pending)
		return 0;

	slot = ims_slot_locate(dom, desc);
	ctrl = ims_out_ctrl(dom, state);
	/* Refused: masked before the null message goes in */
	if (state & IMS_VEC_REFUSED && state & IMS_VEC_PENDING_MSG) {
		ims_write_ctrl(dom, &slot, ctrl);
		ctrl_written = true;
	}
	if (state & IMS_VEC_PENDING_MSG)
		ctrl_written |= ims_write_msg(dom, &slot, msg, ctrl);
	if (state & IMS_VEC_PENDING_CTRL && !ctrl_written)
		ims_write_ctrl(dom, &slot, ctrl);
	ret = ims_commit_entry(dom, desc, &slot);
	if (!ret)
		return 0;

	raw_spin_lock_irqsave(&dom->lock, flags);
	desc->data.dcookie.value |= pending;
	raw_spin_unlock_irqrestore(&dom->lock, flags);
	return ret;
}

/*
 * The fast commit of queue entries in host memory, little endian, that
 * are not masked while their message changes: what a hand-written chip
 * for such a queue writes, with no storage kind or endianness checks.
 */
static int ims_queue_write_pending(struct ims_domain *dom, struct msi_desc *desc,
				   u64 state, const struct msi_msg *msg)
{
	const struct ims_queue *q = desc->data.icookie.ptr;
	void *e = q->mem + dom->queue_offset;

	if (!(state & (IMS_VEC_PENDING_CTRL | IMS_VEC_PENDING_MSG)))
		return 0;
	/* A queue in device MMIO, or a refused message, takes the general path */
	if (q->iomem || state & IMS_VEC_REFUSED)
		return ims_write_pending(dom, desc, state, msg);

	if (state & IMS_VEC_PENDING_MSG) {
		if (dom->addr64) {
			WRITE_ONCE(*(__le64 *)(e + dom->addr_lo),
				   cpu_to_le64((u64)msg->address_hi << 32 | msg->address_lo));
		} else {
			WRITE_ONCE(*(__le32 *)(e + dom->addr_lo), cpu_to_le32(msg->address_lo));
			if (!dom->shared_hi && dom->hi_mask)
				WRITE_ONCE(*(__le32 *)(e + dom->addr_hi),
					   cpu_to_le32(msg->address_hi));
		}
		WRITE_ONCE(*(__le32 *)(e + dom->data), cpu_to_le32(msg->data));
	}
	if (state & IMS_VEC_PENDING_CTRL || dom->shared_hi) {
		/* The message before the control word (see ims_write_ctrl()) */
		dma_wmb();
		WRITE_ONCE(*(__le32 *)(e + dom->ctrl), cpu_to_le32(state));
	}
	if (dom->doorbell) {
		/* The entry must be visible before the device looks */
		wmb();
		writel(q->doorbell, dom->doorbell);
		trace_ims_desc_commit(dom->dev, q->doorbell, false, 0);
	}
	return 0;
}

/* Commit a live vector's pending updates; commit_lock held */
static int ims_commit_vec(struct ims_domain *dom, struct msi_desc *desc)
{
	unsigned long flags;
	struct msi_msg msg;
	u64 state;

	lockdep_assert_held(&dom->commit_lock);
	raw_spin_lock_irqsave(&dom->lock, flags);
	state = ims_take_pending(desc, &msg);
	raw_spin_unlock_irqrestore(&dom->lock, flags);
	if (dom->queue_commit)
		return ims_queue_write_pending(dom, desc, state, &msg);
	return ims_write_pending(dom, desc, state, &msg);
}

/*
 * The end of a bus-locked section: the section's updates are committed
 * after the bus lock is dropped, so that the irq core's sections (which
 * it opens under its global locks while it allocates and frees) never
 * wait for a commit command.  What the section changed is pending until
 * then, and commit_lock orders this commit with the others of the vector:
 * whichever runs first takes the newest state, so none writes an older
 * one over it.  The caller of the section (request_irq(), disable_irq(),
 * ...) returns only once the storage holds its update.
 */
static void ims_chip_bus_sync_unlock(struct irq_data *data)
{
	struct ims_domain *dom = irq_data_get_irq_chip_data(data);
	struct msi_desc *desc = irq_data_get_msi_desc(data);
	unsigned long flags;
	bool live = false;

	/*
	 * The section ends even if the vector's descriptor went away in it:
	 * a stale pointer would match a new descriptor at the same address
	 * and keep its updates from being committed.
	 */
	raw_spin_lock_irqsave(&dom->lock, flags);
	WRITE_ONCE(dom->bus_desc, NULL);
	if (desc)
		live = desc->data.dcookie.value & IMS_VEC_LIVE;
	raw_spin_unlock_irqrestore(&dom->lock, flags);
	mutex_unlock(&dom->bus_lock);
	if (!live)
		return;

	mutex_lock(&dom->commit_lock);
	/* Its free may have begun meanwhile, and committed it masked */
	if (desc->data.dcookie.value & IMS_VEC_LIVE)
		ims_commit_vec(dom, desc);
	mutex_unlock(&dom->commit_lock);
}

/**
 * ims_domain_commit_all - Commit the pending updates of every live vector
 * @dom:	The domain's run-time state; its storage sleeps
 *
 * Only the vectors that changed are written and committed.
 *
 * Context: Process context, may sleep.  Takes commit_lock: must not be
 * called with a lock of the MSI core or the irq domains held.
 * Return: 0, or the first error of a commit command (the vectors whose
 * command failed keep their updates pending).
 */
int ims_domain_commit_all(struct ims_domain *dom)
{
	struct msi_desc *desc;
	unsigned long idx;
	int err = 0, ret;

	mutex_lock(&dom->commit_lock);
	xa_for_each(&dom->live, idx, desc) {
		if (!(READ_ONCE(desc->data.dcookie.value) &
		      (IMS_VEC_PENDING_CTRL | IMS_VEC_PENDING_MSG)))
			continue;
		ret = ims_commit_vec(dom, desc);
		err = err ?: ret;
	}
	mutex_unlock(&dom->commit_lock);
	return err;
}

/**
 * ims_domain_commit_work - Commit updates made outside bus-locked sections
 * @work:	The domain's &ims_domain.commit_work
 *
 * Runs on system_freezable_wq: while the system suspends, the work waits
 * with the tasks, and commits once they thaw.  While the device is
 * runtime suspended (or suspending, or resuming) nothing is committed:
 * its registers or firmware may be powered down.  The updates stay
 * pending, and the driver's resume writes them with ims_desc_restore()
 * (or commits them with ims_desc_commit()).  An active device is kept
 * from suspending until the commits are done.
 *
 * Context: Process context (workqueue).  Takes commit_lock, the only lock
 * its commits run under.
 */
void ims_domain_commit_work(struct work_struct *work)
{
	struct ims_domain *dom = container_of(work, struct ims_domain, commit_work);
	int active;

	/* -EINVAL: runtime PM is not enabled, and the device is powered */
	active = pm_runtime_get_if_active(dom->dev);
	if (!active)
		return;
	ims_domain_commit_all(dom);
	if (active > 0)
		pm_runtime_put(dom->dev);
}

/*
 * A vector of sleeping storage is live while it is in dom->live: its
 * updates are committed.  The flag is set and cleared under dom->lock,
 * where ims_stash_done() reads it, and under commit_lock, with the
 * vector's entry in dom->live.
 */
static void ims_vec_set_live(struct ims_domain *dom, struct msi_desc *desc, bool live)
{
	unsigned long flags;

	lockdep_assert_held(&dom->commit_lock);
	raw_spin_lock_irqsave(&dom->lock, flags);
	if (live)
		desc->data.dcookie.value |= IMS_VEC_LIVE;
	else
		desc->data.dcookie.value &= ~IMS_VEC_LIVE;
	raw_spin_unlock_irqrestore(&dom->lock, flags);
}

/**
 * ims_domain_vec_go_live - Commit a new vector of sleeping storage
 * @dom:	The domain's run-time state; its storage sleeps
 * @desc:	The vector's MSI descriptor, allocated by the MSI core
 *
 * The end of an allocation: from here on the vector's updates are
 * committed.  The first commit makes the device take the entry
 * ims_domain_init_slot() wrote and the message the MSI core gave it.
 *
 * Context: Process context, may sleep.  Called after the MSI core's
 * allocation returned, with no lock of the MSI core, the irq domains or
 * the framework held: the commit command runs here.
 * Return: 0; -ENOMEM; or the error of the commit command, in which case
 * the vector is not live and the caller frees it.
 */
int ims_domain_vec_go_live(struct ims_domain *dom, struct msi_desc *desc)
{
	int ret;

	mutex_lock(&dom->commit_lock);
	ret = xa_insert(&dom->live, desc->msi_index, desc, GFP_KERNEL);
	if (!ret) {
		ims_vec_set_live(dom, desc, true);
		ret = ims_commit_vec(dom, desc);
		if (ret) {
			ims_vec_set_live(dom, desc, false);
			xa_erase(&dom->live, desc->msi_index);
		}
	}
	mutex_unlock(&dom->commit_lock);
	return ret;
}

/**
 * ims_domain_vec_retire - Mask a vector of sleeping storage before its free
 * @dom:	The domain's run-time state; its storage sleeps
 * @desc:	The vector's MSI descriptor
 *
 * The start of a free: the slot is committed masked (storage without a
 * mask bit: with the null message), and the vector stops being live, so
 * nothing is committed while the MSI core frees it under its locks.  A
 * failed commit command is logged: there is no later commit of a freed
 * slot.  Nothing happens to a vector that is not live.
 *
 * Context: Process context, may sleep.  Called before the MSI core frees
 * the vector, with no lock of the MSI core, the irq domains or the
 * framework held.
 */
void ims_domain_vec_retire(struct ims_domain *dom, struct msi_desc *desc)
{
	static const struct msi_msg null_msg;
	unsigned long flags;
	u64 state;

	mutex_lock(&dom->commit_lock);
	if (desc->data.dcookie.value & IMS_VEC_LIVE) {
		raw_spin_lock_irqsave(&dom->lock, flags);
		state = desc->data.dcookie.value & ~(IMS_VEC_LIVE | dom->cookie_bits);
		state = (state & ~IMS_VEC_CTRL) | IMS_VEC_PENDING_CTRL |
			ims_compose_ctrl(dom, state, true, NULL);
		if (dom->parent_mask) {
			desc->msg = null_msg;
			state |= IMS_VEC_PENDING_MSG;
		}
		desc->data.dcookie.value = state;
		raw_spin_unlock_irqrestore(&dom->lock, flags);
		xa_erase(&dom->live, desc->msi_index);
		ims_commit_vec(dom, desc);
	}
	mutex_unlock(&dom->commit_lock);
}

/*
 * Copy what the callbacks read on every call out of the descriptor into
 * the domain's first cache line, in the form they use it.
 */
static void ims_domain_init_layout(struct ims_domain *dom, const struct ims_desc *d)
{
	if (d->kind == IMS_STORAGE_TABLE)
		dom->slot_offsets = d->slot_offsets;
	dom->stride = d->stride;
	dom->queue_offset = d->queue_offset;
	dom->addr_lo = d->addr_lo;
	dom->addr_hi = d->addr_hi;
	dom->data = d->data;
	dom->ctrl = d->ctrl;
	dom->flush = d->flags & IMS_DESC_FLUSH;
	dom->parent_mask = d->flags & IMS_DESC_PARENT_MASK;
	dom->write64 = d->flags & IMS_DESC_WRITE64;
	dom->addr64 = d->flags & IMS_DESC_ADDR64;
	dom->command = d->flags & IMS_DESC_COMMAND;
	dom->shared_hi = ims_desc_shares_hi(d);
	dom->shared_data = ims_desc_shares_data(d);
	dom->hi_mask = ims_desc_hi_mask(d);
	dom->data_mask = ims_desc_data_mask(d);
	if (d->flags & IMS_DESC_UPPER_RESERVED) {
		dom->data_keep = ims_desc_data_reserved(d);
		dom->hi_keep = ims_desc_hi_reserved(d);
	}
	dom->mask_bits = dom->parent_mask ? 0 : BIT(d->mask_bit);
	dom->masked_val = d->flags & IMS_DESC_MASK_ENABLES ? 0 : dom->mask_bits;

	/* The control word's bits that are the chip's, for IMS_DESC_CTRL_SHARED */
	dom->ctrl_rmw = d->flags & IMS_DESC_CTRL_SHARED;
	dom->ctrl_own = dom->mask_bits;
	dom->cookie_bits = 0;
	if (d->flags & IMS_DESC_COOKIE)
		dom->cookie_bits |= GENMASK(d->cookie_shift + d->cookie_width - 1,
					    d->cookie_shift);
	if (d->flags & IMS_DESC_COOKIE_ENABLE)
		dom->cookie_bits |= BIT(d->cookie_enable_bit);
	dom->ctrl_own |= dom->cookie_bits;
	if (dom->shared_hi)
		dom->ctrl_own |= dom->hi_mask;
	if (dom->shared_data)
		dom->ctrl_own |= dom->data_mask;
}

static void ims_init_callbacks(struct ims_domain *dom, struct msi_domain_template *tmpl)
{
	void (*set_bit)(struct irq_data *data), (*clr_bit)(struct irq_data *data);
	const struct ims_desc *d = dom->desc;
	struct irq_chip *chip = &tmpl->chip;
	bool mmio = dom->iobase, enables;
	enum ims_msg_shape shape;

	ims_domain_init_layout(dom, d);

	chip->name = d->name;
	chip->irq_mask = ims_chip_mask;
	chip->irq_unmask = ims_chip_unmask;
	chip->irq_shutdown = ims_chip_shutdown;
	chip->irq_write_msi_msg = ims_chip_write_msi_msg;
	/* Message signalled: an edge, so a oneshot thread needs no mask */
	chip->flags = IRQCHIP_SKIP_SET_WAKE | IRQCHIP_ONESHOT_SAFE;

	if (dom->parent_mask) {
		chip->irq_mask = irq_chip_mask_parent;
		chip->irq_unmask = irq_chip_unmask_parent;
		chip->irq_shutdown = irq_chip_mask_parent;
	}
	if (d->flags & IMS_DESC_SLEEPS) {
		/* The atomic callbacks only stash; irq_bus_sync_unlock() writes */
		if (!dom->parent_mask) {
			chip->irq_mask = ims_sleep_mask;
			chip->irq_unmask = ims_sleep_unmask;
			chip->irq_shutdown = ims_sleep_mask;
		}
		chip->irq_write_msi_msg = ims_sleep_write_msi_msg;
		chip->irq_bus_lock = ims_chip_bus_lock;
		chip->irq_bus_sync_unlock = ims_chip_bus_sync_unlock;
		dom->queue_commit = d->kind == IMS_STORAGE_QUEUE && !dom->command &&
				    !dom->ctrl_rmw && !dom->shared_data && !dom->data_keep &&
				    !dom->hi_keep &&
				    !(d->flags & (IMS_DESC_BIG_ENDIAN | IMS_DESC_MASK_ON_UPDATE));
		return;
	}
	if (d->kind == IMS_STORAGE_QUEUE || d->flags & IMS_DESC_BIG_ENDIAN || dom->doorbell ||
	    dom->ctrl_rmw || dom->shared_data || dom->data_mask != U32_MAX || dom->hi_keep)
		return;

	if (dom->parent_mask)
		goto msg;
	set_bit = mmio ? ims_io_set_bit : ims_mem_set_bit;
	clr_bit = mmio ? ims_io_clr_bit : ims_mem_clr_bit;
	enables = d->flags & IMS_DESC_MASK_ENABLES;
	chip->irq_mask = enables ? clr_bit : set_bit;
	chip->irq_unmask = enables ? set_bit : clr_bit;
	chip->irq_shutdown = chip->irq_mask;
msg:
	if (d->flags & IMS_DESC_MASK_ON_UPDATE)
		return;
	if (d->flags & IMS_DESC_ADDR64)
		shape = IMS_MSG_ADDR64;
	else if (d->flags & IMS_DESC_ADDR32)
		shape = IMS_MSG_ADDR32;
	else if (dom->shared_hi)
		shape = IMS_MSG_SHARED_HI;
	else if (dom->hi_mask != U32_MAX)
		shape = IMS_MSG_NARROW;
	else
		shape = IMS_MSG_SPLIT;
	chip->irq_write_msi_msg = ims_fast_msgs[mmio][shape];
}

/*
 * A parent that asks its children to mask there too (the GICv3 ITS: an
 * LPI is delivered only while the ITS has it unmasked, and it starts
 * masked) gets both: the storage's mask bit, and the parent's.  Unmask
 * the parent first, so that nothing the storage sends is held back.
 */
static void ims_both_mask(struct irq_data *data)
{
	struct ims_domain *dom = irq_data_get_irq_chip_data(data);

	dom->storage_mask(data);
	irq_chip_mask_parent(data);
}

static void ims_both_unmask(struct irq_data *data)
{
	struct ims_domain *dom = irq_data_get_irq_chip_data(data);

	irq_chip_unmask_parent(data);
	dom->storage_unmask(data);
}

static void ims_both_shutdown(struct irq_data *data)
{
	struct ims_domain *dom = irq_data_get_irq_chip_data(data);

	dom->storage_shutdown(data);
	irq_chip_mask_parent(data);
}

/**
 * ims_domain_init_chip - Fill in the layout and the chip callbacks of a domain
 * @dom:	The domain's run-time state: its descriptor, device and storage
 *		are set, the layout fields are filled in here
 * @tmpl:	The domain template that is handed to the MSI core
 *
 * The callbacks are specialised here, once, rather than the descriptor
 * being interpreted on every call: storage that does not sleep and is
 * little endian and has no doorbell gets the fast mask and unmask paths
 * for its MMIO or host memory storage, and the fast message path for the
 * shape of its message unless it must be masked while the message
 * changes or a message word has bits that are not the message's (a data
 * width below 32, reserved bits).  Everything else takes the general
 * path.  Storage without a
 * mask bit is masked at the parent; storage with one is masked at the
 * parent as well where the parent asks for it.  Storage that may sleep
 * gets the bus lock pair, with a fast commit for little endian queue
 * entries that are not masked while their message changes and whose words
 * are all the chip's; the atomic kinds do not pay for it.
 *
 * Context: Process context.
 */
void ims_domain_init_chip(struct ims_domain *dom, struct msi_domain_template *tmpl)
{
	struct irq_chip *chip = &tmpl->chip;

	ims_init_callbacks(dom, tmpl);
	if (dom->parent_mask || !dom->also_parent)
		return;
	dom->storage_mask = chip->irq_mask;
	dom->storage_unmask = chip->irq_unmask;
	dom->storage_shutdown = chip->irq_shutdown;
	chip->irq_mask = ims_both_mask;
	chip->irq_unmask = ims_both_unmask;
	chip->irq_shutdown = ims_both_shutdown;
}

/* Write what a slot holds before its first message: nothing routes yet */
static void ims_write_initial(struct ims_domain *dom, const struct ims_slot *slot, u32 ctrl)
{
	static const struct msi_msg null_msg;
	const struct ims_desc *d = dom->desc;

	if (d->flags & IMS_DESC_CONST)
		ims_write32(dom, slot, d->const_off, d->const_val);
	/* Without a mask bit, a null message is what keeps the slot quiet */
	if (dom->parent_mask)
		ims_write_msg(dom, slot, &null_msg, ctrl);
	ims_write_ctrl(dom, slot, ctrl);
}

/**
 * ims_domain_init_slot - Program a new vector's slot: masked, with its cookie
 * @dom:	The domain's run-time state
 * @desc:	The vector's MSI descriptor
 *
 * The control word is written masked, with the vector's cookie; storage
 * without a mask bit gets a null message instead.  A constant word is
 * written here.  Storage that sleeps is written, not committed: the
 * allocation commits it when the MSI core is done
 * (ims_domain_vec_go_live()).
 *
 * Context: Process context.  Called by the MSI core with the device's MSI
 * descriptor mutex held, and on x86 the irq domains' root mutex.
 */
void ims_domain_init_slot(struct ims_domain *dom, struct msi_desc *desc)
{
	const struct ims_desc *d = dom->desc;
	u64 cookie = desc->data.icookie.value;
	struct ims_slot slot;
	u32 ctrl = 0;

	if (d->flags & IMS_DESC_COOKIE && cookie) {
		ctrl |= (u32)cookie << d->cookie_shift;
		if (d->flags & IMS_DESC_COOKIE_ENABLE)
			ctrl |= BIT(d->cookie_enable_bit);
	}
	ctrl = ims_compose_ctrl(dom, ctrl, true, NULL);
	desc->data.dcookie.value = ctrl;
	/* The fast paths find the entry from the control word's offset */
	if (d->kind != IMS_STORAGE_QUEUE && !(d->flags & IMS_DESC_SLEEPS))
		desc->data.dcookie.value |= (u64)(ims_slot_offset(dom, desc->msi_index) +
						  dom->ctrl) << 32;

	slot = ims_slot_locate(dom, desc);
	ims_write_initial(dom, &slot, ctrl);
	if (!(d->flags & IMS_DESC_SLEEPS))
		ims_doorbell(dom, &slot);
	else
		desc->data.dcookie.value |= IMS_VEC_PENDING_CTRL;
}

/**
 * ims_domain_fini_slot - Leave a freed vector's slot masked
 * @dom:	The domain's run-time state
 * @desc:	The vector's MSI descriptor
 *
 * Storage without a mask bit already holds the null message the MSI core
 * wrote when it deactivated the vector.  Storage that sleeps was committed
 * masked before the MSI core began to free the vector
 * (ims_domain_vec_retire()): only the shadow changes here.
 *
 * Context: Process context.  Called by the MSI core with the device's MSI
 * descriptor mutex and the irq domains' root mutex held.
 */
void ims_domain_fini_slot(struct ims_domain *dom, struct msi_desc *desc)
{
	const struct ims_desc *d = dom->desc;
	u64 state = desc->data.dcookie.value;
	/* Masked, and no PASID or other cookie left for the next vector to inherit */
	u32 ctrl = ims_compose_ctrl(dom, state & ~(u64)dom->cookie_bits, true, NULL);
	struct ims_slot slot = ims_slot_locate(dom, desc);

	/*
	 * Nothing is pending any more.  Where the fast paths find the control
	 * word by its offset, the offset stays: a late mask still writes this
	 * vector's own slot, never slot 0.
	 */
	if (d->kind != IMS_STORAGE_QUEUE && !(d->flags & IMS_DESC_SLEEPS))
		desc->data.dcookie.value = (state & IMS_VEC_CTRL_OFF) | ctrl;
	else
		desc->data.dcookie.value = ctrl;
	if (dom->parent_mask || d->flags & IMS_DESC_SLEEPS)
		return;
	ims_write_ctrl(dom, &slot, ctrl);
	ims_doorbell(dom, &slot);
}

/**
 * ims_domain_restore_slot - Write a vector's slot again from its shadows
 * @dom:	The domain's run-time state
 * @desc:	The vector's MSI descriptor
 *
 * For a device that lost its storage (a reset, a power state that loses
 * it): the constant word, then the control word masked, the message the
 * slot holds (the null message of a vector that has none yet), and the
 * control word as the shadow has it (mask state and cookie), then the
 * doorbell or the queue's commit command.  The slot is never unmasked
 * while its message is incomplete.
 *
 * Context: Process context; may sleep for storage that sleeps.  Storage
 * that does not sleep: the caller holds the device's MSI descriptor mutex
 * and the vector's irq descriptor lock, as for the chip callbacks.
 * Storage that sleeps: the caller holds commit_lock, and the vector is
 * live.
 * Return: 0, or the error of the queue's commit command; the update then
 * stays pending.
 */
int ims_domain_restore_slot(struct ims_domain *dom, struct msi_desc *desc)
{
	bool sleeps = dom->desc->flags & IMS_DESC_SLEEPS;
	struct ims_slot slot;
	unsigned long flags;
	struct msi_msg msg;
	u64 state;
	u32 ctrl;
	int ret;

	if (sleeps) {
		lockdep_assert_held(&dom->commit_lock);
		raw_spin_lock_irqsave(&dom->lock, flags);
		state = ims_take_pending(desc, &msg);
		raw_spin_unlock_irqrestore(&dom->lock, flags);
	} else {
		state = desc->data.dcookie.value;
		msg = desc->msg;
	}
	ctrl = ims_out_ctrl(dom, state);
	slot = ims_slot_locate(dom, desc);
	if (dom->desc->flags & IMS_DESC_CONST)
		ims_write32(dom, &slot, dom->desc->const_off, dom->desc->const_val);
	ims_write_ctrl(dom, &slot, ims_compose_ctrl(dom, ctrl, true, NULL));
	if (!ims_write_msg(dom, &slot, &msg, ctrl))
		ims_write_ctrl(dom, &slot, ctrl);
	if (!sleeps) {
		ims_doorbell(dom, &slot);
		return 0;
	}
	ret = ims_commit_entry(dom, desc, &slot);
	if (ret) {
		raw_spin_lock_irqsave(&dom->lock, flags);
		desc->data.dcookie.value |= IMS_VEC_PENDING_CTRL | IMS_VEC_PENDING_MSG;
		raw_spin_unlock_irqrestore(&dom->lock, flags);
	}
	return ret;
}

/**
 * ims_domain_update_ctrl - Change the driver's bits of a vector's control word
 * @dom:	The domain's run-time state; IMS_DESC_CTRL_SHARED
 * @desc:	The vector's MSI descriptor
 * @mask:	The bits to change, none of them the chip's
 * @val:	Their new value
 *
 * A read, modify and write of the control word, as the chip's own writes
 * of it do, under the lock they run under.
 *
 * Context: Storage that does not sleep: the caller holds the vector's irq
 * descriptor lock, interrupts disabled.  Storage that sleeps: the caller
 * holds commit_lock; the word is committed with the vector's next update.
 */
void ims_domain_update_ctrl(struct ims_domain *dom, struct msi_desc *desc, u32 mask, u32 val)
{
	struct ims_slot slot = ims_slot_locate(dom, desc);

	ims_write32(dom, &slot, dom->ctrl,
		    (ims_read32(dom, &slot, dom->ctrl) & ~mask) | (val & mask));
	if (dom->flush && slot.io)
		ioread32(slot.io + dom->ctrl);
}

/**
 * ims_domain_vec_masked - Whether a vector's shadow says its slot is masked
 * @dom:	The domain's run-time state
 * @desc:	The vector's MSI descriptor
 *
 * Storage without a mask bit is masked at the parent: the irq data says.
 *
 * Context: Any context; reads the shadow once.
 * Return: true if masked.
 */
bool ims_domain_vec_masked(const struct ims_domain *dom, const struct msi_desc *desc)
{
	if (dom->parent_mask)
		return irqd_irq_masked(irq_get_irq_data(desc->irq));
	return ims_is_masked(dom, ims_out_ctrl(dom, READ_ONCE(desc->data.dcookie.value)));
}

/**
 * ims_domain_read_entry - Read a vector's entry back from the device
 * @dom:	The domain's run-time state
 * @desc:	The vector's MSI descriptor
 * @words:	Receives the entry's 32-bit words, in storage byte order
 *		converted to CPU order, entry_size / 4 of them
 *
 * Only for an explicit read-back (the debugfs "storage" file): the chip
 * itself never reads the storage to know its state.
 *
 * Context: Process context; for storage that sleeps, the caller holds
 * commit_lock, so that no commit is halfway through the entry.
 */
void ims_domain_read_entry(struct ims_domain *dom, struct msi_desc *desc, u32 *words)
{
	struct ims_slot slot = ims_slot_locate(dom, desc);
	unsigned int i;

	if (dom->desc->flags & IMS_DESC_SLEEPS)
		lockdep_assert_held(&dom->commit_lock);
	for (i = 0; i < dom->desc->entry_size / 4; i++)
		words[i] = ims_read32(dom, &slot, i * 4);
}
