// SPDX-License-Identifier: GPL-2.0-only
/*
 * Conformance suite: every shipped descriptor is validated and exercised
 * against the software device model.  The cases walk ims_desc_shipped[],
 * so a new descriptor gets them by being listed there.  They also walk
 * variants of the shipped layouts with features they do not use (big
 * endian, a 64-bit address field in an array, mask-on-update, an enable
 * bit), most of which the chip serves on its general path rather than on
 * the fast paths the shipped array and table layouts get.
 */
#include <kunit/test.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/minmax.h>

#include "ims-desc-internal.h"
#include "ims_test.h"

/* Vectors per case: what UML's few irq descriptors allow */
#define IMS_CONF_VECTORS	8

#define IMS_CONF_NR_VARIANTS	9

static struct ims_desc ims_conf_variants[IMS_CONF_NR_VARIANTS];
static const struct ims_desc *ims_conf_descs[IMS_CONF_NR_VARIANTS + 8];
static unsigned int ims_conf_nr_descs;

/* The shipped descriptors, then the variants built from them */
static int ims_conf_suite_init(struct kunit_suite *suite)
{
	struct ims_desc *v = ims_conf_variants;
	unsigned int i;

	if (ims_desc_nr_shipped + IMS_CONF_NR_VARIANTS > ARRAY_SIZE(ims_conf_descs))
		return -E2BIG;

	v[0] = ims_desc_idxd;
	v[0].name = "idxd+big-endian";
	v[0].flags |= IMS_DESC_BIG_ENDIAN;

	v[1] = ims_desc_idxd;
	v[1].name = "idxd+addr64+mask-on-update";
	v[1].flags |= IMS_DESC_ADDR64 | IMS_DESC_MASK_ON_UPDATE;
	v[1].addr_hi = 0;

	v[2] = ims_desc_ath11k;
	v[2].name = "ath11k+mask-on-update";
	v[2].flags |= IMS_DESC_MASK_ON_UPDATE;

	v[3] = ims_desc_idxd;
	v[3].name = "idxd+mask-enables";
	v[3].flags |= IMS_DESC_MASK_ENABLES;

	/* A doorbell that commits updates made in atomic context */
	v[4] = ims_desc_idxd;
	v[4].name = "idxd+doorbell";
	v[4].flags |= IMS_DESC_DOORBELL;

	/* Storage that holds 32 address bits */
	v[5] = ims_desc_idxd;
	v[5].name = "idxd+addr32";
	v[5].flags |= IMS_DESC_ADDR32;
	v[5].addr_hi = 0;

	/* 16 data bits in the control word, which masks with bit 31 */
	v[6] = ims_desc_idxd;
	v[6].name = "idxd+data-in-ctrl";
	v[6].flags &= ~(IMS_DESC_COOKIE | IMS_DESC_COOKIE_ENABLE);
	v[6].cookie_shift = 0;
	v[6].cookie_width = 0;
	v[6].cookie_enable_bit = 0;
	v[6].data = 12;
	v[6].data_width = 16;
	v[6].mask_bit = 31;

	/* The control word's other bits are the driver's */
	v[7] = ims_desc_idxd;
	v[7].name = "idxd+ctrl-shared";
	v[7].flags |= IMS_DESC_CTRL_SHARED;

	/* Entries committed by a command instead of a doorbell */
	v[8] = ims_desc_mlx5;
	v[8].name = "mlx5+command";
	v[8].flags = (v[8].flags & ~IMS_DESC_DOORBELL) | IMS_DESC_COMMAND;

	for (i = 0; i < ims_desc_nr_shipped; i++)
		ims_conf_descs[i] = ims_desc_shipped[i];
	for (i = 0; i < IMS_CONF_NR_VARIANTS; i++)
		ims_conf_descs[ims_desc_nr_shipped + i] = &v[i];
	ims_conf_nr_descs = ims_desc_nr_shipped + IMS_CONF_NR_VARIANTS;
	return 0;
}

static const void *ims_conf_params(const void *prev, char *desc)
{
	const struct ims_desc *const *p = prev;

	p = p ? p + 1 : ims_conf_descs;
	if (p >= ims_conf_descs + ims_conf_nr_descs)
		return NULL;
	strscpy(desc, (*p)->name, KUNIT_PARAM_DESC_SIZE);
	return p;
}

static const struct ims_desc *ims_conf_param(struct kunit *test)
{
	const struct ims_desc *const *d = test->param_value;

	return *d;
}

/* The storage cannot hold the test parent's addresses above 4 GiB */
static bool ims_conf_low(const struct ims_desc *d)
{
	return d->flags & IMS_DESC_ADDR32 || (d->addr_hi_width && d->addr_hi_width < 5);
}

