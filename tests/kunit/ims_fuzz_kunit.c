// SPDX-License-Identifier: GPL-2.0-only
/*
 * Randomised validator suite: seeded random descriptors and mutations of
 * the shipped ones.  Property: every accepted descriptor keeps every
 * access the chip can make inside the slot's entry, entries of different
 * slots apart and the storage below 4 GiB (checked by an oracle written
 * independently of the validator); every rejected one names a field.
 *
 * The same for the DT/ACPI parser: seeded random and mutated property sets
 * on software nodes.  Every accepted one must give a descriptor the
 * validator accepts and the oracle finds contained; every rejected one
 * must name a property; every parsed descriptor is freed.
 *
 * The seed is printed; ims_fuzz_kunit.seed=N on the kernel command line
 * reproduces a run.
 */
#include <kunit/test.h>
#include <linux/err.h>
#include <linux/minmax.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/prandom.h>
#include <linux/property.h>
#include <linux/string.h>

#include "ims-desc-internal.h"
#include "ims_test.h"

#define IMS_FUZZ_TABLE_MAX	8

static ulong seed = 0x1b5de5c;
module_param(seed, ulong, 0444);
MODULE_PARM_DESC(seed, "seed of the randomised validator suite");

/*
 * Inputs per case.  KASAN makes a firmware parse some thirty times
 * slower; under it a tenth of the inputs keeps the run to seconds.
 */
static uint runs = IS_ENABLED(CONFIG_KASAN) ? 10000 : 100000;
module_param(runs, uint, 0444);
MODULE_PARM_DESC(runs, "inputs per case (100,000; 10,000 with KASAN)");
#define IMS_FUZZ_RUNS		runs

static const char * const ims_fuzz_fields[] = {
	"desc", "name", "flags", "kind", "entry_size", "nr_slots", "stride",
	"slot_offsets", "queue_offset", "addr_lo", "addr_hi", "addr_hi_width",
	"data", "ctrl", "mask_bit", "cookie_shift", "cookie_width",
	"cookie_enable_bit", "const_off", "const_val", "data_width",
};

struct ims_fuzz_case {
	struct ims_desc	desc;
	u32		offsets[IMS_FUZZ_TABLE_MAX];
};

/* Small values most of the time, so that valid descriptors are common */
static u32 ims_fuzz_val(struct rnd_state *rs, u32 small, u32 big)
{
	u32 r = prandom_u32_state(rs);

	switch (r & 7) {
	case 0:
		return prandom_u32_state(rs) % big;
	case 1:
		return 0;
	default:
		return (prandom_u32_state(rs) % small) & ~3U;
	}
}

static void ims_fuzz_random(struct rnd_state *rs, struct ims_fuzz_case *c)
{
	struct ims_desc *d = &c->desc;
	unsigned int i, n;
	u32 off = 0;

	memset(c, 0, sizeof(*c));
	d->name = "fuzz";
	d->kind = prandom_u32_state(rs) % 4;
	d->flags = prandom_u32_state(rs) & (IMS_DESC_ALL_FLAGS | (prandom_u32_state(rs) % 16 ?
						0 : BIT(30)));
	d->entry_size = ims_fuzz_val(rs, 40, 5000);
	d->nr_slots = ims_fuzz_val(rs, 64, 70000);
	d->stride = ims_fuzz_val(rs, 64, 1U << 20);
	d->queue_offset = ims_fuzz_val(rs, 256, U32_MAX);
	d->addr_lo = ims_fuzz_val(rs, 32, 70000);
	d->addr_hi = ims_fuzz_val(rs, 32, 70000);
	d->addr_hi_width = prandom_u32_state(rs) % 3 ? 0 : prandom_u32_state(rs) % 40;
	d->data = ims_fuzz_val(rs, 32, 70000);
	d->ctrl = ims_fuzz_val(rs, 32, 70000);
	d->mask_bit = prandom_u32_state(rs) % 40;
	d->cookie_shift = prandom_u32_state(rs) % 40;
	d->cookie_width = prandom_u32_state(rs) % 40;
	d->cookie_enable_bit = prandom_u32_state(rs) % 40;
	d->data_width = prandom_u32_state(rs) % 3 ? 0 : prandom_u32_state(rs) % 40;
	if (d->flags & IMS_DESC_CONST || !(prandom_u32_state(rs) % 8)) {
		d->const_off = ims_fuzz_val(rs, 32, 70000);
		d->const_val = prandom_u32_state(rs);
	}

	if (d->kind == IMS_STORAGE_TABLE || !(prandom_u32_state(rs) % 8)) {
		n = 1 + prandom_u32_state(rs) % IMS_FUZZ_TABLE_MAX;
		for (i = 0; i < n; i++) {
			off += ims_fuzz_val(rs, 48, 1U << 16);
			c->offsets[i] = off;
		}
		/* Source order need not be address order */
		if (!(prandom_u32_state(rs) % 4))
			swap(c->offsets[0], c->offsets[n - 1]);
		d->slot_offsets = c->offsets;
		if (prandom_u32_state(rs) % 4)
			d->nr_slots = n;
	}
	/* Table lengths are bounded by the array the case carries */
	if (d->slot_offsets && d->nr_slots > IMS_FUZZ_TABLE_MAX)
		d->nr_slots = IMS_FUZZ_TABLE_MAX;
}

