// SPDX-License-Identifier: GPL-2.0-only
/*
 * Behaviour suite: what each shipped device style's hardware specification
 * says must be in its storage, read as raw bytes at the offsets of that
 * specification, plus the domain's error paths.
 */
#include <kunit/device.h>
#include <kunit/test.h>
#include <linux/bitfield.h>
#include <linux/bits.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/irqdesc.h>
#include <linux/module.h>
#include <linux/msi.h>
#include <linux/pm_runtime.h>
#include <linux/unaligned.h>
#include <linux/workqueue.h>

#include "ims-desc-internal.h"
#include "ims_test.h"

/* IDXD: 16-byte slots; ctrl word @12: bit 0 mask, bit 3 PASID enable, 12..31 PASID */
#define IDXD_CTRL		12
#define IDXD_CTRL_MASKED	BIT(0)
#define IDXD_CTRL_PASID_EN	BIT(3)
#define IDXD_CTRL_PASID		GENMASK(31, 12)

/* ath11k style: per ring lo @0, hi @4 (bits 0..7 address, bit 8 enable), data @8 */
#define ATH_ADDR_HI		4
#define ATH_HI_ENABLE		BIT(8)

/* Arm SMMUv3: IRQ_CFG0 (64-bit address), CFG1 data, CFG2 memory attribute */
#define SMMU_EVTQ_IRQ_CFG0	0xb0
#define SMMU_GERROR_IRQ_CFG0	0x68
#define SMMU_IRQ_CFG1		8
#define SMMU_IRQ_CFG2		12
#define SMMU_MEMATTR_DEVICE	0x1

/* Broadcom FlexRM: 64 KiB per ring; ADDR_LS 0x3c, ADDR_MS 0x40, DATA 0x64 */
#define FLEXRM_RING(n)		((n) * 0x10000)
#define FLEXRM_ADDR_LS		0x3c
#define FLEXRM_ADDR_MS		0x40
#define FLEXRM_DATA		0x64

/* mlx5 style: entry @0x40 of queue memory: addr64 @0, data @8, ctrl @12 bit 31 mask */
#define MLX5_ENTRY		0x40
#define MLX5_CTRL		12
#define MLX5_CTRL_MASKED	BIT(31)

static struct ims_model *ims_beh_setup(struct kunit *test, const struct ims_desc *d,
				       unsigned int slots)
{
	struct ims_model *m = ims_model_create(test, d, slots);

	KUNIT_ASSERT_EQ(test, 0, devm_ims_desc_create_domain(m->dev, d, &m->storage));
	return m;
}

static u32 ims_beh_le32(struct ims_model *m, unsigned int slot, unsigned int off)
{
	return get_unaligned_le32(ims_model_entry_bytes(m, slot) + off);
}

/* The PASID cookie lands in bits 12..31 of the IDXD control word, enabled */
static void ims_beh_idxd_pasid(struct kunit *test)
{
	struct ims_model *m = ims_beh_setup(test, &ims_desc_idxd, 8);
	union msi_instance_cookie pasid = { .value = 0x9abcd };
	union msi_instance_cookie none = { };
	atomic_t count = ATOMIC_INIT(0);
	u32 ctrl, pasid_field;
	unsigned int slot;
	int virq, plain;

	virq = devm_ims_desc_alloc_irq(m->dev, &pasid, NULL);
	KUNIT_ASSERT_GT(test, virq, 0);
	ctrl = ims_beh_le32(m, ims_test_slot_of(virq), IDXD_CTRL);
	pasid_field = FIELD_GET(IDXD_CTRL_PASID, ctrl);
	KUNIT_EXPECT_EQ(test, pasid_field, 0x9abcd);
	KUNIT_EXPECT_TRUE(test, ctrl & IDXD_CTRL_PASID_EN);
	KUNIT_EXPECT_TRUE_MSG(test, ctrl & IDXD_CTRL_MASKED, "allocated slot must start masked");

	KUNIT_ASSERT_EQ(test, 0, request_irq(virq, ims_test_handler, 0, "ims-test", &count));
	ctrl = ims_beh_le32(m, ims_test_slot_of(virq), IDXD_CTRL);
	KUNIT_EXPECT_FALSE(test, ctrl & IDXD_CTRL_MASKED);
	pasid_field = FIELD_GET(IDXD_CTRL_PASID, ctrl);
	KUNIT_EXPECT_EQ(test, pasid_field, 0x9abcd);
	KUNIT_EXPECT_TRUE(test, ctrl & IDXD_CTRL_PASID_EN);
	KUNIT_EXPECT_TRUE(test, ims_model_fire(m, ims_test_slot_of(virq)));
	KUNIT_EXPECT_EQ(test, atomic_read(&count), 1);

	/* No cookie: PASID field and its enable stay clear */
	plain = devm_ims_desc_alloc_irq(m->dev, &none, NULL);
	KUNIT_ASSERT_GT(test, plain, 0);
	ctrl = ims_beh_le32(m, ims_test_slot_of(plain), IDXD_CTRL);
	KUNIT_EXPECT_EQ(test, ctrl & (IDXD_CTRL_PASID | IDXD_CTRL_PASID_EN), 0);

	/* A freed slot keeps no PASID for whoever allocates it next */
	slot = ims_test_slot_of(virq);
	free_irq(virq, &count);
	devm_ims_desc_free_irq(m->dev, virq);
	ctrl = ims_beh_le32(m, slot, IDXD_CTRL);
	KUNIT_EXPECT_TRUE(test, ctrl & IDXD_CTRL_MASKED);
	KUNIT_EXPECT_EQ_MSG(test, ctrl & (IDXD_CTRL_PASID | IDXD_CTRL_PASID_EN), 0,
			    "a stale PASID in a freed slot");
	devm_ims_desc_free_irq(m->dev, plain);
}

/* A PASID wider than 20 bits is refused and allocates nothing */
static void ims_beh_idxd_pasid_too_wide(struct kunit *test)
{
	struct ims_model *m = ims_beh_setup(test, &ims_desc_idxd, 2);
	union msi_instance_cookie wide = { .value = BIT(20) };
	int a, b;

	KUNIT_EXPECT_EQ(test, devm_ims_desc_alloc_irq(m->dev, &wide, NULL), -EINVAL);
	/* Both slots are still free */
	a = devm_ims_desc_alloc_irq(m->dev, NULL, NULL);
	b = devm_ims_desc_alloc_irq(m->dev, NULL, NULL);
	KUNIT_EXPECT_GT(test, a, 0);
	KUNIT_EXPECT_GT(test, b, 0);
	devm_ims_desc_free_irq(m->dev, a);
	devm_ims_desc_free_irq(m->dev, b);
}

/*
 * ath11k style: the enable bit shares the high address word.  Masking
 * clears it and keeps the address bits, without reading the word first.
 */
static void ims_beh_ath11k_shared_hi(struct kunit *test)
{
	struct ims_model *m = ims_beh_setup(test, &ims_desc_ath11k, 0);
	struct ims_vectors v;
	unsigned int slot;
	u32 hi, data;
	u64 addr;

	ims_vectors_alloc(test, m, &v, 1);
	slot = v.loc[0];
	ims_test_parent_expected(v.virq[0], &addr, &data);
	hi = ims_beh_le32(m, slot, ATH_ADDR_HI);
	KUNIT_EXPECT_EQ(test, hi, upper_32_bits(addr) | ATH_HI_ENABLE);

	ims_model_reset_counts(m);
	disable_irq(v.virq[0]);
	hi = ims_beh_le32(m, slot, ATH_ADDR_HI);
	KUNIT_EXPECT_EQ(test, hi, upper_32_bits(addr));
	KUNIT_EXPECT_EQ(test, m->writes, 1);
	KUNIT_EXPECT_EQ_MSG(test, m->reads, 1, "only the flush read, no read-modify-write");

	enable_irq(v.virq[0]);
	hi = ims_beh_le32(m, slot, ATH_ADDR_HI);
	KUNIT_EXPECT_EQ(test, hi, upper_32_bits(addr) | ATH_HI_ENABLE);

	/* A new message while enabled: new address bits, still enabled */
	KUNIT_ASSERT_GE(test, ims_test_set_affinity(v.virq[0]), 0);
	ims_test_parent_expected(v.virq[0], &addr, &data);
	hi = ims_beh_le32(m, slot, ATH_ADDR_HI);
	KUNIT_EXPECT_EQ(test, hi, upper_32_bits(addr) | ATH_HI_ENABLE);
	ims_vectors_free(m, &v);
}

