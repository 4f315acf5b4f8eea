// SPDX-License-Identifier: GPL-2.0-only
/*
 * Benchmark, not a test: `make bench` runs it, `make check` filters it out
 * (it is marked slow).  It reports numbers and never fails on a time.
 *
 * Hot path: ns per mask+unmask pair and per irq_write_msi_msg() of the
 * generic chip for every shipped descriptor, next to a hand-written chip
 * for the same layout (ims_ref_chip.c for IDXD, ims_ref_layouts.c for the
 * others: for the converted drivers, their own 6.12 write callbacks behind
 * platform MSI), each on its own copy of the same host-memory storage,
 * in interleaved batches; the generic/reference ratio is reported per
 * round as median and spread.  Storage that sleeps is measured the way
 * the core drives it, for both chips: each operation inside
 * irq_bus_lock()/irq_bus_sync_unlock(), doorbell included.
 *
 * Device accesses: reads and writes of MMIO storage per mask, unmask,
 * message write and shutdown, counted by the device model, next to the
 * floor (one write per word written, one read per flush).  These are exact
 * and asserted, so that case is not slow and runs in make check as well.
 */
#include <kunit/test.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/msi.h>
#include <linux/sort.h>

#include "ims_test.h"

#define IMS_BENCH_ROUNDS	101
#define IMS_BENCH_BATCH		10000
#define IMS_BENCH_BATCH_SLEEP	2000

struct ims_bench_vec {
	struct irq_data	*d;
	bool		sleeps;
	struct msi_msg	msg;
};

/* The message the test parent hands out for @virq, as the core would write it */
static void ims_bench_msg(unsigned int virq, struct msi_msg *msg)
{
	u64 addr;
	u32 data;

	ims_test_parent_expected(virq, &addr, &data);
	*msg = (struct msi_msg){ .address_lo = lower_32_bits(addr),
				 .address_hi = upper_32_bits(addr), .data = data };
}

static void ims_bench_op(const struct ims_bench_vec *v, void (*op)(struct irq_data *))
{
	struct irq_chip *chip = v->d->chip;

	if (v->sleeps)
		chip->irq_bus_lock(v->d);
	op(v->d);
	if (v->sleeps)
		chip->irq_bus_sync_unlock(v->d);
}

/* Picoseconds per mask+unmask pair over @n pairs */
static u64 ims_bench_pairs(const struct ims_bench_vec *v, unsigned int n)
{
	struct irq_chip *chip = v->d->chip;
	unsigned int i;
	u64 t0;

	t0 = ktime_get_ns();
	for (i = 0; i < n; i++) {
		ims_bench_op(v, chip->irq_mask);
		ims_bench_op(v, chip->irq_unmask);
	}
	return div_u64((ktime_get_ns() - t0) * 1000, n);
}

/* Picoseconds per message write over @n writes */
static u64 ims_bench_msgs(struct ims_bench_vec *v, unsigned int n)
{
	struct irq_chip *chip = v->d->chip;
	unsigned int i;
	u64 t0;

	t0 = ktime_get_ns();
	for (i = 0; i < n; i++) {
		if (v->sleeps)
			chip->irq_bus_lock(v->d);
		chip->irq_write_msi_msg(v->d, &v->msg);
		if (v->sleeps)
			chip->irq_bus_sync_unlock(v->d);
	}
	return div_u64((ktime_get_ns() - t0) * 1000, n);
}

