// SPDX-License-Identifier: GPL-2.0-only
/*
 * Scale on an SMP machine (make bench, marked slow): one device with
 * 65,536 vectors, the MSI core's index space, under the test MSI parent;
 * time per allocation+free at 64, 2,048 and 65,536 live vectors and the
 * memory a vector costs, next to the hand-written reference chip doing
 * the same.
 */
#include <kunit/device.h>
#include <kunit/resource.h>
#include <kunit/test.h>
#include <linux/gfp.h>
#include <linux/irq.h>
#include <linux/irqdesc.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/msi.h>
#include <linux/slab.h>
#include <linux/vmstat.h>

#include "ims_test.h"

/* Vectors of the scale benchmark: the MSI core's whole index space */
#define IMS_SMP_SCALE		IMS_DESC_MAX_SLOTS
/* Timed allocation+free pairs at each live count */
#define IMS_SMP_SCALE_PAIRS	256
/* The live counts at which allocation+free is timed */
static const unsigned int ims_smp_live[] = { 64, 2048, IMS_SMP_SCALE };

KUNIT_DEFINE_ACTION_WRAPPER(ims_smp_kvfree, kvfree, const void *);

/*
 * Free pages.  The pages on the per-CPU lists are not counted, and no
 * interface outside mm/ drains them: over 65,536 vectors what they hold
 * (a few hundred pages per CPU) moves the per-vector figure by a few bytes.
 */
static long ims_smp_free_pages(void)
{
	return global_zone_page_state(NR_FREE_PAGES);
}

/**
 * struct ims_smp_chip - One chip under the scale benchmark
 * @name:	For the table
 * @dev:	Its device
 * @alloc:	Allocate one vector: the Linux interrupt number or an error
 * @free:	Free one
 * @full:	The error an allocation beyond the last slot must return, or 0
 *		for any error
 */
struct ims_smp_chip {
	const char	*name;
	struct device	*dev;
	int		(*alloc)(struct device *dev);
	void		(*free)(struct device *dev, unsigned int virq);
	int		full;
};

static int ims_smp_generic_alloc(struct device *dev)
{
	return devm_ims_desc_alloc_irq(dev, NULL, NULL);
}

/* ns per allocation+free of one more vector, @n times */
static u64 ims_smp_pair_ns(struct kunit *test, const struct ims_smp_chip *c, unsigned int n)
{
	unsigned int i;
	int virq;
	u64 t0;

	t0 = ktime_get_ns();
	for (i = 0; i < n; i++) {
		virq = c->alloc(c->dev);
		KUNIT_ASSERT_GT(test, virq, 0);
		c->free(c->dev, virq);
	}
	return div_u64(ktime_get_ns() - t0, n);
}

/*
 * Fill the device to 65,536 vectors.  With 63, 2,047 and 65,535 live,
 * time allocating and freeing one more (so that 64, 2,048 and 65,536 are
 * live at the peak).  The memory of the whole fill, per vector, is what
 * a vector costs: the MSI core's msi_desc, the irq_desc with its
 * irq_data of each level, and anything the chip adds.
 */
static void ims_smp_scale_chip(struct kunit *test, const struct ims_smp_chip *c,
			       u64 *ns, long *bytes, u64 *fill_ns, u64 *free_ns)
{
	unsigned int i, p = 0;
	long before;
	int *virqs;
	u64 t0, t;

	virqs = kvcalloc(IMS_SMP_SCALE, sizeof(*virqs), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, virqs);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, ims_smp_kvfree, virqs));

	before = ims_smp_free_pages();
	t = 0;
	for (i = 0; i < IMS_SMP_SCALE; i++) {
		if (p < ARRAY_SIZE(ims_smp_live) && i == ims_smp_live[p] - 1)
			ns[p++] = ims_smp_pair_ns(test, c, IMS_SMP_SCALE_PAIRS);
		t0 = ktime_get_ns();
		virqs[i] = c->alloc(c->dev);
		t += ktime_get_ns() - t0;
		KUNIT_ASSERT_GT_MSG(test, virqs[i], 0, "%s: vector %u", c->name, i);
		if (!(i & 1023))
			cond_resched();
	}
	*bytes = (before - ims_smp_free_pages()) * PAGE_SIZE / IMS_SMP_SCALE;
	*fill_ns = div_u64(t, IMS_SMP_SCALE);
	/* Full: one more is refused (the MSI core itself says -EBUSY) */
	if (c->full)
		KUNIT_EXPECT_EQ(test, c->alloc(c->dev), c->full);
	else
		KUNIT_EXPECT_LT(test, c->alloc(c->dev), 0);

	t0 = ktime_get_ns();
	for (i = 0; i < IMS_SMP_SCALE; i++) {
		c->free(c->dev, virqs[i]);
		if (!(i & 1023))
			cond_resched();
	}
	*free_ns = div_u64(ktime_get_ns() - t0, IMS_SMP_SCALE);
}