/*
 * An update made outside the bus lock (an affinity change, in atomic
 * context) is committed by the domain's work for that vector alone: one
 * doorbell, its queue's, however many vectors the device has.
 */
static void ims_beh_commit_only_changed(struct kunit *test)
{
	struct ims_model *m = ims_beh_setup(test, &ims_desc_mlx5, 4);
	struct ims_model_entry before, after;
	struct ims_vectors v;

	ims_vectors_alloc(test, m, &v, 4);
	ims_model_decode(m, 2, &before);
	ims_model_reset_counts(m);
	KUNIT_ASSERT_GE(test, ims_test_set_affinity(v.virq[2]), 0);
	ims_desc_flush(m->dev);
	ims_model_decode(m, 2, &after);
	KUNIT_EXPECT_NE(test, after.addr, before.addr);
	KUNIT_EXPECT_EQ(test, m->doorbells, 1);
	KUNIT_EXPECT_EQ(test, m->last_doorbell, m->queues[2].ims.doorbell);
	KUNIT_EXPECT_TRUE(test, ims_model_fire(m, 2));
	KUNIT_EXPECT_EQ(test, atomic_read(&v.count[2]), 1);
	ims_vectors_free(m, &v);
}

/*
 * The flush of deferred updates must not depend on whether the domain's
 * work item can be waited for.  When another CPU has claimed the work
 * item (its pending bit) but not yet put it on a worklist, queue_work()
 * here returns false and flush_work() has nothing to wait for: it
 * returns at once, before the update is written.  The test sets the
 * pending bit itself, which is that other CPU's state, frozen.
 */
static void ims_beh_flush_while_queued_elsewhere(struct kunit *test)
{
	struct ims_model *m = ims_beh_setup(test, &ims_desc_mlx5, 2);
	struct ims_model_entry after;
	struct ims_domain *dom;
	struct ims_vectors v;
	unsigned long *bits;
	u64 addr;
	u32 data;

	ims_vectors_alloc(test, m, &v, 1);
	dom = irq_get_chip_data(v.virq[0]);
	KUNIT_ASSERT_NOT_NULL(test, dom);
	bits = work_data_bits(&dom->commit_work);
	ims_desc_flush(m->dev);
	flush_work(&dom->commit_work);
	KUNIT_ASSERT_FALSE(test, test_and_set_bit(WORK_STRUCT_PENDING_BIT, bits));

	KUNIT_EXPECT_GE(test, ims_test_set_affinity(v.virq[0]), 0);
	ims_desc_flush(m->dev);
	ims_model_decode(m, 0, &after);
	ims_test_parent_expected(v.virq[0], &addr, &data);
	clear_bit(WORK_STRUCT_PENDING_BIT, bits);

	KUNIT_EXPECT_EQ_MSG(test, after.addr, addr, "the flush returned before the commit");
	KUNIT_EXPECT_TRUE(test, ims_model_fire(m, 0));
	KUNIT_EXPECT_EQ(test, atomic_read(&v.count[0]), 1);
	ims_vectors_free(m, &v);
}

static void ims_beh_pm_disable(void *dev)
{
	pm_runtime_disable(dev);
}

/*
 * An update made in atomic context while the device is runtime suspended
 * is held: the domain's work commits nothing to a device that may be
 * powered down.  The driver's resume writes it with ims_desc_restore();
 * once the device is active, the work commits again.
 */
static void ims_beh_runtime_suspended_hold(struct kunit *test)
{
	struct ims_model *m = ims_beh_setup(test, &ims_desc_mlx5, 2);
	struct ims_model_entry before, after;
	struct ims_domain *dom;
	struct ims_vectors v;
	u64 addr;
	u32 data;

	if (!IS_ENABLED(CONFIG_PM))
		kunit_skip(test, "needs runtime PM (CONFIG_PM)");
	ims_vectors_alloc(test, m, &v, 1);
	dom = irq_get_chip_data(v.virq[0]);
	KUNIT_ASSERT_NOT_NULL(test, dom);
	/* Enabled without being set active: the device is runtime suspended */
	pm_runtime_enable(m->dev);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, ims_beh_pm_disable, m->dev));
	KUNIT_ASSERT_TRUE(test, pm_runtime_status_suspended(m->dev));

	ims_model_decode(m, 0, &before);
	ims_model_reset_counts(m);
	KUNIT_ASSERT_GE(test, ims_test_set_affinity(v.virq[0]), 0);
	/* Only this thread queues the work: flush_work() waits for it */
	flush_work(&dom->commit_work);
	ims_model_decode(m, 0, &after);
	KUNIT_EXPECT_EQ_MSG(test, after.addr, before.addr, "committed to a suspended device");
	KUNIT_EXPECT_EQ(test, m->doorbells, 0);

	/* The driver's resume */
	KUNIT_ASSERT_GE(test, pm_runtime_get_sync(m->dev), 0);
	KUNIT_EXPECT_EQ(test, ims_desc_restore(m->dev), 0);
	ims_model_decode(m, 0, &after);
	ims_test_parent_expected(v.virq[0], &addr, &data);
	KUNIT_EXPECT_EQ(test, after.addr, addr);
	KUNIT_EXPECT_TRUE(test, ims_model_fire(m, 0));
	KUNIT_EXPECT_EQ(test, atomic_read(&v.count[0]), 1);

	/* Active: the work commits */
	KUNIT_ASSERT_GE(test, ims_test_set_affinity(v.virq[0]), 0);
	flush_work(&dom->commit_work);
	ims_model_decode(m, 0, &after);
	ims_test_parent_expected(v.virq[0], &addr, &data);
	KUNIT_EXPECT_EQ_MSG(test, after.addr, addr, "not committed to an active device");
	pm_runtime_put_noidle(m->dev);
	ims_vectors_free(m, &v);
}

/*
 * A device that is not a PCI function needs a slot count: its MSI parent
 * (the GICv3 ITS, for one) reserves an interrupt for every slot when the
 * domain is created.  Queue storage with dynamic slots and no count
 * anywhere is refused and leaves no domain; with a count it is created.
 */
static void ims_beh_device_msi_needs_count(struct kunit *test)
{
	struct ims_model *m = ims_model_create(test, &ims_desc_mlx5, 4);
	struct ims_storage unbounded = m->storage;

	KUNIT_ASSERT_EQ(test, ims_desc_mlx5.nr_slots, 0);
	unbounded.nr_slots = 0;
	KUNIT_EXPECT_EQ(test, devm_ims_desc_create_domain(m->dev, &ims_desc_mlx5, &unbounded),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, devm_ims_desc_alloc_irq(m->dev, NULL, NULL), -ENODEV);
	KUNIT_EXPECT_EQ(test, devm_ims_desc_create_domain(m->dev, &ims_desc_mlx5, &m->storage), 0);
}

