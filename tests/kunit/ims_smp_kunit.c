// SPDX-License-Identifier: GPL-2.0-only
/*
 * Stress and scale on an SMP machine (QEMU x86_64, two CPUs): what UML,
 * uniprocessor and with a few dozen irq descriptors, cannot show.
 *
 * ims_desc_smp_stress (make check, in a kernel with PROVE_LOCKING, KASAN
 * and DEBUG_KMEMLEAK):
 * - 10,000 allocation cycles over the shipped descriptors leak nothing
 *   and lose no slot: a kmemleak scan after them reports exactly one new
 *   leak, a canary the test leaks on purpose to show that the scan sees
 *   leaks from here;
 * - threads on both CPUs allocate, request, move, mask, unmask, fire and
 *   free vectors of one device at the same time; every interrupt lands
 *   where the storage says, lockdep stays on, and afterwards every slot
 *   can be allocated again and is masked once freed.  Storage that sleeps
 *   is exercised through the bus lock (request_irq(), disable_irq(), ...)
 *   and the commit of affinity changes made in atomic context.
 * KASAN reports in threads other than the test's are not attached to a
 * test; the harness fails the run on any KASAN, lockdep or WARN report in
 * the console.
 *
 * ims_desc_smp_scale (make bench, marked slow): one device with 65,536
 * vectors, the MSI core's index space, under the test MSI parent; time
 * per allocation+free at 64, 2,048 and 65,536 live vectors and the memory
 * a vector costs, next to the hand-written reference chip doing the same.
 *
 * Storage is host memory; the device's side decodes it with
 * ims_test_decode(), which shares no code with the chip.
 */
#include <kunit/device.h>
#include <kunit/resource.h>
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/cpumask.h>
#include <linux/debug_locks.h>
#include <linux/delay.h>
#include <linux/gfp.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/minmax.h>
#include <linux/irqdesc.h>
#include <linux/kmemleak.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/mm.h>
#include <linux/msi.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "ims-desc-internal.h"
#include "ims_test.h"

/* Slots of the device in the stress cases */
#define IMS_SMP_SLOTS		64
/* Allocation cycles checked for leaks; one in so many is also fired */
#define IMS_SMP_CYCLES		10000
#define IMS_SMP_FIRE_EVERY	50
/* Stress threads, and the vectors each owns at most at once */
#define IMS_SMP_THREADS		4
#define IMS_SMP_ROUNDS		100
/* Vectors of the scale benchmark: the MSI core's whole index space */
#define IMS_SMP_SCALE		IMS_DESC_MAX_SLOTS
/* Timed allocation+free pairs at each live count */
#define IMS_SMP_SCALE_PAIRS	256
/* The live counts at which allocation+free is timed */
static const unsigned int ims_smp_live[] = { 64, 2048, IMS_SMP_SCALE };

KUNIT_DEFINE_ACTION_WRAPPER(ims_smp_kvfree, kvfree, const void *);

/**
 * struct ims_smp_dev - A device with IMS storage in host memory
 * @desc:	Its descriptor
 * @dev:	The device
 * @mem:	Array or table storage, or the queue memory of queue storage
 * @queues:	Queue storage: one queue per slot, entry at its @mem
 * @doorbell:	Queue storage: the doorbell "register", in host memory
 * @nr:		Number of slots (queues)
 * @qsize:	Queue storage: bytes of memory per queue
 */
struct ims_smp_dev {
	const struct ims_desc	*desc;
	struct device		*dev;
	u8			*mem;
	struct ims_queue	*queues;
	u32			*doorbell;
	unsigned int		nr;
	size_t			qsize;
};

