// SPDX-License-Identifier: GPL-2.0-only
/*
 * Validation of IMS descriptors and of the storage of an instance.
 *
 * A descriptor is checked once, when a domain is created from it.  The
 * checks guarantee that every access the generic chip makes stays inside
 * the entry of the slot it operates on: every field is naturally aligned
 * and inside the entry, fields do not overlap, control bits fit their
 * register and do not collide, and entries of different slots do not
 * overlap.  Every rejection names the field.
 */
#include <kunit/visibility.h>
#include <linux/bitops.h>
#include <linux/errno.h>
#include <linux/export.h>
#include <linux/minmax.h>
#include <linux/printk.h>
#include <linux/string.h>

#include "ims-desc-internal.h"

static int ims_reject(struct ims_desc_error *err, const char *field, int index,
		      const char *reason)
{
	err->field = field;
	err->index = index;
	err->reason = reason;
	err->flag = 0;
	return -EINVAL;
}

/* A flag that contradicts the rest of the descriptor */
static int ims_reject_flag(struct ims_desc_error *err, u32 flag, const char *reason)
{
	ims_reject(err, "flags", -1, reason);
	err->flag = flag;
	return -EINVAL;
}

struct ims_span {
	const char	*name;
	u32		start;
	u32		size;
	bool		shares;
};

static bool ims_spans_overlap(const struct ims_span *a, const struct ims_span *b)
{
	return a->start < b->start + b->size && b->start < a->start + a->size;
}

static int ims_check_field(const struct ims_desc *desc, const struct ims_span *f,
			   struct ims_desc_error *err)
{
	if (f->start % f->size)
		return ims_reject(err, f->name, -1, "not naturally aligned");
	if (f->start + f->size > desc->entry_size)
		return ims_reject(err, f->name, -1, "beyond the entry (entry_size)");
	return 0;
}

static int ims_check_fields(const struct ims_desc *desc, struct ims_desc_error *err)
{
	bool addr64 = desc->flags & IMS_DESC_ADDR64;
	struct ims_span f[5];
	unsigned int i, j, n = 0;
	int ret;

	f[n++] = (struct ims_span){ "addr_lo", desc->addr_lo, addr64 ? 8 : 4 };
	if (!addr64 && !(desc->flags & IMS_DESC_ADDR32))
		f[n++] = (struct ims_span){ "addr_hi", desc->addr_hi, 4 };
	f[n++] = (struct ims_span){ "data", desc->data, 4 };
	if (!(desc->flags & IMS_DESC_PARENT_MASK))
		f[n++] = (struct ims_span){ "ctrl", desc->ctrl, 4, true };
	if (desc->flags & IMS_DESC_CONST)
		f[n++] = (struct ims_span){ "const_off", desc->const_off, 4 };

	for (i = 0; i < n; i++) {
		ret = ims_check_field(desc, &f[i], err);
		if (ret)
			return ret;
	}

	for (i = 1; i < n; i++) {
		for (j = 0; j < i; j++) {
			if (!ims_spans_overlap(&f[i], &f[j]))
				continue;
			/* The control word may be the high address word or the data word */
			if (f[i].shares && (!strcmp(f[j].name, "addr_hi") ||
					    !strcmp(f[j].name, "data")))
				continue;
			return ims_reject(err, f[i].name, -1, "overlaps another field");
		}
	}

	if (desc->addr_hi_width > 32)
		return ims_reject(err, "addr_hi_width", -1, "wider than 32 bits");
	if (desc->data_width > 32)
		return ims_reject(err, "data_width", -1, "wider than 32 bits");
	if (desc->flags & IMS_DESC_ADDR32) {
		if (addr64)
			return ims_reject_flag(err, IMS_DESC_ADDR32,
					       "IMS_DESC_ADDR32 with a 64-bit address field (IMS_DESC_ADDR64)");
		if (desc->addr_hi || desc->addr_hi_width)
			return ims_reject(err, desc->addr_hi ? "addr_hi" : "addr_hi_width", -1,
					  "given, but the storage holds 32 address bits (IMS_DESC_ADDR32)");
	}
	if (addr64 && desc->addr_hi)
		return ims_reject(err, "addr_hi", -1,
				  "given with a 64-bit address field (IMS_DESC_ADDR64)");
	if (desc->flags & IMS_DESC_WRITE64 && !addr64)
		return ims_reject_flag(err, IMS_DESC_WRITE64,
				       "IMS_DESC_WRITE64 without a 64-bit address field (IMS_DESC_ADDR64)");
	if (desc->flags & IMS_DESC_WRITE64 && !IS_ENABLED(CONFIG_64BIT))
		return ims_reject_flag(err, IMS_DESC_WRITE64,
				       "IMS_DESC_WRITE64: this kernel has no 64-bit MMIO access");
	if (!(desc->flags & IMS_DESC_CONST) && (desc->const_off || desc->const_val))
		return ims_reject(err, desc->const_off ? "const_off" : "const_val", -1,
				  "given without IMS_DESC_CONST");
	if (desc->flags & IMS_DESC_UPPER_RESERVED &&
	    !(ims_desc_data_reserved(desc) | ims_desc_hi_reserved(desc)))
		return ims_reject_flag(err, IMS_DESC_UPPER_RESERVED,
				       "reserved upper bits, but no data or high address word other than the control word is narrower than 32 bits");
	return 0;
}