/* A shipped descriptor with one field replaced by a random value */
static void ims_fuzz_mutate(struct rnd_state *rs, struct ims_fuzz_case *c,
			    const struct ims_desc *base)
{
	struct ims_desc *d = &c->desc;
	u32 v = prandom_u32_state(rs);

	memset(c, 0, sizeof(*c));
	*d = *base;
	if (base->slot_offsets) {
		d->nr_slots = min(base->nr_slots, IMS_FUZZ_TABLE_MAX);
		memcpy(c->offsets, base->slot_offsets, d->nr_slots * sizeof(u32));
		d->slot_offsets = c->offsets;
	}

	switch (prandom_u32_state(rs) % 16) {
	case 0:
		d->flags ^= BIT(v % 11);
		break;
	case 1:
		d->entry_size = v % 64;
		break;
	case 2:
		d->nr_slots = v % 70000;
		break;
	case 3:
		d->stride = v % 64;
		break;
	case 4:
		d->queue_offset = v % 256;
		break;
	case 5:
		d->addr_lo = v % 64;
		break;
	case 6:
		d->addr_hi = v % 64;
		break;
	case 7:
		d->addr_hi_width = v % 40;
		break;
	case 8:
		d->data = v % 64;
		break;
	case 9:
		d->ctrl = v % 64;
		break;
	case 10:
		d->mask_bit = v % 40;
		break;
	case 11:
		d->cookie_shift = v % 40;
		break;
	case 12:
		d->cookie_width = v % 40;
		break;
	case 13:
		d->cookie_enable_bit = v % 40;
		break;
	case 14:
		d->kind = v % 4;
		break;
	default:
		if (d->slot_offsets && d->nr_slots)
			c->offsets[v % d->nr_slots] = (v >> 8) % 0x1000;
		break;
	}
	/* A table's length is that of its array: the validator reads all of it */
	if (d->slot_offsets && d->nr_slots > IMS_FUZZ_TABLE_MAX)
		d->nr_slots = IMS_FUZZ_TABLE_MAX;
}

/*
 * The oracle: may the chip, driven by @d, touch anything outside a
 * slot's entry, another slot's entry, or beyond 4 GiB of storage?
 */