/* A device, its storage and its IMS domain; all released with the test */
static struct ims_smp_dev *ims_smp_create(struct kunit *test, const struct ims_desc *d,
					  unsigned int nr, const char *name)
{
	struct ims_storage st = { };
	struct ims_smp_dev *sd;
	unsigned int i;
	size_t size;

	sd = kunit_kzalloc(test, sizeof(*sd), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, sd);
	sd->desc = d;
	sd->nr = d->flags & IMS_DESC_DYNAMIC_SLOTS ? nr : d->nr_slots;

	if (d->kind == IMS_STORAGE_QUEUE) {
		sd->qsize = ALIGN(d->queue_offset + d->entry_size, 16);
		size = sd->qsize * sd->nr;
	} else {
		size = ims_test_storage_size(d, sd->nr);
	}
	/* Allocated before the device: released after its domain masked all */
	sd->mem = kvzalloc(size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, sd->mem);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, ims_smp_kvfree, sd->mem));

	if (d->kind == IMS_STORAGE_QUEUE) {
		sd->queues = kunit_kcalloc(test, sd->nr, sizeof(*sd->queues), GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, sd->queues);
		for (i = 0; i < sd->nr; i++) {
			sd->queues[i].mem = sd->mem + i * sd->qsize;
			sd->queues[i].size = sd->qsize;
			sd->queues[i].doorbell = i;
		}
	} else {
		st.mem = sd->mem;
		st.size = size;
	}
	if (d->flags & IMS_DESC_DOORBELL) {
		sd->doorbell = kunit_kzalloc(test, sizeof(*sd->doorbell), GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, sd->doorbell);
		/* A register in host memory: MMIO accessors work on it on x86 */
		st.doorbell = (void __iomem __force *)sd->doorbell;
	}
	if (d->flags & IMS_DESC_DYNAMIC_SLOTS)
		st.nr_slots = sd->nr;

	sd->dev = kunit_device_register(test, name);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, sd->dev);
	KUNIT_ASSERT_EQ(test, 0, ims_test_parent_attach(sd->dev, true));
	KUNIT_ASSERT_EQ(test, 0, ims_desc_create_domain(sd->dev, d, &st));
	return sd;
}

static const u8 *ims_smp_entry(const struct ims_smp_dev *sd, unsigned int loc)
{
	const struct ims_desc *d = sd->desc;

	if (d->kind == IMS_STORAGE_QUEUE)
		return sd->mem + loc * sd->qsize + d->queue_offset;
	return sd->mem + ims_test_slot_offset(d, loc);
}

/* The slot cannot send: masked, or without a mask bit, the null message */
static bool ims_smp_masked(const struct ims_smp_dev *sd, unsigned int loc)
{
	return ims_test_quiet(sd->desc, ims_smp_entry(sd, loc));
}

/* The device raises slot @loc: 1 if a handler ran, 0 if masked or astray */
static int ims_smp_fire(const struct ims_smp_dev *sd, unsigned int loc)
{
	struct ims_model_entry e;

	ims_test_decode(sd->desc, ims_smp_entry(sd, loc), &e);
	if (e.masked)
		return 0;
	return ims_test_parent_deliver(e.addr, e.data);
}

/* Allocate a vector; @loc is the queue to use, or returns the slot */
static int ims_smp_alloc(const struct ims_smp_dev *sd, unsigned int *loc)
{
	union msi_instance_cookie cookie = { };
	int virq;

	if (sd->desc->kind == IMS_STORAGE_QUEUE)
		cookie.ptr = &sd->queues[*loc];
	virq = ims_desc_alloc_irq(sd->dev, &cookie, NULL);
	if (virq > 0 && sd->desc->kind != IMS_STORAGE_QUEUE)
		*loc = ims_test_slot_of(virq);
	return virq;
}

/*
 * A canary leaked on purpose, unreachable once this returns.  The stack
 * below the caller is scrubbed afterwards (ims_smp_scrub()), so no dead
 * frame keeps a pointer to it for kmemleak's stack scan to find.
 */
static noinline void ims_smp_leak_canary(void)
{
	void *p = kmalloc(64, GFP_KERNEL);

	/* Opaque from here: the pattern is written, and not as a tail call */
	OPTIMIZER_HIDE_VAR(p);
	if (p)
		memset(p, 0x5a, 64);
}

static noinline void ims_smp_scrub(void)
{
	u8 buf[512];

	memzero_explicit(buf, sizeof(buf));
}

/**
 * struct ims_smp_report - What a test thread tells the test
 * @done:	Completed when the thread is finished
 * @errors:	Failures seen; @what says the first
 * @what:	The first failure
 *
 * KUnit assertions may only fail the test's own thread, so test threads
 * record failures here and the test checks them once they are done.
 */
