// SPDX-License-Identifier: GPL-2.0-only
/*
 * The IMS conformance cases, for any descriptor (see <kunit/ims_desc.h>),
 * and the fixtures that keep them correct for every valid one: storage
 * or slot counts the platform cannot hold are scaled down, and said so;
 * every vector a case allocates is released when it ends, so a failed
 * case leaves nothing behind for the next.
 */
#include <kunit/ims_desc.h>
#include <kunit/test.h>
#include <linux/export.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/minmax.h>
#include <linux/module.h>
#include <linux/numa.h>
#include <linux/slab.h>

#include "ims-desc-internal.h"
#include "ims_test.h"

/* Vectors per case */
#define IMS_CONF_VECTORS	8
/* How many irq descriptors ims_test_irq_capacity() looks for at most */
#define IMS_TEST_IRQ_PROBE	1024

/**
 * ims_desc_kunit_params - Parameter generator over descriptors
 * @descs:	The descriptors
 * @nr:		How many
 * @params:	Room for 2 * @nr + 1 parameters, filled on the first call
 * @prev:	The previous parameter, NULL for the first
 * @name:	Filled with the parameter's name
 *
 * Yields each descriptor once, and queue storage a second time with its
 * queues in device MMIO.
 *
 * Context: Process context; the calls of one run of a case are serialised.
 * Return: the next parameter, or NULL after the last.
 */
const void *ims_desc_kunit_params(const struct ims_desc *const *descs, unsigned int nr,
				  struct ims_desc_kunit_param *params, const void *prev,
				  char *name)
{
	const struct ims_desc_kunit_param *p = prev;
	unsigned int i, n = 0;

	if (!p) {
		for (i = 0; i < nr; i++) {
			params[n++] = (struct ims_desc_kunit_param){ .desc = descs[i] };
			if (descs[i]->kind == IMS_STORAGE_QUEUE)
				params[n++] = (struct ims_desc_kunit_param){
					.desc = descs[i], .mmio_queues = true };
		}
		params[n].desc = NULL;
		p = params;
	} else {
		p++;
	}
	if (!p->desc)
		return NULL;
	snprintf(name, KUNIT_PARAM_DESC_SIZE, "%s%s", p->desc->name,
		 p->mmio_queues ? "/mmio-queues" : "");
	return p;
}
EXPORT_SYMBOL_GPL(ims_desc_kunit_params);

/**
 * ims_test_irq_capacity - How many irq descriptors the platform can still give
 * @test:	The test
 * @limit:	Stop counting here
 *
 * Allocates irq descriptors one at a time until none is left or @limit is
 * reached, then frees them.  UML, without SPARSE_IRQ, has a few dozen.
 *
 * Context: Process context, may sleep.
 * Return: the count, at most @limit.
 */
unsigned int ims_test_irq_capacity(struct kunit *test, unsigned int limit)
{
	unsigned int i, n;
	int *irq;

	irq = kunit_kcalloc(test, limit, sizeof(*irq), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, irq);
	for (n = 0; n < limit; n++) {
		irq[n] = irq_alloc_descs(-1, 1, 1, NUMA_NO_NODE);
		if (irq[n] < 0)
			break;
	}
	for (i = 0; i < n; i++)
		irq_free_descs(irq[i], 1);
	return n;
}
EXPORT_SYMBOL_GPL(ims_test_irq_capacity);

/**
 * ims_test_fit - The descriptor, scaled to what the test can hold
 * @test:	The test; a scaled copy lives as long as it does
 * @d:		The descriptor
 * @max_slots:	Slots the test can use at most
 * @max_bytes:	Bytes of storage the test can provide at most
 * @why:	What limits it, for the message
 *
 * Fixed slots beyond either limit are cut: an array keeps its stride and
 * first slots, a table its first entries.  The cap of dynamic slots is
 * lowered the same way.  A scaled descriptor says so in the test log and
 * its name.
 *
 * Context: Process context.
 * Return: @d, or a scaled copy of it.
 */
