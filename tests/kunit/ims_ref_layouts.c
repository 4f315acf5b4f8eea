// SPDX-License-Identifier: GPL-2.0-only
/*
 * Hand-written chips, one per shipped layout other than IDXD's (that one
 * is ims_ref_chip.c): what the benchmark measures the generic chip
 * against, layout by layout, on the same host-memory storage.
 *
 * - ath11k style: an irq chip as its driver would write it, with the ring
 *   offsets of the hardware and the high address word cached with its
 *   enable bit.
 * - mlx5 style: a sleeping chip that collects mask and message changes
 *   under its bus lock and writes the queue entry, then rings the
 *   doorbell, in irq_bus_sync_unlock(); a change made outside a
 *   bus-locked section (an affinity change) is committed by a work item.
 * - The drivers converted to ims-desc (Broadcom FlexRM, Marvell XOR v2,
 *   Arm SMMUv3 and its PMCG): their own 6.12 platform-MSI write callbacks,
 *   behind the kernel's platform_device_msi_init_and_alloc_irqs(), with
 *   writes to host memory in place of their MMIO accessors.
 */
#include <linux/export.h>
#include <linux/device.h>
#include <linux/irq.h>
#include <linux/msi.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#include "ims_test.h"

/* The driver data of a reference: where its storage is */
struct ims_ref_drv {
	void			*regs;
	void __iomem		*doorbell;
	void			*rings[8];
	raw_spinlock_t		lock;		/* vector state against the chip callbacks */
	struct mutex		bus_lock;	/* bus-locked sections */
	struct msi_desc		*bus_desc;
	struct device		*dev;
	struct work_struct	work;
};

static void ims_ref_w32(void *p, u32 val)
{
	WRITE_ONCE(*(__le32 *)p, cpu_to_le32(val));
}

static void ims_ref_w64(void *p, u64 val)
{
	WRITE_ONCE(*(__le64 *)p, cpu_to_le64(val));
}

/* ath11k style: lo @0, hi @4 (address bits 0..7, bit 8 enables), data @8 */
#define ATH_ADDR_LO		0
#define ATH_ADDR_HI		4
#define ATH_DATA		8
#define ATH_HI_ENABLE		BIT(8)
#define ATH_HI_ADDR		GENMASK(7, 0)

static void *ims_ref_ath_ring(struct irq_data *d)
{
	struct ims_ref_drv *drv = irq_data_get_irq_chip_data(d);

	/* The ring offsets are the hardware's, as the driver knows them */
	return drv->regs + ims_desc_ath11k.slot_offsets[irqd_to_hwirq(d)];
}

static void ims_ref_ath_set_hi(struct irq_data *d, u32 hi)
{
	irq_data_get_msi_desc(d)->data.dcookie.value = hi;
	ims_ref_w32(ims_ref_ath_ring(d) + ATH_ADDR_HI, hi);
}

static void ims_ref_ath_mask(struct irq_data *d)
{
	ims_ref_ath_set_hi(d, irq_data_get_msi_desc(d)->data.dcookie.value & ~ATH_HI_ENABLE);
}

static void ims_ref_ath_unmask(struct irq_data *d)
{
	ims_ref_ath_set_hi(d, irq_data_get_msi_desc(d)->data.dcookie.value | ATH_HI_ENABLE);
}

static void ims_ref_ath_write_msg(struct irq_data *d, struct msi_msg *msg)
{
	u32 hi = irq_data_get_msi_desc(d)->data.dcookie.value & ATH_HI_ENABLE;
	void *ring = ims_ref_ath_ring(d);

	ims_ref_w32(ring + ATH_ADDR_LO, msg->address_lo);
	ims_ref_w32(ring + ATH_DATA, msg->data);
	ims_ref_ath_set_hi(d, hi | (msg->address_hi & ATH_HI_ADDR));
}

/* mlx5 style: entry @0x40 of the queue: addr64 @0, data @8, ctrl @12 bit 31 masks */
#define MLX5_ENTRY		0x40
#define MLX5_ADDR		0
#define MLX5_DATA		8
#define MLX5_CTRL		12
#define MLX5_CTRL_MASKED	BIT(31)
/* Vector state in the MSI descriptor: masked, and what is still to write */
#define MLX5_VEC_MASKED		BIT_ULL(0)
#define MLX5_VEC_DIRTY_CTRL	BIT_ULL(1)
#define MLX5_VEC_DIRTY_MSG	BIT_ULL(2)

/* Called with drv->lock held: outside a bus-locked section, commit later */
static void ims_ref_mlx5_unlock(struct ims_ref_drv *drv, struct msi_desc *desc,
				unsigned long flags)
	__releases(&drv->lock)
{
	bool later = drv->bus_desc != desc;

	raw_spin_unlock_irqrestore(&drv->lock, flags);
	if (later)
		schedule_work(&drv->work);
}