struct ims_smp_report {
	struct completion	done;
	unsigned int		errors;
	char			what[96];
};

static __printf(2, 3) void ims_smp_fail(struct ims_smp_report *r, const char *fmt, ...)
{
	va_list args;

	if (r->errors++)
		return;
	va_start(args, fmt);
	vsnprintf(r->what, sizeof(r->what), fmt, args);
	va_end(args);
}

/* Start @fn(@arg) in a thread that completes @r when it returns */
static void ims_smp_start(struct ims_smp_report *r, int (*fn)(void *), void *arg,
			  const char *name, unsigned int n)
{
	struct task_struct *t;

	init_completion(&r->done);
	t = kthread_run(fn, arg, "%s/%u", name, n);
	/* No assertion here: the threads already started use the test's memory */
	if (IS_ERR(t)) {
		ims_smp_fail(r, "%s/%u: thread not started", name, n);
		complete(&r->done);
	}
}

/* Wait for a thread and fail the test with what it recorded */
static void ims_smp_finish(struct kunit *test, struct ims_smp_report *r)
{
	wait_for_completion(&r->done);
	KUNIT_EXPECT_EQ_MSG(test, r->errors, 0, "%s", r->what);
}

/**
 * struct ims_smp_cycler - One thread of allocation cycles on its own device
 * @report:	Failures, and completion
 * @sd:		The device
 * @n:		Cycles to run
 * @requested:	Vectors also requested and fired
 * @fired:	Of those, delivered
 * @count:	Handler invocations
 */
struct ims_smp_cycler {
	struct ims_smp_report	report;
	struct ims_smp_dev	*sd;
	unsigned int		n;
	unsigned int		requested;
	unsigned int		fired;
	atomic_t		count;
};

static void ims_smp_cycle_fail(struct ims_smp_cycler *c, unsigned int i, const char *what)
{
	ims_smp_fail(&c->report, "%s: cycle %u: %s", c->sd->desc->name, i, what);
}

/*
 * Allocate and free @n times, rotating through the slots; every
 * IMS_SMP_FIRE_EVERY-th vector is also requested and fired.  A freed slot
 * must read masked.
 */
static int ims_smp_cycle_thread(void *arg)
{
	struct ims_smp_cycler *c = arg;
	struct ims_smp_dev *sd = c->sd;
	unsigned int i, loc;
	int virq;

	for (i = 0; i < c->n; i++) {
		loc = i % sd->nr;
		virq = ims_smp_alloc(sd, &loc);
		if (virq <= 0) {
			ims_smp_cycle_fail(c, i, "allocation failed");
			break;
		}
		if (!(i % IMS_SMP_FIRE_EVERY)) {
			if (request_irq(virq, ims_test_handler, 0, "ims-smp", &c->count)) {
				ims_smp_cycle_fail(c, i, "request_irq failed");
			} else {
				c->requested++;
				ims_desc_flush(sd->dev);
				c->fired += ims_smp_fire(sd, loc);
				free_irq(virq, &c->count);
			}
		}
		ims_desc_free_irq(sd->dev, virq);
		ims_desc_flush(sd->dev);
		if (!ims_smp_masked(sd, loc))
			ims_smp_cycle_fail(c, i, "freed slot unmasked");
		if (!(i & 63))
			cond_resched();
	}
	complete(&c->report.done);
	return 0;
}

/* After the cycles no slot may be lost: all allocatable, none more */
static unsigned int ims_smp_slots_back(struct kunit *test, struct ims_smp_dev *sd)
{
	unsigned int i, loc, back = 0;
	int virqs[IMS_SMP_SLOTS];

	KUNIT_ASSERT_LE(test, sd->nr, IMS_SMP_SLOTS);
	for (i = 0; i < sd->nr; i++) {
		loc = i;
		virqs[i] = ims_smp_alloc(sd, &loc);
		KUNIT_EXPECT_GT_MSG(test, virqs[i], 0, "%s: slot %u lost", sd->desc->name, i);
		back += virqs[i] > 0;
	}
	if (sd->desc->kind != IMS_STORAGE_QUEUE) {
		loc = 0;
		KUNIT_EXPECT_EQ(test, ims_smp_alloc(sd, &loc), -ENOSPC);
	}
	for (i = 0; i < sd->nr; i++)
		if (virqs[i] > 0)
			ims_desc_free_irq(sd->dev, virqs[i]);
	ims_desc_flush(sd->dev);
	for (i = 0; i < sd->nr; i++)
		KUNIT_EXPECT_TRUE_MSG(test, ims_smp_masked(sd, i),
				      "%s: slot %u unmasked after free", sd->desc->name, i);
	return back;
}