const struct ims_desc *ims_test_fit(struct kunit *test, const struct ims_desc *d,
				    unsigned int max_slots, size_t max_bytes, const char *why)
{
	unsigned int slots = d->nr_slots ? d->nr_slots : IMS_DESC_MAX_SLOTS;
	unsigned int n = min(slots, max_slots);
	struct ims_desc *s;
	char *name;

	while (n > 1 && d->kind != IMS_STORAGE_QUEUE && ims_test_storage_size(d, n) > max_bytes)
		n = d->kind == IMS_STORAGE_ARRAY ? min(n - 1, (unsigned int)(max_bytes / d->stride))
						 : n - 1;
	if (n == slots)
		return d;
	if (!(d->flags & IMS_DESC_DYNAMIC_SLOTS))
		kunit_info(test, "%s: scaled from %u to %u slots: %s\n", d->name, slots, n, why);

	s = kunit_kmalloc(test, sizeof(*s), GFP_KERNEL);
	name = kunit_kzalloc(test, KUNIT_PARAM_DESC_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_ASSERT_NOT_NULL(test, name);
	snprintf(name, KUNIT_PARAM_DESC_SIZE, "%s (%u of %u slots)", d->name, n, slots);
	*s = *d;
	s->name = name;
	s->nr_slots = n;
	return s;
}
EXPORT_SYMBOL_GPL(ims_test_fit);

static const struct ims_desc_kunit_param *ims_conf_param(struct kunit *test)
{
	return test->param_value;
}

/*
 * A model with its IMS domain, for the descriptor scaled to at most
 * @max_slots slots and to the storage the model holds; an instance of
 * dynamic slots gets @dyn_slots (or the descriptor's cap, if lower).
 */
static struct ims_model *ims_conf_setup_at(struct kunit *test, const struct ims_desc *d,
					   unsigned int max_slots, unsigned int dyn_slots,
					   const char *why)
{
	const struct ims_desc_kunit_param *p = ims_conf_param(test);
	struct ims_model *m;
	unsigned int slots;

	if (p->mmio_queues)
		ims_model_need_mmio(test, "queues in device MMIO");
	/* The model has IMS_TEST_MAX_VECTORS queues, one more than used */
	if (d->kind == IMS_STORAGE_QUEUE) {
		max_slots = min(max_slots, IMS_TEST_MAX_VECTORS - 1);
		why = why ?: "the device model has 15 queues to allocate from";
	}
	d = ims_test_fit(test, d, max_slots, IMS_MODEL_MAX_STORAGE,
			 why ?: "the device model holds at most 4 MiB of storage");
	slots = d->nr_slots;
	if (d->flags & IMS_DESC_DYNAMIC_SLOTS)
		slots = slots ? min(slots, dyn_slots) : dyn_slots;
	KUNIT_ASSERT_EQ(test, 0, ims_test_parent_configure(test, ims_test_low_addr(d), true));
	m = ims_model_create(test, d, slots);
	if (p->mmio_queues)
		ims_model_mmio_queues(test, m);
	KUNIT_ASSERT_EQ(test, 0, devm_ims_desc_create_domain(m->dev, d, &m->storage));
	return m;
}

static struct ims_model *ims_conf_setup(struct kunit *test)
{
	return ims_conf_setup_at(test, ims_conf_param(test)->desc, IMS_DESC_MAX_SLOTS,
				 IMS_CONF_VECTORS, NULL);
}

static bool ims_conf_parent_mask(const struct ims_model *m)
{
	return m->desc->flags & IMS_DESC_PARENT_MASK;
}

/*
 * A slot that cannot send: masked in the storage, or for storage without
 * a mask bit, holding the null message.
 */
static bool ims_conf_quiet(struct ims_model *m, unsigned int loc)
{
	return ims_test_quiet(m->desc, ims_model_entry_bytes(m, loc));
}

static unsigned int ims_conf_nr(struct ims_model *m)
{
	return min(ims_model_slots(m), IMS_CONF_VECTORS);
}

static bool ims_conf_mmio(const struct ims_model *m)
{
	return m->desc->kind != IMS_STORAGE_QUEUE;
}

/**
 * ims_desc_kunit_validates - The descriptor passes validation
 * @test:	The test; its parameter is a &struct ims_desc_kunit_param
 *
 * Context: Process context (a KUnit case).
 */
void ims_desc_kunit_validates(struct kunit *test)
{
	const struct ims_desc *d = ims_conf_param(test)->desc;
	struct ims_desc_error err = { };

	KUNIT_EXPECT_EQ_MSG(test, 0, ims_desc_check(d, &err), "%s: %s", err.field, err.reason);
	KUNIT_EXPECT_EQ(test, 0, ims_desc_validate(d));
}
EXPORT_SYMBOL_GPL(ims_desc_kunit_validates);

/* alloc -> write_msg -> unmask -> fire -> handler runs once, on its vector only */
/**
 * ims_desc_kunit_fire_once - Every vector delivered once, on its own vector only
 * @test:	The test; its parameter is a &struct ims_desc_kunit_param
 *
 * Context: Process context (a KUnit case).
 */
void ims_desc_kunit_fire_once(struct kunit *test)
{
	struct ims_model *m = ims_conf_setup(test);
	unsigned int misrouted = ims_test_parent_misrouted();
	struct ims_model_entry e;
	struct ims_vectors v;
	unsigned int i;
	u64 addr;
	u32 data;

	ims_vectors_alloc(test, m, &v, ims_conf_nr(m));
	for (i = 0; i < v.nr; i++) {
		ims_model_decode(m, v.loc[i], &e);
		KUNIT_EXPECT_FALSE_MSG(test, e.masked, "vector %u masked after request_irq", i);
		ims_test_parent_expected(v.virq[i], &addr, &data);
		KUNIT_EXPECT_EQ(test, e.addr, addr);
		KUNIT_EXPECT_EQ(test, e.data, data);
	}
	for (i = 0; i < v.nr; i++) {
		KUNIT_EXPECT_TRUE_MSG(test, ims_model_fire(m, v.loc[i]), "vector %u", i);
		KUNIT_EXPECT_EQ(test, atomic_read(&v.count[i]), 1);
		KUNIT_EXPECT_EQ(test, ims_vectors_total(&v), i + 1);
	}
	KUNIT_EXPECT_EQ(test, ims_test_parent_misrouted(), misrouted);
	ims_vectors_free(m, &v);
}
EXPORT_SYMBOL_GPL(ims_desc_kunit_fire_once);

/* A masked slot is not delivered; unmasking it delivers again */
/**
 * ims_desc_kunit_mask_suppresses - A masked slot is not delivered; unmasking delivers again
 * @test:	The test; its parameter is a &struct ims_desc_kunit_param
 *
 * Context: Process context (a KUnit case).
 */
void ims_desc_kunit_mask_suppresses(struct kunit *test)
{
	struct ims_model *m = ims_conf_setup(test);
	struct ims_model_entry e;
	struct ims_vectors v;

	ims_vectors_alloc(test, m, &v, min(ims_conf_nr(m), 2U));

	disable_irq(v.virq[0]);
	ims_model_decode(m, v.loc[0], &e);
	/* Without a mask bit the storage keeps its message; the parent masks */
	KUNIT_EXPECT_EQ(test, e.masked, !ims_conf_parent_mask(m));
	KUNIT_EXPECT_FALSE(test, ims_model_fire(m, v.loc[0]));
	KUNIT_EXPECT_EQ(test, m->suppressed, 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&v.count[0]), 0);
	if (v.nr > 1) {
		/* Masking one slot leaves the others alone */
		KUNIT_EXPECT_TRUE(test, ims_model_fire(m, v.loc[1]));
		KUNIT_EXPECT_EQ(test, atomic_read(&v.count[1]), 1);
	}

	enable_irq(v.virq[0]);
	KUNIT_EXPECT_TRUE(test, ims_model_fire(m, v.loc[0]));
	KUNIT_EXPECT_EQ(test, atomic_read(&v.count[0]), 1);
	ims_vectors_free(m, &v);
}
EXPORT_SYMBOL_GPL(ims_desc_kunit_mask_suppresses);

