// SPDX-License-Identifier: GPL-2.0-only
/*
 * The device's side of an IMS entry: decodes the bytes of a slot the way
 * the device reads them, from the descriptor read as a specification.
 * It shares no code with the chip, so a test that fires a slot through it
 * checks what the chip wrote, not what the chip meant to write.
 */
#include <kunit/test.h>
#include <linux/export.h>
#include <linux/unaligned.h>

#include "ims_test.h"

static u32 ims_test_get32(const struct ims_desc *d, const u8 *p)
{
	if (d->flags & IMS_DESC_BIG_ENDIAN)
		return get_unaligned_be32(p);
	return get_unaligned_le32(p);
}

static void ims_test_put32(const struct ims_desc *d, u8 *p, u32 v)
{
	if (d->flags & IMS_DESC_BIG_ENDIAN)
		put_unaligned_be32(v, p);
	else
		put_unaligned_le32(v, p);
}

/*
 * IMS_DESC_UPPER_RESERVED, read from the specification: the reserved bits
 * of the data word (above its width) and of a separate high address word
 * (above its width), where these are not the control word.
 */
static u32 ims_test_reserved(const struct ims_desc *d, bool hi)
{
	unsigned int width = hi ? d->addr_hi_width : d->data_width;
	u16 off = hi ? d->addr_hi : d->data;

	if (!(d->flags & IMS_DESC_UPPER_RESERVED) || !width || width >= 32)
		return 0;
	if (hi && d->flags & (IMS_DESC_ADDR64 | IMS_DESC_ADDR32))
		return 0;
	if (!(d->flags & IMS_DESC_PARENT_MASK) && d->ctrl == off)
		return 0;
	return ~0U << width;
}

/**
 * ims_test_seed_reserved - Give an entry's reserved bits their values
 * @d:		The descriptor
 * @p:		First byte of the entry
 *
 * What the device holds there after a reset: %IMS_MODEL_RESERVED in the
 * reserved bits of IMS_DESC_UPPER_RESERVED storage, which must keep it.
 *
 * Context: Any context.
 */
void ims_test_seed_reserved(const struct ims_desc *d, u8 *p)
{
	u32 keep;

	keep = ims_test_reserved(d, false);
	if (keep)
		ims_test_put32(d, p + d->data, (ims_test_get32(d, p + d->data) & ~keep) |
				  (IMS_MODEL_RESERVED & keep));
	keep = ims_test_reserved(d, true);
	if (keep)
		ims_test_put32(d, p + d->addr_hi, (ims_test_get32(d, p + d->addr_hi) & ~keep) |
				  (IMS_MODEL_RESERVED & keep));
}
EXPORT_SYMBOL_GPL(ims_test_seed_reserved);

/**
 * ims_test_slot_offset - Where the device finds a slot's entry
 * @d:		The descriptor of array or table storage
 * @slot:	Slot number
 *
 * Context: Any context.
 * Return: the entry's byte offset from the storage base.
 */
size_t ims_test_slot_offset(const struct ims_desc *d, unsigned int slot)
{
	if (d->kind == IMS_STORAGE_TABLE)
		return d->slot_offsets[slot];
	return (size_t)slot * d->stride;
}
EXPORT_SYMBOL_GPL(ims_test_slot_offset);

/* The low @bits bits of @v, for a register narrower than its word */
static u64 ims_test_bits(u64 v, unsigned int bits)
{
	return bits >= 64 ? v : v & ((1ULL << bits) - 1);
}

/**
 * ims_test_storage_size - Bytes of array or table storage for @slots slots
 * @d:		The descriptor of array or table storage
 * @slots:	Number of slots, at least one
 *
 * Context: Any context.
 * Return: the size, up to the end of the last slot's entry.
 */
size_t ims_test_storage_size(const struct ims_desc *d, unsigned int slots)
{
	size_t end = 0, e;
	unsigned int i;

	if (d->kind == IMS_STORAGE_ARRAY)
		return ims_test_slot_offset(d, slots - 1) + d->entry_size;
	/* A table's slots are in source order, not address order */
	for (i = 0; i < slots; i++) {
		e = ims_test_slot_offset(d, i) + d->entry_size;
		if (e > end)
			end = e;
	}
	return end;
}
EXPORT_SYMBOL_GPL(ims_test_storage_size);

/**
 * ims_test_quiet - Whether an entry cannot make its device send a message
 * @d:		The descriptor of the storage
 * @p:		First byte of the entry
 *
 * A masked entry cannot; storage without a mask bit (IMS_DESC_PARENT_MASK)
 * is quiet only when it holds the null message.
 *
 * Context: Any context.
 * Return: true if the entry is quiet.
 */
bool ims_test_quiet(const struct ims_desc *d, const u8 *p)
{
	struct ims_model_entry e;

	ims_test_decode(d, p, &e);
	if (d->flags & IMS_DESC_PARENT_MASK)
		return !e.addr && !e.data;
	return e.masked;
}
EXPORT_SYMBOL_GPL(ims_test_quiet);