static void ims_smp_scale(struct kunit *test)
{
	struct ims_desc *d;
	struct ims_smp_chip gen = { .name = "generic", .alloc = ims_smp_generic_alloc,
				    .free = devm_ims_desc_free_irq, .full = -ENOSPC };
	struct ims_smp_chip ref = { .name = "reference", .alloc = ims_ref_alloc_irq,
				    .free = ims_ref_free_irq };
	u64 gns[ARRAY_SIZE(ims_smp_live)], rns[ARRAY_SIZE(ims_smp_live)];
	u64 gfill, rfill, gfree, rfree;
	struct ims_host_dev *sd;
	long gbytes, rbytes;
	unsigned int i;
	void *mem;

	/* The IDXD layout with the MSI core's whole index space */
	d = kunit_kzalloc(test, sizeof(*d), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, d);
	*d = ims_desc_idxd;
	d->name = "idxd-64k";
	d->nr_slots = 0;
	sd = ims_host_create(test, d, IMS_SMP_SCALE, "ims-smp-scale");
	gen.dev = sd->dev;

	mem = kvzalloc((size_t)IMS_SMP_SCALE * 16, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, mem);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, ims_smp_kvfree, mem));
	ref.dev = kunit_device_register(test, "ims-smp-scale-ref");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, ref.dev);
	KUNIT_ASSERT_EQ(test, 0, ims_test_parent_attach(ref.dev, true));
	KUNIT_ASSERT_EQ(test, 0, ims_ref_create(ref.dev, mem, IMS_SMP_SCALE));

	/*
	 * Side by side: the reference, the generic chip, the reference again;
	 * the first pass warms the caches and slabs up and is not reported.
	 */
	ims_smp_scale_chip(test, &ref, rns, &rbytes, &rfill, &rfree);
	ims_smp_scale_chip(test, &gen, gns, &gbytes, &gfill, &gfree);
	ims_smp_scale_chip(test, &ref, rns, &rbytes, &rfill, &rfree);

	kunit_info(test, "ims-scale: %-28s %12s %12s %7s\n", "one device, idxd layout",
		   "generic", "reference", "ratio");
	for (i = 0; i < ARRAY_SIZE(ims_smp_live); i++)
		kunit_info(test, "ims-scale: alloc+free, %5u live (ns)    %12llu %12llu %3llu.%02llu\n",
			   ims_smp_live[i], gns[i], rns[i], div64_u64(gns[i] * 100, rns[i]) / 100,
			   div64_u64(gns[i] * 100, rns[i]) % 100);
	kunit_info(test, "ims-scale: fill to %u, per vector (ns)  %12llu %12llu %3llu.%02llu\n",
		   IMS_SMP_SCALE, gfill, rfill, div64_u64(gfill * 100, rfill) / 100,
		   div64_u64(gfill * 100, rfill) % 100);
	kunit_info(test, "ims-scale: free all, per vector (ns)      %12llu %12llu %3llu.%02llu\n",
		   gfree, rfree, div64_u64(gfree * 100, rfree) / 100,
		   div64_u64(gfree * 100, rfree) % 100);
	kunit_info(test, "ims-scale: memory per vector (bytes)      %12ld %12ld  diff %ld\n",
		   gbytes, rbytes, gbytes - rbytes);
	kunit_info(test, "ims-scale: (sizeof struct irq_desc %zu, struct msi_desc %zu, struct irq_data %zu)\n",
		   sizeof(struct irq_desc), sizeof(struct msi_desc), sizeof(struct irq_data));
}

static struct kunit_case ims_smp_scale_cases[] = {
	KUNIT_CASE_SLOW(ims_smp_scale),
	{}
};

static struct kunit_suite ims_smp_scale_suite = {
	.name = "ims_desc_smp_scale",
	.test_cases = ims_smp_scale_cases,
};

kunit_test_suite(ims_smp_scale_suite);

MODULE_DESCRIPTION("KUnit IMS scale benchmark");
MODULE_LICENSE("GPL");
