// SPDX-License-Identifier: GPL-2.0-only
/*
 * Firmware description suite: the fwnode parser fed with software nodes
 * (every descriptor feature, and one case per class of bad property), and
 * a DT overlay compiled by dtc that yields a working IMS domain for a
 * platform device.
 */
#include <kunit/of.h>
#include <kunit/resource.h>
#include <kunit/test.h>
#include <linux/interrupt.h>
#include <linux/ioport.h>
#include <linux/irq.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/property.h>
#include <linux/string.h>

#include "ims-desc-internal.h"
#include "ims_test.h"

static const u32 ims_fw_addr_pair[] = { 0, 4 };
static const u32 ims_fw_addr_one[] = { 0 };
static const u32 ims_fw_idxd_cookie[] = { 12, 20 };
static const u32 ims_fw_ath11k_offsets[] = {
	0x0000, 0x0040, 0x00a0, 0x0100, 0x0180, 0x01c0, 0x0240, 0x0300,
	0x0340, 0x03a0, 0x0400, 0x0480, 0x04c0, 0x0540, 0x0600, 0x0640,
	0x06a0, 0x0700, 0x0780, 0x07c0, 0x0840, 0x0900, 0x0940, 0x09a0,
	0x0a00, 0x0a80, 0x0ac0, 0x0b40, 0x0c00, 0x0c40, 0x0ca0, 0x0d00,
};

/* The shipped device styles, as firmware would describe them */
static const struct property_entry ims_fw_idxd[] = {
	PROPERTY_ENTRY_STRING("ims-storage", "array"),
	PROPERTY_ENTRY_U32("ims-slots", 2048),
	PROPERTY_ENTRY_BOOL("ims-dynamic-slots"),
	PROPERTY_ENTRY_U32("ims-stride", 16),
	PROPERTY_ENTRY_U32("ims-entry-size", 16),
	PROPERTY_ENTRY_U32_ARRAY("ims-address", ims_fw_addr_pair),
	PROPERTY_ENTRY_U32("ims-data", 8),
	PROPERTY_ENTRY_U32("ims-control", 12),
	PROPERTY_ENTRY_U32("ims-mask-bit", 0),
	PROPERTY_ENTRY_BOOL("ims-posted-writes"),
	PROPERTY_ENTRY_U32_ARRAY("ims-cookie", ims_fw_idxd_cookie),
	PROPERTY_ENTRY_U32("ims-cookie-enable-bit", 3),
	{ }
};

static const struct property_entry ims_fw_ath11k[] = {
	PROPERTY_ENTRY_STRING("ims-storage", "table"),
	PROPERTY_ENTRY_U32_ARRAY("ims-slot-offsets", ims_fw_ath11k_offsets),
	PROPERTY_ENTRY_U32("ims-entry-size", 12),
	PROPERTY_ENTRY_U32_ARRAY("ims-address", ims_fw_addr_pair),
	PROPERTY_ENTRY_U32("ims-address-hi-width", 8),
	PROPERTY_ENTRY_U32("ims-data", 8),
	PROPERTY_ENTRY_U32("ims-control", 4),
	PROPERTY_ENTRY_U32("ims-mask-bit", 8),
	PROPERTY_ENTRY_BOOL("ims-mask-enables"),
	PROPERTY_ENTRY_BOOL("ims-posted-writes"),
	{ }
};

static const struct property_entry ims_fw_mlx5[] = {
	PROPERTY_ENTRY_STRING("ims-storage", "queue"),
	PROPERTY_ENTRY_BOOL("ims-dynamic-slots"),
	PROPERTY_ENTRY_U32("ims-queue-offset", 0x40),
	PROPERTY_ENTRY_U32("ims-entry-size", 16),
	PROPERTY_ENTRY_U32_ARRAY("ims-address", ims_fw_addr_one),
	PROPERTY_ENTRY_BOOL("ims-address-64"),
	PROPERTY_ENTRY_U32("ims-data", 8),
	PROPERTY_ENTRY_U32("ims-control", 12),
	PROPERTY_ENTRY_U32("ims-mask-bit", 31),
	PROPERTY_ENTRY_BOOL("ims-doorbell"),
	{ }
};