static bool ims_fuzz_contained(const struct ims_desc *d)
{
	bool addr64 = d->flags & IMS_DESC_ADDR64;
	bool hi_word = !(d->flags & (IMS_DESC_ADDR64 | IMS_DESC_ADDR32));
	bool ctrl_word = !(d->flags & IMS_DESC_PARENT_MASK);
	u32 es = d->entry_size, i, j, bits = 0, field;
	u64 slots, extent;
	struct {
		u32 off, len;
		bool hi, ctrl;
	} acc[5] = { };
	unsigned int n = 0, a, b;

	if (!es || es % 4 || es > IMS_DESC_MAX_ENTRY_SIZE || d->kind > IMS_STORAGE_QUEUE)
		return false;

	acc[n].off = d->addr_lo;
	acc[n++].len = addr64 ? 8 : 4;
	if (hi_word) {
		acc[n].off = d->addr_hi;
		acc[n].hi = true;
		acc[n++].len = 4;
	}
	acc[n].off = d->data;
	acc[n++].len = 4;
	if (ctrl_word) {
		acc[n].off = d->ctrl;
		acc[n].ctrl = true;
		acc[n++].len = 4;
	}
	if (d->flags & IMS_DESC_CONST) {
		acc[n].off = d->const_off;
		acc[n++].len = 4;
	}
	for (a = 0; a < n; a++) {
		if (acc[a].off % acc[a].len || acc[a].off + acc[a].len > es)
			return false;
		for (b = 0; b < a; b++) {
			bool same_word = acc[a].off == acc[b].off && acc[a].len == 4 &&
					 acc[b].len == 4;
			bool apart = acc[a].off + acc[a].len <= acc[b].off ||
				     acc[b].off + acc[b].len <= acc[a].off;

			/* Only the control word may be the high address word */
			if (!apart && !(same_word && ((acc[a].ctrl && acc[b].hi) ||
						      (acc[b].ctrl && acc[a].hi))))
				return false;
		}
	}
	if (!ctrl_word)
		goto slots;

	/* Control bits in their 32-bit word, disjoint from each other */
	if (d->mask_bit >= 32)
		return false;
	if (hi_word && d->ctrl == d->addr_hi) {
		if (!d->addr_hi_width || d->addr_hi_width >= 32)
			return false;
		bits = (u32)(BIT_ULL(d->addr_hi_width) - 1);
	}
	if (bits & BIT(d->mask_bit))
		return false;
	bits |= BIT(d->mask_bit);
	if (d->flags & IMS_DESC_COOKIE) {
		if (!d->cookie_width || d->cookie_shift + d->cookie_width > 32)
			return false;
		field = (u32)((BIT_ULL(d->cookie_width) - 1) << d->cookie_shift);
		if (bits & field)
			return false;
		bits |= field;
		if (d->flags & IMS_DESC_COOKIE_ENABLE &&
		    (d->cookie_enable_bit >= 32 || bits & BIT(d->cookie_enable_bit)))
			return false;
	}

slots:
	/* Entries of different slots apart, storage below 4 GiB */
	slots = d->nr_slots ? d->nr_slots : IMS_DESC_MAX_SLOTS;
	switch (d->kind) {
	case IMS_STORAGE_ARRAY:
		if (d->stride < es)
			return false;
		extent = (slots - 1) * d->stride + es;
		break;
	case IMS_STORAGE_TABLE:
		if (!d->slot_offsets || !d->nr_slots)
			return false;
		extent = 0;
		for (i = 0; i < d->nr_slots; i++) {
			u64 lo = d->slot_offsets[i];

			for (j = 0; j < i; j++)
				if (lo < d->slot_offsets[j] + (u64)es &&
				    d->slot_offsets[j] < lo + es)
					return false;
			extent = max(extent, lo + es);
		}
		break;
	default:
		extent = (u64)d->queue_offset + es;
		break;
	}
	return extent <= U32_MAX;
}

static bool ims_fuzz_known_field(const char *field)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ims_fuzz_fields); i++)
		if (field && !strcmp(field, ims_fuzz_fields[i]))
			return true;
	return false;
}

static void ims_fuzz_validator(struct kunit *test)
{
	unsigned int accepted = 0, rejected = 0, mutated = 0, i;
	struct ims_desc_error err;
	struct ims_fuzz_case *c;
	struct rnd_state rs;

	c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c);
	prandom_seed_state(&rs, seed);
	kunit_info(test, "seed %#lx (ims_fuzz_kunit.seed=%#lx reproduces this run)\n",
		   seed, seed);

	for (i = 0; i < IMS_FUZZ_RUNS; i++) {
		if (i % 2) {
			ims_fuzz_random(&rs, c);
		} else {
			ims_fuzz_mutate(&rs, c,
					ims_test_descs[(i / 2) % ims_test_nr_descs]);
			mutated++;
		}

		memset(&err, 0, sizeof(err));
		if (!ims_desc_check(&c->desc, &err)) {
			accepted++;
			KUNIT_ASSERT_TRUE_MSG(test, ims_fuzz_contained(&c->desc),
					      "run %u accepted an escaping descriptor", i);
		} else {
			rejected++;
			KUNIT_ASSERT_TRUE_MSG(test, ims_fuzz_known_field(err.field),
					      "run %u rejected without naming a field", i);
			KUNIT_ASSERT_NOT_NULL(test, err.reason);
		}
	}
	kunit_info(test, "%u descriptors (%u mutated shipped ones): %u accepted, %u rejected\n",
		   IMS_FUZZ_RUNS, mutated, accepted, rejected);
	/* Both outcomes must be exercised for the property to mean anything */
	KUNIT_EXPECT_GT(test, accepted, IMS_FUZZ_RUNS / 100);
	KUNIT_EXPECT_GT(test, rejected, IMS_FUZZ_RUNS / 100);
}