/*
 * 10,000 allocation cycles over the shipped descriptors, one thread and
 * device per descriptor running at the same time, then kmemleak.  An
 * object is reported once it is 5 seconds old and unchanged since the
 * scan before, hence a scan right after the cycles and one after the
 * wait.  The two scans before the cycles retire what boot left.
 */
static void ims_smp_no_leaks(struct kunit *test)
{
	unsigned int k, done = 0, back;
	struct ims_smp_cycler *c;
	int ret, leaks;

	ret = kmemleak_scan_now();
	if (ret == -EOPNOTSUPP || ret == -EPERM)
		kunit_skip(test, "kmemleak is not enabled");
	KUNIT_ASSERT_GE(test, ret, 0);
	KUNIT_ASSERT_GE(test, kmemleak_scan_now(), 0);

	c = kunit_kcalloc(test, ims_desc_nr_shipped, sizeof(*c), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c);
	for (k = 0; k < ims_desc_nr_shipped; k++) {
		c[k].sd = ims_smp_create(test, ims_desc_shipped[k], IMS_SMP_SLOTS,
					 ims_desc_shipped[k]->name);
		c[k].n = (IMS_SMP_CYCLES - done) / (ims_desc_nr_shipped - k);
		done += c[k].n;
		atomic_set(&c[k].count, 0);
	}
	for (k = 0; k < ims_desc_nr_shipped; k++)
		ims_smp_start(&c[k].report, ims_smp_cycle_thread, &c[k], "ims-cycles", k);
	for (k = 0; k < ims_desc_nr_shipped; k++) {
		ims_smp_finish(test, &c[k].report);
		KUNIT_EXPECT_EQ(test, c[k].fired, c[k].requested);
		KUNIT_EXPECT_EQ(test, atomic_read(&c[k].count), c[k].requested);
		back = ims_smp_slots_back(test, c[k].sd);
		kunit_info(test, "ims-stress: %-10s %u alloc/free cycles (%u requested and fired), %u/%u slots back\n",
			   ims_desc_shipped[k]->name, c[k].n, c[k].requested, back, c[k].sd->nr);
	}
	/*
	 * The devices stay until the test ends: KUnit then unregisters them
	 * and their drivers in reverse order.  Unregistering one here could
	 * unbind another from its driver and tear its domain down early.
	 */

	ims_smp_leak_canary();
	ims_smp_scrub();
	leaks = kmemleak_scan_now();
	KUNIT_ASSERT_GE(test, leaks, 0);
	msleep(5500);
	ret = kmemleak_scan_now();
	KUNIT_ASSERT_GE(test, ret, 0);
	leaks += ret;

	kunit_info(test, "ims-stress: kmemleak: %d new suspected leaks after %u cycles (1 expected: the canary)\n",
		   leaks, done);
	KUNIT_EXPECT_EQ(test, done, IMS_SMP_CYCLES);
	KUNIT_EXPECT_NE_MSG(test, leaks, 0, "kmemleak missed the canary: the scan proves nothing");
	KUNIT_EXPECT_LE_MSG(test, leaks, 1, "leaks: see the backtraces in the console");
}

/**
 * struct ims_smp_worker - One stress thread
 * @report:	Failures, and completion
 * @sd:		The shared device
 * @id:		Thread number; queue storage uses queues id, id + @nr_threads, ...
 * @nr_threads:	Threads on the device: no more than it has slots
 * @seed:	Varies the order of operations
 * @ops:	Vectors cycled
 */
struct ims_smp_worker {
	struct ims_smp_report	report;
	struct ims_smp_dev	*sd;
	unsigned int		id;
	unsigned int		nr_threads;
	u32			seed;
	unsigned int		ops;
};