/* Storage without a mask bit: there is no control word at all */
static int ims_check_parent_mask(const struct ims_desc *desc, struct ims_desc_error *err)
{
	static const u32 needs_ctrl[] = {
		IMS_DESC_FLUSH, IMS_DESC_MASK_ENABLES, IMS_DESC_MASK_ON_UPDATE,
		IMS_DESC_COOKIE, IMS_DESC_COOKIE_ENABLE, IMS_DESC_CTRL_SHARED,
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(needs_ctrl); i++) {
		if (desc->flags & needs_ctrl[i])
			return ims_reject_flag(err, needs_ctrl[i],
					       "needs a control word, but the parent masks (IMS_DESC_PARENT_MASK)");
	}
	if (desc->ctrl || desc->mask_bit)
		return ims_reject(err, desc->ctrl ? "ctrl" : "mask_bit", -1,
				  "given, but the parent masks (IMS_DESC_PARENT_MASK)");
	if (desc->cookie_shift || desc->cookie_width || desc->cookie_enable_bit)
		return ims_reject(err, "cookie_width", -1,
				  "cookie field given, but there is no control word (IMS_DESC_PARENT_MASK)");
	return 0;
}

static int ims_check_ctrl_bits(const struct ims_desc *desc, struct ims_desc_error *err)
{
	u32 used = 0, bits;

	if (desc->flags & IMS_DESC_PARENT_MASK)
		return ims_check_parent_mask(desc, err);

	if (ims_desc_shares_hi(desc)) {
		if (!desc->addr_hi_width || desc->addr_hi_width == 32)
			return ims_reject(err, "ctrl", -1,
					  "shares the addr_hi word but addr_hi_width leaves no control bits");
		used = GENMASK(desc->addr_hi_width - 1, 0);
	}
	if (ims_desc_shares_data(desc)) {
		if (!desc->data_width || desc->data_width == 32)
			return ims_reject(err, "ctrl", -1,
					  "shares the data word but data_width leaves no control bits");
		used = GENMASK(desc->data_width - 1, 0);
	}

	if (desc->mask_bit >= 32)
		return ims_reject(err, "mask_bit", -1, "outside its 32-bit register");
	if (used & BIT(desc->mask_bit))
		return ims_reject(err, "mask_bit", -1,
				  "overlaps the address or data bits the control word holds");
	used |= BIT(desc->mask_bit);

	if (!(desc->flags & IMS_DESC_COOKIE)) {
		if (desc->flags & IMS_DESC_COOKIE_ENABLE)
			return ims_reject_flag(err, IMS_DESC_COOKIE_ENABLE,
					       "IMS_DESC_COOKIE_ENABLE without IMS_DESC_COOKIE");
		if (desc->cookie_width || desc->cookie_shift)
			return ims_reject(err, "cookie_width", -1,
					  "cookie field given without IMS_DESC_COOKIE");
		return 0;
	}

	if (!desc->cookie_width || desc->cookie_width > 32)
		return ims_reject(err, "cookie_width", -1, "must be 1 to 32 bits");
	if (desc->cookie_shift + desc->cookie_width > 32)
		return ims_reject(err, "cookie_shift", -1,
				  "cookie field extends beyond its 32-bit register");
	bits = GENMASK(desc->cookie_shift + desc->cookie_width - 1, desc->cookie_shift);
	if (used & bits)
		return ims_reject(err, "cookie_shift", -1,
				  "cookie field overlaps the mask bit or address bits");
	used |= bits;

	if (desc->flags & IMS_DESC_COOKIE_ENABLE) {
		if (desc->cookie_enable_bit >= 32)
			return ims_reject(err, "cookie_enable_bit", -1,
					  "outside its 32-bit register");
		if (used & BIT(desc->cookie_enable_bit))
			return ims_reject(err, "cookie_enable_bit", -1,
					  "overlaps another control bit");
	} else if (desc->cookie_enable_bit) {
		return ims_reject(err, "cookie_enable_bit", -1,
				  "given without IMS_DESC_COOKIE_ENABLE");
	}
	return 0;
}