/* An affinity change rewrites the message and delivery follows it */
/**
 * ims_desc_kunit_affinity_follows - An affinity change rewrites the message; delivery follows
 * @test:	The test; its parameter is a &struct ims_desc_kunit_param
 *
 * Context: Process context (a KUnit case).
 */
void ims_desc_kunit_affinity_follows(struct kunit *test)
{
	struct ims_model *m = ims_conf_setup(test);
	struct ims_model_entry before, after;
	unsigned int misrouted;
	struct ims_vectors v;
	unsigned int i;
	u64 addr;
	u32 data;

	ims_vectors_alloc(test, m, &v, min(ims_conf_nr(m), 4U));
	for (i = 0; i < v.nr; i++) {
		ims_model_decode(m, v.loc[i], &before);
		KUNIT_ASSERT_GE(test, ims_test_set_affinity(v.virq[i]), 0);
		ims_desc_flush(m->dev);
		ims_model_decode(m, v.loc[i], &after);
		ims_test_parent_expected(v.virq[i], &addr, &data);
		if (!ims_test_low_addr(m->desc))
			KUNIT_EXPECT_NE_MSG(test, upper_32_bits(before.addr),
					    upper_32_bits(addr),
					    "the parent must move both address words");
		KUNIT_EXPECT_NE(test, lower_32_bits(before.addr), lower_32_bits(addr));
		KUNIT_EXPECT_EQ_MSG(test, after.addr, addr, "vector %u not rewritten", i);
		KUNIT_EXPECT_EQ(test, after.data, data);
		KUNIT_EXPECT_FALSE(test, after.masked);
		KUNIT_EXPECT_TRUE(test, ims_model_fire(m, v.loc[i]));
		KUNIT_EXPECT_EQ(test, atomic_read(&v.count[i]), 1);

		/* The old message no longer reaches the vector */
		misrouted = ims_test_parent_misrouted();
		KUNIT_EXPECT_FALSE(test, ims_test_parent_deliver(before.addr, before.data));
		KUNIT_EXPECT_EQ(test, ims_test_parent_misrouted(), misrouted + 1);
	}
	ims_vectors_free(m, &v);
}
EXPORT_SYMBOL_GPL(ims_desc_kunit_affinity_follows);