static void ims_ref_mlx5_update(struct irq_data *d, u64 clear, u64 set)
{
	struct ims_ref_drv *drv = irq_data_get_irq_chip_data(d);
	struct msi_desc *desc = irq_data_get_msi_desc(d);
	unsigned long flags;

	raw_spin_lock_irqsave(&drv->lock, flags);
	desc->data.dcookie.value = (desc->data.dcookie.value & ~clear) | set;
	ims_ref_mlx5_unlock(drv, desc, flags);
}

static void ims_ref_mlx5_mask(struct irq_data *d)
{
	ims_ref_mlx5_update(d, 0, MLX5_VEC_MASKED | MLX5_VEC_DIRTY_CTRL);
}

static void ims_ref_mlx5_unmask(struct irq_data *d)
{
	ims_ref_mlx5_update(d, MLX5_VEC_MASKED, MLX5_VEC_DIRTY_CTRL);
}

static void ims_ref_mlx5_write_msg(struct irq_data *d, struct msi_msg *msg)
{
	struct ims_ref_drv *drv = irq_data_get_irq_chip_data(d);
	struct msi_desc *desc = irq_data_get_msi_desc(d);
	unsigned long flags;

	raw_spin_lock_irqsave(&drv->lock, flags);
	desc->msg = *msg;
	desc->data.dcookie.value |= MLX5_VEC_DIRTY_MSG;
	ims_ref_mlx5_unlock(drv, desc, flags);
}

static void ims_ref_mlx5_bus_lock(struct irq_data *d)
{
	struct ims_ref_drv *drv = irq_data_get_irq_chip_data(d);

	mutex_lock(&drv->bus_lock);
	drv->bus_desc = irq_data_get_msi_desc(d);
}

/* Write a vector's queue entry if it changed, and ring the doorbell */
static void ims_ref_mlx5_commit(struct ims_ref_drv *drv, struct msi_desc *desc, bool leave)
{
	struct ims_queue *q;
	unsigned long flags;
	struct msi_msg msg;
	void *entry;
	u64 state;

	raw_spin_lock_irqsave(&drv->lock, flags);
	state = desc->data.dcookie.value;
	msg = desc->msg;
	desc->data.dcookie.value = state & MLX5_VEC_MASKED;
	if (leave)
		drv->bus_desc = NULL;
	raw_spin_unlock_irqrestore(&drv->lock, flags);
	if (!(state & (MLX5_VEC_DIRTY_CTRL | MLX5_VEC_DIRTY_MSG)))
		return;

	q = desc->data.icookie.ptr;
	entry = q->mem + MLX5_ENTRY;
	if (state & MLX5_VEC_DIRTY_MSG) {
		ims_ref_w64(entry + MLX5_ADDR, (u64)msg.address_hi << 32 | msg.address_lo);
		ims_ref_w32(entry + MLX5_DATA, msg.data);
	}
	ims_ref_w32(entry + MLX5_CTRL, state & MLX5_VEC_MASKED ? MLX5_CTRL_MASKED : 0);
	/* The entry must be visible before the device looks */
	wmb();
	writel(q->doorbell, drv->doorbell);
}

static void ims_ref_mlx5_bus_sync_unlock(struct irq_data *d)
{
	struct ims_ref_drv *drv = irq_data_get_irq_chip_data(d);
	struct msi_desc *desc = irq_data_get_msi_desc(d);

	if (desc)
		ims_ref_mlx5_commit(drv, desc, true);
	mutex_unlock(&drv->bus_lock);
}

static void ims_ref_mlx5_work(struct work_struct *work)
{
	struct ims_ref_drv *drv = container_of(work, struct ims_ref_drv, work);
	struct msi_desc *desc;

	scoped_guard(msi_descs_lock, drv->dev) {
		msi_for_each_desc(desc, drv->dev, MSI_DESC_ASSOCIATED) {
			mutex_lock(&drv->bus_lock);
			ims_ref_mlx5_commit(drv, desc, false);
			mutex_unlock(&drv->bus_lock);
		}
	}
}

static void ims_ref_set_desc(msi_alloc_info_t *arg, struct msi_desc *desc)
{
	arg->desc = desc;
	arg->hwirq = desc->msi_index;
}

static void ims_ref_mlx5_set_desc(msi_alloc_info_t *arg, struct msi_desc *desc)
{
	ims_ref_set_desc(arg, desc);
	desc->data.dcookie.value = MLX5_VEC_MASKED | MLX5_VEC_DIRTY_CTRL;
}

