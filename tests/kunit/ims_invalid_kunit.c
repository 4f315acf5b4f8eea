// SPDX-License-Identifier: GPL-2.0-only
/*
 * Invalid-descriptor suite: one case per class of error.  Each starts from
 * a valid descriptor, breaks one thing, and expects -EINVAL naming the
 * field, from the check and from domain creation, which must leave no
 * domain behind.
 */
#include <kunit/test.h>
#include <linux/module.h>
#include <linux/string.h>

#include "ims-desc-internal.h"
#include "ims_test.h"

static const u32 ims_inv_overlapping_offsets[] = { 0x00, 0x10, 0x18 };
static const u32 ims_inv_unaligned_offsets[] = { 0x00, 0x22 };
static const u32 ims_inv_offsets[] = { 0x00, 0x40 };
/* Source order need not be address order, but entries must not overlap */
static const u32 ims_inv_unordered_offsets[] = { 0x80, 0x00, 0x40, 0x84 };
/* All zero: not ascending, and too long to be checked pairwise */
static const u32 ims_inv_long_offsets[257];

struct ims_inv_case {
	const char	*name;
	void		(*breaks)(struct ims_desc *d);
	const char	*field;
};

/*
 * A valid IDXD-like array descriptor that every case breaks in one place:
 * address at 0, mask bit 0.
 */
static const struct ims_desc ims_inv_base = {
	.name			= "inv",
	.kind			= IMS_STORAGE_ARRAY,
	.flags			= IMS_DESC_COOKIE | IMS_DESC_COOKIE_ENABLE,
	.nr_slots		= 4,
	.stride			= 16,
	.entry_size		= 16,
	.addr_hi		= 4,
	.data			= 8,
	.ctrl			= 12,
	.cookie_shift		= 12,
	.cookie_width		= 20,
	.cookie_enable_bit	= 3,
};

static void brk_no_name(struct ims_desc *d)
{
	d->name = NULL;
}

static void brk_unknown_flag(struct ims_desc *d)
{
	d->flags |= BIT(31);
}

static void brk_kind(struct ims_desc *d)
{
	d->kind = 7;
}

static void brk_entry_zero(struct ims_desc *d)
{
	d->entry_size = 0;
}

static void brk_entry_odd(struct ims_desc *d)
{
	d->entry_size = 14;
	d->stride = 16;
}

static void brk_zero_slots(struct ims_desc *d)
{
	d->nr_slots = 0;
}

static void brk_too_many_slots(struct ims_desc *d)
{
	d->nr_slots = 65537;
}

static void brk_stride_small(struct ims_desc *d)
{
	d->stride = 12;
}

static void brk_stride_unaligned(struct ims_desc *d)
{
	d->stride = 18;
}

static void brk_overlap(struct ims_desc *d)
{
	d->data = 4;
}

static void brk_beyond(struct ims_desc *d)
{
	d->ctrl = 16;
}

static void brk_unaligned(struct ims_desc *d)
{
	d->addr_hi = 6;
}

static void brk_mask_bit(struct ims_desc *d)
{
	d->mask_bit = 32;
}

static void brk_cookie_wide(struct ims_desc *d)
{
	d->cookie_shift = 16;
}

static void brk_cookie_zero(struct ims_desc *d)
{
	d->cookie_width = 0;
}

static void brk_cookie_enable(struct ims_desc *d)
{
	d->cookie_enable_bit = 0;
}

static void brk_cookie_mask(struct ims_desc *d)
{
	d->mask_bit = 12;
}

static void brk_cookie_no_flag(struct ims_desc *d)
{
	d->flags &= ~IMS_DESC_COOKIE;
}

static void brk_cookie_field_no_flag(struct ims_desc *d)
{
	d->flags &= ~(IMS_DESC_COOKIE | IMS_DESC_COOKIE_ENABLE);
}

static void brk_shared_no_room(struct ims_desc *d)
{
	d->flags = 0;
	d->cookie_shift = 0;
	d->cookie_width = 0;
	d->cookie_enable_bit = 0;
	d->ctrl = d->addr_hi;
}

static void brk_mask_in_addr(struct ims_desc *d)
{
	brk_shared_no_room(d);
	d->addr_hi_width = 8;
	d->mask_bit = 7;
}

static void brk_addr64_with_hi(struct ims_desc *d)
{
	d->flags |= IMS_DESC_ADDR64;
	d->data = 12;
	d->ctrl = 8;
}

static void brk_addr32_with_hi(struct ims_desc *d)
{
	d->flags |= IMS_DESC_ADDR32;
}