static int ims_bench_cmp(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

/* Median and spread of per-round ratios, in thousandths */
static void ims_bench_stats(u64 *r, unsigned int n, u64 *med, u64 *lo, u64 *hi)
{
	sort(r, n, sizeof(*r), ims_bench_cmp, NULL);
	*med = r[n / 2];
	*lo = r[0];
	*hi = r[n - 1];
}

/* One table line: medians of both chips and the ratio's median and spread */
static void ims_bench_line(struct kunit *test, const char *name, u64 *gen, u64 *ref,
			   u64 *ratio, const char *op)
{
	u64 med, lo, hi, g, r;

	sort(gen, IMS_BENCH_ROUNDS, sizeof(u64), ims_bench_cmp, NULL);
	sort(ref, IMS_BENCH_ROUNDS, sizeof(u64), ims_bench_cmp, NULL);
	ims_bench_stats(ratio, IMS_BENCH_ROUNDS, &med, &lo, &hi);
	g = gen[IMS_BENCH_ROUNDS / 2];
	r = ref[IMS_BENCH_ROUNDS / 2];
	kunit_info(test, "ims-bench: %-16s %-13s %8llu.%llu %7llu.%llu %7llu.%03llu (%llu.%03llu..%llu.%03llu)\n",
		   name, op, g / 1000, g % 1000 / 100, r / 1000, r % 1000 / 100,
		   med / 1000, med % 1000, lo / 1000, lo % 1000, hi / 1000, hi % 1000);
}

static int ims_bench_vector(struct kunit *test, struct device *dev,
			    union msi_instance_cookie *cookie, atomic_t *count)
{
	int virq = devm_ims_desc_alloc_irq(dev, cookie, NULL);

	KUNIT_ASSERT_GT(test, virq, 0);
	KUNIT_ASSERT_EQ(test, 0, request_irq(virq, ims_test_handler, 0, "ims-bench", count));
	return virq;
}

/* The reference chip of @d's layout on a model of its own */
static int ims_bench_ref_vector(struct kunit *test, const struct ims_desc *d, atomic_t *count,
				struct ims_model **rm)
{
	int virq;

	*rm = ims_model_create(test, d, 8);
	if (d == &ims_desc_idxd) {
		KUNIT_ASSERT_EQ(test, 0, ims_ref_create((*rm)->dev, (*rm)->regs, 8));
		virq = ims_ref_alloc_irq((*rm)->dev);
	} else {
		virq = ims_ref_layout_alloc(*rm);
	}
	KUNIT_ASSERT_GT_MSG(test, virq, 0, "no reference chip for %s", d->name);
	KUNIT_ASSERT_EQ(test, 0, request_irq(virq, ims_test_handler, 0, "ims-bench-ref", count));
	return virq;
}

static void ims_bench_hot_path(struct kunit *test)
{
	u64 *gp, *rp, *gm, *rm, *ratio_p, *ratio_m;
	struct ims_model *ref_model, *m;
	struct ims_bench_vec ref, gen;
	atomic_t count = ATOMIC_INIT(0);
	union msi_instance_cookie c;
	unsigned int k, i, batch;
	struct ims_storage st;
	int ref_virq, virq;
	bool pmask;

	gp = kunit_kcalloc(test, 6 * IMS_BENCH_ROUNDS, sizeof(u64), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, gp);
	rp = gp + IMS_BENCH_ROUNDS;
	gm = rp + IMS_BENCH_ROUNDS;
	rm = gm + IMS_BENCH_ROUNDS;
	ratio_p = rm + IMS_BENCH_ROUNDS;
	ratio_m = ratio_p + IMS_BENCH_ROUNDS;

	kunit_info(test, "ims-bench: %-16s %-13s %10s %9s %23s\n", "descriptor", "operation",
		   "generic ns", "ref ns", "ratio med (min..max)");

	for (k = 0; k < ims_test_nr_descs; k++) {
		const struct ims_desc *d = ims_test_descs[k];

		/*
		 * The hand-written chips mask in storage only, as on x86: a
		 * parent that does not mask, except for storage without a
		 * mask bit, which both chips mask at the parent.
		 */
		pmask = d->flags & IMS_DESC_PARENT_MASK;
		KUNIT_ASSERT_EQ(test, 0, ims_test_parent_configure(test, false, pmask));
		m = ims_model_create(test, d, 8);
		st = m->storage;
		if (d->kind != IMS_STORAGE_QUEUE) {
			st.iobase = NULL;
			st.mem = m->regs;
		}
		KUNIT_ASSERT_EQ(test, 0, devm_ims_desc_create_domain(m->dev, d, &st));
		c = ims_model_cookie(m, 0);
		virq = ims_bench_vector(test, m->dev, &c, &count);
		gen.d = irq_get_irq_data(virq);
		gen.sleeps = d->flags & IMS_DESC_SLEEPS;
		ims_bench_msg(virq, &gen.msg);

		ref_virq = ims_bench_ref_vector(test, d, &count, &ref_model);
		ref.d = irq_get_irq_data(ref_virq);
		ref.sleeps = gen.sleeps;
		ims_bench_msg(ref_virq, &ref.msg);
		batch = gen.sleeps ? IMS_BENCH_BATCH_SLEEP : IMS_BENCH_BATCH;

		/*
		 * Interleaved: each round times both chips back to back, and
		 * the order alternates so that neither always runs first.
		 */
		for (i = 0; i < IMS_BENCH_ROUNDS; i++) {
			if (i & 1) {
				rp[i] = ims_bench_pairs(&ref, batch);
				gp[i] = ims_bench_pairs(&gen, batch);
				rm[i] = ims_bench_msgs(&ref, batch);
				gm[i] = ims_bench_msgs(&gen, batch);
			} else {
				gp[i] = ims_bench_pairs(&gen, batch);
				rp[i] = ims_bench_pairs(&ref, batch);
				gm[i] = ims_bench_msgs(&gen, batch);
				rm[i] = ims_bench_msgs(&ref, batch);
			}
			ratio_p[i] = div64_u64(gp[i] * 1000, max_t(u64, rp[i], 1));
			ratio_m[i] = div64_u64(gm[i] * 1000, max_t(u64, rm[i], 1));
		}
		ims_bench_line(test, d->name, gp, rp, ratio_p, "mask+unmask");
		ims_bench_line(test, d->name, gm, rm, ratio_m, "write_msi_msg");

		free_irq(virq, &count);
		devm_ims_desc_free_irq(m->dev, virq);
		free_irq(ref_virq, &count);
		if (d == &ims_desc_idxd)
			ims_ref_free_irq(ref_model->dev, ref_virq);
		else
			ims_ref_layout_free(ref_model);
	}
}

static void ims_bench_mask(struct ims_bench_vec *v)
{
	ims_bench_op(v, v->d->chip->irq_mask);
}

static void ims_bench_unmask(struct ims_bench_vec *v)
{
	ims_bench_op(v, v->d->chip->irq_unmask);
}

static void ims_bench_shutdown(struct ims_bench_vec *v)
{
	ims_bench_op(v, v->d->chip->irq_shutdown);
}

static void ims_bench_write_msg(struct ims_bench_vec *v)
{
	struct irq_chip *chip = v->d->chip;

	if (v->sleeps)
		chip->irq_bus_lock(v->d);
	chip->irq_write_msi_msg(v->d, &v->msg);
	if (v->sleeps)
		chip->irq_bus_sync_unlock(v->d);
}

/* Count one operation's device accesses and compare them with the floor */
static void ims_bench_count(struct kunit *test, struct ims_model *m, struct ims_bench_vec *v,
			    const char *op, void (*fn)(struct ims_bench_vec *v),
			    unsigned int floor_r, unsigned int floor_w)
{
	bool queue = m->desc->kind == IMS_STORAGE_QUEUE;
	unsigned int r, w;

	ims_model_reset_counts(m);
	fn(v);
	r = m->reads;
	w = queue ? m->doorbells : m->writes;
	kunit_info(test, "ims-access: %-16s %-13s %5u %6u %9u/%u%s\n", m->desc->name, op, r, w,
		   floor_r, floor_w, queue ? " (doorbells)" : "");
	KUNIT_EXPECT_EQ_MSG(test, r, floor_r, "%s %s reads", m->desc->name, op);
	KUNIT_EXPECT_EQ_MSG(test, w, floor_w, "%s %s writes", m->desc->name, op);
}

/* Device accesses per operation on MMIO storage, next to the floor */
static void ims_bench_accesses(struct kunit *test)
{
	atomic_t count = ATOMIC_INIT(0);
	union msi_instance_cookie c;
	struct ims_bench_vec v;
	struct ims_model *m;
	bool flush, shared, queue, pmask;
	unsigned int k, addr_w;
	int virq;

	kunit_info(test, "ims-access: %-16s %-13s %5s %6s %12s\n", "descriptor", "operation",
		   "reads", "writes", "floor (r/w)");
	for (k = 0; k < ims_test_nr_descs; k++) {
		const struct ims_desc *d = ims_test_descs[k];

		m = ims_model_create(test, d, 8);
		KUNIT_ASSERT_EQ(test, 0, devm_ims_desc_create_domain(m->dev, d, &m->storage));
		c = ims_model_cookie(m, 0);
		virq = ims_bench_vector(test, m->dev, &c, &count);
		v.d = irq_get_irq_data(virq);
		v.sleeps = d->flags & IMS_DESC_SLEEPS;
		ims_bench_msg(virq, &v.msg);
		queue = d->kind == IMS_STORAGE_QUEUE;
		flush = d->flags & IMS_DESC_FLUSH && !queue;
		pmask = d->flags & IMS_DESC_PARENT_MASK;
		shared = !(d->flags & (IMS_DESC_ADDR64 | IMS_DESC_ADDR32)) && !pmask &&
			 d->ctrl == d->addr_hi;
		/* Two address words, or one: the shared high word, 32 bits, one access */
		addr_w = d->flags & (IMS_DESC_ADDR32 | IMS_DESC_WRITE64) ? 1 : 2;

		/*
		 * Mask, unmask, shutdown: one control word write, one flush
		 * read; none where the parent masks.
		 */
		ims_bench_count(test, m, &v, "mask", ims_bench_mask, flush, !pmask);
		ims_bench_count(test, m, &v, "unmask", ims_bench_unmask, flush, !pmask);
		/* A message: the address words (the shared one included) and data */
		ims_bench_count(test, m, &v, "write_msi_msg", ims_bench_write_msg,
				flush && shared, queue ? 1 : addr_w + 1);
		ims_bench_count(test, m, &v, "shutdown", ims_bench_shutdown, flush, !pmask);

		ims_bench_unmask(&v);
		free_irq(virq, &count);
		devm_ims_desc_free_irq(m->dev, virq);
	}
}

static struct kunit_case ims_bench_cases[] = {
	KUNIT_CASE_SLOW(ims_bench_hot_path),
	/* Exact counts, not timings: these run in make check too */
	KUNIT_CASE(ims_bench_accesses),
	{}
};

static struct kunit_suite ims_bench_suite = {
	.name = "ims_desc_bench",
	.test_cases = ims_bench_cases,
};

kunit_test_suite(ims_bench_suite);

MODULE_DESCRIPTION("KUnit benchmark of the generic IMS chip");
MODULE_LICENSE("GPL");