/*
 * mlx5's layout.  That its doorbell updates sleep is no hardware fact the
 * properties state (only a compatible's descriptor can say so): from
 * properties, the same storage is updated without sleeping.
 */
static const struct ims_desc ims_fw_mlx5_desc = {
	.kind		= IMS_STORAGE_QUEUE,
	.flags		= IMS_DESC_ADDR64 | IMS_DESC_DOORBELL | IMS_DESC_DYNAMIC_SLOTS,
	.queue_offset	= 0x40,
	.entry_size	= 16,
	.data		= 8,
	.ctrl		= 12,
	.mask_bit	= 31,
};

/* The features no shipped style uses: big endian, non-atomic updates */
static const struct property_entry ims_fw_other[] = {
	PROPERTY_ENTRY_STRING("ims-storage", "array"),
	PROPERTY_ENTRY_U32("ims-slots", 64),
	PROPERTY_ENTRY_U32("ims-stride", 32),
	PROPERTY_ENTRY_U32("ims-entry-size", 24),
	PROPERTY_ENTRY_U32_ARRAY("ims-address", ims_fw_addr_one),
	PROPERTY_ENTRY_BOOL("ims-address-64"),
	PROPERTY_ENTRY_U32("ims-data", 16),
	PROPERTY_ENTRY_U32("ims-control", 20),
	PROPERTY_ENTRY_U32("ims-mask-bit", 7),
	PROPERTY_ENTRY_BOOL("ims-big-endian"),
	PROPERTY_ENTRY_BOOL("ims-non-atomic-update"),
	{ }
};

static const struct ims_desc ims_fw_other_desc = {
	.kind		= IMS_STORAGE_ARRAY,
	.flags		= IMS_DESC_ADDR64 | IMS_DESC_BIG_ENDIAN | IMS_DESC_MASK_ON_UPDATE,
	.nr_slots	= 64,
	.stride		= 32,
	.entry_size	= 24,
	.data		= 16,
	.ctrl		= 20,
	.mask_bit	= 7,
};

/* An in-tree layout: Arm SMMUv3, three sources out of address order */
static const u32 ims_fw_smmu_offsets[] = { 0xb0, 0x68, 0xd0 };
static const u32 ims_fw_smmu_const[] = { 12, 1 };

static const struct property_entry ims_fw_smmu[] = {
	PROPERTY_ENTRY_STRING("ims-storage", "table"),
	PROPERTY_ENTRY_U32_ARRAY("ims-slot-offsets", ims_fw_smmu_offsets),
	PROPERTY_ENTRY_U32("ims-entry-size", 16),
	PROPERTY_ENTRY_U32_ARRAY("ims-address", ims_fw_addr_one),
	PROPERTY_ENTRY_BOOL("ims-address-64"),
	PROPERTY_ENTRY_BOOL("ims-address-write64"),
	PROPERTY_ENTRY_U32("ims-address-hi-width", 20),
	PROPERTY_ENTRY_U32("ims-data", 8),
	PROPERTY_ENTRY_U32_ARRAY("ims-constant", ims_fw_smmu_const),
	PROPERTY_ENTRY_BOOL("ims-parent-mask"),
	{ }
};

/* Queue storage committed by a command, data in a shared control word */
static const struct property_entry ims_fw_command[] = {
	PROPERTY_ENTRY_STRING("ims-storage", "queue"),
	PROPERTY_ENTRY_U32("ims-queue-offset", 0x20),
	PROPERTY_ENTRY_U32("ims-entry-size", 8),
	PROPERTY_ENTRY_U32_ARRAY("ims-address", ims_fw_addr_one),
	PROPERTY_ENTRY_BOOL("ims-address-32"),
	PROPERTY_ENTRY_U32("ims-data", 4),
	PROPERTY_ENTRY_U32("ims-data-width", 16),
	PROPERTY_ENTRY_U32("ims-control", 4),
	PROPERTY_ENTRY_U32("ims-mask-bit", 31),
	PROPERTY_ENTRY_BOOL("ims-control-shared"),
	PROPERTY_ENTRY_BOOL("ims-command"),
	PROPERTY_ENTRY_BOOL("ims-dynamic-slots"),
	{ }
};