static void brk_addr32_addr64(struct ims_desc *d)
{
	d->flags |= IMS_DESC_ADDR32 | IMS_DESC_ADDR64;
	d->addr_hi = 0;
	d->data = 12;
	d->ctrl = 8;
}

static void brk_write64_addr32(struct ims_desc *d)
{
	d->flags |= IMS_DESC_WRITE64;
}

/* Reserved bits kept, but every message word is the message's alone */
static void brk_upper_reserved_none(struct ims_desc *d)
{
	d->flags |= IMS_DESC_UPPER_RESERVED;
	d->data_width = 0;
	d->addr_hi_width = 0;
}

/* The only narrow word is the control word, whose rules are its own */
static void brk_upper_reserved_ctrl(struct ims_desc *d)
{
	brk_upper_reserved_none(d);
	d->flags &= ~(IMS_DESC_COOKIE | IMS_DESC_COOKIE_ENABLE);
	d->cookie_shift = 0;
	d->cookie_width = 0;
	d->cookie_enable_bit = 0;
	d->ctrl = d->data;
	d->data_width = 16;
	d->mask_bit = 31;
}

/* The IMS_DESC_PARENT_MASK form of the base: no control word, no cookie */
static void brk_parent_mask(struct ims_desc *d)
{
	d->flags = IMS_DESC_PARENT_MASK;
	d->ctrl = 0;
	d->cookie_shift = 0;
	d->cookie_width = 0;
	d->cookie_enable_bit = 0;
}

static void brk_parent_mask_ctrl(struct ims_desc *d)
{
	brk_parent_mask(d);
	d->ctrl = 12;
}

static void brk_parent_mask_flush(struct ims_desc *d)
{
	brk_parent_mask(d);
	d->flags |= IMS_DESC_FLUSH;
}

static void brk_parent_mask_cookie(struct ims_desc *d)
{
	d->flags |= IMS_DESC_PARENT_MASK;
	d->ctrl = 0;
}

static void brk_const_overlap(struct ims_desc *d)
{
	d->flags |= IMS_DESC_CONST;
	d->const_off = 8;
}

static void brk_const_no_flag(struct ims_desc *d)
{
	d->const_val = 1;
}

static void brk_data_width(struct ims_desc *d)
{
	d->data_width = 33;
}

/* The control word as the data word: 16 data bits, then the control bits */
static void brk_data_in_ctrl(struct ims_desc *d)
{
	d->flags &= ~(IMS_DESC_COOKIE | IMS_DESC_COOKIE_ENABLE);
	d->cookie_shift = 0;
	d->cookie_width = 0;
	d->cookie_enable_bit = 0;
	d->data = 12;
	d->data_width = 16;
	d->mask_bit = 31;
}

static void brk_data_in_ctrl_no_room(struct ims_desc *d)
{
	brk_data_in_ctrl(d);
	d->data_width = 0;
}

static void brk_mask_in_data(struct ims_desc *d)
{
	brk_data_in_ctrl(d);
	d->mask_bit = 3;
}

static void brk_ctrl_shared_parent_mask(struct ims_desc *d)
{
	brk_parent_mask(d);
	d->flags |= IMS_DESC_CTRL_SHARED;
}

/* A queue descriptor that commits by command, as mlx5's would */
static void brk_command(struct ims_desc *d)
{
	d->kind = IMS_STORAGE_QUEUE;
	d->stride = 0;
	d->flags = IMS_DESC_SLEEPS | IMS_DESC_COMMAND;
	d->cookie_shift = 0;
	d->cookie_width = 0;
	d->cookie_enable_bit = 0;
}

static void brk_command_atomic(struct ims_desc *d)
{
	brk_command(d);
	d->flags &= ~IMS_DESC_SLEEPS;
}

static void brk_command_doorbell(struct ims_desc *d)
{
	brk_command(d);
	d->flags |= IMS_DESC_DOORBELL;
}

static void brk_command_array(struct ims_desc *d)
{
	d->flags |= IMS_DESC_SLEEPS | IMS_DESC_COMMAND;
}

static void brk_table_unordered_overlap(struct ims_desc *d)
{
	d->kind = IMS_STORAGE_TABLE;
	d->stride = 0;
	d->slot_offsets = ims_inv_unordered_offsets;
	d->nr_slots = ARRAY_SIZE(ims_inv_unordered_offsets);
}

static void brk_table_unordered_long(struct ims_desc *d)
{
	d->kind = IMS_STORAGE_TABLE;
	d->stride = 0;
	d->slot_offsets = ims_inv_long_offsets;
	d->nr_slots = ARRAY_SIZE(ims_inv_long_offsets);
}

