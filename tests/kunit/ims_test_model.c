// SPDX-License-Identifier: GPL-2.0-only
/*
 * A software model of an IMS device.
 *
 * With INDIRECT_IOMEM (UML) the model's MMIO is a region registered with
 * logic_iomem, so every device access the chip makes goes through the
 * model's callbacks, which count it.  Elsewhere the storage is host memory
 * (&ims_storage.mem), which the chip accesses directly: nothing is
 * counted, and cases that need the counts or storage in MMIO are skipped
 * (ims_model_need_mmio()).  The model reads a slot's storage with its own decoder, taking
 * the descriptor as the device's specification, never the chip's code; it
 * raises the matching interrupt only when the slot is unmasked, by handing
 * the decoded message to the test MSI parent.
 */
#include <kunit/device.h>
#include <kunit/resource.h>
#include <kunit/test.h>
#include <linux/device.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/irq.h>
#include <linux/seq_file.h>
#include <linux/ioport.h>
#include <linux/export.h>
#include <linux/logic_iomem.h>
#include <linux/mutex.h>
#include <linux/sizes.h>
#include <linux/unaligned.h>

#include "ims_test.h"

/* The most storage a model has; larger storage is scaled down (ims_test_fit()) */
static_assert(IMS_MODEL_MAX_STORAGE + SZ_4K <= SZ_16M);

static DEFINE_MUTEX(ims_model_lock);
static unsigned int ims_model_serial;

#if IS_ENABLED(CONFIG_INDIRECT_IOMEM)
/* Out of the way of UML's virtio PCI regions */
#define IMS_MODEL_MMIO_BASE	0x30000000

static struct resource ims_model_res = {
	.name	= "ims-test-mmio",
	.start	= IMS_MODEL_MMIO_BASE,
	.end	= IMS_MODEL_MMIO_BASE + SZ_16M - 1,
	.flags	= IORESOURCE_MEM,
};

static struct ims_model *ims_model_mapping;
static bool ims_model_registered;

static unsigned long ims_model_read(void *priv, unsigned int offset, int size)
{
	struct ims_model *m = priv;

	m->reads++;
	if (WARN_ON(offset + size > m->size))
		return ~0UL;
	switch (size) {
	case 1:
		return m->regs[offset];
	case 2:
		return get_unaligned_le16(m->regs + offset);
	case 4:
		return get_unaligned_le32(m->regs + offset);
	default:
		return get_unaligned_le64(m->regs + offset);
	}
}

static void ims_model_write(void *priv, unsigned int offset, int size,
			    unsigned long val)
{
	struct ims_model *m = priv;

	m->writes++;
	if (WARN_ON(offset + size > m->size))
		return;
	switch (size) {
	case 1:
		m->regs[offset] = val;
		break;
	case 2:
		put_unaligned_le16(val, m->regs + offset);
		break;
	case 4:
		put_unaligned_le32(val, m->regs + offset);
		break;
	default:
		put_unaligned_le64(val, m->regs + offset);
		break;
	}
	if (offset == m->db_off) {
		m->doorbells++;
		m->last_doorbell = val;
	}
	if (m->watch >= 0) {
		struct ims_model_entry e;

		ims_model_decode(m, m->watch, &e);
		if (!e.masked && !e.addr)
			m->null_unmasked++;
	}
}

static const struct logic_iomem_ops ims_model_io_ops = {
	.read	= ims_model_read,
	.write	= ims_model_write,
};

static long ims_model_map(unsigned long offset, size_t size,
			  const struct logic_iomem_ops **ops, void **priv)
{
	*ops = &ims_model_io_ops;
	*priv = ims_model_mapping;
	return 0;
}

static const struct logic_iomem_region_ops ims_model_region_ops = {
	.map	= ims_model_map,
};

static void ims_model_iounmap(void *iomem)
{
	iounmap((void __iomem __force *)iomem);
}

/* Map the model's registers through logic_iomem; false if that fails */
static bool ims_model_map_mmio(struct kunit *test, struct ims_model *m)
{
	mutex_lock(&ims_model_lock);
	if (!ims_model_registered)
		ims_model_registered = !logic_iomem_add_region(&ims_model_res,
							       &ims_model_region_ops);
	ims_model_mapping = m;
	if (ims_model_registered)
		m->iomem = ioremap(ims_model_res.start, m->size);
	mutex_unlock(&ims_model_lock);
	if (!m->iomem)
		return false;
	return !kunit_add_action_or_reset(test, ims_model_iounmap, (void __force *)m->iomem);
}
#else
static bool ims_model_map_mmio(struct kunit *test, struct ims_model *m)
{
	return true;
}
#endif

