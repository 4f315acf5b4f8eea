// SPDX-License-Identifier: GPL-2.0-only
/*
 * End to end on x86_64 QEMU: IMS storage for every shipped descriptor on
 * QEMU's edu device, each interrupt delivered by a real device-originated
 * message write through the IOMMU's interrupt remapping.
 *
 * ims_desc_smp_edu runs with interrupt remapping (q35 + intel-iommu,intremap=on)
 * and must see every vector delivered; ims_desc_no_ir runs without it
 * and must see the IMS domain refused.
 */
#include <kunit/test.h>
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/minmax.h>
#include <linux/slab.h>

#include "ims-edu.h"
#include "ims_test.h"

#define IMS_EDU_VECTORS		32
#define IMS_EDU_PASID_BASE	0x4200
/* Each edu DMA takes 100 ms of QEMU virtual time */
#define IMS_EDU_WAIT_MS		2000

struct ims_edu_vec {
	int		virq;
	atomic_t	count;
};

struct ims_edu_run {
	struct ims_edu		*edu;
	struct ims_edu_vec	vec[IMS_EDU_VECTORS];
	/* loc[i]: the slot (queue) whose message reaches vector i */
	unsigned int		loc[IMS_EDU_VECTORS];
	unsigned int		nr;
	unsigned int		fired;
	unsigned int		delivered;
	unsigned int		suppressed;
};

static irqreturn_t ims_edu_handler(int irq, void *data)
{
	struct ims_edu_vec *v = data;

	atomic_inc(&v->count);
	return IRQ_HANDLED;
}

static unsigned int ims_edu_total(struct ims_edu_run *r)
{
	unsigned int i, sum = 0;

	for (i = 0; i < r->nr; i++)
		sum += atomic_read(&r->vec[i].count);
	return sum;
}

/* Wait until the handlers together ran @want times (or the time is up) */
static unsigned int ims_edu_wait_total(struct ims_edu_run *r, unsigned int want)
{
	unsigned int waited;

	for (waited = 0; waited < IMS_EDU_WAIT_MS && ims_edu_total(r) < want; waited += 20)
		msleep(20);
	/* Anything more would be a duplicate: give it a moment to show up */
	msleep(20);
	return ims_edu_total(r);
}

/* Fire @loc and account for it; returns what ims_edu_fire() returned */
static int ims_edu_fire_one(struct kunit *test, struct ims_edu_run *r, unsigned int loc)
{
	int ret = ims_edu_fire(r->edu, loc);

	KUNIT_EXPECT_GE_MSG(test, ret, 0, "edu DMA for slot %u did not complete", loc);
	if (ret > 0)
		r->fired++;
	else if (!ret)
		r->suppressed++;
	return ret;
}

/*
 * Slots the edu storage gives a descriptor: 64 where the instance chooses.
 * Storage without a mask bit is only ever refused here (x86 interrupt
 * remapping cannot mask), and one slot of it fits the edu storage.
 */
static unsigned int ims_edu_slots(const struct ims_desc *d)
{
	if (d->flags & IMS_DESC_PARENT_MASK)
		return 1;
	return d->flags & IMS_DESC_DYNAMIC_SLOTS ? 64 : d->nr_slots;
}

static void ims_edu_alloc(struct kunit *test, struct ims_edu_run *r)
{
	const struct ims_desc *d = *(const struct ims_desc *const *)test->param_value;
	struct device *dev = ims_edu_dev(r->edu);
	union msi_instance_cookie cookie;
	unsigned int i, nr;
	int virq;

	KUNIT_ASSERT_EQ(test, 0, ims_edu_setup(r->edu, d, ims_edu_slots(d)));
	nr = min_t(unsigned int, IMS_EDU_VECTORS, ims_edu_slots(d));
	for (i = 0; i < nr; i++) {
		cookie = ims_edu_cookie(r->edu, i, IMS_EDU_PASID_BASE + i);
		virq = ims_desc_alloc_irq(dev, &cookie, NULL);
		KUNIT_ASSERT_GT_MSG(test, virq, 0, "%s vector %u", d->name, i);
		r->vec[i].virq = virq;
		atomic_set(&r->vec[i].count, 0);
		irq_set_status_flags(virq, IRQ_DISABLE_UNLAZY);
		KUNIT_ASSERT_EQ(test, 0, request_irq(virq, ims_edu_handler, 0, "ims-edu-test",
						     &r->vec[i]));
		r->nr = i + 1;
	}
}