static int ims_check_array(const struct ims_desc *desc, struct ims_desc_error *err)
{
	u64 slots = desc->nr_slots ? desc->nr_slots : IMS_DESC_MAX_SLOTS;

	if (desc->stride < desc->entry_size)
		return ims_reject(err, "stride", -1, "smaller than the entry (entry_size)");
	if (desc->stride % 4)
		return ims_reject(err, "stride", -1, "not a multiple of 4");
	if (desc->flags & IMS_DESC_ADDR64 && desc->stride % 8)
		return ims_reject(err, "stride", -1,
				  "not a multiple of 8 with a 64-bit address field");
	if ((slots - 1) * desc->stride + desc->entry_size > U32_MAX)
		return ims_reject(err, "stride", -1, "storage would exceed 4 GiB");
	if (desc->slot_offsets)
		return ims_reject(err, "slot_offsets", -1, "given for array storage");
	if (desc->queue_offset)
		return ims_reject(err, "queue_offset", -1, "given for array storage");
	return 0;
}

/* Unordered tables are checked pairwise, so they are kept short */
#define IMS_DESC_MAX_UNORDERED	256

static bool ims_table_ascending(const struct ims_desc *desc)
{
	unsigned int i;

	for (i = 1; i < desc->nr_slots; i++) {
		if (desc->slot_offsets[i] <= desc->slot_offsets[i - 1])
			return false;
	}
	return true;
}

static int ims_check_table(const struct ims_desc *desc, struct ims_desc_error *err)
{
	u32 align = desc->flags & IMS_DESC_ADDR64 ? 8 : 4;
	u32 size = desc->entry_size;
	unsigned int i, j;
	bool ascending;

	if (!desc->slot_offsets)
		return ims_reject(err, "slot_offsets", -1, "missing for table storage");
	if (desc->flags & IMS_DESC_DYNAMIC_SLOTS)
		return ims_reject_flag(err, IMS_DESC_DYNAMIC_SLOTS,
				       "IMS_DESC_DYNAMIC_SLOTS with a fixed offset table");
	if (desc->stride)
		return ims_reject(err, "stride", -1, "given for table storage");
	if (desc->queue_offset)
		return ims_reject(err, "queue_offset", -1, "given for table storage");

	ascending = ims_table_ascending(desc);
	if (!ascending && desc->nr_slots > IMS_DESC_MAX_UNORDERED)
		return ims_reject(err, "slot_offsets", -1,
				  "not ascending, which only a table of up to 256 slots may be");

	for (i = 0; i < desc->nr_slots; i++) {
		u32 off = desc->slot_offsets[i];

		if (off % align)
			return ims_reject(err, "slot_offsets", i, "not naturally aligned");
		if ((u64)off + size > U32_MAX)
			return ims_reject(err, "slot_offsets", i, "beyond 4 GiB");
		if (ascending) {
			if (i && off < desc->slot_offsets[i - 1] + size)
				return ims_reject(err, "slot_offsets", i,
						  "overlaps the previous entry");
			continue;
		}
		for (j = 0; j < i; j++) {
			u32 other = desc->slot_offsets[j];

			if (off < other + size && other < off + size)
				return ims_reject(err, "slot_offsets", i,
						  "overlaps the entry of an earlier slot");
		}
	}
	return 0;
}

static int ims_check_queue(const struct ims_desc *desc, struct ims_desc_error *err)
{
	u32 align = desc->flags & IMS_DESC_ADDR64 ? 8 : 4;

	if (desc->stride)
		return ims_reject(err, "stride", -1, "given for queue storage");
	if (desc->slot_offsets)
		return ims_reject(err, "slot_offsets", -1, "given for queue storage");
	if (desc->queue_offset % align)
		return ims_reject(err, "queue_offset", -1, "not naturally aligned");
	if ((u64)desc->queue_offset + desc->entry_size > U32_MAX)
		return ims_reject(err, "queue_offset", -1, "beyond 4 GiB");
	if (desc->flags & IMS_DESC_FLUSH)
		return ims_reject_flag(err, IMS_DESC_FLUSH,
				       "IMS_DESC_FLUSH needs MMIO storage, queue storage is host memory");
	if (desc->flags & IMS_DESC_COOKIE)
		return ims_reject_flag(err, IMS_DESC_COOKIE,
				       "IMS_DESC_COOKIE with queue storage, whose cookie locates the queue");
	return 0;
}