/* A model with its IMS domain; dynamic descriptors get @slots slots */
static struct ims_model *ims_conf_setup(struct kunit *test, unsigned int slots)
{
	const struct ims_desc *d = ims_conf_param(test);
	struct ims_model *m;

	KUNIT_ASSERT_EQ(test, 0, ims_test_parent_configure(test, ims_conf_low(d), true));
	m = ims_model_create(test, d, slots);
	KUNIT_ASSERT_EQ(test, 0, ims_desc_create_domain(m->dev, d, &m->storage));
	return m;
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

static void ims_conf_validates(struct kunit *test)
{
	const struct ims_desc *d = ims_conf_param(test);
	struct ims_desc_error err = { };

	KUNIT_EXPECT_EQ_MSG(test, 0, ims_desc_check(d, &err), "%s: %s", err.field, err.reason);
	KUNIT_EXPECT_EQ(test, 0, ims_desc_validate(d));
}

/* alloc -> write_msg -> unmask -> fire -> handler runs once, on its vector only */
static void ims_conf_fire_once(struct kunit *test)
{
	struct ims_model *m = ims_conf_setup(test, IMS_CONF_VECTORS);
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

/* A masked slot is not delivered; unmasking it delivers again */
static void ims_conf_mask_suppresses(struct kunit *test)
{
	struct ims_model *m = ims_conf_setup(test, IMS_CONF_VECTORS);
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

/* An affinity change rewrites the message and delivery follows it */
static void ims_conf_affinity_follows(struct kunit *test)
{
	struct ims_model *m = ims_conf_setup(test, IMS_CONF_VECTORS);
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
		if (!ims_conf_low(m->desc))
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

/* free_irq() and free leave the slot masked; nothing is delivered after */
static void ims_conf_free_masks(struct kunit *test)
{
	struct ims_model *m = ims_conf_setup(test, IMS_CONF_VECTORS);
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

/* Allocating past the last slot fails cleanly and loses no slot */
static void ims_conf_exhaustion(struct kunit *test)
{
	struct ims_model *m = ims_conf_setup(test, 4);
	unsigned int slots = ims_model_slots(m);
	union msi_instance_cookie cookie;
	unsigned int i, reuse;
	int ret, *virq;

	/* Fixed-slot descriptors are filled completely: the parent must not run out first */
	KUNIT_ASSERT_LT(test, slots, IMS_TEST_NR_HWIRQ);
	virq = kunit_kcalloc(test, slots, sizeof(*virq), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, virq);
	for (i = 0; i < slots; i++) {
		cookie = ims_model_cookie(m, i);
		virq[i] = ims_desc_alloc_irq(m->dev, &cookie, NULL);
		KUNIT_ASSERT_GT(test, virq[i], 0);
	}
	cookie = ims_model_cookie(m, slots);
	KUNIT_EXPECT_EQ(test, ims_desc_alloc_irq(m->dev, &cookie, NULL), -ENOSPC);

	/* A freed slot is the next one handed out */
	reuse = min(1U, slots - 1);
	ims_desc_free_irq(m->dev, virq[reuse]);
	cookie = ims_model_cookie(m, reuse);
	ret = ims_desc_alloc_irq(m->dev, &cookie, NULL);
	KUNIT_ASSERT_GT(test, ret, 0);
	virq[reuse] = ret;
	if (ims_conf_mmio(m))
		KUNIT_EXPECT_EQ(test, ims_test_slot_of(ret), reuse);
	cookie = ims_model_cookie(m, slots);
	KUNIT_EXPECT_EQ(test, ims_desc_alloc_irq(m->dev, &cookie, NULL), -ENOSPC);

	for (i = 0; i < slots; i++)
		ims_desc_free_irq(m->dev, virq[i]);
}

/*
 * Per-source allocation: the interrupt of slot N is in slot N, whatever
 * the order of the requests; a taken slot and one beyond the storage are
 * refused and leave nothing behind.  For queue storage the index names
 * the vector and the cookie still locates the entry.
 */
static void ims_conf_per_source(struct kunit *test)
{
	struct ims_model *m = ims_conf_setup(test, IMS_CONF_VECTORS);
	unsigned int slots = ims_model_slots(m), nr = ims_conf_nr(m);
	int virq[IMS_CONF_VECTORS] = { };
	atomic_t count[IMS_CONF_VECTORS];
	union msi_instance_cookie cookie;
	struct ims_model_entry e;
	unsigned int i, slot, loc;
	u64 addr;
	u32 data;

	/* From the last slot down, so the MSI core's first free index is never it */
	for (i = 0; i < nr; i++) {
		slot = slots - 1 - i;
		cookie = ims_model_cookie(m, i);
		virq[i] = ims_desc_alloc_irq_at(m->dev, slot, &cookie, NULL);
		KUNIT_ASSERT_GT_MSG(test, virq[i], 0, "slot %u", slot);
		KUNIT_EXPECT_EQ(test, ims_test_slot_of(virq[i]), slot);
		atomic_set(&count[i], 0);
		KUNIT_ASSERT_EQ(test, 0, request_irq(virq[i], ims_test_handler, 0,
						     "ims-test", &count[i]));
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
	KUNIT_EXPECT_EQ(test, ims_desc_alloc_irq_at(m->dev, slots - 1, &cookie, NULL), -EBUSY);
	KUNIT_EXPECT_EQ(test, ims_desc_alloc_irq_at(m->dev, slots, &cookie, NULL), -EINVAL);
	KUNIT_EXPECT_EQ(test, ims_desc_alloc_irq_at(m->dev, UINT_MAX, &cookie, NULL), -EINVAL);
	/* The refused slot still belongs to its interrupt */
	KUNIT_EXPECT_TRUE(test, ims_model_fire(m, ims_conf_mmio(m) ? slots - 1 : 0));
	KUNIT_EXPECT_EQ(test, atomic_read(&count[0]), 2);

	for (i = 0; i < nr; i++) {
		free_irq(virq[i], &count[i]);
		ims_desc_free_irq(m->dev, virq[i]);
	}
}

/*
 * Device accesses per operation are the floor: mask and unmask write the
 * control word once and read it back only for a flush; a message update
 * writes each field once and reads nothing it does not flush.  Storage
 * in host memory is committed by one doorbell per bus-locked operation.
 */
static void ims_conf_access_floor(struct kunit *test)
{
	struct ims_model *m = ims_conf_setup(test, IMS_CONF_VECTORS);
	const struct ims_desc *d = m->desc;
	bool flush = d->flags & IMS_DESC_FLUSH;
	bool pmask = d->flags & IMS_DESC_PARENT_MASK;
	bool shared = !(d->flags & (IMS_DESC_ADDR64 | IMS_DESC_ADDR32)) && !pmask &&
		      d->ctrl == d->addr_hi;
	bool shared_data = !pmask && d->ctrl == d->data;
	bool mou = d->flags & IMS_DESC_MASK_ON_UPDATE;
	bool one_addr_word = shared || d->flags & (IMS_DESC_ADDR32 | IMS_DESC_WRITE64);
	/* A doorbell on storage that does not sleep is rung after every update */
	unsigned int bell = d->flags & IMS_DESC_DOORBELL ? 1 : 0;
	/* Driver bits in the control word: one read before each write of it */
	unsigned int rmw = d->flags & IMS_DESC_CTRL_SHARED ? 1 : 0;
	unsigned int msg_writes, ctrl_writes, mask_writes;
	struct ims_vectors v;

	/*
	 * The floor of a message update: one write per 32-bit word of the
	 * address (the shared high word is the control word; a 64-bit field
	 * the device wants in one access is one write) and data, the control
	 * word when it carries address or data bits, and with mask-on-update
	 * the control word masked before and restored after.  Storage without
	 * a mask bit is masked at the parent: no device access at all.  Where
	 * the control word has bits of the driver's, each write of it is
	 * preceded by one read.
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
		KUNIT_EXPECT_EQ(test, m->reads, (flush ? ctrl_writes : 0) + rmw * ctrl_writes);
	} else {
		KUNIT_EXPECT_EQ(test, m->doorbells, 1);
		KUNIT_EXPECT_EQ(test, m->reads, 0);
	}
	ims_vectors_free(m, &v);
}

static struct kunit_case ims_conformance_cases[] = {
	KUNIT_CASE_PARAM(ims_conf_validates, ims_conf_params),
	KUNIT_CASE_PARAM(ims_conf_fire_once, ims_conf_params),
	KUNIT_CASE_PARAM(ims_conf_mask_suppresses, ims_conf_params),
	KUNIT_CASE_PARAM(ims_conf_affinity_follows, ims_conf_params),
	KUNIT_CASE_PARAM(ims_conf_free_masks, ims_conf_params),
	KUNIT_CASE_PARAM(ims_conf_exhaustion, ims_conf_params),
	KUNIT_CASE_PARAM(ims_conf_per_source, ims_conf_params),
	KUNIT_CASE_PARAM(ims_conf_access_floor, ims_conf_params),
	{}
};

static struct kunit_suite ims_conformance_suite = {
	.name = "ims_desc_conformance",
	.suite_init = ims_conf_suite_init,
	.test_cases = ims_conformance_cases,
};

kunit_test_suite(ims_conformance_suite);