static const struct ims_desc ims_fw_command_desc = {
	.kind		= IMS_STORAGE_QUEUE,
	.flags		= IMS_DESC_ADDR32 | IMS_DESC_CTRL_SHARED | IMS_DESC_SLEEPS |
			  IMS_DESC_COMMAND | IMS_DESC_DYNAMIC_SLOTS,
	.queue_offset	= 0x20,
	.entry_size	= 8,
	.data		= 4,
	.data_width	= 16,
	.ctrl		= 4,
	.mask_bit	= 31,
};

struct ims_fw_good {
	const char			*name;
	const struct property_entry	*props;
	const struct ims_desc		*expect;
};

static const struct ims_fw_good ims_fw_good_cases[] = {
	{ "idxd", ims_fw_idxd, &ims_desc_idxd },
	{ "ath11k", ims_fw_ath11k, &ims_desc_ath11k },
	{ "mlx5 layout", ims_fw_mlx5, &ims_fw_mlx5_desc },
	{ "big endian, non-atomic update", ims_fw_other, &ims_fw_other_desc },
	{ "arm_smmu_v3", ims_fw_smmu, &ims_desc_arm_smmu_v3 },
	{ "command, data in the control word", ims_fw_command, &ims_fw_command_desc },
};

static void ims_fw_good_name(const struct ims_fw_good *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(ims_fw_good, ims_fw_good_cases, ims_fw_good_name);

KUNIT_DEFINE_ACTION_WRAPPER(ims_fw_remove_node, fwnode_remove_software_node,
			    struct fwnode_handle *);
KUNIT_DEFINE_ACTION_WRAPPER(ims_fw_free_desc, ims_desc_free_fwnode, struct ims_desc *);

static struct fwnode_handle *ims_fw_node(struct kunit *test,
					 const struct property_entry *props)
{
	struct fwnode_handle *fw = fwnode_create_software_node(props, NULL);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, fw);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, ims_fw_remove_node, fw));
	return fw;
}

/* Each description parses to exactly the descriptor it describes */
static void ims_fw_parses(struct kunit *test)
{
	const struct ims_fw_good *c = test->param_value;
	const struct ims_desc *e = c->expect;
	struct ims_desc_error err = { };
	struct ims_desc *d;

	d = ims_desc_parse_fwnode(ims_fw_node(test, c->props), &err);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(d), "%s: %s", err.field, err.reason);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, ims_fw_free_desc, d));

	ims_test_expect_desc(test, d, e);
}

/* One case per class of bad property: each names the property */
struct ims_fw_bad {
	const char			*name;
	const struct property_entry	*base;
	const char			*drop;
	struct property_entry		add;
	const char			*prop;
};

static const u32 ims_fw_three[] = { 0, 4, 8 };
static const u32 ims_fw_overlapping[] = { 0, 8 };
static const u32 ims_fw_wide_cookie[] = { 20, 20 };