/* Sleeping storage is written only in irq_bus_sync_unlock(), then doorbelled */
static void ims_beh_mlx5_sync_unlock(struct kunit *test)
{
	struct ims_model *m = ims_beh_setup(test, &ims_desc_mlx5, 4);
	struct irq_desc *desc;
	struct irq_data *d;
	struct ims_vectors v;
	unsigned long flags;
	u8 before[16];
	u32 ctrl;

	ims_vectors_alloc(test, m, &v, 1);
	desc = irq_to_desc(v.virq[0]);
	d = irq_desc_get_irq_data(desc);
	ctrl = get_unaligned_le32(m->qmem[0] + MLX5_ENTRY + MLX5_CTRL);
	KUNIT_ASSERT_FALSE(test, ctrl & MLX5_CTRL_MASKED);
	KUNIT_ASSERT_NOT_NULL(test, d->chip->irq_bus_lock);

	/* The sequence of disable_irq(): bus lock, mask under desc lock, sync */
	ims_model_reset_counts(m);
	d->chip->irq_bus_lock(d);
	memcpy(before, m->qmem[0] + MLX5_ENTRY, sizeof(before));
	raw_spin_lock_irqsave(&desc->lock, flags);
	d->chip->irq_mask(d);
	raw_spin_unlock_irqrestore(&desc->lock, flags);
	KUNIT_EXPECT_MEMEQ(test, m->qmem[0] + MLX5_ENTRY, before, sizeof(before));
	KUNIT_EXPECT_EQ(test, m->doorbells, 0);
	d->chip->irq_bus_sync_unlock(d);

	ctrl = get_unaligned_le32(m->qmem[0] + MLX5_ENTRY + MLX5_CTRL);
	KUNIT_EXPECT_TRUE(test, ctrl & MLX5_CTRL_MASKED);
	KUNIT_EXPECT_EQ(test, m->doorbells, 1);
	KUNIT_EXPECT_EQ(test, m->last_doorbell, m->queues[0].ims.doorbell);
	KUNIT_EXPECT_FALSE(test, ims_model_fire(m, 0));

	/* Undo it the same way */
	d->chip->irq_bus_lock(d);
	raw_spin_lock_irqsave(&desc->lock, flags);
	d->chip->irq_unmask(d);
	raw_spin_unlock_irqrestore(&desc->lock, flags);
	KUNIT_EXPECT_TRUE(test, get_unaligned_le32(m->qmem[0] + MLX5_ENTRY + MLX5_CTRL) &
			  MLX5_CTRL_MASKED);
	d->chip->irq_bus_sync_unlock(d);
	KUNIT_EXPECT_EQ(test, m->doorbells, 2);
	KUNIT_EXPECT_TRUE(test, ims_model_fire(m, 0));
	KUNIT_EXPECT_EQ(test, atomic_read(&v.count[0]), 1);

	/* The core's disable_irq() and enable_irq() take the same path */
	disable_irq(v.virq[0]);
	KUNIT_EXPECT_EQ(test, m->doorbells, 3);
	KUNIT_EXPECT_FALSE(test, ims_model_fire(m, 0));
	enable_irq(v.virq[0]);
	KUNIT_EXPECT_EQ(test, m->doorbells, 4);
	KUNIT_EXPECT_TRUE(test, ims_model_fire(m, 0));
	KUNIT_EXPECT_EQ(test, atomic_read(&v.count[0]), 2);
	ims_vectors_free(m, &v);
}

/*
 * Array storage in host memory (as a device that reads its IMS table by
 * DMA would have): same layout, plain stores, no MMIO access at all.
 */
static void ims_beh_idxd_host_memory(struct kunit *test)
{
	struct ims_model *m = ims_model_create(test, &ims_desc_idxd, 4);
	struct ims_storage st = m->storage;
	struct ims_model_entry e;
	struct ims_vectors v;

	st.iobase = NULL;
	st.mem = m->regs;
	KUNIT_ASSERT_EQ(test, 0, devm_ims_desc_create_domain(m->dev, &ims_desc_idxd, &st));

	ims_model_reset_counts(m);
	ims_vectors_alloc(test, m, &v, 2);
	KUNIT_EXPECT_TRUE(test, ims_model_fire(m, v.loc[0]));
	KUNIT_EXPECT_TRUE(test, ims_model_fire(m, v.loc[1]));
	disable_irq(v.virq[1]);
	ims_model_decode(m, v.loc[1], &e);
	KUNIT_EXPECT_TRUE(test, e.masked);
	KUNIT_EXPECT_FALSE(test, ims_model_fire(m, v.loc[1]));
	enable_irq(v.virq[1]);
	KUNIT_EXPECT_EQ(test, ims_vectors_total(&v), 2);
	KUNIT_EXPECT_EQ(test, m->reads + m->writes, 0);
	ims_vectors_free(m, &v);
	ims_model_decode(m, v.loc[0], &e);
	KUNIT_EXPECT_TRUE(test, e.masked);
}

/* Managed interrupts: the affinity descriptor reaches the core */
static void ims_beh_managed_affinity(struct kunit *test)
{
	struct ims_model *m = ims_beh_setup(test, &ims_desc_idxd, 4);
	struct irq_affinity_desc aff = { .is_managed = 1 };
	atomic_t count = ATOMIC_INIT(0);
	const struct irq_affinity_desc *stored;
	int virq;

	cpumask_copy(&aff.mask, cpumask_of(0));
	virq = devm_ims_desc_alloc_irq(m->dev, NULL, &aff);
	KUNIT_ASSERT_GT(test, virq, 0);
	stored = ims_test_affinity_of(virq);
	KUNIT_ASSERT_NOT_NULL(test, stored);
	KUNIT_EXPECT_TRUE(test, stored->is_managed);
	KUNIT_EXPECT_TRUE(test, cpumask_equal(&stored->mask, cpumask_of(0)));
	/* Without SPARSE_IRQ the core keeps no per-irq managed state */
	if (IS_ENABLED(CONFIG_SPARSE_IRQ))
		KUNIT_EXPECT_TRUE(test, irqd_affinity_is_managed(irq_get_irq_data(virq)));
	/*
	 * The core activates a managed interrupt when it starts it up on a
	 * CPU of its mask, which only SMP kernels do (UML is not one).
	 */
	if (IS_ENABLED(CONFIG_SMP)) {
		KUNIT_ASSERT_EQ(test, 0, request_irq(virq, ims_test_handler, 0, "ims-test",
						     &count));
		KUNIT_EXPECT_TRUE(test, ims_model_fire(m, ims_test_slot_of(virq)));
		KUNIT_EXPECT_EQ(test, atomic_read(&count), 1);
		free_irq(virq, &count);
	}
	devm_ims_desc_free_irq(m->dev, virq);
}

/*
 * 10,000 alloc/free cycles on a full domain lose no slot: afterwards every
 * slot can be allocated again, one more cannot, and every freed slot is
 * left masked.
 */
static void ims_beh_cycles(struct kunit *test)
{
	struct ims_model *m = ims_beh_setup(test, &ims_desc_idxd, 4);
	struct ims_model_entry e;
	unsigned int i, slot;
	int virq[4], v;

	for (i = 0; i < 4; i++) {
		virq[i] = devm_ims_desc_alloc_irq(m->dev, NULL, NULL);
		KUNIT_ASSERT_GT(test, virq[i], 0);
	}
	for (i = 0; i < 10000; i++) {
		slot = i % 4;
		devm_ims_desc_free_irq(m->dev, virq[slot]);
		v = devm_ims_desc_alloc_irq(m->dev, NULL, NULL);
		KUNIT_ASSERT_GT_MSG(test, v, 0, "cycle %u", i);
		KUNIT_ASSERT_EQ_MSG(test, ims_test_slot_of(v), slot, "cycle %u", i);
		virq[slot] = v;
		if (i == 5000)
			KUNIT_ASSERT_EQ(test, devm_ims_desc_alloc_irq(m->dev, NULL, NULL), -ENOSPC);
	}
	KUNIT_EXPECT_EQ(test, devm_ims_desc_alloc_irq(m->dev, NULL, NULL), -ENOSPC);
	for (i = 0; i < 4; i++) {
		devm_ims_desc_free_irq(m->dev, virq[i]);
		ims_model_decode(m, i, &e);
		KUNIT_EXPECT_TRUE(test, e.masked);
	}
	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_GT(test, devm_ims_desc_alloc_irq(m->dev, NULL, NULL), 0);
}

