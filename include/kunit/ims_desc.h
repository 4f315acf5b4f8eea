/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * KUnit conformance cases for IMS descriptors.
 *
 * A driver that keeps its IMS descriptor next to its code gives it the
 * whole conformance suite from its own KUnit test file:
 *
 *	#include <kunit/ims_desc.h>
 *
 *	IMS_DESC_KUNIT_SUITE(foo_ims, &foo_ims_desc, &foo_ims_desc_v2);
 *
 * with a Kconfig entry for the test that selects IMS_DESC_KUNIT.  Each
 * case runs once per descriptor (and once more with the queues in device
 * MMIO for queue storage) against a software model of the device that
 * decodes the storage from the descriptor, never from the chip's code.
 */
#ifndef _KUNIT_IMS_DESC_H
#define _KUNIT_IMS_DESC_H

#include <kunit/test.h>
#include <linux/ims_desc.h>

/**
 * struct ims_desc_kunit_param - One parameter of the conformance cases
 * @desc:	The descriptor under test
 * @mmio_queues: Queue storage: the queues are in device MMIO
 *		(&ims_queue.iomem) instead of host memory
 */
struct ims_desc_kunit_param {
	const struct ims_desc	*desc;
	bool			mmio_queues;
};

const void *ims_desc_kunit_params(const struct ims_desc *const *descs, unsigned int nr,
				  struct ims_desc_kunit_param *params, const void *prev,
				  char *name);

void ims_desc_kunit_validates(struct kunit *test);
void ims_desc_kunit_fire_once(struct kunit *test);
void ims_desc_kunit_mask_suppresses(struct kunit *test);
void ims_desc_kunit_affinity_follows(struct kunit *test);
void ims_desc_kunit_free_masks(struct kunit *test);
void ims_desc_kunit_exhaustion(struct kunit *test);
void ims_desc_kunit_per_source(struct kunit *test);
void ims_desc_kunit_access_floor(struct kunit *test);

/**
 * IMS_DESC_KUNIT_CASES - Define the array of conformance cases
 * @prefix:	Prefix of the names: the array is named PREFIX_cases, and
 *		its parameters come from the generator PREFIX_gen_params(),
 *		which yields &struct ims_desc_kunit_param pointers, such as
 *		one built on ims_desc_kunit_params()
 */
#define IMS_DESC_KUNIT_CASES(prefix)					\
	static struct kunit_case prefix##_cases[] = {			\
		KUNIT_CASE_PARAM(ims_desc_kunit_validates, prefix##_gen_params), \
		KUNIT_CASE_PARAM(ims_desc_kunit_fire_once, prefix##_gen_params), \
		KUNIT_CASE_PARAM(ims_desc_kunit_mask_suppresses, prefix##_gen_params), \
		KUNIT_CASE_PARAM(ims_desc_kunit_affinity_follows, prefix##_gen_params), \
		KUNIT_CASE_PARAM(ims_desc_kunit_free_masks, prefix##_gen_params), \
		KUNIT_CASE_PARAM(ims_desc_kunit_exhaustion, prefix##_gen_params), \
		KUNIT_CASE_PARAM(ims_desc_kunit_per_source, prefix##_gen_params), \
		KUNIT_CASE_PARAM(ims_desc_kunit_access_floor, prefix##_gen_params), \
		{}							\
	}

/**
 * IMS_DESC_KUNIT_SUITE - Define and register the conformance suite for descriptors
 * @suite:	Name of the KUnit suite, a C identifier
 * @...:	The descriptors, as pointers to const &struct ims_desc
 *
 * In the spirit of KUNIT_ARRAY_PARAM(): no list outside the test file
 * needs to know the descriptors.
 */
#define IMS_DESC_KUNIT_SUITE(suite, ...)					\
	static const struct ims_desc *const suite##_descs[] = { __VA_ARGS__ };	\
	static struct ims_desc_kunit_param					\
		suite##_params[2 * ARRAY_SIZE(suite##_descs) + 1];		\
	static const void *suite##_gen_params(struct kunit *test,		\
					      const void *prev, char *name)	\
	{									\
		return ims_desc_kunit_params(suite##_descs,			\
					     ARRAY_SIZE(suite##_descs),		\
					     suite##_params, prev, name);	\
	}									\
	IMS_DESC_KUNIT_CASES(suite);						\
	static struct kunit_suite suite##_suite = {				\
		.name = #suite,							\
		.test_cases = suite##_cases,					\
	};									\
	kunit_test_suite(suite##_suite)

#endif /* _KUNIT_IMS_DESC_H */