static void brk_addr64_unaligned(struct ims_desc *d)
{
	d->flags |= IMS_DESC_ADDR64;
	d->addr_lo = 4;
	d->data = 0;
}

static void brk_table_missing(struct ims_desc *d)
{
	d->kind = IMS_STORAGE_TABLE;
	d->stride = 0;
}

static void brk_table_overlap(struct ims_desc *d)
{
	d->kind = IMS_STORAGE_TABLE;
	d->stride = 0;
	d->slot_offsets = ims_inv_overlapping_offsets;
	d->nr_slots = ARRAY_SIZE(ims_inv_overlapping_offsets);
}

static void brk_table_unaligned(struct ims_desc *d)
{
	d->kind = IMS_STORAGE_TABLE;
	d->stride = 0;
	d->slot_offsets = ims_inv_unaligned_offsets;
	d->nr_slots = ARRAY_SIZE(ims_inv_unaligned_offsets);
}

static void brk_table_dynamic(struct ims_desc *d)
{
	d->kind = IMS_STORAGE_TABLE;
	d->stride = 0;
	d->slot_offsets = ims_inv_offsets;
	d->nr_slots = ARRAY_SIZE(ims_inv_offsets);
	d->flags |= IMS_DESC_DYNAMIC_SLOTS;
}

static void brk_array_with_table(struct ims_desc *d)
{
	d->slot_offsets = ims_inv_offsets;
}

static void brk_queue_flush(struct ims_desc *d)
{
	d->kind = IMS_STORAGE_QUEUE;
	d->stride = 0;
	d->flags = IMS_DESC_FLUSH;
	d->cookie_shift = 0;
	d->cookie_width = 0;
	d->cookie_enable_bit = 0;
}

static void brk_queue_cookie(struct ims_desc *d)
{
	d->kind = IMS_STORAGE_QUEUE;
	d->stride = 0;
}

static void brk_queue_stride(struct ims_desc *d)
{
	brk_queue_flush(d);
	d->flags = 0;
	d->stride = 16;
}

static const struct ims_inv_case ims_inv_cases[] = {
	{ "missing name",			brk_no_name,		"name" },
	{ "unknown flag",			brk_unknown_flag,	"flags" },
	{ "unknown storage kind",		brk_kind,		"kind" },
	{ "zero entry size",			brk_entry_zero,		"entry_size" },
	{ "entry size not a multiple of 4",	brk_entry_odd,		"entry_size" },
	{ "zero slots where slots are fixed",	brk_zero_slots,		"nr_slots" },
	{ "more slots than MSI indices",	brk_too_many_slots,	"nr_slots" },
	{ "stride smaller than the entry",	brk_stride_small,	"stride" },
	{ "stride not a multiple of 4",		brk_stride_unaligned,	"stride" },
	{ "overlapping fields",			brk_overlap,		"data" },
	{ "field beyond the slot",		brk_beyond,		"ctrl" },
	{ "misaligned field",			brk_unaligned,		"addr_hi" },
	{ "misaligned 64-bit address",		brk_addr64_unaligned,	"addr_lo" },
	{ "mask bit outside its register",	brk_mask_bit,		"mask_bit" },
	{ "cookie field beyond its register",	brk_cookie_wide,	"cookie_shift" },
	{ "zero-width cookie field",		brk_cookie_zero,	"cookie_width" },
	{ "cookie enable on the mask bit",	brk_cookie_enable,	"cookie_enable_bit" },
	{ "mask bit inside the cookie field",	brk_cookie_mask,	"cookie_shift" },
	{ "cookie enable without cookie",	brk_cookie_no_flag,	"flags" },
	{ "cookie field without cookie flag",	brk_cookie_field_no_flag, "cookie_width" },
	{ "shared high word with no room",	brk_shared_no_room,	"ctrl" },
	{ "mask bit inside address bits",	brk_mask_in_addr,	"mask_bit" },
	{ "high word with 64-bit address",	brk_addr64_with_hi,	"addr_hi" },
	{ "high word with 32-bit address",	brk_addr32_with_hi,	"addr_hi" },
	{ "32-bit and 64-bit address",		brk_addr32_addr64,	"flags" },
	{ "64-bit access of 32-bit words",	brk_write64_addr32,	"flags" },
	{ "reserved bits in no word",		brk_upper_reserved_none, "flags" },
	{ "reserved bits in the control word only", brk_upper_reserved_ctrl, "flags" },
	{ "parent masks, control word given",	brk_parent_mask_ctrl,	"ctrl" },
	{ "parent masks, flush read given",	brk_parent_mask_flush,	"flags" },
	{ "parent masks, cookie field given",	brk_parent_mask_cookie,	"flags" },
	{ "constant word on the data word",	brk_const_overlap,	"const_off" },
	{ "constant value without the flag",	brk_const_no_flag,	"const_val" },
	{ "unordered table entries overlap",	brk_table_unordered_overlap, "slot_offsets" },
	{ "long table not ascending",		brk_table_unordered_long, "slot_offsets" },
	{ "data wider than 32 bits",		brk_data_width,		"data_width" },
	{ "data word as control, no room",	brk_data_in_ctrl_no_room, "ctrl" },
	{ "mask bit inside the data bits",	brk_mask_in_data,	"mask_bit" },
	{ "driver's control bits, no control word", brk_ctrl_shared_parent_mask, "flags" },
	{ "command on storage that does not sleep", brk_command_atomic, "flags" },
	{ "command and doorbell",		brk_command_doorbell,	"flags" },
	{ "command on array storage",		brk_command_array,	"flags" },
	{ "table storage without offsets",	brk_table_missing,	"slot_offsets" },
	{ "overlapping table entries",		brk_table_overlap,	"slot_offsets" },
	{ "misaligned table entry",		brk_table_unaligned,	"slot_offsets" },
	{ "table with dynamic slots",		brk_table_dynamic,	"flags" },
	{ "array storage with offset table",	brk_array_with_table,	"slot_offsets" },
	{ "flush read on queue memory",		brk_queue_flush,	"flags" },
	{ "cookie field on queue storage",	brk_queue_cookie,	"flags" },
	{ "stride on queue storage",		brk_queue_stride,	"stride" },
};