/* Queue storage needs its struct ims_queue as the cookie */
static void ims_beh_queue_needs_cookie(struct kunit *test)
{
	struct ims_model *m = ims_beh_setup(test, &ims_desc_mlx5, 4);
	union msi_instance_cookie none = { };

	KUNIT_EXPECT_EQ(test, devm_ims_desc_alloc_irq(m->dev, &none, NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, devm_ims_desc_alloc_irq(m->dev, NULL, NULL), -EINVAL);
}

/* Without an MSI parent there is no domain and no interrupt */
static void ims_beh_no_parent(struct kunit *test)
{
	struct ims_model *m = ims_model_create(test, &ims_desc_idxd, 4);

	KUNIT_ASSERT_EQ(test, 0, ims_test_parent_attach(m->dev, false));
	KUNIT_EXPECT_EQ(test, devm_ims_desc_create_domain(m->dev, &ims_desc_idxd, &m->storage),
			-ENODEV);
	KUNIT_EXPECT_EQ(test, devm_ims_desc_alloc_irq(m->dev, NULL, NULL), -ENODEV);
}

/*
 * SMMUv3: the interrupt of a source lands in that source's registers,
 * which are not in source order; the memory attribute is written when the
 * slot is programmed; the storage is never masked (the parent masks).
 */
static void ims_beh_smmu_sources(struct kunit *test)
{
	struct ims_model *m = ims_beh_setup(test, &ims_desc_arm_smmu_v3, 0);
	const u8 *regs = m->regs;
	atomic_t count = ATOMIC_INIT(0);
	u64 addr;
	u32 data;
	int virq;

	/* Source 1 is GERROR, whose block is below the event queue's */
	virq = devm_ims_desc_alloc_irq_at(m->dev, 1, NULL, NULL);
	KUNIT_ASSERT_GT(test, virq, 0);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(regs + SMMU_GERROR_IRQ_CFG0 + SMMU_IRQ_CFG2),
			SMMU_MEMATTR_DEVICE);
	irq_set_status_flags(virq, IRQ_DISABLE_UNLAZY);
	KUNIT_ASSERT_EQ(test, 0, request_irq(virq, ims_test_handler, 0, "gerror", &count));
	ims_test_parent_expected(virq, &addr, &data);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(regs + SMMU_GERROR_IRQ_CFG0), addr);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(regs + SMMU_GERROR_IRQ_CFG0 + SMMU_IRQ_CFG1),
			data);
	/* The event queue's registers are untouched */
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(regs + SMMU_EVTQ_IRQ_CFG0), 0);

	/* Masking goes to the parent: the device still holds the message */
	disable_irq(virq);
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(regs + SMMU_GERROR_IRQ_CFG0), addr);
	KUNIT_EXPECT_FALSE(test, ims_test_parent_deliver(addr, data));
	enable_irq(virq);
	KUNIT_EXPECT_TRUE(test, ims_test_parent_deliver(addr, data));
	KUNIT_EXPECT_EQ(test, atomic_read(&count), 1);
	free_irq(virq, &count);
	devm_ims_desc_free_irq(m->dev, virq);
	/* The MSI core's deactivation left the null message */
	KUNIT_EXPECT_EQ(test, get_unaligned_le64(regs + SMMU_GERROR_IRQ_CFG0), 0);
}

/* FlexRM: ring N's interrupt is in ring N's register block */
static void ims_beh_flexrm_ring(struct kunit *test)
{
	struct ims_model *m = ims_beh_setup(test, &ims_desc_bcm_flexrm, 8);
	const u8 *ring = m->regs + FLEXRM_RING(5);
	atomic_t count = ATOMIC_INIT(0);
	u64 addr;
	u32 data;
	int virq;

	virq = devm_ims_desc_alloc_irq_at(m->dev, 5, NULL, NULL);
	KUNIT_ASSERT_GT(test, virq, 0);
	KUNIT_ASSERT_EQ(test, 0, request_irq(virq, ims_test_handler, 0, "ring5", &count));
	ims_test_parent_expected(virq, &addr, &data);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(ring + FLEXRM_ADDR_LS), lower_32_bits(addr));
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(ring + FLEXRM_ADDR_MS), upper_32_bits(addr));
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(ring + FLEXRM_DATA), data);
	KUNIT_EXPECT_EQ(test, devm_ims_desc_alloc_irq_at(m->dev, 5, NULL, NULL), -EBUSY);
	KUNIT_EXPECT_EQ(test, devm_ims_desc_alloc_irq_at(m->dev, 8, NULL, NULL), -EINVAL);
	free_irq(virq, &count);
	devm_ims_desc_free_irq(m->dev, virq);
}

/* Storage without a mask bit needs a parent that masks */
static void ims_beh_parent_cannot_mask(struct kunit *test)
{
	struct ims_model *m;

	KUNIT_ASSERT_EQ(test, 0, ims_test_parent_configure(test, false, false));
	m = ims_model_create(test, &ims_desc_arm_smmu_v3_pmu, 0);
	KUNIT_EXPECT_EQ(test, devm_ims_desc_create_domain(m->dev, &ims_desc_arm_smmu_v3_pmu,
							  &m->storage), -ENODEV);
	KUNIT_EXPECT_EQ(test, devm_ims_desc_alloc_irq(m->dev, NULL, NULL), -ENODEV);
	/* Storage with a mask bit does not care */
	m = ims_beh_setup(test, &ims_desc_ath11k, 0);
}

/*
 * A message above what the storage holds is refused when the vector is
 * allocated, and nothing is left allocated: never a truncated address.
 */
static void ims_beh_address_too_wide(struct kunit *test)
{
	struct ims_desc *d = kunit_kzalloc(test, sizeof(*d), GFP_KERNEL);
	struct ims_model *m;
	int virq;

	KUNIT_ASSERT_NOT_NULL(test, d);
	*d = ims_desc_idxd;
	d->name = "idxd+addr32";
	d->flags |= IMS_DESC_ADDR32;
	d->addr_hi = 0;
	m = ims_beh_setup(test, d, 4);

	/* The test parent's addresses are above 4 GiB by default */
	KUNIT_EXPECT_EQ(test, devm_ims_desc_alloc_irq(m->dev, NULL, NULL), -ERANGE);
	KUNIT_EXPECT_EQ(test, devm_ims_desc_alloc_irq_at(m->dev, 0, NULL, NULL), -ERANGE);

	/* Every slot is still free: below 4 GiB all four are handed out */
	KUNIT_ASSERT_EQ(test, 0, ims_test_parent_configure(test, true, true));
	for (virq = 0; virq < 4; virq++)
		KUNIT_EXPECT_GT(test, devm_ims_desc_alloc_irq_at(m->dev, virq, NULL, NULL), 0);
}

/* A copy of a shipped descriptor that a test changes */
static struct ims_desc *ims_beh_variant(struct kunit *test, const struct ims_desc *d,
					const char *name)
{
	struct ims_desc *v = kunit_kmalloc(test, sizeof(*v), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, v);
	*v = *d;
	v->name = name;
	return v;
}

/* Move the vector to an address above 4 GiB (@high) or below, and decode its slot */
static void ims_beh_move(struct kunit *test, struct ims_model *m, unsigned int virq,
			 unsigned int slot, bool high, struct ims_model_entry *e)
{
	KUNIT_ASSERT_EQ(test, 0, ims_test_parent_configure(test, !high, true));
	KUNIT_ASSERT_GE(test, ims_test_set_affinity(virq), 0);
	ims_desc_flush(m->dev);
	ims_model_decode(m, slot, e);
}