/* The properties of the binding, and a valid set to mutate */
static const char * const ims_fuzz_props[] = {
	"ims-storage", "ims-slots", "ims-dynamic-slots", "ims-stride", "ims-slot-offsets",
	"ims-queue-offset", "ims-entry-size", "ims-address", "ims-address-64",
	"ims-address-write64", "ims-address-32", "ims-address-hi-width", "ims-data",
	"ims-data-width", "ims-control", "ims-mask-bit", "ims-mask-enables",
	"ims-posted-writes", "ims-big-endian", "ims-non-atomic-update", "ims-cookie",
	"ims-cookie-enable-bit", "ims-doorbell", "ims-command", "ims-constant",
	"ims-parent-mask", "ims-control-shared", "ims-upper-reserved",
};

static const char * const ims_fuzz_kinds[] = { "array", "table", "queue", "ring" };

#define IMS_FUZZ_PROPS		12
#define IMS_FUZZ_CELLS		4

struct ims_fuzz_props {
	struct property_entry	p[IMS_FUZZ_PROPS + 1];
	u32			cells[IMS_FUZZ_PROPS][IMS_FUZZ_CELLS];
	unsigned int		n;
};

/*
 * One property of a random shape: boolean, string, or 1..4 u32 cells.
 * ims-storage, the one string property, is always a string or a boolean:
 * a software node keeps no type, and reading a string from one made of
 * u32 cells hands out the cells as a pointer (DT and ACPI properties are
 * typed, so firmware cannot do that).
 */
static void ims_fuzz_prop(struct rnd_state *rs, struct ims_fuzz_props *fp, const char *name)
{
	struct property_entry *p = &fp->p[fp->n];
	u32 *cells = fp->cells[fp->n];
	unsigned int i, n, shape;

	if (fp->n == IMS_FUZZ_PROPS)
		return;
	fp->n++;
	shape = prandom_u32_state(rs) % 8;
	if (!strcmp(name, "ims-storage"))
		shape %= 2;
	switch (shape) {
	case 0:
		*p = PROPERTY_ENTRY_BOOL(name);
		return;
	case 1:
		n = prandom_u32_state(rs) % ARRAY_SIZE(ims_fuzz_kinds);
		*p = PROPERTY_ENTRY_STRING(name, ims_fuzz_kinds[n]);
		return;
	default:
		n = 1 + (prandom_u32_state(rs) % 8 ? 0 : prandom_u32_state(rs) % IMS_FUZZ_CELLS);
		for (i = 0; i < n; i++)
			cells[i] = ims_fuzz_val(rs, 48, 70000);
		*p = PROPERTY_ENTRY_U32_ARRAY_LEN(name, cells, n);
	}
}