KUNIT_DEFINE_ACTION_WRAPPER(ims_model_kvfree, kvfree, const void *);

/* The device's side of a commit command (IMS_DESC_COMMAND) */
static int ims_model_commit(struct ims_queue *q)
{
	struct ims_model_queue *mq = container_of(q, struct ims_model_queue, ims);
	struct ims_model *m = mq->model;

	might_sleep();
	m->doorbells++;
	m->last_doorbell = q->doorbell;
	if (m->commit_fail) {
		m->commit_fail--;
		return -EIO;
	}
	/* The device takes the entry as it is now */
	ims_model_decode(m, mq - m->queues, &m->taken);
	return 0;
}

/* Reset values: the reserved bits of every entry (IMS_DESC_UPPER_RESERVED) */
static void ims_model_seed(struct ims_model *m)
{
	const struct ims_desc *d = m->desc;
	unsigned int n;

	if (!(d->flags & IMS_DESC_UPPER_RESERVED))
		return;
	if (d->kind != IMS_STORAGE_QUEUE) {
		for (n = 0; n < ims_model_slots(m); n++)
			ims_test_seed_reserved(d, m->regs + ims_test_slot_offset(d, n));
		return;
	}
	for (n = 0; n < IMS_TEST_MAX_VECTORS; n++) {
		ims_test_seed_reserved(d, m->regs + m->qmmio_off + n * m->qsize + d->queue_offset);
		if (m->qmem[n])
			ims_test_seed_reserved(d, m->qmem[n] + d->queue_offset);
	}
}

/**
 * ims_model_create - Create a device model and its device
 * @test:	The test; everything is released when it ends
 * @desc:	The descriptor, the model's specification
 * @nr_slots:	Slots of the instance for descriptors with dynamic slots;
 *		ignored for fixed slots
 *
 * Context: Process context.
 * Return: the model; the test fails if it cannot be created.
 */
struct ims_model *ims_model_create(struct kunit *test, const struct ims_desc *desc,
				   unsigned int nr_slots)
{
	unsigned int slots, serial, n;
	struct ims_model *m;
	char name[32];

	m = kunit_kzalloc(test, sizeof(*m), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, m);
	m->desc = desc;
	m->mmio = IS_ENABLED(CONFIG_INDIRECT_IOMEM);
	m->watch = -1;

	slots = desc->flags & IMS_DESC_DYNAMIC_SLOTS ? nr_slots : desc->nr_slots;
	if (desc->kind == IMS_STORAGE_QUEUE) {
		/* The doorbell, then room for the queues in device MMIO */
		m->db_off = 0;
		m->qmmio_off = 8;
		m->qsize = ALIGN(desc->queue_offset + desc->entry_size, 8);
		m->size = m->qmmio_off + IMS_TEST_MAX_VECTORS * m->qsize;
	} else {
		m->db_off = ALIGN(ims_test_storage_size(desc, slots), 8);
		m->size = m->db_off + 8;
	}
	KUNIT_ASSERT_LE_MSG(test, m->size, IMS_MODEL_MAX_STORAGE + SZ_4K,
			    "%s: %u slots need %zu bytes: scale it with ims_test_fit()",
			    desc->name, slots, m->size);
	m->regs = kvzalloc(m->size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, m->regs);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, ims_model_kvfree, m->regs));

	/*
	 * Map before the device exists: test resources are released in
	 * reverse order, so the device (and its IMS domain, which masks
	 * its slots on the way out) goes first.
	 */
	KUNIT_ASSERT_TRUE_MSG(test, ims_model_map_mmio(test, m), "cannot map the model MMIO");
	mutex_lock(&ims_model_lock);
	serial = ims_model_serial++;
	mutex_unlock(&ims_model_lock);

	if (desc->kind == IMS_STORAGE_QUEUE) {
		for (n = 0; n < IMS_TEST_MAX_VECTORS; n++) {
			m->qmem[n] = kunit_kzalloc(test, desc->queue_offset + desc->entry_size,
						   GFP_KERNEL);
			KUNIT_ASSERT_NOT_NULL(test, m->qmem[n]);
			m->queues[n].model = m;
			m->queues[n].ims.mem = m->qmem[n];
			m->queues[n].ims.size = desc->queue_offset + desc->entry_size;
			m->queues[n].ims.doorbell = 0x100 + n;
			if (desc->flags & IMS_DESC_COMMAND)
				m->queues[n].ims.commit = ims_model_commit;
		}
	} else if (m->mmio) {
		m->storage.iobase = m->iomem;
		m->storage.size = ims_test_storage_size(desc, slots);
	} else {
		m->storage.mem = m->regs;
		m->storage.size = ims_test_storage_size(desc, slots);
	}
	/* Without logic_iomem the doorbell register is host memory, as MMIO accessors allow */
	if (desc->flags & IMS_DESC_DOORBELL)
		m->storage.doorbell = m->mmio ? m->iomem + m->db_off :
				      (void __iomem __force *)(m->regs + m->db_off);
	if (desc->flags & IMS_DESC_DYNAMIC_SLOTS)
		m->storage.nr_slots = nr_slots;
	ims_model_seed(m);

	snprintf(name, sizeof(name), "ims-%s-%u", desc->name, serial);
	m->dev = kunit_device_register(test, name);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, m->dev);
	KUNIT_ASSERT_EQ(test, 0, ims_test_parent_attach(m->dev, true));
	return m;
}
EXPORT_SYMBOL_GPL(ims_model_create);