/* How written entries reach the device: as written, a doorbell or a command */
static int ims_check_commit(const struct ims_desc *desc, struct ims_desc_error *err)
{
	if (!(desc->flags & IMS_DESC_COMMAND))
		return 0;
	if (desc->kind != IMS_STORAGE_QUEUE)
		return ims_reject_flag(err, IMS_DESC_COMMAND,
				       "IMS_DESC_COMMAND needs queue storage, whose queues commit");
	if (!(desc->flags & IMS_DESC_SLEEPS))
		return ims_reject_flag(err, IMS_DESC_COMMAND,
				       "IMS_DESC_COMMAND without IMS_DESC_SLEEPS: a command may sleep");
	if (desc->flags & IMS_DESC_DOORBELL)
		return ims_reject_flag(err, IMS_DESC_COMMAND,
				       "IMS_DESC_COMMAND with IMS_DESC_DOORBELL: one way to commit");
	return 0;
}

/**
 * ims_desc_check - Check a descriptor and say what is wrong with it
 * @desc:	The descriptor to check
 * @err:	Filled in with the offending field and the reason on failure
 *
 * Context: Any context.
 * Return: 0 if @desc is valid, -EINVAL otherwise.
 */
int ims_desc_check(const struct ims_desc *desc, struct ims_desc_error *err)
{
	int ret;

	if (!desc)
		return ims_reject(err, "desc", -1, "no descriptor");
	if (!desc->name || !desc->name[0])
		return ims_reject(err, "name", -1, "missing");
	if (desc->flags & ~IMS_DESC_ALL_FLAGS)
		return ims_reject_flag(err, desc->flags & ~IMS_DESC_ALL_FLAGS, "unknown flag");
	if (!desc->entry_size || desc->entry_size > IMS_DESC_MAX_ENTRY_SIZE)
		return ims_reject(err, "entry_size", -1, "must be 4 to 4096 bytes");
	if (desc->entry_size % 4)
		return ims_reject(err, "entry_size", -1, "not a multiple of 4");
	if (!desc->nr_slots && !(desc->flags & IMS_DESC_DYNAMIC_SLOTS))
		return ims_reject(err, "nr_slots", -1,
				  "zero slots with a fixed slot count");
	if (desc->nr_slots > IMS_DESC_MAX_SLOTS)
		return ims_reject(err, "nr_slots", -1,
				  "more than the MSI core's 65536 indices");

	switch (desc->kind) {
	case IMS_STORAGE_ARRAY:
		ret = ims_check_array(desc, err);
		break;
	case IMS_STORAGE_TABLE:
		ret = ims_check_table(desc, err);
		break;
	case IMS_STORAGE_QUEUE:
		ret = ims_check_queue(desc, err);
		break;
	default:
		return ims_reject(err, "kind", -1, "unknown storage kind");
	}
	if (ret)
		return ret;

	ret = ims_check_commit(desc, err);
	if (ret)
		return ret;
	ret = ims_check_fields(desc, err);
	if (ret)
		return ret;
	return ims_check_ctrl_bits(desc, err);
}
EXPORT_SYMBOL_IF_KUNIT(ims_desc_check);

/**
 * ims_desc_slot_limit - Number of slots of an instance
 * @desc:	A valid descriptor
 * @storage:	The instance's storage, checked by ims_desc_check_storage()
 *
 * Context: Any context.
 * Return: the number of slots the instance's domain provides.
 */
unsigned int ims_desc_slot_limit(const struct ims_desc *desc,
				 const struct ims_storage *storage)
{
	if (!(desc->flags & IMS_DESC_DYNAMIC_SLOTS))
		return desc->nr_slots;
	if (storage->nr_slots)
		return storage->nr_slots;
	return desc->nr_slots ? desc->nr_slots : IMS_DESC_MAX_SLOTS;
}