/* A valid IDXD-like node, one property of which is dropped or replaced */
static void ims_fuzz_mutated_props(struct rnd_state *rs, struct ims_fuzz_props *fp)
{
	static const u32 addr[] = { 0, 4 };
	const char *victim = ims_fuzz_props[prandom_u32_state(rs) % ARRAY_SIZE(ims_fuzz_props)];
	const struct property_entry base[] = {
		PROPERTY_ENTRY_STRING("ims-storage", "array"),
		PROPERTY_ENTRY_U32("ims-slots", 64),
		PROPERTY_ENTRY_U32("ims-stride", 16),
		PROPERTY_ENTRY_U32("ims-entry-size", 16),
		PROPERTY_ENTRY_U32_ARRAY("ims-address", addr),
		PROPERTY_ENTRY_U32("ims-data", 8),
		PROPERTY_ENTRY_U32("ims-control", 12),
		PROPERTY_ENTRY_U32("ims-mask-bit", 0),
	};
	unsigned int i;

	memset(fp, 0, sizeof(*fp));
	for (i = 0; i < ARRAY_SIZE(base); i++) {
		if (!strcmp(base[i].name, victim))
			continue;
		fp->p[fp->n++] = base[i];
	}
	/* Dropped, or back with a random shape and value */
	if (prandom_u32_state(rs) % 4)
		ims_fuzz_prop(rs, fp, victim);
}

static void ims_fuzz_random_props(struct rnd_state *rs, struct ims_fuzz_props *fp)
{
	unsigned int i, n = 1 + prandom_u32_state(rs) % IMS_FUZZ_PROPS;

	memset(fp, 0, sizeof(*fp));
	for (i = 0; i < n; i++)
		ims_fuzz_prop(rs, fp,
			      ims_fuzz_props[prandom_u32_state(rs) % ARRAY_SIZE(ims_fuzz_props)]);
}

static bool ims_fuzz_known_prop(const char *prop)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ims_fuzz_props); i++)
		if (prop && !strcmp(prop, ims_fuzz_props[i]))
			return true;
	return false;
}

static void ims_fuzz_fwnode(struct kunit *test)
{
	unsigned int accepted = 0, rejected = 0, i;
	struct ims_desc_error err, verr;
	struct fwnode_handle *fw;
	struct ims_fuzz_props *fp;
	struct rnd_state rs;
	struct ims_desc *d;

	fp = kunit_kzalloc(test, sizeof(*fp), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, fp);
	prandom_seed_state(&rs, seed);
	kunit_info(test, "seed %#lx (ims_fuzz_kunit.seed=%#lx reproduces this run)\n",
		   seed, seed);

	for (i = 0; i < IMS_FUZZ_RUNS; i++) {
		if (i % 2)
			ims_fuzz_random_props(&rs, fp);
		else
			ims_fuzz_mutated_props(&rs, fp);
		/* Duplicate names are the firmware's problem, not the parser's */
		fw = fwnode_create_software_node(fp->p, NULL);
		if (IS_ERR(fw))
			continue;

		memset(&err, 0, sizeof(err));
		d = ims_desc_parse_fwnode(fw, &err);
		if (!IS_ERR(d)) {
			accepted++;
			KUNIT_EXPECT_EQ_MSG(test, ims_desc_check(d, &verr), 0,
					    "run %u: parsed descriptor invalid: %s", i, verr.field);
			KUNIT_EXPECT_TRUE_MSG(test, ims_fuzz_contained(d),
					      "run %u accepted an escaping descriptor", i);
			ims_desc_free_fwnode(d);
		} else {
			rejected++;
			KUNIT_EXPECT_TRUE_MSG(test, ims_fuzz_known_prop(err.field) ||
					      PTR_ERR(d) == -ENOMEM,
					      "run %u rejected without naming a property (%s)", i,
					      err.field ?: "none");
		}
		fwnode_remove_software_node(fw);
		if (test->status != KUNIT_SUCCESS)
			break;
	}
	kunit_info(test, "%u property sets: %u accepted, %u rejected\n", IMS_FUZZ_RUNS,
		   accepted, rejected);
	KUNIT_EXPECT_GT(test, accepted, IMS_FUZZ_RUNS / 100);
	KUNIT_EXPECT_GT(test, rejected, IMS_FUZZ_RUNS / 100);
}

static struct kunit_case ims_fuzz_cases[] = {
	KUNIT_CASE(ims_fuzz_validator),
	KUNIT_CASE(ims_fuzz_fwnode),
	{}
};

static struct kunit_suite ims_fuzz_suite = {
	.name = "ims_desc_fuzz",
	.test_cases = ims_fuzz_cases,
};

kunit_test_suite(ims_fuzz_suite);

MODULE_DESCRIPTION("KUnit randomised tests of the IMS validators");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS("EXPORTED_FOR_KUNIT_TESTING");