static void ims_edu_free(struct ims_edu_run *r)
{
	struct device *dev = ims_edu_dev(r->edu);

	while (r->nr) {
		r->nr--;
		free_irq(r->vec[r->nr].virq, &r->vec[r->nr]);
		ims_desc_free_irq(dev, r->vec[r->nr].virq);
	}
}

static void ims_edu_end_to_end(struct kunit *test)
{
	const struct ims_desc *d = *(const struct ims_desc *const *)test->param_value;
	struct ims_edu_entry e;
	struct ims_edu_run *r;
	unsigned int i, n, loc, own;
	int hit, cpu;

	r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, r);
	r->edu = ims_edu_get();
	KUNIT_ASSERT_NOT_NULL_MSG(test, r->edu, "no edu device (1234:11e8) was probed");

	if (d == ims_desc_shipped[0])
		kunit_info(test, "ims-demo: %-16s %8s %6s %10s %11s %7s\n", "descriptor",
			   "vectors", "fired", "delivered", "suppressed", "result");

	/*
	 * Storage without a mask bit needs a parent that masks; interrupt
	 * remapping does not, so the domain must be refused, cleanly.
	 */
	if (d->flags & IMS_DESC_PARENT_MASK) {
		KUNIT_EXPECT_EQ(test, ims_edu_setup(r->edu, d, ims_edu_slots(d)), -ENODEV);
		KUNIT_EXPECT_EQ(test, ims_desc_alloc_irq(ims_edu_dev(r->edu), NULL, NULL),
				-ENODEV);
		kunit_info(test, "ims-demo: %-16s refused: no mask bit, and the parent cannot mask: %s\n",
			   d->name, test->status == KUNIT_SUCCESS ? "PASS" : "FAIL");
		return;
	}

	ims_edu_alloc(test, r);

	/*
	 * Every unmasked vector is delivered exactly once, to its own
	 * handler: firing each slot once finds the vector it belongs to,
	 * and no two slots share one.
	 */
	for (i = 0; i < r->nr; i++)
		r->loc[i] = UINT_MAX;
	for (loc = 0; loc < r->nr; loc++) {
		unsigned int before = ims_edu_total(r);

		KUNIT_ASSERT_EQ_MSG(test, ims_edu_fire_one(test, r, loc), 1, "slot %u masked", loc);
		KUNIT_ASSERT_EQ_MSG(test, ims_edu_wait_total(r, before + 1), before + 1,
				    "slot %u: not delivered exactly once", loc);
		r->delivered++;
		hit = -1;
		for (i = 0; i < r->nr; i++)
			if (atomic_read(&r->vec[i].count) == 1 && r->loc[i] == UINT_MAX)
				hit = i;
		KUNIT_ASSERT_GE_MSG(test, hit, 0, "slot %u reached no new vector", loc);
		r->loc[hit] = loc;
	}
	for (i = 0; i < r->nr; i++)
		KUNIT_EXPECT_EQ(test, atomic_read(&r->vec[i].count), 1);
	if (d->kind == IMS_STORAGE_QUEUE) {
		/* The cookie located the queue: vector i's entry is in queue i */
		for (i = 0; i < r->nr; i++)
			KUNIT_EXPECT_EQ(test, r->loc[i], i);
	}

	/* The PASID cookie lands in the IDXD control word, enabled */
	if (d->flags & IMS_DESC_COOKIE) {
		for (i = 0; i < r->nr; i++) {
			ims_edu_decode(r->edu, r->loc[i], &e);
			KUNIT_EXPECT_EQ(test, e.cookie, IMS_EDU_PASID_BASE + i);
			KUNIT_EXPECT_TRUE(test, e.cookie_en);
		}
	}

	/* Masked vectors are not delivered, the others still are */
	for (i = 1; i < r->nr; i += 2)
		disable_irq(r->vec[i].virq);
	for (i = 0; i < r->nr; i++) {
		unsigned int before = ims_edu_total(r);
		int ret = ims_edu_fire_one(test, r, r->loc[i]);

		if (i % 2) {
			KUNIT_EXPECT_EQ_MSG(test, ret, 0, "masked vector %u fired", i);
			continue;
		}
		KUNIT_EXPECT_EQ(test, ret, 1);
		KUNIT_EXPECT_EQ(test, ims_edu_wait_total(r, before + 1), before + 1);
		r->delivered++;
		KUNIT_EXPECT_EQ(test, atomic_read(&r->vec[i].count), 2);
	}
	for (i = 1; i < r->nr; i += 2) {
		KUNIT_EXPECT_EQ(test, atomic_read(&r->vec[i].count), 1);
		enable_irq(r->vec[i].virq);
	}

	/* After an affinity change delivery still works */
	cpu = cpumask_last(cpu_online_mask);
	for (i = 0; i < min(r->nr, 8U); i++) {
		unsigned int before = ims_edu_total(r);
		int want = atomic_read(&r->vec[i].count) + 1;

		KUNIT_ASSERT_EQ(test, 0, irq_set_affinity(r->vec[i].virq, cpumask_of(cpu)));
		KUNIT_EXPECT_EQ(test, ims_edu_fire_one(test, r, r->loc[i]), 1);
		KUNIT_EXPECT_EQ(test, ims_edu_wait_total(r, before + 1), before + 1);
		r->delivered++;
		KUNIT_EXPECT_EQ(test, atomic_read(&r->vec[i].count), want);
	}

	/* edu's own MSI, in the default domain, works beside its IMS */
	own = ims_edu_own_irqs(r->edu);
	KUNIT_EXPECT_GT(test, own, 0);

	/* After free the slots are masked: the device writes nothing */
	n = r->nr;
	ims_edu_free(r);
	for (i = 0; i < n; i++)
		KUNIT_EXPECT_EQ_MSG(test, ims_edu_fire_one(test, r, r->loc[i]), 0,
				    "freed vector %u still fires", i);

	kunit_info(test, "ims-demo: %-16s %8u %6u %10u %11u %7s\n", d->name, n,
		   r->fired, r->delivered, r->suppressed,
		   test->status == KUNIT_SUCCESS ? "PASS" : "FAIL");
	ims_edu_teardown(r->edu);
}