static const struct msi_domain_template ims_ref_ath_template = {
	.chip = {
		.name			= "ims-ref-ath11k",
		.irq_mask		= ims_ref_ath_mask,
		.irq_unmask		= ims_ref_ath_unmask,
		.irq_shutdown		= ims_ref_ath_mask,
		.irq_write_msi_msg	= ims_ref_ath_write_msg,
		.flags			= IRQCHIP_SKIP_SET_WAKE,
	},
	.ops = {
		.set_desc		= ims_ref_set_desc,
	},
	.info = {
		.bus_token		= DOMAIN_BUS_DEVICE_MSI,
	},
};

static const struct msi_domain_template ims_ref_mlx5_template = {
	.chip = {
		.name			= "ims-ref-mlx5",
		.irq_mask		= ims_ref_mlx5_mask,
		.irq_unmask		= ims_ref_mlx5_unmask,
		.irq_shutdown		= ims_ref_mlx5_mask,
		.irq_write_msi_msg	= ims_ref_mlx5_write_msg,
		.irq_bus_lock		= ims_ref_mlx5_bus_lock,
		.irq_bus_sync_unlock	= ims_ref_mlx5_bus_sync_unlock,
		.flags			= IRQCHIP_SKIP_SET_WAKE,
	},
	.ops = {
		.set_desc		= ims_ref_mlx5_set_desc,
	},
	.info = {
		.bus_token		= DOMAIN_BUS_DEVICE_MSI,
	},
};

/*
 * The 6.12 write callbacks of the converted drivers, with their register
 * offsets; only the accessors differ (host memory instead of MMIO).
 */
#define FLEXRM_RING_REGS_SIZE	0x10000
#define FLEXRM_MSI_ADDR_LS	0x03c
#define FLEXRM_MSI_ADDR_MS	0x040
#define FLEXRM_MSI_DATA_VALUE	0x064

static void ims_ref_flexrm_write(struct msi_desc *desc, struct msi_msg *msg)
{
	struct ims_ref_drv *drv = dev_get_drvdata(desc->dev);
	void *ring = drv->rings[desc->msi_index];

	ims_ref_w32(ring + FLEXRM_MSI_ADDR_LS, msg->address_lo);
	ims_ref_w32(ring + FLEXRM_MSI_ADDR_MS, msg->address_hi);
	ims_ref_w32(ring + FLEXRM_MSI_DATA_VALUE, msg->data);
}

#define MV_XOR_V2_DMA_IMSG_CDAT_OFF	0x014
#define MV_XOR_V2_DMA_IMSG_BALR_OFF	0x050
#define MV_XOR_V2_DMA_IMSG_BAHR_OFF	0x054

static void ims_ref_mv_xor_write(struct msi_desc *desc, struct msi_msg *msg)
{
	struct ims_ref_drv *drv = dev_get_drvdata(desc->dev);

	ims_ref_w32(drv->regs + MV_XOR_V2_DMA_IMSG_BALR_OFF, msg->address_lo);
	ims_ref_w32(drv->regs + MV_XOR_V2_DMA_IMSG_BAHR_OFF, msg->address_hi & 0xFFFF);
	ims_ref_w32(drv->regs + MV_XOR_V2_DMA_IMSG_CDAT_OFF, msg->data);
}

#define MSI_CFG0_ADDR_MASK		GENMASK_ULL(51, 2)
#define MSI_CFG2_MEMATTR_DEVICE_NGNRE	0x1
#define SMMU_PMCG_IRQ_CFG0		0xE58
#define SMMU_PMCG_IRQ_CFG1		0xE60
#define SMMU_PMCG_IRQ_CFG2		0xE64

static void ims_ref_pmcg_write(struct msi_desc *desc, struct msi_msg *msg)
{
	struct ims_ref_drv *drv = dev_get_drvdata(desc->dev);
	u64 doorbell;

	doorbell = (((u64)msg->address_hi) << 32) | msg->address_lo;
	doorbell &= MSI_CFG0_ADDR_MASK;

	ims_ref_w64(drv->regs + SMMU_PMCG_IRQ_CFG0, doorbell);
	ims_ref_w32(drv->regs + SMMU_PMCG_IRQ_CFG1, msg->data);
	ims_ref_w32(drv->regs + SMMU_PMCG_IRQ_CFG2, MSI_CFG2_MEMATTR_DEVICE_NGNRE);
}

static const u32 ims_ref_smmu_msi_cfg[3][3] = {
	{ 0xb0, 0xb8, 0xbc },	/* EVTQ_IRQ_CFG0..2 */
	{ 0x68, 0x70, 0x74 },	/* GERROR_IRQ_CFG0..2 */
	{ 0xd0, 0xd8, 0xdc },	/* PRIQ_IRQ_CFG0..2 */
};