static void ims_smp_round_fail(struct ims_smp_worker *w, unsigned int round,
			       const char *what)
{
	ims_smp_fail(&w->report, "thread %u round %u: %s", w->id, round, what);
}

static void ims_smp_round(struct ims_smp_worker *w, unsigned int round)
{
	struct ims_smp_dev *sd = w->sd;
	unsigned int loc, cpu, expect = 0;
	atomic_t count = ATOMIC_INIT(0);
	int virq;

	/* Each thread its own queues; a device with fewer slots has fewer threads */
	loc = w->id + w->nr_threads * (round % (sd->nr / w->nr_threads));
	virq = ims_smp_alloc(sd, &loc);
	if (virq <= 0)
		return ims_smp_round_fail(w, round, "allocation failed");
	irq_set_status_flags(virq, IRQ_DISABLE_UNLAZY);
	if (request_irq(virq, ims_test_handler, 0, "ims-smp", &count)) {
		ims_desc_free_irq(sd->dev, virq);
		return ims_smp_round_fail(w, round, "request_irq failed");
	}

	/* Move it to either CPU; the message changes, the storage follows */
	w->seed = w->seed * 1103515245 + 12345;
	cpu = cpumask_nth((w->seed >> 16) % num_online_cpus(), cpu_online_mask);
	if (irq_set_affinity(virq, cpumask_of(cpu)))
		ims_smp_round_fail(w, round, "irq_set_affinity failed");
	ims_desc_flush(sd->dev);
	expect += ims_smp_fire(sd, loc);
	if (atomic_read(&count) != 1)
		ims_smp_round_fail(w, round, "not delivered after the affinity change");

	disable_irq(virq);
	if (ims_smp_fire(sd, loc) || atomic_read(&count) != expect)
		ims_smp_round_fail(w, round, "delivered while masked");
	enable_irq(virq);
	expect += ims_smp_fire(sd, loc);
	if (atomic_read(&count) != 2 || expect != 2)
		ims_smp_round_fail(w, round, "not delivered after unmasking");

	free_irq(virq, &count);
	ims_desc_free_irq(sd->dev, virq);
	w->ops++;
}

static int ims_smp_thread(void *arg)
{
	struct ims_smp_worker *w = arg;
	unsigned int round;

	for (round = 0; round < IMS_SMP_ROUNDS; round++) {
		ims_smp_round(w, round);
		if (!(round & 15))
			cond_resched();
	}
	complete(&w->report.done);
	return 0;
}

static void ims_smp_concurrency(struct kunit *test)
{
	const struct ims_desc *d = *(const struct ims_desc *const *)test->param_value;
	unsigned int i, back, nr_threads, errors = 0, ops = 0;
	struct ims_smp_worker *w;
	struct ims_smp_dev *sd;

	KUNIT_ASSERT_GE_MSG(test, num_online_cpus(), 2, "needs an SMP machine");
	KUNIT_ASSERT_TRUE_MSG(test, debug_locks, "lock debugging was already off before the test");

	sd = ims_smp_create(test, d, IMS_SMP_SLOTS, "ims-smp-stress");
	nr_threads = min_t(unsigned int, IMS_SMP_THREADS, sd->nr);
	w = kunit_kcalloc(test, nr_threads, sizeof(*w), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, w);
	for (i = 0; i < nr_threads; i++) {
		w[i].sd = sd;
		w[i].id = i;
		w[i].nr_threads = nr_threads;
		w[i].seed = 0x1ec0de + i;
		ims_smp_start(&w[i].report, ims_smp_thread, &w[i], "ims-smp", i);
	}
	for (i = 0; i < nr_threads; i++) {
		ims_smp_finish(test, &w[i].report);
		errors += w[i].report.errors;
		ops += w[i].ops;
	}
	KUNIT_EXPECT_EQ(test, ops, nr_threads * IMS_SMP_ROUNDS);
	KUNIT_EXPECT_TRUE_MSG(test, debug_locks, "lockdep reported a problem (see the console)");

	/* Every slot is accounted for: all allocatable again, masked when freed */
	back = ims_smp_slots_back(test, sd);

	kunit_info(test, "ims-stress: %-10s %u threads on %u CPUs, %u vectors cycled, %u errors, %u/%u slots back, lockdep %s\n",
		   d->name, nr_threads, num_online_cpus(), ops, errors, back, sd->nr,
		   debug_locks ? "quiet" : "REPORTED");
}