static void ims_beh_refusal_sticks(struct kunit *test, const struct ims_desc *d)
{
	struct ims_model_entry e;
	struct ims_vectors v;
	struct ims_model *m;
	unsigned int slot;
	u64 addr;
	u32 data;

	KUNIT_ASSERT_EQ(test, 0, ims_test_parent_configure(test, true, true));
	m = ims_beh_setup(test, d, 4);
	ims_vectors_alloc(test, m, &v, 1);
	slot = v.loc[0];
	m->watch = slot;
	KUNIT_EXPECT_TRUE_MSG(test, ims_model_fire(m, slot), "%s", d->name);

	/* A message the storage cannot hold: masked, and the null message */
	ims_beh_move(test, m, v.virq[0], slot, true, &e);
	KUNIT_EXPECT_TRUE_MSG(test, e.masked, "%s: refused, yet unmasked", d->name);
	KUNIT_EXPECT_EQ_MSG(test, e.addr, 0, "%s: a truncated address", d->name);
	KUNIT_EXPECT_FALSE(test, ims_model_fire(m, slot));

	/* genirq's mask and unmask do not undo the refusal */
	disable_irq(v.virq[0]);
	enable_irq(v.virq[0]);
	ims_desc_flush(m->dev);
	ims_model_decode(m, slot, &e);
	KUNIT_EXPECT_TRUE_MSG(test, e.masked, "%s: unmasked while refused", d->name);
	KUNIT_EXPECT_FALSE(test, ims_model_fire(m, slot));

	/* One that fits, while genirq has it masked: it stays masked, then unmasks */
	disable_irq(v.virq[0]);
	ims_beh_move(test, m, v.virq[0], slot, false, &e);
	ims_test_parent_expected(v.virq[0], &addr, &data);
	KUNIT_EXPECT_TRUE_MSG(test, e.masked, "%s: unmasked under disable_irq()", d->name);
	KUNIT_EXPECT_EQ(test, e.addr, addr);
	enable_irq(v.virq[0]);
	ims_desc_flush(m->dev);
	KUNIT_EXPECT_TRUE_MSG(test, ims_model_fire(m, slot), "%s: dead after the refusal",
			      d->name);

	/* Refused and taken back while genirq has it unmasked */
	ims_beh_move(test, m, v.virq[0], slot, true, &e);
	KUNIT_EXPECT_TRUE(test, e.masked);
	ims_beh_move(test, m, v.virq[0], slot, false, &e);
	KUNIT_EXPECT_FALSE_MSG(test, e.masked, "%s: not unmasked with a message that fits",
			       d->name);
	KUNIT_EXPECT_TRUE(test, ims_model_fire(m, slot));
	KUNIT_EXPECT_EQ(test, atomic_read(&v.count[0]), 3);

	KUNIT_EXPECT_EQ_MSG(test, m->null_unmasked, 0,
			    "%s: the slot was unmasked while it held the null message", d->name);
	ims_vectors_free(m, &v);
}

/*
 * A parent whose address follows the affinity (as the RISC-V IMSIC's
 * does) hands out a message the storage cannot hold: the slot is masked
 * before the null message goes in, stays masked through genirq's mask and
 * unmask, and comes back, in the mask state genirq asked for, with the
 * next message that fits.  On the fast paths, the general path, and
 * storage that sleeps.
 */
static void ims_beh_refusal_sticky(struct kunit *test)
{
	static const struct {
		const char	*name;
		u32		flags;
	} variants[] = {
		{ "idxd+addr32", 0 },
		{ "idxd+addr32+mou", IMS_DESC_MASK_ON_UPDATE },
		{ "idxd+addr32+be", IMS_DESC_BIG_ENDIAN },
		{ "idxd+addr32+sleeps", IMS_DESC_SLEEPS },
	};
	struct ims_desc *d;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(variants); i++) {
		d = ims_beh_variant(test, &ims_desc_idxd, variants[i].name);
		d->flags |= IMS_DESC_ADDR32 | variants[i].flags;
		d->addr_hi = 0;
		ims_beh_refusal_sticks(test, d);
	}
}

/* Bits 4..7 of the IDXD control word, which no field of the chip's uses */
#define IDXD_CTRL_DRIVER	GENMASK(7, 4)

/*
 * IMS_DESC_CTRL_SHARED: the driver's bits of the control word survive
 * allocation, masking, message updates and free; the chip's bits still
 * do their job.  The driver changes its bits with ims_desc_update_ctrl(),
 * which refuses the chip's.
 */
static void ims_beh_ctrl_shared(struct kunit *test)
{
	struct ims_desc *d = ims_beh_variant(test, &ims_desc_idxd, "idxd+ctrl-shared");
	union msi_instance_cookie pasid = { .value = 0x1234 };
	atomic_t count = ATOMIC_INIT(0);
	unsigned int slot, i;
	struct ims_model *m;
	u32 pasid_field;
	u8 *ctrl;
	int virq;

	d->flags |= IMS_DESC_CTRL_SHARED;
	m = ims_beh_setup(test, d, 8);
	/* The driver's bits in every slot before anything is allocated */
	for (i = 0; i < 8; i++)
		put_unaligned_le32(0xa0, m->regs + i * 16 + IDXD_CTRL);

	virq = devm_ims_desc_alloc_irq_at(m->dev, 2, &pasid, NULL);
	KUNIT_ASSERT_GT(test, virq, 0);
	slot = ims_test_slot_of(virq);
	ctrl = m->regs + slot * 16 + IDXD_CTRL;
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(ctrl) & IDXD_CTRL_DRIVER, 0xa0);
	pasid_field = FIELD_GET(IDXD_CTRL_PASID, get_unaligned_le32(ctrl));
	KUNIT_EXPECT_EQ(test, pasid_field, 0x1234);

	irq_set_status_flags(virq, IRQ_DISABLE_UNLAZY);
	KUNIT_ASSERT_EQ(test, 0, request_irq(virq, ims_test_handler, 0, "shared", &count));
	/* The driver changes its bits while the vector is live, and only its own */
	KUNIT_EXPECT_EQ(test, ims_desc_update_ctrl(m->dev, virq, IDXD_CTRL_DRIVER, 0x90), 0);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(ctrl) & IDXD_CTRL_DRIVER, 0x90);
	KUNIT_EXPECT_EQ(test, ims_desc_update_ctrl(m->dev, virq, IDXD_CTRL_MASKED, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, ims_desc_update_ctrl(m->dev, virq, IDXD_CTRL_PASID, 0), -EINVAL);
	pasid_field = FIELD_GET(IDXD_CTRL_PASID, get_unaligned_le32(ctrl));
	KUNIT_EXPECT_EQ(test, pasid_field, 0x1234);
	disable_irq(virq);
	KUNIT_EXPECT_TRUE(test, get_unaligned_le32(ctrl) & IDXD_CTRL_MASKED);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(ctrl) & IDXD_CTRL_DRIVER, 0x90);
	KUNIT_EXPECT_FALSE(test, ims_model_fire(m, slot));
	enable_irq(virq);
	KUNIT_ASSERT_GE(test, ims_test_set_affinity(virq), 0);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(ctrl) & IDXD_CTRL_DRIVER, 0x90);
	KUNIT_EXPECT_TRUE(test, ims_model_fire(m, slot));
	KUNIT_EXPECT_EQ(test, atomic_read(&count), 1);

	free_irq(virq, &count);
	devm_ims_desc_free_irq(m->dev, virq);
	KUNIT_EXPECT_TRUE(test, get_unaligned_le32(ctrl) & IDXD_CTRL_MASKED);
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(ctrl) & IDXD_CTRL_DRIVER, 0x90);
	/* The slots nobody allocated keep theirs untouched */
	KUNIT_EXPECT_EQ(test, get_unaligned_le32(m->regs + 7 * 16 + IDXD_CTRL), 0xa0);
}

/*
 * Data that does not fit the storage's data bits is refused when the
 * vector is allocated: with one data bit, at most two of four vectors
 * (data 0 and 1) can exist, the others fail and leave nothing behind.
 */
static void ims_beh_data_too_wide(struct kunit *test)
{
	struct ims_desc *d = ims_beh_variant(test, &ims_desc_idxd, "idxd+data1");
	unsigned int i, refused = 0;
	struct ims_model *m;
	int virq[4];
	u64 addr;
	u32 data;

	d->data_width = 1;
	m = ims_beh_setup(test, d, 8);
	for (i = 0; i < 4; i++) {
		virq[i] = devm_ims_desc_alloc_irq(m->dev, NULL, NULL);
		if (virq[i] < 0) {
			KUNIT_EXPECT_EQ(test, virq[i], -ERANGE);
			refused++;
			continue;
		}
		ims_test_parent_expected(virq[i], &addr, &data);
		KUNIT_EXPECT_LE(test, data, 1);
	}
	KUNIT_EXPECT_GE(test, refused, 2);
	for (i = 0; i < 4; i++)
		if (virq[i] > 0)
			devm_ims_desc_free_irq(m->dev, virq[i]);
}