static void ims_inv_case_name(const struct ims_inv_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(ims_inv, ims_inv_cases, ims_inv_case_name);

static void ims_inv_base_is_valid(struct kunit *test)
{
	/* The valid forms the cases start from, so each case breaks one thing */
	static void (*const forms[])(struct ims_desc *d) = {
		brk_parent_mask, brk_data_in_ctrl, brk_command,
	};
	struct ims_desc_error err = { };
	struct ims_desc d;
	unsigned int i;

	KUNIT_EXPECT_EQ_MSG(test, 0, ims_desc_check(&ims_inv_base, &err), "%s: %s",
			    err.field, err.reason);
	for (i = 0; i < ARRAY_SIZE(forms); i++) {
		d = ims_inv_base;
		forms[i](&d);
		KUNIT_EXPECT_EQ_MSG(test, 0, ims_desc_check(&d, &err), "form %u: %s: %s",
				    i, err.field, err.reason);
	}
}

static void ims_inv_rejected(struct kunit *test)
{
	const struct ims_inv_case *c = test->param_value;
	struct ims_desc_error err = { };
	struct ims_model *m;
	struct ims_desc *d;

	d = kunit_kmalloc(test, sizeof(*d), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, d);
	*d = ims_inv_base;
	c->breaks(d);

	KUNIT_EXPECT_EQ(test, ims_desc_check(d, &err), -EINVAL);
	KUNIT_ASSERT_NOT_NULL(test, err.field);
	KUNIT_EXPECT_STREQ(test, err.field, c->field);
	KUNIT_EXPECT_NOT_NULL(test, err.reason);
	KUNIT_EXPECT_EQ(test, ims_desc_validate(d), -EINVAL);

	/* Domain creation refuses it and leaves nothing behind */
	m = ims_model_create(test, &ims_inv_base, 0);
	KUNIT_EXPECT_EQ(test, devm_ims_desc_create_domain(m->dev, d, &m->storage), -EINVAL);
	KUNIT_EXPECT_EQ(test, devm_ims_desc_alloc_irq(m->dev, NULL, NULL), -ENODEV);
	KUNIT_EXPECT_EQ(test, devm_ims_desc_create_domain(m->dev, &ims_inv_base, &m->storage), 0);
}

struct ims_inv_storage_case {
	const char		*name;
	const struct ims_desc	*desc;
	void			(*breaks)(struct ims_storage *s, void __iomem *io, void *mem);
	const char		*field;
};

static void sbrk_none(struct ims_storage *s, void __iomem *io, void *mem)
{
	s->iobase = NULL;
	s->mem = NULL;
}

static void sbrk_both(struct ims_storage *s, void __iomem *io, void *mem)
{
	s->iobase = io;
	s->mem = mem;
}

static void sbrk_no_doorbell(struct ims_storage *s, void __iomem *io, void *mem)
{
	s->doorbell = NULL;
}

static void sbrk_doorbell(struct ims_storage *s, void __iomem *io, void *mem)
{
	s->doorbell = io;
}

static void sbrk_queue_base(struct ims_storage *s, void __iomem *io, void *mem)
{
	s->mem = mem;
}

static void sbrk_slots(struct ims_storage *s, void __iomem *io, void *mem)
{
	s->nr_slots = 4096;
}

static void sbrk_fixed_slots(struct ims_storage *s, void __iomem *io, void *mem)
{
	s->nr_slots = 2;
}

static void sbrk_no_size(struct ims_storage *s, void __iomem *io, void *mem)
{
	s->size = 0;
}

/* One byte short of the last slot's entry */
static void sbrk_short(struct ims_storage *s, void __iomem *io, void *mem)
{
	s->size -= 1;
}

/* Four bytes in: not where a 64-bit address field can be stored at once */
static void sbrk_unaligned(struct ims_storage *s, void __iomem *io, void *mem)
{
	s->mem = NULL;
	s->iobase = io + 4;
	s->size -= 4;
}

static void sbrk_queue_size(struct ims_storage *s, void __iomem *io, void *mem)
{
	s->size = 4096;
}

static const struct ims_inv_storage_case ims_inv_storage_cases[] = {
	{ "no storage base", &ims_desc_idxd, sbrk_none, "storage.iobase" },
	{ "MMIO and memory base", &ims_desc_idxd, sbrk_both, "storage.iobase" },
	{ "missing doorbell", &ims_desc_mlx5, sbrk_no_doorbell, "storage.doorbell" },
	{ "doorbell not described", &ims_desc_idxd, sbrk_doorbell, "storage.doorbell" },
	{ "base for queue storage", &ims_desc_mlx5, sbrk_queue_base, "storage.iobase" },
	{ "more slots than described", &ims_desc_idxd, sbrk_slots, "storage.nr_slots" },
	{ "slot count on fixed slots", &ims_desc_ath11k, sbrk_fixed_slots, "storage.nr_slots" },
	{ "storage size missing", &ims_desc_idxd, sbrk_no_size, "storage.size" },
	{ "array storage too small", &ims_desc_idxd, sbrk_short, "storage.size" },
	{ "table storage too small", &ims_desc_ath11k, sbrk_short, "storage.size" },
	{ "size for queue storage", &ims_desc_mlx5, sbrk_queue_size, "storage.size" },
	{ "64-bit field, storage unaligned", &ims_desc_arm_smmu_v3, sbrk_unaligned,
	  "storage.iobase" },
};

static void ims_inv_storage_name(const struct ims_inv_storage_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(ims_inv_storage, ims_inv_storage_cases, ims_inv_storage_name);

static void ims_inv_storage_rejected(struct kunit *test)
{
	const struct ims_inv_storage_case *c = test->param_value;
	struct ims_desc_error err = { };
	struct ims_storage s;
	struct ims_model *m;

	m = ims_model_create(test, c->desc, 4);
	s = m->storage;
	/* Without logic_iomem an MMIO pointer that is never accessed: these are refused */
	c->breaks(&s, m->mmio ? m->iomem : (void __iomem __force *)m->regs, m->regs);

	KUNIT_EXPECT_EQ(test, ims_desc_check_storage(c->desc, &s, &err), -EINVAL);
	KUNIT_ASSERT_NOT_NULL(test, err.field);
	KUNIT_EXPECT_STREQ(test, err.field, c->field);
	KUNIT_EXPECT_EQ(test, devm_ims_desc_create_domain(m->dev, c->desc, &s), -EINVAL);
	KUNIT_EXPECT_EQ(test, devm_ims_desc_alloc_irq(m->dev, NULL, NULL), -ENODEV);
}

static struct kunit_case ims_invalid_cases[] = {
	KUNIT_CASE(ims_inv_base_is_valid),
	KUNIT_CASE_PARAM(ims_inv_rejected, ims_inv_gen_params),
	KUNIT_CASE_PARAM(ims_inv_storage_rejected, ims_inv_storage_gen_params),
	{}
};

static struct kunit_suite ims_invalid_suite = {
	.name = "ims_desc_invalid",
	.test_cases = ims_invalid_cases,
};

kunit_test_suite(ims_invalid_suite);

MODULE_DESCRIPTION("KUnit tests of IMS descriptor validation");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS("EXPORTED_FOR_KUNIT_TESTING");