static struct kunit_case ims_edu_cases[] = {
	KUNIT_CASE_PARAM(ims_edu_end_to_end, ims_test_shipped_params),
	{}
};

static struct kunit_suite ims_edu_suite = {
	.name = "ims_desc_smp_edu",
	.test_cases = ims_edu_cases,
};

/* Without interrupt remapping the PCI/IMS domain is refused, cleanly */
static void ims_edu_refused(struct kunit *test)
{
	const struct ims_desc *d = *(const struct ims_desc *const *)test->param_value;
	struct ims_edu *edu = ims_edu_get();
	union msi_instance_cookie cookie;

	KUNIT_ASSERT_NOT_NULL_MSG(test, edu, "no edu device (1234:11e8) was probed");
	KUNIT_EXPECT_EQ(test, ims_edu_setup(edu, d, ims_edu_slots(d)), -ENODEV);
	cookie = ims_edu_cookie(edu, 0, IMS_EDU_PASID_BASE);
	KUNIT_EXPECT_EQ(test, ims_desc_alloc_irq(ims_edu_dev(edu), &cookie, NULL), -ENODEV);
	/* edu's own MSI is unaffected */
	KUNIT_EXPECT_GT(test, ims_edu_own_irqs(edu), 0);
	kunit_info(test, "ims-demo: %-16s refused without interrupt remapping: PASS\n", d->name);
}

static struct kunit_case ims_edu_no_ir_cases[] = {
	KUNIT_CASE_PARAM(ims_edu_refused, ims_test_shipped_params),
	{}
};

static struct kunit_suite ims_edu_no_ir_suite = {
	.name = "ims_desc_no_ir",
	.test_cases = ims_edu_no_ir_cases,
};

kunit_test_suites(&ims_edu_suite, &ims_edu_no_ir_suite);