/* A thread that allocates and frees until the domain is gone */
struct ims_smp_racer {
	struct ims_smp_report	report;
	struct ims_smp_dev	*sd;
	unsigned int		cycles;
	int			last;
};

static int ims_smp_racer_thread(void *arg)
{
	struct ims_smp_racer *r = arg;
	unsigned int loc = 0;
	int virq;

	for (r->cycles = 0; r->cycles < 100000; r->cycles++) {
		virq = ims_smp_alloc(r->sd, &loc);
		r->last = virq;
		if (virq == -ENODEV)
			break;
		if (virq == -ENOSPC)
			continue;
		if (virq < 0) {
			ims_smp_fail(&r->report, "cycle %u: allocation failed: %d", r->cycles,
				     virq);
			break;
		}
		ims_desc_free_irq(r->sd->dev, virq);
	}
	complete(&r->report.done);
	return 0;
}

/*
 * Removing a domain while other threads allocate from it: every
 * allocation either completes before the removal or finds no domain
 * (-ENODEV); nothing touches the domain after it is gone (KASAN watches)
 * and the slots used end masked.
 */
static void ims_smp_remove_races_alloc(struct kunit *test)
{
	struct ims_smp_racer *r;
	struct ims_smp_dev *sd;
	unsigned int i;

	sd = ims_smp_create(test, &ims_desc_idxd, IMS_SMP_SLOTS, "ims-smp-remove");
	r = kunit_kcalloc(test, 2, sizeof(*r), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, r);
	for (i = 0; i < 2; i++) {
		r[i].sd = sd;
		ims_smp_start(&r[i].report, ims_smp_racer_thread, &r[i], "ims-race", i);
	}
	msleep(50);
	ims_desc_remove_domain(sd->dev);
	for (i = 0; i < 2; i++) {
		ims_smp_finish(test, &r[i].report);
		KUNIT_EXPECT_EQ_MSG(test, r[i].last, -ENODEV, "thread %u, after %u cycles", i,
				    r[i].cycles);
		KUNIT_EXPECT_GT(test, r[i].cycles, 0);
	}
	/* Two threads take the two lowest free slots; those ended masked */
	for (i = 0; i < 2; i++)
		KUNIT_EXPECT_TRUE_MSG(test, ims_smp_masked(sd, i), "slot %u", i);
	kunit_info(test, "ims-stress: removal raced %u + %u allocation cycles\n",
		   r[0].cycles, r[1].cycles);
}

static struct kunit_case ims_smp_stress_cases[] = {
	KUNIT_CASE(ims_smp_no_leaks),
	KUNIT_CASE_PARAM(ims_smp_concurrency, ims_test_shipped_params),
	KUNIT_CASE(ims_smp_remove_races_alloc),
	{}
};

static struct kunit_suite ims_smp_stress_suite = {
	.name = "ims_desc_smp_stress",
	.test_cases = ims_smp_stress_cases,
};

/* Free pages, with the per-CPU page lists drained into the count */
static long ims_smp_free_pages(void)
{
	drain_all_pages(NULL);
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
	return ims_desc_alloc_irq(dev, NULL, NULL);
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
				    .free = ims_desc_free_irq, .full = -ENOSPC };
	struct ims_smp_chip ref = { .name = "reference", .alloc = ims_ref_alloc_irq,
				    .free = ims_ref_free_irq };
	u64 gns[ARRAY_SIZE(ims_smp_live)], rns[ARRAY_SIZE(ims_smp_live)];
	u64 gfill, rfill, gfree, rfree;
	struct ims_smp_dev *sd;
	long gbytes, rbytes;
	unsigned int i;
	void *mem;

	/* The IDXD layout with the MSI core's whole index space */
	d = kunit_kzalloc(test, sizeof(*d), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, d);
	*d = ims_desc_idxd;
	d->name = "idxd-64k";
	d->nr_slots = 0;
	sd = ims_smp_create(test, d, IMS_SMP_SCALE, "ims-smp-scale");
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

kunit_test_suites(&ims_smp_stress_suite, &ims_smp_scale_suite);