/* Queue entries in device MMIO, as well as in host memory */
static void ims_beh_mmio_queue(struct kunit *test)
{
	struct ims_model *m = ims_model_create(test, &ims_desc_mlx5, 4);
	union msi_instance_cookie both;
	struct ims_model_entry e;
	struct ims_vectors v;
	unsigned int writes;

	ims_model_mmio_queues(test, m);
	KUNIT_ASSERT_EQ(test, 0, devm_ims_desc_create_domain(m->dev, &ims_desc_mlx5, &m->storage));
	writes = m->writes;
	ims_vectors_alloc(test, m, &v, 2);
	/* The entries went to the device: more than the doorbell writes */
	KUNIT_EXPECT_GT(test, m->writes - writes, m->doorbells);
	ims_model_decode(m, 1, &e);
	KUNIT_EXPECT_FALSE(test, e.masked);
	KUNIT_EXPECT_TRUE(test, ims_model_fire(m, 1));
	KUNIT_EXPECT_EQ(test, atomic_read(&v.count[1]), 1);
	disable_irq(v.virq[1]);
	KUNIT_EXPECT_FALSE(test, ims_model_fire(m, 1));
	enable_irq(v.virq[1]);

	/* A queue in both host memory and MMIO is refused */
	m->queues[2].ims.mem = m->qmem[2];
	both = ims_model_cookie(m, 2);
	KUNIT_EXPECT_EQ(test, devm_ims_desc_alloc_irq(m->dev, &both, NULL), -EINVAL);
	ims_vectors_free(m, &v);
}

/*
 * IMS_DESC_COMMAND: entries are committed by the queue's command.  A
 * command that fails leaves the update pending: the next bus-locked
 * section of the vector commits it, even one that changes nothing, and
 * ims_desc_commit() retries it and says how it went.  A command that
 * fails when the vector is allocated fails the allocation, and leaves
 * nothing allocated.
 */
static void ims_beh_command_retry(struct kunit *test)
{
	struct ims_desc *d = ims_beh_variant(test, &ims_desc_mlx5, "mlx5+command");
	union msi_instance_cookie cookie;
	struct ims_vectors v;
	struct ims_model *m;
	unsigned int commits;

	d->flags = (d->flags & ~IMS_DESC_DOORBELL) | IMS_DESC_COMMAND;
	m = ims_beh_setup(test, d, 4);

	/* The first command fails: so does the allocation, and nothing is left */
	m->commit_fail = 1;
	cookie = ims_model_cookie(m, 0);
	KUNIT_EXPECT_EQ(test, devm_ims_desc_alloc_irq(m->dev, &cookie, NULL), -EIO);
	KUNIT_EXPECT_EQ(test, m->commit_fail, 0);
	KUNIT_EXPECT_EQ(test, ims_desc_commit(m->dev), 0);

	ims_vectors_alloc(test, m, &v, 1);
	KUNIT_EXPECT_FALSE(test, m->taken.masked);

	m->commit_fail = 1;
	commits = m->doorbells;
	disable_irq(v.virq[0]);
	KUNIT_EXPECT_EQ(test, m->doorbells, commits + 1);
	KUNIT_EXPECT_FALSE_MSG(test, m->taken.masked, "a failed command took the entry");

	/* Nested: the core masks nothing, but the pending mask is committed */
	disable_irq(v.virq[0]);
	KUNIT_EXPECT_EQ(test, m->doorbells, commits + 2);
	KUNIT_EXPECT_TRUE(test, m->taken.masked);
	enable_irq(v.virq[0]);
	enable_irq(v.virq[0]);
	KUNIT_EXPECT_FALSE(test, m->taken.masked);

	/* The driver retries: the error reaches it, then the update goes out */
	m->commit_fail = 2;
	disable_irq(v.virq[0]);
	KUNIT_EXPECT_FALSE(test, m->taken.masked);
	KUNIT_EXPECT_EQ(test, ims_desc_commit(m->dev), -EIO);
	KUNIT_EXPECT_FALSE(test, m->taken.masked);
	KUNIT_EXPECT_EQ(test, ims_desc_commit(m->dev), 0);
	KUNIT_EXPECT_TRUE(test, m->taken.masked);
	enable_irq(v.virq[0]);
	KUNIT_EXPECT_FALSE(test, m->taken.masked);
	ims_vectors_free(m, &v);

	/* The queue must carry the command, and only for such a descriptor */
	m->queues[1].ims.commit = NULL;
	cookie = ims_model_cookie(m, 1);
	KUNIT_EXPECT_EQ(test, devm_ims_desc_alloc_irq(m->dev, &cookie, NULL), -EINVAL);
}

static irqreturn_t ims_beh_thread(int irq, void *counter)
{
	atomic_inc(counter);
	return IRQ_HANDLED;
}

/*
 * Freeing or removing while an interrupt is still requested is refused
 * with a WARN: the vector keeps delivering, and no other slot (slot 0 in
 * particular) is written.
 */
static void ims_beh_free_requested(struct kunit *test)
{
	struct ims_model *m = ims_beh_setup(test, &ims_desc_idxd, 8);
	atomic_t count[2] = { ATOMIC_INIT(0), ATOMIC_INIT(0) };
	u8 slot0[16];
	int virq[2];

	virq[0] = devm_ims_desc_alloc_irq_at(m->dev, 0, NULL, NULL);
	virq[1] = devm_ims_desc_alloc_irq_at(m->dev, 3, NULL, NULL);
	KUNIT_ASSERT_GT(test, virq[0], 0);
	KUNIT_ASSERT_GT(test, virq[1], 0);
	KUNIT_ASSERT_EQ(test, 0, request_irq(virq[0], ims_test_handler, 0, "s0", &count[0]));
	KUNIT_ASSERT_EQ(test, 0, request_irq(virq[1], ims_test_handler, 0, "s3", &count[1]));
	memcpy(slot0, m->regs, sizeof(slot0));

	devm_ims_desc_free_irq(m->dev, virq[1]);
	devm_ims_desc_remove_domain(m->dev);
	KUNIT_EXPECT_TRUE(test, ims_model_fire(m, 3));
	KUNIT_EXPECT_EQ(test, atomic_read(&count[1]), 1);
	KUNIT_EXPECT_EQ(test, memcmp(slot0, m->regs, sizeof(slot0)), 0);
	KUNIT_EXPECT_TRUE(test, ims_model_fire(m, 0));

	free_irq(virq[1], &count[1]);
	devm_ims_desc_free_irq(m->dev, virq[1]);
	KUNIT_EXPECT_TRUE(test, ims_test_quiet(m->desc, ims_model_entry_bytes(m, 3)));
	KUNIT_EXPECT_EQ(test, memcmp(slot0, m->regs, sizeof(slot0)), 0);
	free_irq(virq[0], &count[0]);
	devm_ims_desc_free_irq(m->dev, virq[0]);
	devm_ims_desc_remove_domain(m->dev);
	KUNIT_EXPECT_EQ(test, devm_ims_desc_alloc_irq(m->dev, NULL, NULL), -ENODEV);
}

/* A threaded handler without a primary one needs no IRQF_ONESHOT: MSI is an edge */
static void ims_beh_threaded_no_oneshot(struct kunit *test)
{
	static const struct ims_desc *const descs[] = { &ims_desc_idxd, &ims_desc_mlx5 };
	union msi_instance_cookie cookie;
	atomic_t count = ATOMIC_INIT(0);
	struct ims_model *m;
	unsigned int i;
	int virq;

	for (i = 0; i < ARRAY_SIZE(descs); i++) {
		m = ims_beh_setup(test, descs[i], 4);
		cookie = ims_model_cookie(m, 0);
		virq = devm_ims_desc_alloc_irq(m->dev, &cookie, NULL);
		KUNIT_ASSERT_GT(test, virq, 0);
		KUNIT_EXPECT_EQ_MSG(test, request_threaded_irq(virq, NULL, ims_beh_thread, 0,
							       "thread", &count), 0,
				    "%s", descs[i]->name);
		free_irq(virq, &count);
		devm_ims_desc_free_irq(m->dev, virq);
	}
}