/**
 * ims_test_decode - Decode an entry's bytes as the device would
 * @d:		The descriptor of the storage
 * @p:		First byte of the entry
 * @e:		The decoded entry
 *
 * Context: Any context.
 */
void ims_test_decode(const struct ims_desc *d, const u8 *p, struct ims_model_entry *e)
{
	/* Address bits the device takes from its registers */
	unsigned int abits = 32 + (d->addr_hi_width ? d->addr_hi_width : 32);
	u32 hi, ctrl, bit;

	memset(e, 0, sizeof(*e));
	if (d->flags & IMS_DESC_ADDR64) {
		e->addr = d->flags & IMS_DESC_BIG_ENDIAN ?
			  get_unaligned_be64(p + d->addr_lo) :
			  get_unaligned_le64(p + d->addr_lo);
	} else if (d->flags & IMS_DESC_ADDR32) {
		e->addr = ims_test_get32(d, p + d->addr_lo);
	} else {
		hi = ims_test_get32(d, p + d->addr_hi);
		e->addr = (u64)hi << 32 | ims_test_get32(d, p + d->addr_lo);
	}
	e->addr = ims_test_bits(e->addr, abits);
	e->data = ims_test_bits(ims_test_get32(d, p + d->data),
				d->data_width ? d->data_width : 32);
	if (d->flags & IMS_DESC_CONST)
		e->konst = ims_test_get32(d, p + d->const_off);
	e->reserved_lost = ((ims_test_get32(d, p + d->data) ^ IMS_MODEL_RESERVED) &
			    ims_test_reserved(d, false)) ||
			   ((ims_test_get32(d, p + d->addr_hi) ^ IMS_MODEL_RESERVED) &
			    ims_test_reserved(d, true));

	/* No mask bit in the storage: the device always sends; the parent masks */
	if (d->flags & IMS_DESC_PARENT_MASK)
		return;

	ctrl = ims_test_get32(d, p + d->ctrl);
	bit = (ctrl >> d->mask_bit) & 1;
	e->masked = d->flags & IMS_DESC_MASK_ENABLES ? !bit : bit;
	if (d->flags & IMS_DESC_COOKIE)
		e->cookie = (u32)(((u64)ctrl >> d->cookie_shift) &
				  ((1ULL << d->cookie_width) - 1));
	if (d->flags & IMS_DESC_COOKIE_ENABLE)
		e->cookie_en = (ctrl >> d->cookie_enable_bit) & 1;
}
EXPORT_SYMBOL_GPL(ims_test_decode);

/**
 * ims_test_expect_desc - Expect a descriptor to describe what another does
 * @test:	The test
 * @d:		The descriptor under test, e.g. parsed from firmware
 * @e:		The descriptor it must equal in every layout field and flag
 *
 * The names may differ.
 *
 * Context: Process context (a KUnit case).
 */
void ims_test_expect_desc(struct kunit *test, const struct ims_desc *d, const struct ims_desc *e)
{
	unsigned int i;

	KUNIT_EXPECT_NOT_NULL(test, d->name);
	KUNIT_EXPECT_EQ(test, d->kind, e->kind);
	KUNIT_EXPECT_EQ(test, d->flags, e->flags);
	KUNIT_EXPECT_EQ(test, d->nr_slots, e->nr_slots);
	KUNIT_EXPECT_EQ(test, d->stride, e->stride);
	KUNIT_EXPECT_EQ(test, d->queue_offset, e->queue_offset);
	KUNIT_EXPECT_EQ(test, d->entry_size, e->entry_size);
	KUNIT_EXPECT_EQ(test, d->addr_lo, e->addr_lo);
	KUNIT_EXPECT_EQ(test, d->addr_hi, e->addr_hi);
	KUNIT_EXPECT_EQ(test, d->addr_hi_width, e->addr_hi_width);
	KUNIT_EXPECT_EQ(test, d->data, e->data);
	KUNIT_EXPECT_EQ(test, d->data_width, e->data_width);
	KUNIT_EXPECT_EQ(test, d->ctrl, e->ctrl);
	KUNIT_EXPECT_EQ(test, d->const_off, e->const_off);
	KUNIT_EXPECT_EQ(test, d->const_val, e->const_val);
	KUNIT_EXPECT_EQ(test, d->mask_bit, e->mask_bit);
	KUNIT_EXPECT_EQ(test, d->cookie_shift, e->cookie_shift);
	KUNIT_EXPECT_EQ(test, d->cookie_width, e->cookie_width);
	KUNIT_EXPECT_EQ(test, d->cookie_enable_bit, e->cookie_enable_bit);
	KUNIT_ASSERT_EQ(test, !d->slot_offsets, !e->slot_offsets);
	for (i = 0; e->slot_offsets && i < e->nr_slots; i++)
		KUNIT_EXPECT_EQ(test, d->slot_offsets[i], e->slot_offsets[i]);
}
EXPORT_SYMBOL_GPL(ims_test_expect_desc);