/* free_irq() and free leave the slot masked; nothing is delivered after */
/**
 * ims_desc_kunit_free_masks - Freed slots are quiet; nothing is delivered after
 * @test:	The test; its parameter is a &struct ims_desc_kunit_param
 *
 * Context: Process context (a KUnit case).
 */
void ims_desc_kunit_free_masks(struct kunit *test)
{
	struct ims_model *m = ims_conf_setup(test);
	unsigned int loc[IMS_CONF_VECTORS];
	struct ims_vectors v;
	unsigned int i, nr;

	ims_vectors_alloc(test, m, &v, ims_conf_nr(m));
	nr = v.nr;
	memcpy(loc, v.loc, sizeof(loc[0]) * nr);
	ims_vectors_free(m, &v);

	for (i = 0; i < nr; i++) {
		KUNIT_EXPECT_TRUE_MSG(test, ims_conf_quiet(m, loc[i]),
				      "slot %u can still send after free", loc[i]);
		KUNIT_EXPECT_FALSE(test, ims_model_fire(m, loc[i]));
	}
	KUNIT_EXPECT_EQ(test, m->delivered, 0);
}
EXPORT_SYMBOL_GPL(ims_desc_kunit_free_masks);

/* Allocating past the last slot fails cleanly and loses no slot */
/**
 * ims_desc_kunit_exhaustion - Allocating past the last slot fails cleanly and loses no slot
 * @test:	The test; its parameter is a &struct ims_desc_kunit_param
 *
 * Context: Process context (a KUnit case).
 */
void ims_desc_kunit_exhaustion(struct kunit *test)
{
	unsigned int i, reuse, slots, cap;
	union msi_instance_cookie cookie;
	struct ims_test_irq **held;
	struct ims_model *m;
	char *why;
	int ret;

	/*
	 * Every slot is allocated: the platform must have an irq descriptor
	 * for each, and the test parent a hardware interrupt.  Two are kept
	 * in reserve.
	 */
	cap = min_t(unsigned int, ims_test_irq_capacity(test, IMS_TEST_IRQ_PROBE),
		    IMS_TEST_NR_HWIRQ);
	KUNIT_ASSERT_GE_MSG(test, cap, 3, "the platform has no irq descriptors left");
	why = kunit_kzalloc(test, 64, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, why);
	snprintf(why, 64, "%u irq descriptors are free", cap);
	m = ims_conf_setup_at(test, ims_conf_param(test)->desc, cap - 2, 4, why);
	slots = ims_model_slots(m);

	held = kunit_kcalloc(test, slots, sizeof(*held), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, held);
	for (i = 0; i < slots; i++) {
		cookie = ims_model_cookie(m, i);
		ret = devm_ims_desc_alloc_irq(m->dev, &cookie, NULL);
		KUNIT_ASSERT_GT_MSG(test, ret, 0, "slot %u of %u", i, slots);
		held[i] = ims_test_hold(test, m->dev, ret);
	}
	cookie = ims_model_cookie(m, slots);
	KUNIT_EXPECT_EQ(test, devm_ims_desc_alloc_irq(m->dev, &cookie, NULL), -ENOSPC);

	/* A freed slot is the next one handed out */
	reuse = min(1U, slots - 1);
	ims_test_drop(test, held[reuse]);
	cookie = ims_model_cookie(m, reuse);
	ret = devm_ims_desc_alloc_irq(m->dev, &cookie, NULL);
	held[reuse] = ims_test_hold(test, m->dev, ret);
	if (ims_conf_mmio(m))
		KUNIT_EXPECT_EQ(test, ims_test_slot_of(ret), reuse);
	cookie = ims_model_cookie(m, slots);
	KUNIT_EXPECT_EQ(test, devm_ims_desc_alloc_irq(m->dev, &cookie, NULL), -ENOSPC);
}
EXPORT_SYMBOL_GPL(ims_desc_kunit_exhaustion);