static const struct ims_fw_bad ims_fw_bad_cases[] = {
	{ "missing storage", ims_fw_idxd, "ims-storage", { }, "ims-storage" },
	{ "missing data", ims_fw_idxd, "ims-data", { }, "ims-data" },
	{ "missing address", ims_fw_idxd, "ims-address", { }, "ims-address" },
	{ "unknown storage", ims_fw_idxd, "ims-storage",
	  PROPERTY_ENTRY_STRING("ims-storage", "ring"), "ims-storage" },
	{ "storage not a string", ims_fw_idxd, "ims-storage",
	  PROPERTY_ENTRY_U32("ims-storage", 1), "ims-storage" },
	{ "three address cells", ims_fw_idxd, "ims-address",
	  PROPERTY_ENTRY_U32_ARRAY("ims-address", ims_fw_three), "ims-address" },
	{ "mask bit not a number", ims_fw_idxd, "ims-mask-bit",
	  PROPERTY_ENTRY_STRING("ims-mask-bit", "zero"), "ims-mask-bit" },
	{ "data offset out of range", ims_fw_idxd, "ims-data",
	  PROPERTY_ENTRY_U32("ims-data", 0x10000), "ims-data" },
	{ "mask bit out of range", ims_fw_idxd, "ims-mask-bit",
	  PROPERTY_ENTRY_U32("ims-mask-bit", 32), "ims-mask-bit" },
	{ "cookie beyond its register", ims_fw_idxd, "ims-cookie",
	  PROPERTY_ENTRY_U32_ARRAY("ims-cookie", ims_fw_wide_cookie), "ims-cookie" },
	{ "field beyond the entry", ims_fw_idxd, "ims-control",
	  PROPERTY_ENTRY_U32("ims-control", 16), "ims-control" },
	{ "overlapping fields", ims_fw_idxd, "ims-data",
	  PROPERTY_ENTRY_U32("ims-data", 12), "ims-control" },
	{ "stride smaller than the entry", ims_fw_idxd, "ims-stride",
	  PROPERTY_ENTRY_U32("ims-stride", 8), "ims-stride" },
	{ "posted writes on queue storage", ims_fw_mlx5, NULL,
	  PROPERTY_ENTRY_BOOL("ims-posted-writes"), "ims-posted-writes" },
	{ "stride on queue storage", ims_fw_mlx5, NULL,
	  PROPERTY_ENTRY_U32("ims-stride", 16), "ims-stride" },
	{ "two address cells with address-64", ims_fw_mlx5, "ims-address",
	  PROPERTY_ENTRY_U32_ARRAY("ims-address", ims_fw_addr_pair), "ims-address" },
	{ "cookie enable without cookie", ims_fw_idxd, "ims-cookie", { },
	  "ims-cookie-enable-bit" },
	{ "dynamic slots on a table", ims_fw_ath11k, NULL,
	  PROPERTY_ENTRY_BOOL("ims-dynamic-slots"), "ims-dynamic-slots" },
	{ "slot count against the offsets", ims_fw_ath11k, NULL,
	  PROPERTY_ENTRY_U32("ims-slots", 4), "ims-slots" },
	{ "overlapping table entries", ims_fw_ath11k, "ims-slot-offsets",
	  PROPERTY_ENTRY_U32_ARRAY("ims-slot-offsets", ims_fw_overlapping), "ims-slot-offsets" },
	{ "zero fixed slots", ims_fw_idxd, "ims-dynamic-slots",
	  PROPERTY_ENTRY_U32("ims-slots", 0), "ims-slots" },
	{ "data width out of range", ims_fw_idxd, NULL,
	  PROPERTY_ENTRY_U32("ims-data-width", 33), "ims-data-width" },
	{ "control word where the parent masks", ims_fw_smmu, NULL,
	  PROPERTY_ENTRY_U32("ims-control", 12), "ims-control" },
	{ "command with a doorbell", ims_fw_command, NULL,
	  PROPERTY_ENTRY_BOOL("ims-doorbell"), "ims-command" },
	{ "removed ims-sleeps", ims_fw_mlx5, NULL,
	  PROPERTY_ENTRY_BOOL("ims-sleeps"), "ims-sleeps" },
	{ "removed ims-mask-on-update", ims_fw_other, NULL,
	  PROPERTY_ENTRY_BOOL("ims-mask-on-update"), "ims-mask-on-update" },
	{ "removed ims-flush", ims_fw_idxd, NULL,
	  PROPERTY_ENTRY_BOOL("ims-flush"), "ims-flush" },
	{ "64-bit access of split words", ims_fw_idxd, NULL,
	  PROPERTY_ENTRY_BOOL("ims-address-write64"), "ims-address-write64" },
	{ "reserved bits in full words", ims_fw_idxd, NULL,
	  PROPERTY_ENTRY_BOOL("ims-upper-reserved"), "ims-upper-reserved" },
};