/**
 * ims_model_slots - Number of slots the model's instance has
 * @m:	The model
 *
 * Context: Any context.
 * Return: the count.
 */
unsigned int ims_model_slots(const struct ims_model *m)
{
	if (!(m->desc->flags & IMS_DESC_DYNAMIC_SLOTS))
		return m->desc->nr_slots;
	return m->storage.nr_slots;
}
EXPORT_SYMBOL_GPL(ims_model_slots);

/**
 * ims_model_cookie - The instance cookie a driver passes for vector @n
 * @m:	The model
 * @n:	Vector number of the test (queue number for queue storage)
 *
 * Context: Any context.
 * Return: the cookie: the queue for queue storage, none otherwise.
 */
union msi_instance_cookie ims_model_cookie(struct ims_model *m, unsigned int n)
{
	union msi_instance_cookie c = { };

	if (m->desc->kind == IMS_STORAGE_QUEUE)
		c.ptr = &m->queues[n].ims;
	return c;
}
EXPORT_SYMBOL_GPL(ims_model_cookie);

/**
 * ims_model_entry_bytes - Raw storage of a slot (or of queue @slot's entry)
 * @m:		The model
 * @slot:	Slot number (queue number for queue storage)
 *
 * Context: Any context.
 * Return: pointer to the first byte of the entry.
 */
const u8 *ims_model_entry_bytes(struct ims_model *m, unsigned int slot)
{
	const struct ims_desc *d = m->desc;

	if (d->kind == IMS_STORAGE_QUEUE && m->queues[slot].ims.iomem)
		return m->regs + m->qmmio_off + slot * m->qsize + d->queue_offset;
	if (d->kind == IMS_STORAGE_QUEUE)
		return m->qmem[slot] + d->queue_offset;
	return m->regs + ims_test_slot_offset(d, slot);
}
EXPORT_SYMBOL_GPL(ims_model_entry_bytes);

/**
 * ims_model_decode - Decode a slot's storage as the device would
 * @m:		The model
 * @slot:	Slot number (queue number for queue storage)
 * @e:		The decoded entry
 *
 * Context: Any context.
 */
void ims_model_decode(struct ims_model *m, unsigned int slot, struct ims_model_entry *e)
{
	ims_test_decode(m->desc, ims_model_entry_bytes(m, slot), e);
}
EXPORT_SYMBOL_GPL(ims_model_decode);

/**
 * ims_model_fire - The device raises the interrupt of a slot
 * @m:		The model
 * @slot:	Slot number (queue number for queue storage)
 *
 * Context: Process context.
 * Return: true if the message reached its vector's handler.
 */