/*
 * Per-source allocation: the interrupt of slot N is in slot N, whatever
 * the order of the requests; a taken slot and one beyond the storage are
 * refused and leave nothing behind.  For queue storage the index names
 * the vector and the cookie still locates the entry.
 */
/**
 * ims_desc_kunit_per_source - The interrupt of slot N is in slot N
 * @test:	The test; its parameter is a &struct ims_desc_kunit_param
 *
 * Context: Process context (a KUnit case).
 */
void ims_desc_kunit_per_source(struct kunit *test)
{
	struct ims_model *m = ims_conf_setup(test);
	unsigned int slots = ims_model_slots(m), nr = ims_conf_nr(m);
	struct ims_test_irq *held[IMS_CONF_VECTORS];
	int virq[IMS_CONF_VECTORS] = { };
	union msi_instance_cookie cookie;
	struct ims_model_entry e;
	unsigned int i, slot, loc;
	atomic_t *count;
	u64 addr;
	u32 data;

	count = kunit_kcalloc(test, IMS_CONF_VECTORS, sizeof(*count), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, count);
	/* From the last slot down, so the MSI core's first free index is never it */
	for (i = 0; i < nr; i++) {
		slot = slots - 1 - i;
		cookie = ims_model_cookie(m, i);
		virq[i] = devm_ims_desc_alloc_irq_at(m->dev, slot, &cookie, NULL);
		KUNIT_ASSERT_GT_MSG(test, virq[i], 0, "slot %u", slot);
		held[i] = ims_test_hold(test, m->dev, virq[i]);
		KUNIT_EXPECT_EQ(test, ims_test_slot_of(virq[i]), slot);
		ims_test_request(test, held[i], &count[i]);
	}
	for (i = 0; i < nr; i++) {
		slot = slots - 1 - i;
		loc = ims_conf_mmio(m) ? slot : i;
		ims_model_decode(m, loc, &e);
		ims_test_parent_expected(virq[i], &addr, &data);
		KUNIT_EXPECT_EQ_MSG(test, e.addr, addr, "slot %u", slot);
		KUNIT_EXPECT_EQ(test, e.data, data);
		KUNIT_EXPECT_TRUE(test, ims_model_fire(m, loc));
		KUNIT_EXPECT_EQ(test, atomic_read(&count[i]), 1);
	}

	cookie = ims_model_cookie(m, 0);
	KUNIT_EXPECT_EQ(test, devm_ims_desc_alloc_irq_at(m->dev, slots - 1, &cookie, NULL), -EBUSY);
	KUNIT_EXPECT_EQ(test, devm_ims_desc_alloc_irq_at(m->dev, slots, &cookie, NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, devm_ims_desc_alloc_irq_at(m->dev, UINT_MAX, &cookie, NULL), -EINVAL);
	/* The refused slot still belongs to its interrupt */
	KUNIT_EXPECT_TRUE(test, ims_model_fire(m, ims_conf_mmio(m) ? slots - 1 : 0));
	KUNIT_EXPECT_EQ(test, atomic_read(&count[0]), 2);

	for (i = 0; i < nr; i++)
		ims_test_drop(test, held[i]);
}
EXPORT_SYMBOL_GPL(ims_desc_kunit_per_source);

/*
 * Device accesses per operation are the floor: mask and unmask write the
 * control word once and read it back only for a flush; a message update
 * writes each field once and reads nothing it does not flush.  Storage
 * in host memory is committed by one doorbell per bus-locked operation.
 */
/**
 * ims_desc_kunit_access_floor - Device accesses per operation are the floor
 * @test:	The test; its parameter is a &struct ims_desc_kunit_param
 *
 * Context: Process context (a KUnit case).
 */
void ims_desc_kunit_access_floor(struct kunit *test)
{
	unsigned int msg_writes, ctrl_writes, mask_writes, bell, rmw, kept = 0;
	bool flush, pmask, shared, shared_data, mou, one_addr_word;
	const struct ims_desc *d;
	struct ims_vectors v;
	struct ims_model *m;

	ims_model_need_mmio(test, "counting device accesses");
	m = ims_conf_setup(test);
	d = m->desc;
	flush = d->flags & IMS_DESC_FLUSH;
	pmask = d->flags & IMS_DESC_PARENT_MASK;
	shared = !(d->flags & (IMS_DESC_ADDR64 | IMS_DESC_ADDR32)) && !pmask &&
		 d->ctrl == d->addr_hi;
	shared_data = !pmask && d->ctrl == d->data;
	mou = d->flags & IMS_DESC_MASK_ON_UPDATE;
	one_addr_word = shared || d->flags & (IMS_DESC_ADDR32 | IMS_DESC_WRITE64);
	/* A doorbell on storage that does not sleep is rung after every update */
	bell = d->flags & IMS_DESC_DOORBELL ? 1 : 0;
	/* Driver bits in the control word: one read before each write of it */
	rmw = d->flags & IMS_DESC_CTRL_SHARED ? 1 : 0;
	/* Reserved bits in a message word: one read before each write of it */
	if (d->flags & IMS_DESC_UPPER_RESERVED) {
		kept += d->data_width && d->data_width < 32 && !shared_data;
		kept += !(d->flags & (IMS_DESC_ADDR64 | IMS_DESC_ADDR32)) && !shared &&
			d->addr_hi_width && d->addr_hi_width < 32;
	}

	/*
	 * The floor of a message update: one write per 32-bit word of the
	 * address (the shared high word is the control word; a 64-bit field
	 * the device wants in one access is one write) and data, the control
	 * word when it carries address or data bits, and with mask-on-update
	 * the control word masked before and restored after.  Storage without
	 * a mask bit is masked at the parent: no device access at all.  Where
	 * the control word has bits of the driver's, each write of it is
	 * preceded by one read, and so is each write of a message word with
	 * reserved bits.
	 */
	ctrl_writes = mou ? 2 : shared || shared_data;
	msg_writes = (one_addr_word ? 1 : 2) + !shared_data + ctrl_writes + bell;
	mask_writes = pmask ? 0 : 2 * (1 + bell);

	ims_vectors_alloc(test, m, &v, 1);

	ims_model_reset_counts(m);
	disable_irq(v.virq[0]);
	enable_irq(v.virq[0]);
	if (ims_conf_mmio(m)) {
		KUNIT_EXPECT_EQ(test, m->writes, mask_writes);
		KUNIT_EXPECT_EQ(test, m->reads, (flush ? 2 : 0) + 2 * rmw);
	} else {
		KUNIT_EXPECT_EQ(test, m->doorbells, 2);
		KUNIT_EXPECT_EQ(test, m->reads, 0);
	}

	ims_model_reset_counts(m);
	KUNIT_ASSERT_GE(test, ims_test_set_affinity(v.virq[0]), 0);
	ims_desc_flush(m->dev);
	if (ims_conf_mmio(m)) {
		KUNIT_EXPECT_EQ(test, m->writes, msg_writes);
		KUNIT_EXPECT_EQ(test, m->reads,
				(flush ? ctrl_writes : 0) + rmw * ctrl_writes + kept);
	} else {
		KUNIT_EXPECT_EQ(test, m->doorbells, 1);
		KUNIT_EXPECT_EQ(test, m->reads, 0);
	}
	ims_vectors_free(m, &v);
}
EXPORT_SYMBOL_GPL(ims_desc_kunit_access_floor);

MODULE_DESCRIPTION("KUnit fixtures and conformance cases of the IMS descriptor framework");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS("EXPORTED_FOR_KUNIT_TESTING");