static void ims_fw_bad_name(const struct ims_fw_bad *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(ims_fw_bad, ims_fw_bad_cases, ims_fw_bad_name);

static void ims_fw_rejects(struct kunit *test)
{
	const struct ims_fw_bad *c = test->param_value;
	struct ims_desc_error err = { };
	struct property_entry *props;
	struct ims_desc *d;
	unsigned int i, n = 0;

	props = kunit_kcalloc(test, 24, sizeof(*props), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, props);
	for (i = 0; c->base[i].name; i++) {
		if (c->drop && !strcmp(c->base[i].name, c->drop))
			continue;
		/* ims-slots is replaced, not duplicated */
		if (c->add.name && !strcmp(c->base[i].name, c->add.name))
			continue;
		props[n++] = c->base[i];
	}
	if (c->add.name)
		props[n++] = c->add;

	d = ims_desc_parse_fwnode(ims_fw_node(test, props), &err);
	KUNIT_ASSERT_TRUE(test, IS_ERR(d));
	KUNIT_EXPECT_EQ(test, PTR_ERR(d), -EINVAL);
	KUNIT_ASSERT_NOT_NULL(test, err.field);
	KUNIT_EXPECT_STREQ_MSG(test, err.field, c->prop, "reason: %s", err.reason);
}

/* IDXD style, four slots: the model's storage at IMS_MODEL_MMIO_BASE */
static const struct property_entry ims_fw_idxd4[] = {
	PROPERTY_ENTRY_STRING("ims-storage", "array"),
	PROPERTY_ENTRY_U32("ims-slots", 4),
	PROPERTY_ENTRY_U32("ims-stride", 16),
	PROPERTY_ENTRY_U32("ims-entry-size", 16),
	PROPERTY_ENTRY_U32_ARRAY("ims-address", ims_fw_addr_pair),
	PROPERTY_ENTRY_U32("ims-data", 8),
	PROPERTY_ENTRY_U32("ims-control", 12),
	PROPERTY_ENTRY_U32("ims-mask-bit", 0),
	{ }
};

KUNIT_DEFINE_ACTION_WRAPPER(ims_fw_pdev_unregister, platform_device_unregister,
			    struct platform_device *);

/*
 * A platform device whose firmware node describes the model's storage
 * gets a working domain: slot 0 delivers, disable_irq() masks it, and
 * the domain goes again.
 */
static void ims_fw_platform_delivers(struct kunit *test, struct ims_model *m,
				     struct platform_device *pdev)
{
	atomic_t count = ATOMIC_INIT(0);
	int virq;

	/* Firmware's msi-parent: the platform attaches the device's MSI parent */
	KUNIT_ASSERT_EQ(test, 0, ims_test_parent_attach(&pdev->dev, true));
	KUNIT_ASSERT_EQ(test, 0, devm_ims_desc_create_platform_domain(pdev));

	virq = devm_ims_desc_alloc_irq(&pdev->dev, NULL, NULL);
	KUNIT_ASSERT_GT(test, virq, 0);
	irq_set_status_flags(virq, IRQ_DISABLE_UNLAZY);
	KUNIT_ASSERT_EQ(test, 0, request_irq(virq, ims_test_handler, 0, "ims-test", &count));
	KUNIT_EXPECT_EQ(test, ims_test_slot_of(virq), 0);
	KUNIT_EXPECT_TRUE(test, ims_model_fire(m, 0));
	KUNIT_EXPECT_EQ(test, atomic_read(&count), 1);
	disable_irq(virq);
	KUNIT_EXPECT_FALSE(test, ims_model_fire(m, 0));
	enable_irq(virq);

	free_irq(virq, &count);
	devm_ims_desc_free_irq(&pdev->dev, virq);
	devm_ims_desc_remove_domain(&pdev->dev);
}

/*
 * Firmware that does not name its memory resources, as ACPI's _CRS does
 * not: the platform device's first memory resource is the storage.  A
 * platform device with a software node and an unnamed resource stands in
 * for an ACPI one, which UML cannot have.
 */
static void ims_fw_unnamed_window(struct kunit *test)
{
	struct resource res = DEFINE_RES_MEM(0x30000000, 0x100);
	struct platform_device_info info = {
		.name		= "ims-fw-unnamed",
		.id		= PLATFORM_DEVID_AUTO,
		.res		= &res,
		.num_res	= 1,
		.properties	= ims_fw_idxd4,
	};
	struct platform_device *pdev;
	struct ims_model *m;

	if (!IS_ENABLED(CONFIG_INDIRECT_IOMEM))
		kunit_skip(test, "needs the model's storage in MMIO (UML logic_iomem)");
	m = ims_model_create(test, &ims_desc_idxd, 4);
	KUNIT_ASSERT_NOT_NULL(test, m);
	pdev = platform_device_register_full(&info);
	KUNIT_ASSERT_FALSE(test, IS_ERR(pdev));
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, ims_fw_pdev_unregister, pdev));
	ims_fw_platform_delivers(test, m, pdev);
}