/**
 * ims_desc_check_storage - Check an instance's storage against its descriptor
 * @desc:	A valid descriptor
 * @storage:	The instance's storage
 * @err:	Filled in with the offending field and the reason on failure
 *
 * Context: Any context.
 * Return: 0 if @storage fits @desc, -EINVAL otherwise.
 */
int ims_desc_check_storage(const struct ims_desc *desc,
			   const struct ims_storage *storage,
			   struct ims_desc_error *err)
{
	unsigned int cap = desc->nr_slots ? desc->nr_slots : IMS_DESC_MAX_SLOTS;

	if (!storage)
		return ims_reject(err, "storage", -1, "no storage");

	if (desc->kind == IMS_STORAGE_QUEUE) {
		if (storage->iobase || storage->mem)
			return ims_reject(err, "storage.iobase", -1,
					  "queue storage is located by the instance cookie");
	} else if (!storage->iobase == !storage->mem) {
		return ims_reject(err, "storage.iobase", -1,
				  "exactly one of iobase and mem is required");
	}

	if (desc->flags & IMS_DESC_DOORBELL) {
		if (!storage->doorbell)
			return ims_reject(err, "storage.doorbell", -1,
					  "missing, the descriptor commits through a doorbell");
	} else if (storage->doorbell) {
		return ims_reject(err, "storage.doorbell", -1,
				  "given, but the descriptor has no IMS_DESC_DOORBELL");
	}

	if (!(desc->flags & IMS_DESC_DYNAMIC_SLOTS)) {
		if (storage->nr_slots && storage->nr_slots != desc->nr_slots)
			return ims_reject(err, "storage.nr_slots", -1,
					  "differs from the descriptor's fixed nr_slots");
	} else if (storage->nr_slots > cap) {
		return ims_reject(err, "storage.nr_slots", -1,
				  "more than the descriptor's nr_slots");
	}

	if (desc->kind == IMS_STORAGE_QUEUE) {
		if (storage->size)
			return ims_reject(err, "storage.size", -1,
					  "given for queue storage, whose queues have their own size");
		return 0;
	}
	if (!storage->size)
		return ims_reject(err, "storage.size", -1,
				  "missing: the length of the storage bounds its slots");
	/* A 64-bit field is written with one 64-bit store or access */
	if (!ims_desc_addr64_aligned(desc, storage->mem, storage->iobase, 0))
		return ims_reject(err, storage->mem ? "storage.mem" : "storage.iobase", -1,
				  "not 8-byte aligned, which the 64-bit address field needs");
	if (ims_desc_storage_end(desc, ims_desc_slot_limit(desc, storage)) > storage->size)
		return ims_reject(err, "storage.size", -1,
				  "too small: the last slot's entry does not fit");
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(ims_desc_check_storage);

/**
 * ims_desc_storage_end - End of the storage that @nr_slots slots occupy
 * @desc:	A valid descriptor of array or table storage
 * @nr_slots:	Number of slots, at least one
 *
 * Context: Any context.
 * Return: the byte offset just past the entry that ends last.
 */
u64 ims_desc_storage_end(const struct ims_desc *desc, unsigned int nr_slots)
{
	u64 end = 0;
	unsigned int i;

	if (desc->kind == IMS_STORAGE_ARRAY)
		return (u64)(nr_slots - 1) * desc->stride + desc->entry_size;
	for (i = 0; i < nr_slots; i++)
		end = max_t(u64, end, (u64)desc->slot_offsets[i] + desc->entry_size);
	return end;
}

/**
 * ims_desc_validate - Validate an IMS descriptor
 * @desc:	The descriptor to validate
 *
 * devm_ims_desc_create_domain() validates its descriptor; drivers and tools
 * may call this to check one up front.  A rejection is logged with the
 * name of the offending field.
 *
 * Context: Any context.
 * Return: 0 if @desc is valid, -EINVAL otherwise.
 */
int ims_desc_validate(const struct ims_desc *desc)
{
	struct ims_desc_error err;
	int ret;

	ret = ims_desc_check(desc, &err);
	if (ret) {
		if (err.index >= 0)
			pr_err("ims-desc: %s: invalid %s[%d]: %s\n",
			       desc && desc->name ? desc->name : "(unnamed)",
			       err.field, err.index, err.reason);
		else
			pr_err("ims-desc: %s: invalid %s: %s\n",
			       desc && desc->name ? desc->name : "(unnamed)",
			       err.field, err.reason);
	}
	return ret;
}
EXPORT_SYMBOL_GPL(ims_desc_validate);