bool ims_model_fire(struct ims_model *m, unsigned int slot)
{
	unsigned int held = ims_test_parent_suppressed();
	struct ims_model_entry e;

	ims_model_decode(m, slot, &e);
	if (e.masked) {
		m->suppressed++;
		return false;
	}
	if (!ims_test_parent_deliver(e.addr, e.data)) {
		/* Storage without a mask bit: the parent's mask held it back */
		if (ims_test_parent_suppressed() != held)
			m->suppressed++;
		return false;
	}
	m->delivered++;
	return true;
}
EXPORT_SYMBOL_GPL(ims_model_fire);

/**
 * ims_model_wipe - Lose the device's storage, as a reset does
 * @m:	The model
 *
 * Zeroes every byte of the storage the model holds (registers, queue
 * memory in MMIO and in host memory), then gives reserved bits their
 * reset values (IMS_DESC_UPPER_RESERVED).  The counters are kept.
 *
 * Context: Process context.
 */
void ims_model_wipe(struct ims_model *m)
{
	unsigned int n;

	memset(m->regs, 0, m->size);
	for (n = 0; n < IMS_TEST_MAX_VECTORS; n++)
		if (m->qmem[n])
			memset(m->qmem[n], 0, m->desc->queue_offset + m->desc->entry_size);
	ims_model_seed(m);
}
EXPORT_SYMBOL_GPL(ims_model_wipe);

/**
 * ims_model_reset_counts - Zero the model's access and delivery counters
 * @m:	The model
 *
 * Context: Any context.
 */
void ims_model_reset_counts(struct ims_model *m)
{
	m->reads = 0;
	m->writes = 0;
	m->doorbells = 0;
	m->delivered = 0;
	m->suppressed = 0;
}
EXPORT_SYMBOL_GPL(ims_model_reset_counts);

static void ims_test_irq_release(void *data)
{
	struct ims_test_irq *h = data;

	if (h->count)
		free_irq(h->virq, h->count);
	devm_ims_desc_free_irq(h->dev, h->virq);
}

/**
 * ims_test_hold - Make the test own an allocated vector
 * @test:	The test
 * @dev:	The device the vector was allocated for
 * @virq:	The vector, as devm_ims_desc_alloc_irq() returned it; the test
 *		fails if it is an error
 *
 * The vector is released (free_irq() if requested, then
 * devm_ims_desc_free_irq()) when the test ends, however it ends, or earlier by
 * ims_test_drop().  So a failed assertion never leaves a vector behind for
 * the next case.
 *
 * Context: Process context.
 * Return: the handle.
 */
struct ims_test_irq *ims_test_hold(struct kunit *test, struct device *dev, int virq)
{
	struct ims_test_irq *h;

	KUNIT_ASSERT_GT_MSG(test, virq, 0, "allocation failed");
	h = kunit_kzalloc(test, sizeof(*h), GFP_KERNEL);
	if (!h)
		devm_ims_desc_free_irq(dev, virq);
	KUNIT_ASSERT_NOT_NULL(test, h);
	h->dev = dev;
	h->virq = virq;
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, ims_test_irq_release, h));
	return h;
}
EXPORT_SYMBOL_GPL(ims_test_hold);

/**
 * ims_test_request - request_irq() a held vector with the counting handler
 * @test:	The test
 * @h:		The vector
 * @count:	Counter of the handler, zeroed
 *
 * Context: Process context.
 */
void ims_test_request(struct kunit *test, struct ims_test_irq *h, atomic_t *count)
{
	atomic_set(count, 0);
	KUNIT_ASSERT_EQ(test, 0, request_irq(h->virq, ims_test_handler, 0, "ims-test", count));
	h->count = count;
}
EXPORT_SYMBOL_GPL(ims_test_request);

/**
 * ims_test_drop - Release a held vector now
 * @test:	The test
 * @h:		The vector
 *
 * Context: Process context.
 */
void ims_test_drop(struct kunit *test, struct ims_test_irq *h)
{
	kunit_release_action(test, ims_test_irq_release, h);
}
EXPORT_SYMBOL_GPL(ims_test_drop);

/**
 * ims_vectors_alloc - Allocate and request vectors as a driver would
 * @test:	The test; the vectors are released when it ends
 * @m:		The model, whose device has an IMS domain
 * @v:		Filled in with the vectors
 * @nr:		How many; vector i uses the model's cookie i
 *
 * Context: Process context.
 */