static void ims_ref_smmu_write(struct msi_desc *desc, struct msi_msg *msg)
{
	struct ims_ref_drv *drv = dev_get_drvdata(desc->dev);
	const u32 *cfg = ims_ref_smmu_msi_cfg[desc->msi_index];
	u64 doorbell;

	doorbell = (((u64)msg->address_hi) << 32) | msg->address_lo;
	doorbell &= MSI_CFG0_ADDR_MASK;

	ims_ref_w64(drv->regs + cfg[0], doorbell);
	ims_ref_w32(drv->regs + cfg[1], msg->data);
	ims_ref_w32(drv->regs + cfg[2], MSI_CFG2_MEMATTR_DEVICE_NGNRE);
}

/* A platform-MSI device: all its vectors allocated at once, as the drivers do */
static int ims_ref_pmsi(struct device *dev, unsigned int nvec, irq_write_msi_msg_t write)
{
	int ret = platform_device_msi_init_and_alloc_irqs(dev, nvec, write);

	return ret ? ret : msi_get_virq(dev, 0);
}

static int ims_ref_domain(struct device *dev, const struct msi_domain_template *tmpl,
			  struct ims_ref_drv *drv, unsigned int slots,
			  union msi_instance_cookie *cookie)
{
	struct msi_map map;

	if (!msi_create_device_irq_domain(dev, MSI_DEFAULT_DOMAIN, tmpl, slots, NULL, drv))
		return -ENODEV;
	map = msi_domain_alloc_irq_at(dev, MSI_DEFAULT_DOMAIN, MSI_ANY_INDEX, NULL, cookie);
	return map.index < 0 ? map.index : map.virq;
}

/**
 * ims_ref_layout_alloc - A vector on the reference chip of a model's layout
 * @m:	A model whose device has no MSI domain yet; its host-memory storage
 *	(queue 0 for queue storage) and doorbell are the reference's
 *
 * Context: Process context, may sleep.
 * Return: the Linux interrupt number of the vector of slot 0 (queue 0),
 * -ENOENT if there is no reference chip for the layout, or another
 * negative error code.
 */
int ims_ref_layout_alloc(struct ims_model *m)
{
	const char *name = m->desc->name;
	union msi_instance_cookie cookie;
	struct ims_ref_drv *drv;
	unsigned int i;

	drv = devm_kzalloc(m->dev, sizeof(*drv), GFP_KERNEL);
	if (!drv)
		return -ENOMEM;
	drv->regs = m->regs;
	drv->doorbell = m->storage.doorbell;
	drv->dev = m->dev;
	raw_spin_lock_init(&drv->lock);
	mutex_init(&drv->bus_lock);
	INIT_WORK(&drv->work, ims_ref_mlx5_work);
	for (i = 0; i < ARRAY_SIZE(drv->rings); i++)
		drv->rings[i] = m->regs + i * FLEXRM_RING_REGS_SIZE;
	dev_set_drvdata(m->dev, drv);

	if (!strcmp(name, "ath11k"))
		return ims_ref_domain(m->dev, &ims_ref_ath_template, drv,
				      ims_model_slots(m), NULL);
	if (!strcmp(name, "mlx5")) {
		cookie = ims_model_cookie(m, 0);
		return ims_ref_domain(m->dev, &ims_ref_mlx5_template, drv,
				      IMS_TEST_MAX_VECTORS, &cookie);
	}
	if (!strcmp(name, "bcm_flexrm"))
		return ims_ref_pmsi(m->dev, min(ims_model_slots(m), 8U), ims_ref_flexrm_write);
	if (!strcmp(name, "mv_xor_v2"))
		return ims_ref_pmsi(m->dev, 1, ims_ref_mv_xor_write);
	if (!strcmp(name, "arm_smmu_v3_pmu"))
		return ims_ref_pmsi(m->dev, 1, ims_ref_pmcg_write);
	if (!strcmp(name, "arm_smmu_v3"))
		return ims_ref_pmsi(m->dev, 3, ims_ref_smmu_write);
	return -ENOENT;
}
EXPORT_SYMBOL_GPL(ims_ref_layout_alloc);

/**
 * ims_ref_layout_free - Free the vectors of a reference chip
 * @m:	The model ims_ref_layout_alloc() was given, its vectors released
 *	with free_irq()
 *
 * Context: Process context, may sleep.
 */
void ims_ref_layout_free(struct ims_model *m)
{
	struct ims_ref_drv *drv = dev_get_drvdata(m->dev);

	msi_domain_free_irqs_all(m->dev, MSI_DEFAULT_DOMAIN);
	cancel_work_sync(&drv->work);
}
EXPORT_SYMBOL_GPL(ims_ref_layout_free);