/*
 * A queue's entry belongs to one vector: a second vector with the same
 * queue cookie is refused; queue memory that a 64-bit field cannot be
 * stored in at once is refused too.
 */
static void ims_beh_queue_cookie_rules(struct kunit *test)
{
	struct ims_model *m = ims_beh_setup(test, &ims_desc_mlx5, 4);
	union msi_instance_cookie q0 = ims_model_cookie(m, 0), q2;
	int virq;

	virq = devm_ims_desc_alloc_irq(m->dev, &q0, NULL);
	KUNIT_ASSERT_GT(test, virq, 0);
	KUNIT_EXPECT_EQ(test, devm_ims_desc_alloc_irq(m->dev, &q0, NULL), -EBUSY);
	KUNIT_EXPECT_EQ(test, devm_ims_desc_alloc_irq_at(m->dev, 3, &q0, NULL), -EBUSY);

	m->queues[2].ims.mem = m->qmem[2] + 4;
	q2 = ims_model_cookie(m, 2);
	KUNIT_EXPECT_EQ(test, devm_ims_desc_alloc_irq(m->dev, &q2, NULL), -EINVAL);
	devm_ims_desc_free_irq(m->dev, virq);
	/* Freed, the queue takes a vector again */
	virq = devm_ims_desc_alloc_irq(m->dev, &q0, NULL);
	KUNIT_EXPECT_GT(test, virq, 0);
	if (virq > 0)
		devm_ims_desc_free_irq(m->dev, virq);
}

/*
 * Misuse of the free call: a vector of another device, one already freed,
 * a number that is no IMS vector.  Each WARNs and frees nothing; the
 * device's own vector keeps delivering and the other device's vector is
 * still its own.
 */
static void ims_beh_free_misuse(struct kunit *test)
{
	struct ims_model *m = ims_beh_setup(test, &ims_desc_idxd, 8);
	struct ims_model *other = ims_beh_setup(test, &ims_desc_idxd, 8);
	atomic_t count = ATOMIC_INIT(0);
	int virq, foreign, freed;

	virq = devm_ims_desc_alloc_irq(m->dev, NULL, NULL);
	foreign = devm_ims_desc_alloc_irq(other->dev, NULL, NULL);
	freed = devm_ims_desc_alloc_irq(m->dev, NULL, NULL);
	KUNIT_ASSERT_GT(test, virq, 0);
	KUNIT_ASSERT_GT(test, foreign, 0);
	KUNIT_ASSERT_GT(test, freed, 0);
	KUNIT_ASSERT_EQ(test, 0, request_irq(virq, ims_test_handler, 0, "misuse", &count));
	devm_ims_desc_free_irq(m->dev, freed);

	devm_ims_desc_free_irq(m->dev, foreign);
	devm_ims_desc_free_irq(m->dev, freed);
	devm_ims_desc_free_irq(m->dev, 0);

	KUNIT_EXPECT_TRUE(test, ims_model_fire(m, ims_test_slot_of(virq)));
	KUNIT_EXPECT_EQ(test, atomic_read(&count), 1);
	/* The foreign vector was not freed: its device still has it */
	KUNIT_EXPECT_PTR_EQ(test, ims_test_owner_of(foreign), other->dev);
	devm_ims_desc_free_irq(other->dev, foreign);
	KUNIT_EXPECT_NULL(test, ims_test_owner_of(foreign));
	free_irq(virq, &count);
	devm_ims_desc_free_irq(m->dev, virq);
}

/* One IMS domain per device */
static void ims_beh_create_twice(struct kunit *test)
{
	struct ims_model *m = ims_beh_setup(test, &ims_desc_idxd, 4);

	KUNIT_EXPECT_EQ(test, devm_ims_desc_create_domain(m->dev, &ims_desc_idxd, &m->storage),
			-EEXIST);
}

/* Unbinding the device frees every vector and leaves all its slots masked */
static void ims_beh_unbind_masks_all(struct kunit *test)
{
	struct ims_model *m = ims_beh_setup(test, &ims_desc_idxd, 4);
	struct ims_model_entry e;
	unsigned int i, slot[3];
	atomic_t *count;
	int virq;

	count = kunit_kcalloc(test, 3, sizeof(*count), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, count);
	for (i = 0; i < 3; i++) {
		virq = devm_ims_desc_alloc_irq(m->dev, NULL, NULL);
		KUNIT_ASSERT_GT(test, virq, 0);
		slot[i] = ims_test_slot_of(virq);
		KUNIT_ASSERT_EQ(test, 0, devm_request_irq(m->dev, virq, ims_test_handler, 0,
							  "ims-test", &count[i]));
		ims_model_decode(m, slot[i], &e);
		KUNIT_ASSERT_FALSE(test, e.masked);
	}

	kunit_device_unregister(test, m->dev);
	for (i = 0; i < 3; i++) {
		ims_model_decode(m, slot[i], &e);
		KUNIT_EXPECT_TRUE_MSG(test, e.masked, "slot %u", slot[i]);
		KUNIT_EXPECT_FALSE(test, ims_model_fire(m, slot[i]));
	}
}

/* The queue's entry, and the device's accesses, when its memory was released */
struct ims_beh_qmem {
	struct ims_model	*m;
	u8			at_release[64];
	unsigned int		accesses;
	bool			released;
};

static unsigned int ims_beh_accesses(const struct ims_model *m)
{
	return m->reads + m->writes + m->doorbells;
}

static void ims_beh_qmem_release(void *data)
{
	struct ims_beh_qmem *q = data;

	memcpy(q->at_release, ims_model_entry_bytes(q->m, 0), q->m->desc->entry_size);
	q->accesses = ims_beh_accesses(q->m);
	q->released = true;
}

/*
 * An ordinary devm driver: the domain, then a queue's memory (a device
 * resource, here an action that stands for its release), then the queue's
 * interrupt, then its handler.  At unbind the interrupt is freed, its
 * entry masked, before the memory goes, and nothing reads or writes the
 * entry after: the vector is a device resource at its own place, not
 * freed with the domain, which is older than the memory.
 */
static void ims_beh_devres_order(struct kunit *test)
{
	struct ims_model *m = ims_model_create(test, &ims_desc_mlx5, 4);
	union msi_instance_cookie cookie;
	struct ims_model_entry e;
	struct ims_beh_qmem *q;
	atomic_t count;
	int virq;

	/* In device MMIO, where the model sees every access */
	ims_model_mmio_queues(test, m);
	KUNIT_ASSERT_EQ(test, 0, devm_ims_desc_create_domain(m->dev, &ims_desc_mlx5, &m->storage));
	q = kunit_kzalloc(test, sizeof(*q), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, q);
	KUNIT_ASSERT_LE(test, m->desc->entry_size, sizeof(q->at_release));
	q->m = m;
	KUNIT_ASSERT_EQ(test, 0, devm_add_action_or_reset(m->dev, ims_beh_qmem_release, q));

	cookie = ims_model_cookie(m, 0);
	virq = devm_ims_desc_alloc_irq(m->dev, &cookie, NULL);
	KUNIT_ASSERT_GT(test, virq, 0);
	atomic_set(&count, 0);
	KUNIT_ASSERT_EQ(test, 0, devm_request_irq(m->dev, virq, ims_test_handler, 0,
						  "ims-test", &count));
	ims_desc_flush(m->dev);
	KUNIT_ASSERT_TRUE(test, ims_model_fire(m, 0));

	kunit_device_unregister(test, m->dev);
	KUNIT_ASSERT_TRUE(test, q->released);
	ims_test_decode(m->desc, q->at_release, &e);
	KUNIT_EXPECT_TRUE_MSG(test, e.masked, "the entry was live when its memory went");
	KUNIT_EXPECT_EQ_MSG(test, ims_beh_accesses(m), q->accesses,
			    "the entry was accessed after its memory went");
	KUNIT_EXPECT_MEMEQ_MSG(test, ims_model_entry_bytes(m, 0), q->at_release,
			       m->desc->entry_size, "the entry was written after its memory went");
}

