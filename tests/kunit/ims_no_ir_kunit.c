// SPDX-License-Identifier: GPL-2.0-only
/*
 * On QEMU's edu device in a machine without interrupt remapping, below a
 * virtual remapping unit (a guest's vIOMMU), or below an arm64 ITS in a
 * kernel booted at EL1 (a guest's, as far as it can tell), the PCI/IMS
 * domain of every descriptor must be refused, cleanly, while edu's own
 * MSI keeps working.  On a machine whose interrupt remapping or ITS
 * serves IMS the cases are skipped and say so.
 */
#include <kunit/test.h>
#include <linux/minmax.h>
#include <linux/module.h>

#include "ims_test_edu.h"
#include "ims_test.h"

/* Without interrupt remapping the PCI/IMS domain is refused, cleanly */
static void ims_edu_refused(struct kunit *test)
{
	const struct ims_desc *d = *(const struct ims_desc *const *)test->param_value;
	struct ims_edu *edu = ims_edu_get();
	unsigned int slots;
	int ret;

	if (!edu)
		kunit_skip(test, "no edu device (1234:11e8) was probed");
	/* Tiny storage is enough: the domain must not come to be */
	d = ims_test_fit(test, d, 4, SZ_64K, "a refusal needs no more");
	slots = d->nr_slots ? min(d->nr_slots, 4U) : 4;
	ret = ims_edu_setup(edu, NULL, d, slots);
	if (!ret) {
		ims_edu_teardown(edu);
		if (!(d->flags & IMS_DESC_PARENT_MASK))
			kunit_skip(test, "this machine's interrupt remapping or ITS serves IMS");
	}
	KUNIT_EXPECT_EQ(test, ret, -ENODEV);
	KUNIT_EXPECT_EQ(test, devm_ims_desc_alloc_irq(ims_edu_dev(edu), NULL, NULL), -ENODEV);
	/* edu's own MSI is unaffected */
	KUNIT_EXPECT_GT(test, ims_edu_own_irqs(edu), 0);
	kunit_info(test, "ims-demo: %-30s refused without interrupt remapping: %s\n", d->name,
		   test->status == KUNIT_SUCCESS ? "PASS" : "FAIL");
}

static struct kunit_case ims_edu_no_ir_cases[] = {
	KUNIT_CASE_PARAM(ims_edu_refused, ims_test_desc_params),
	{}
};

static struct kunit_suite ims_edu_no_ir_suite = {
	.name = "ims_desc_no_ir",
	.test_cases = ims_edu_no_ir_cases,
};

kunit_test_suite(ims_edu_no_ir_suite);

MODULE_DESCRIPTION("KUnit tests that IMS is refused without interrupt remapping");
MODULE_LICENSE("GPL");