void ims_vectors_alloc(struct kunit *test, struct ims_model *m,
		       struct ims_vectors *v, unsigned int nr)
{
	ims_vectors_alloc_cookies(test, m, v, nr, ims_model_cookie);
}
EXPORT_SYMBOL_GPL(ims_vectors_alloc);

/**
 * ims_vectors_alloc_cookies - ims_vectors_alloc() with cookies of the test's
 * @test:	The test; the vectors are released when it ends
 * @m:		The model, whose device has an IMS domain
 * @v:		Filled in with the vectors
 * @nr:		How many
 * @cookie:	Gives the instance cookie of vector i
 *
 * Context: Process context.
 */
void ims_vectors_alloc_cookies(struct kunit *test, struct ims_model *m,
			       struct ims_vectors *v, unsigned int nr,
			       union msi_instance_cookie (*cookie)(struct ims_model *m,
								   unsigned int n))
{
	union msi_instance_cookie c;
	unsigned int i;
	int virq;

	KUNIT_ASSERT_LE(test, nr, IMS_TEST_MAX_VECTORS);
	v->test = test;
	for (i = 0; i < nr; i++) {
		c = cookie(m, i);
		virq = devm_ims_desc_alloc_irq(m->dev, &c, NULL);
		KUNIT_ASSERT_GT_MSG(test, virq, 0, "vector %u of %s", i, m->desc->name);
		v->h[i] = ims_test_hold(test, m->dev, virq);
		v->virq[i] = virq;
		v->loc[i] = m->desc->kind == IMS_STORAGE_QUEUE ? i : ims_test_slot_of(virq);
		v->nr = i + 1;
		/* Mask on disable_irq() at once, so the model sees it */
		irq_set_status_flags(virq, IRQ_DISABLE_UNLAZY);
		ims_test_request(test, v->h[i], &v->count[i]);
	}
}
EXPORT_SYMBOL_GPL(ims_vectors_alloc_cookies);

/**
 * ims_test_show - Run a debugfs show function of the IMS core on a buffer
 * @test:	The test; the buffer is freed when it ends
 * @dev:	The device whose domain is shown
 * @show:	ims_debugfs_slots_show() or ims_debugfs_storage_show()
 *
 * Fails the test if the view does not fit a page.
 *
 * Context: Process context.
 * Return: the text, NUL-terminated.
 */
char *ims_test_show(struct kunit *test, struct device *dev,
		    int (*show)(struct seq_file *m, void *unused))
{
	struct seq_file *sf = kunit_kzalloc(test, sizeof(*sf), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, sf);
	sf->size = PAGE_SIZE;
	sf->buf = kunit_kzalloc(test, sf->size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, sf->buf);
	sf->private = dev;
	KUNIT_ASSERT_EQ(test, show(sf, NULL), 0);
	KUNIT_ASSERT_FALSE_MSG(test, seq_has_overflowed(sf), "debugfs view overflowed");
	return sf->buf;
}
EXPORT_SYMBOL_GPL(ims_test_show);

/**
 * ims_vectors_free - Release and free vectors as a driver would
 * @m:		The model
 * @v:		The vectors
 *
 * First expects the reserved bits of their entries to hold their values
 * still (IMS_DESC_UPPER_RESERVED), whatever the test did.
 *
 * Context: Process context.
 */
void ims_vectors_free(struct ims_model *m, struct ims_vectors *v)
{
	struct ims_model_entry e;
	unsigned int i;

	/* Whatever the case did, the reserved bits kept their values */
	for (i = 0; i < v->nr; i++) {
		ims_model_decode(m, v->loc[i], &e);
		KUNIT_EXPECT_FALSE_MSG(v->test, e.reserved_lost,
				       "%s: a reserved bit of entry %u changed",
				       m->desc->name, v->loc[i]);
	}
	while (v->nr) {
		v->nr--;
		ims_test_drop(v->test, v->h[v->nr]);
	}
}
EXPORT_SYMBOL_GPL(ims_vectors_free);

/**
 * ims_vectors_total - Handler invocations of all vectors
 * @v:	The vectors
 *
 * Context: Any context.
 * Return: the sum.
 */
unsigned int ims_vectors_total(struct ims_vectors *v)
{
	unsigned int i, sum = 0;

	for (i = 0; i < v->nr; i++)
		sum += atomic_read(&v->count[i]);
	return sum;
}
EXPORT_SYMBOL_GPL(ims_vectors_total);