/* devm_ims_desc_remove_domain() frees the vectors; the device has no domain after */
static void ims_beh_remove_domain(struct kunit *test)
{
	struct ims_model *m = ims_beh_setup(test, &ims_desc_idxd, 4);
	unsigned int i;
	int virq;

	for (i = 0; i < 3; i++)
		KUNIT_ASSERT_GT(test, devm_ims_desc_alloc_irq(m->dev, NULL, NULL), 0);
	devm_ims_desc_remove_domain(m->dev);
	KUNIT_EXPECT_EQ(test, devm_ims_desc_alloc_irq(m->dev, NULL, NULL), -ENODEV);
	/* A new domain starts from slot 0 again */
	KUNIT_ASSERT_EQ(test, 0, devm_ims_desc_create_domain(m->dev, &ims_desc_idxd, &m->storage));
	virq = devm_ims_desc_alloc_irq(m->dev, NULL, NULL);
	KUNIT_ASSERT_GT(test, virq, 0);
	KUNIT_EXPECT_EQ(test, ims_test_slot_of(virq), 0);
}

/*
 * A freed vector keeps where its control word is: a mask that reaches the
 * chip after the MSI core freed the slot (ims_domain_fini_slot()) masks
 * that slot, never slot 0, which the fast paths would reach with the
 * offset dropped.
 */
static void ims_beh_late_mask(struct kunit *test)
{
	struct ims_model *m = ims_beh_setup(test, &ims_desc_idxd, 8);
	atomic_t count = ATOMIC_INIT(0);
	struct irq_desc *idesc;
	struct irq_data *data;
	unsigned long flags;
	int first, late;
	u32 ctrl0;

	first = devm_ims_desc_alloc_irq_at(m->dev, 0, NULL, NULL);
	late = devm_ims_desc_alloc_irq_at(m->dev, 3, NULL, NULL);
	KUNIT_ASSERT_GT(test, first, 0);
	KUNIT_ASSERT_GT(test, late, 0);
	KUNIT_ASSERT_EQ(test, 0, request_irq(first, ims_test_handler, 0, "ims-first", &count));
	KUNIT_ASSERT_EQ(test, 0, request_irq(late, ims_test_handler, 0, "ims-late", &count));
	ctrl0 = ims_beh_le32(m, 0, IDXD_CTRL);
	KUNIT_EXPECT_FALSE(test, ctrl0 & IDXD_CTRL_MASKED);

	/* What the MSI core's free does to slot 3, then a mask that comes late */
	idesc = irq_to_desc(late);
	data = irq_desc_get_irq_data(idesc);
	raw_spin_lock_irqsave(&idesc->lock, flags);
	ims_domain_fini_slot(irq_data_get_irq_chip_data(data), irq_data_get_msi_desc(data));
	data->chip->irq_mask(data);
	raw_spin_unlock_irqrestore(&idesc->lock, flags);

	KUNIT_EXPECT_EQ_MSG(test, ims_beh_le32(m, 0, IDXD_CTRL), ctrl0,
			    "a freed vector's mask reached slot 0");
	KUNIT_EXPECT_TRUE(test, ims_beh_le32(m, 3, IDXD_CTRL) & IDXD_CTRL_MASKED);
	KUNIT_EXPECT_TRUE(test, ims_model_fire(m, 0));

	free_irq(late, &count);
	free_irq(first, &count);
	devm_ims_desc_free_irq(m->dev, late);
	devm_ims_desc_free_irq(m->dev, first);
}

/*
 * Storage that does not sleep and has a doorbell: the doorbell rings when
 * a slot is first programmed, with the slot's number, as after every
 * later update.
 */
static void ims_beh_doorbell_at_init(struct kunit *test)
{
	struct ims_desc *d = ims_beh_variant(test, &ims_desc_idxd, "idxd+doorbell");
	struct ims_model *m;
	unsigned int rung;
	int virq;

	ims_model_need_mmio(test, "counting doorbell writes");
	d->flags |= IMS_DESC_DOORBELL;
	m = ims_beh_setup(test, d, 8);
	rung = m->doorbells;
	virq = devm_ims_desc_alloc_irq_at(m->dev, 5, NULL, NULL);
	KUNIT_ASSERT_GT(test, virq, 0);
	KUNIT_EXPECT_GT_MSG(test, m->doorbells, rung, "the first programming rang no doorbell");
	KUNIT_EXPECT_EQ(test, m->last_doorbell, 5);
	devm_ims_desc_free_irq(m->dev, virq);
}

static void ims_beh_platform_write(struct msi_desc *desc, struct msi_msg *msg)
{
}

/*
 * A device whose MSI domain platform MSI has taken cannot have an IMS
 * domain in it: -EBUSY, with no WARN from the MSI core, and nothing of
 * its platform MSI changed; once that is gone the IMS domain is created.
 */
static void ims_beh_platform_msi_busy(struct kunit *test)
{
	struct ims_model *m = ims_model_create(test, &ims_desc_idxd, 4);
	int ret;

	ret = platform_device_msi_init_and_alloc_irqs(m->dev, 1, ims_beh_platform_write);
	KUNIT_ASSERT_EQ(test, ret, 0);
	KUNIT_EXPECT_EQ(test, devm_ims_desc_create_domain(m->dev, &ims_desc_idxd, &m->storage),
			-EBUSY);
	KUNIT_EXPECT_GT(test, msi_get_virq(m->dev, 0), 0);
	platform_device_msi_free_irqs_all(m->dev);
	KUNIT_EXPECT_EQ(test, devm_ims_desc_create_domain(m->dev, &ims_desc_idxd, &m->storage), 0);
}

static struct kunit_case ims_behaviour_cases[] = {
	KUNIT_CASE(ims_beh_idxd_pasid),
	KUNIT_CASE(ims_beh_idxd_pasid_too_wide),
	KUNIT_CASE(ims_beh_ath11k_shared_hi),
	KUNIT_CASE(ims_beh_mlx5_sync_unlock),
	KUNIT_CASE(ims_beh_commit_only_changed),
	KUNIT_CASE(ims_beh_flush_while_queued_elsewhere),
	KUNIT_CASE(ims_beh_runtime_suspended_hold),
	KUNIT_CASE(ims_beh_idxd_host_memory),
	KUNIT_CASE(ims_beh_managed_affinity),
	KUNIT_CASE(ims_beh_cycles),
	KUNIT_CASE(ims_beh_queue_needs_cookie),
	KUNIT_CASE(ims_beh_smmu_sources),
	KUNIT_CASE(ims_beh_flexrm_ring),
	KUNIT_CASE(ims_beh_parent_cannot_mask),
	KUNIT_CASE(ims_beh_address_too_wide),
	KUNIT_CASE(ims_beh_refusal_sticky),
	KUNIT_CASE(ims_beh_late_mask),
	KUNIT_CASE(ims_beh_doorbell_at_init),
	KUNIT_CASE(ims_beh_ctrl_shared),
	KUNIT_CASE(ims_beh_data_too_wide),
	KUNIT_CASE(ims_beh_mmio_queue),
	KUNIT_CASE(ims_beh_command_retry),
	KUNIT_CASE(ims_beh_free_requested),
	KUNIT_CASE(ims_beh_threaded_no_oneshot),
	KUNIT_CASE(ims_beh_queue_cookie_rules),
	KUNIT_CASE(ims_beh_device_msi_needs_count),
	KUNIT_CASE(ims_beh_free_misuse),
	KUNIT_CASE(ims_beh_no_parent),
	KUNIT_CASE(ims_beh_create_twice),
	KUNIT_CASE(ims_beh_platform_msi_busy),
	KUNIT_CASE(ims_beh_unbind_masks_all),
	KUNIT_CASE(ims_beh_devres_order),
	KUNIT_CASE(ims_beh_remove_domain),
	{}
};

static struct kunit_suite ims_behaviour_suite = {
	.name = "ims_desc_behaviour",
	.test_cases = ims_behaviour_cases,
};

kunit_test_suite(ims_behaviour_suite);

MODULE_DESCRIPTION("KUnit behaviour tests of the generic IMS chip");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS("EXPORTED_FOR_KUNIT_TESTING");