#if IS_ENABLED(CONFIG_OF_OVERLAY)
/* A DT overlay compiled by dtc: a platform device gets a working domain */
static void ims_fw_dt_overlay(struct kunit *test)
{
	struct ims_model *m = ims_model_create(test, &ims_desc_idxd, 4);
	struct platform_device *pdev;
	struct device_node *np;

	KUNIT_ASSERT_EQ(test, 0, of_overlay_apply_kunit(test, ims_overlay));
	np = of_find_compatible_node(NULL, NULL, "test,ims-kunit");
	KUNIT_ASSERT_NOT_NULL(test, np);
	pdev = of_find_device_by_node(np);
	of_node_put(np);
	KUNIT_ASSERT_NOT_NULL(test, pdev);
	/* The overlay's node describes the model's storage */
	ims_fw_platform_delivers(test, m, pdev);
	put_device(&pdev->dev);
}

/*
 * A node of the overlay that the platform domain must refuse: -EINVAL,
 * nothing written, and nothing left mapped or allocated (a retry fails
 * the same way, not with -EBUSY).
 */
static void ims_fw_dt_refused(struct kunit *test, const char *compatible)
{
	struct ims_model *m = ims_model_create(test, &ims_desc_idxd, 4);
	struct platform_device *pdev;
	struct device_node *np;

	KUNIT_ASSERT_NOT_NULL(test, m);
	KUNIT_ASSERT_EQ(test, 0, of_overlay_apply_kunit(test, ims_overlay));
	np = of_find_compatible_node(NULL, NULL, compatible);
	KUNIT_ASSERT_NOT_NULL(test, np);
	pdev = of_find_device_by_node(np);
	of_node_put(np);
	KUNIT_ASSERT_NOT_NULL(test, pdev);

	KUNIT_ASSERT_EQ(test, 0, ims_test_parent_attach(&pdev->dev, true));
	KUNIT_EXPECT_EQ(test, devm_ims_desc_create_platform_domain(pdev), -EINVAL);
	KUNIT_EXPECT_EQ(test, devm_ims_desc_alloc_irq(&pdev->dev, NULL, NULL), -ENODEV);
	KUNIT_EXPECT_EQ(test, devm_ims_desc_create_platform_domain(pdev), -EINVAL);
	KUNIT_EXPECT_EQ(test, m->writes, 0);
	put_device(&pdev->dev);
}

/* Slots that do not fit the "ims" register window: the chip never writes past it */
static void ims_fw_dt_too_small(struct kunit *test)
{
	ims_fw_dt_refused(test, "test,ims-kunit-short");
}

/* A doorbell register too small for the 32-bit doorbell write */
static void ims_fw_dt_doorbell_too_small(struct kunit *test)
{
	ims_fw_dt_refused(test, "test,ims-kunit-doorbell");
}
#else
static void ims_fw_dt_overlay(struct kunit *test)
{
	kunit_skip(test, "needs CONFIG_OF_OVERLAY");
}

static void ims_fw_dt_too_small(struct kunit *test)
{
	kunit_skip(test, "needs CONFIG_OF_OVERLAY");
}

static void ims_fw_dt_doorbell_too_small(struct kunit *test)
{
	kunit_skip(test, "needs CONFIG_OF_OVERLAY");
}
#endif

static struct kunit_case ims_fwnode_cases[] = {
	KUNIT_CASE_PARAM(ims_fw_parses, ims_fw_good_gen_params),
	KUNIT_CASE_PARAM(ims_fw_rejects, ims_fw_bad_gen_params),
	KUNIT_CASE(ims_fw_dt_overlay),
	KUNIT_CASE(ims_fw_unnamed_window),
	KUNIT_CASE(ims_fw_dt_too_small),
	KUNIT_CASE(ims_fw_dt_doorbell_too_small),
	{}
};

static struct kunit_suite ims_fwnode_suite = {
	.name = "ims_desc_fwnode",
	.test_cases = ims_fwnode_cases,
};

kunit_test_suite(ims_fwnode_suite);

MODULE_DESCRIPTION("KUnit tests of IMS descriptions from DT and ACPI");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS("EXPORTED_FOR_KUNIT_TESTING");
