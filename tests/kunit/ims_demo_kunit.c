// SPDX-License-Identifier: GPL-2.0-only
/*
 * The demo run of `make demo`: for every shipped descriptor, allocate
 * vectors on the software device model, mask every other one, fire each
 * slot once and report what the device model saw.  Lines starting with
 * "ims-demo:" form the table that `make demo` prints.
 */
#include <kunit/test.h>
#include <linux/interrupt.h>
#include <linux/minmax.h>
#include <linux/module.h>

#include "ims_test.h"

#define IMS_DEMO_VECTORS	8

static void ims_demo_table(struct kunit *test)
{
	struct ims_vectors *v;
	unsigned int i, k;

	v = kunit_kzalloc(test, sizeof(*v), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, v);

	kunit_info(test, "ims-demo: %-10s %8s %6s %10s %11s %7s\n", "descriptor",
		   "vectors", "fired", "delivered", "suppressed", "result");
	for (k = 0; k < ims_test_nr_descs; k++) {
		const struct ims_desc *d = ims_test_descs[k];
		struct ims_model *m = ims_model_create(test, d, IMS_DEMO_VECTORS);
		unsigned int nr = min(ims_model_slots(m), IMS_DEMO_VECTORS);
		unsigned int handled, masked = 0;
		bool ok;

		KUNIT_ASSERT_EQ(test, 0, devm_ims_desc_create_domain(m->dev, d, &m->storage));
		ims_vectors_alloc(test, m, v, nr);
		for (i = 1; i < v->nr; i += 2, masked++)
			disable_irq(v->virq[i]);

		ims_model_reset_counts(m);
		for (i = 0; i < v->nr; i++)
			ims_model_fire(m, v->loc[i]);
		handled = ims_vectors_total(v);

		ok = m->delivered == v->nr - masked && m->suppressed == masked &&
		     handled == m->delivered;
		kunit_info(test, "ims-demo: %-10s %8u %6u %10u %11u %7s\n", d->name, v->nr,
			   v->nr, m->delivered, m->suppressed, ok ? "PASS" : "FAIL");
		KUNIT_EXPECT_TRUE_MSG(test, ok, "%s", d->name);

		for (i = 1; i < v->nr; i += 2)
			enable_irq(v->virq[i]);
		ims_vectors_free(m, v);
	}
}

static struct kunit_case ims_demo_cases[] = {
	KUNIT_CASE(ims_demo_table),
	{}
};

static struct kunit_suite ims_demo_suite = {
	.name = "ims_desc_demo",
	.test_cases = ims_demo_cases,
};

kunit_test_suite(ims_demo_suite);

MODULE_DESCRIPTION("KUnit demo table of IMS on a device model");
MODULE_LICENSE("GPL");
