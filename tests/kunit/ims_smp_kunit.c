// SPDX-License-Identifier: GPL-2.0-only
/*
 * Stress on an SMP machine (QEMU x86_64, two CPUs): what UML,
 * uniprocessor and with a few dozen irq descriptors, cannot show.
 *
 * ims_desc_smp_stress (make check, in a kernel with PROVE_LOCKING, KASAN
 * and DEBUG_KMEMLEAK):
 * - 10,000 allocation cycles over the shipped descriptors leak nothing
 *   and lose no slot: a kmemleak scan after them reports exactly one new
 *   leak, a canary the test leaks on purpose to show that the scan sees
 *   leaks from here (a canary it misses is leaked again);
 * - threads on both CPUs allocate, request, move, mask, unmask, fire and
 *   free vectors of one device at the same time; every interrupt lands
 *   where the storage says, lockdep stays on, and afterwards every slot
 *   can be allocated again and is masked once freed.  Storage that sleeps
 *   is exercised through the bus lock (request_irq(), disable_irq(), ...)
 *   and the commit of affinity changes made in atomic context;
 * - a queue commit command that sleeps and takes a driver lock never runs
 *   under a lock that another device's allocations need.
 * KASAN reports in threads other than the test's are not attached to a
 * test; the harness fails the run on any KASAN, lockdep or WARN report in
 * the console.
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
#include <linux/module.h>
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
/* Slots checked one by one after the cycles, at most */
#define IMS_SMP_BACK_MAX	4096

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
	char			what[160];
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

/*
 * After the cycles no slot may be lost: all allocatable, none more.  Of a
 * device with more than IMS_SMP_BACK_MAX slots, the first ones and the
 * last are checked, and that is said.
 */
static unsigned int ims_smp_slots_back(struct kunit *test, struct ims_host_dev *sd)
{
	unsigned int i, loc, back = 0, n = min(sd->nr, IMS_SMP_BACK_MAX);
	int *virqs, last;

	virqs = kunit_kcalloc(test, n, sizeof(*virqs), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, virqs);
	for (i = 0; i < n; i++) {
		loc = i;
		virqs[i] = ims_host_alloc(sd, &loc);
		KUNIT_EXPECT_GT_MSG(test, virqs[i], 0, "%s: slot %u lost", sd->desc->name, i);
		back += virqs[i] > 0;
	}
	if (n < sd->nr) {
		kunit_info(test, "ims-stress: %s: slots 0..%u and %u checked of %u\n",
			   sd->desc->name, n - 1, sd->nr - 1, sd->nr);
		last = devm_ims_desc_alloc_irq_at(sd->dev, sd->nr - 1, NULL, NULL);
		KUNIT_EXPECT_GT_MSG(test, last, 0, "%s: last slot lost", sd->desc->name);
		if (last > 0) {
			back += sd->nr - n;
			devm_ims_desc_free_irq(sd->dev, last);
		}
	} else if (sd->desc->kind != IMS_STORAGE_QUEUE) {
		loc = 0;
		KUNIT_EXPECT_EQ(test, ims_host_alloc(sd, &loc), -ENOSPC);
	}
	for (i = 0; i < n; i++)
		if (virqs[i] > 0)
			devm_ims_desc_free_irq(sd->dev, virqs[i]);
	ims_desc_flush(sd->dev);
	for (i = 0; i < n; i++)
		KUNIT_EXPECT_TRUE_MSG(test, ims_host_masked(sd, i),
				      "%s: slot %u unmasked after free", sd->desc->name, i);
	return back;
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
	struct ims_host_dev	*sd;
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
	struct ims_host_dev *sd = w->sd;
	unsigned int loc, cpu, expect = 0;
	atomic_t count = ATOMIC_INIT(0);
	int virq;

	/* Each thread its own queues; a device with fewer slots has fewer threads */
	loc = w->id + w->nr_threads * (round % (sd->nr / w->nr_threads));
	virq = ims_host_alloc(sd, &loc);
	if (virq <= 0)
		return ims_smp_round_fail(w, round, "allocation failed");
	irq_set_status_flags(virq, IRQ_DISABLE_UNLAZY);
	if (request_irq(virq, ims_test_handler, 0, "ims-smp", &count)) {
		devm_ims_desc_free_irq(sd->dev, virq);
		return ims_smp_round_fail(w, round, "request_irq failed");
	}

	/* Move it to either CPU; the message changes, the storage follows */
	w->seed = w->seed * 1103515245 + 12345;
	cpu = cpumask_nth((w->seed >> 16) % num_online_cpus(), cpu_online_mask);
	if (irq_set_affinity(virq, cpumask_of(cpu)))
		ims_smp_round_fail(w, round, "irq_set_affinity failed");
	ims_desc_flush(sd->dev);
	expect += ims_host_fire(sd, loc);
	if (atomic_read(&count) != 1) {
		struct ims_model_entry e;
		u64 addr;
		u32 data;

		/* Say which: a stale message, a masked slot, or the handler */
		ims_test_decode(sd->desc, ims_host_entry(sd, loc), &e);
		ims_test_parent_expected(virq, &addr, &data);
		ims_smp_fail(&w->report,
			     "thread %u round %u: not delivered after the affinity change: slot %s%#llx/%#x, parent %#llx/%#x",
			     w->id, round, e.masked ? "masked " : "", e.addr, e.data, addr, data);
	}

	disable_irq(virq);
	if (ims_host_fire(sd, loc) || atomic_read(&count) != expect)
		ims_smp_round_fail(w, round, "delivered while masked");
	enable_irq(virq);
	expect += ims_host_fire(sd, loc);
	if (atomic_read(&count) != 2 || expect != 2)
		ims_smp_round_fail(w, round, "not delivered after unmasking");

	free_irq(virq, &count);
	devm_ims_desc_free_irq(sd->dev, virq);
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
	struct ims_host_dev *sd;

	KUNIT_ASSERT_GE_MSG(test, num_online_cpus(), 2, "needs an SMP machine");
	KUNIT_ASSERT_TRUE_MSG(test, debug_locks, "lock debugging was already off before the test");

	sd = ims_host_create(test, d, IMS_SMP_SLOTS, "ims-smp-stress");
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
	struct ims_host_dev	*sd;
	unsigned int		cycles;
	int			last;
	u64			used;	/* the slots it was given */
};

static int ims_smp_racer_thread(void *arg)
{
	struct ims_smp_racer *r = arg;
	unsigned int loc = 0, n;
	int virq;

	/* The test reads ->cycles while this runs, to remove mid-cycle */
	for (n = 0; n < 100000; n++) {
		WRITE_ONCE(r->cycles, n);
		virq = ims_host_alloc(r->sd, &loc);
		r->last = virq;
		if (virq == -ENODEV)
			break;
		if (virq == -ENOSPC)
			continue;
		if (virq < 0) {
			ims_smp_fail(&r->report, "cycle %u: allocation failed: %d", n, virq);
			break;
		}
		r->used |= BIT_ULL(loc);
		devm_ims_desc_free_irq(r->sd->dev, virq);
	}
	WRITE_ONCE(r->cycles, n);
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
	struct ims_host_dev *sd;
	unsigned int i, w;
	u64 used;

	sd = ims_host_create(test, &ims_desc_idxd, IMS_SMP_SLOTS, "ims-smp-remove");
	r = kunit_kcalloc(test, 2, sizeof(*r), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, r);
	for (i = 0; i < 2; i++) {
		r[i].sd = sd;
		ims_smp_start(&r[i].report, ims_smp_racer_thread, &r[i], "ims-race", i);
	}
	/* Remove while both are cycling, however slow the machine */
	for (w = 0; w < 500 && (READ_ONCE(r[0].cycles) < 3 || READ_ONCE(r[1].cycles) < 3); w++)
		msleep(20);
	devm_ims_desc_remove_domain(sd->dev);
	for (i = 0; i < 2; i++) {
		ims_smp_finish(test, &r[i].report);
		KUNIT_EXPECT_EQ_MSG(test, r[i].last, -ENODEV, "thread %u, after %u cycles", i,
				    r[i].cycles);
		KUNIT_EXPECT_GT(test, r[i].cycles, 0);
	}
	/*
	 * Every slot either thread was given ended masked.  Which those are
	 * depends on how the threads overlapped: on a slow machine they may
	 * never have held a vector at the same time, and then both used slot
	 * 0 alone, and slot 1 is still the zeroed memory it started as.
	 */
	used = r[0].used | r[1].used;
	KUNIT_EXPECT_NE(test, used, 0);
	for (i = 0; i < IMS_SMP_SLOTS; i++)
		if (used & BIT_ULL(i))
			KUNIT_EXPECT_TRUE_MSG(test, ims_host_masked(sd, i), "slot %u", i);
	kunit_info(test, "ims-stress: removal raced %u + %u allocation cycles, slots used %#llx\n",
		   r[0].cycles, r[1].cycles, used);
}

/*
 * Commits outside the irq core's locks: a queue commit command that
 * sleeps and takes a driver lock, while another thread allocates and
 * frees on a second device with that driver lock held (which takes the
 * irq domains' root mutex and the MSI core's locks inside it).
 */
static struct {
	struct mutex		drv_lock;	/* the driver's: the commits take it */
	atomic_t		b_cycles;
	atomic_t		commits;
	atomic_t		stalls;
	bool			b_stop;
} ims_smp_cl;

/*
 * The device's command: before it takes the driver lock, it waits until
 * the other thread finished three more allocation cycles on its device.
 * Were the command run under a lock that those cycles take, they could
 * not finish: that is counted as a stall (after 5 s), and the command
 * then leaves the driver lock alone, which the other thread holds while
 * it waits for that lock: the test fails instead of deadlocking.  The
 * lock order the driver lock closes in the other commands is lockdep's
 * to report.
 */
static int ims_smp_slow_commit(struct ims_queue *q)
{
	int start = atomic_read(&ims_smp_cl.b_cycles);
	unsigned int w;

	for (w = 0; w < 250 && atomic_read(&ims_smp_cl.b_cycles) < start + 3; w++)
		msleep(20);
	if (atomic_read(&ims_smp_cl.b_cycles) < start + 3) {
		atomic_inc(&ims_smp_cl.stalls);
		return 0;
	}
	mutex_lock(&ims_smp_cl.drv_lock);
	usleep_range(100, 200);
	atomic_inc(&ims_smp_cl.commits);
	mutex_unlock(&ims_smp_cl.drv_lock);
	return 0;
}

struct ims_smp_other {
	struct ims_smp_report	report;
	struct ims_host_dev	*sd;
};

/* Allocate and free on the other device, with the driver lock held */
static int ims_smp_other_thread(void *arg)
{
	struct ims_smp_other *o = arg;
	unsigned int loc = 0;
	int virq;

	while (!READ_ONCE(ims_smp_cl.b_stop)) {
		mutex_lock(&ims_smp_cl.drv_lock);
		virq = ims_host_alloc(o->sd, &loc);
		if (virq > 0)
			devm_ims_desc_free_irq(o->sd->dev, virq);
		mutex_unlock(&ims_smp_cl.drv_lock);
		if (virq <= 0) {
			ims_smp_fail(&o->report, "allocation on the other device failed: %d", virq);
			break;
		}
		atomic_inc(&ims_smp_cl.b_cycles);
		cond_resched();
	}
	complete(&o->report.done);
	return 0;
}

#define IMS_SMP_CL_ROUNDS	8

static void ims_smp_commit_outside_locks(struct kunit *test)
{
	struct ims_desc *d;
	struct ims_host_dev *sa;
	struct ims_smp_other *o;
	unsigned int i, loc, cpu, fired = 0;
	atomic_t count = ATOMIC_INIT(0);
	int virq;

	KUNIT_ASSERT_TRUE_MSG(test, debug_locks, "lock debugging was already off before the test");
	mutex_init(&ims_smp_cl.drv_lock);
	atomic_set(&ims_smp_cl.b_cycles, 0);
	atomic_set(&ims_smp_cl.commits, 0);
	atomic_set(&ims_smp_cl.stalls, 0);
	WRITE_ONCE(ims_smp_cl.b_stop, false);

	/* mlx5's queues, committed by a command instead of a doorbell */
	d = kunit_kmalloc(test, sizeof(*d), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, d);
	*d = ims_desc_mlx5;
	d->name = "mlx5+command";
	d->flags = (d->flags & ~IMS_DESC_DOORBELL) | IMS_DESC_COMMAND;
	sa = ims_host_create(test, d, 4, "ims-smp-commit");
	for (i = 0; i < sa->nr; i++)
		sa->queues[i].commit = ims_smp_slow_commit;

	o = kunit_kzalloc(test, sizeof(*o), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, o);
	o->sd = ims_host_create(test, &ims_desc_idxd, IMS_SMP_SLOTS, "ims-smp-other");
	ims_smp_start(&o->report, ims_smp_other_thread, o, "ims-other", 0);

	/* Every kind of commit: allocation, bus-locked sections, the work, free */
	for (i = 0; i < IMS_SMP_CL_ROUNDS; i++) {
		loc = i % sa->nr;
		virq = ims_host_alloc(sa, &loc);
		KUNIT_EXPECT_GT(test, virq, 0);
		if (virq <= 0)
			break;
		irq_set_status_flags(virq, IRQ_DISABLE_UNLAZY);
		if (request_irq(virq, ims_test_handler, 0, "ims-smp-commit", &count)) {
			KUNIT_FAIL(test, "request_irq failed");
			devm_ims_desc_free_irq(sa->dev, virq);
			break;
		}
		cpu = cpumask_nth(i % num_online_cpus(), cpu_online_mask);
		KUNIT_EXPECT_EQ(test, irq_set_affinity(virq, cpumask_of(cpu)), 0);
		ims_desc_flush(sa->dev);
		fired += ims_host_fire(sa, loc);
		disable_irq(virq);
		KUNIT_EXPECT_TRUE(test, ims_host_masked(sa, loc));
		enable_irq(virq);
		free_irq(virq, &count);
		devm_ims_desc_free_irq(sa->dev, virq);
		KUNIT_EXPECT_TRUE_MSG(test, ims_host_masked(sa, loc),
				      "round %u: freed queue unmasked", i);
	}
	WRITE_ONCE(ims_smp_cl.b_stop, true);
	ims_smp_finish(test, &o->report);

	KUNIT_EXPECT_EQ_MSG(test, fired, IMS_SMP_CL_ROUNDS, "not delivered after the commit");
	KUNIT_EXPECT_EQ(test, atomic_read(&count), IMS_SMP_CL_ROUNDS);
	KUNIT_EXPECT_EQ_MSG(test, atomic_read(&ims_smp_cl.stalls), 0,
			    "a commit ran under a lock that allocations on another device need");
	KUNIT_EXPECT_GE(test, atomic_read(&ims_smp_cl.commits), 5 * IMS_SMP_CL_ROUNDS);
	KUNIT_EXPECT_TRUE_MSG(test, debug_locks, "lockdep reported a problem (see the console)");
	kunit_info(test, "ims-stress: %d commits, %d allocation cycles beside them, %d stalls, lockdep %s\n",
		   atomic_read(&ims_smp_cl.commits), atomic_read(&ims_smp_cl.b_cycles),
		   atomic_read(&ims_smp_cl.stalls), debug_locks ? "quiet" : "REPORTED");
}

/* The leak check of the allocation cycles needs kmemleak_scan_now() */

/*
 * The canary comes from the page allocator (kmalloc() above the largest
 * slab size): the slab allocator hands out small objects from per-CPU
 * arrays of their pointers (sheaves) and leaves the pointer in the
 * array's slot, which kmemleak scans, so a small canary stays referenced
 * until that slot is written again (with KASAN, whose quarantine delays
 * frees, for long).
 */
#define IMS_SMP_CANARY	(2 * KMALLOC_MAX_CACHE_SIZE)

/*
 * A canary leaked on purpose, by a thread of its own.  kmemleak scans the
 * whole stack of every live task, dead frames included, and an exited
 * task's stack may be kept as it is for the next task (fork.c caches a
 * few), where kmemleak still scans it; the frames of the allocator under
 * KASAN and lockdep run deep.  So the pointer is only ever held by a
 * helper whose frame and callees' frames are then overwritten, and in no
 * register the thread saves when it sleeps.
 */
static noinline void ims_smp_leak(void)
{
	void *p = kmalloc(IMS_SMP_CANARY, GFP_KERNEL);

	/* Opaque from here: the pattern is written, and not as a tail call */
	OPTIMIZER_HIDE_VAR(p);
	if (p)
		memset(p, 0x5a, IMS_SMP_CANARY);
}

/* Overwrite @depth KiB of the stack below the caller with zeroes */
static noinline void ims_smp_scrub(unsigned int depth)
{
	u8 buf[1024];
	u8 *b = buf;

	memset(b, 0, sizeof(buf));
	OPTIMIZER_HIDE_VAR(b);
	if (depth > 1)
		ims_smp_scrub(depth - 1);
	barrier_data(b);
}

static int ims_smp_canary_thread(void *done)
{
	ims_smp_leak();
	ims_smp_scrub(8);
	complete(done);
	while (!kthread_should_stop()) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!kthread_should_stop())
			schedule();
		__set_current_state(TASK_RUNNING);
	}
	return 0;
}

/* Leak the canary; false if its thread did not start */
static bool ims_smp_leak_canary(void)
{
	DECLARE_COMPLETION_ONSTACK(done);
	struct task_struct *t;

	t = kthread_run(ims_smp_canary_thread, &done, "ims-canary");
	if (IS_ERR(t))
		return false;
	wait_for_completion(&done);
	kthread_stop(t);
	return true;
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
	struct ims_host_dev	*sd;
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
	struct ims_host_dev *sd = c->sd;
	unsigned int i, loc;
	int virq;

	for (i = 0; i < c->n; i++) {
		loc = i % sd->nr;
		virq = ims_host_alloc(sd, &loc);
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
				c->fired += ims_host_fire(sd, loc);
				free_irq(virq, &c->count);
			}
		}
		devm_ims_desc_free_irq(sd->dev, virq);
		ims_desc_flush(sd->dev);
		if (!ims_host_masked(sd, loc))
			ims_smp_cycle_fail(c, i, "freed slot unmasked");
		if (!(i & 63))
			cond_resched();
	}
	complete(&c->report.done);
	return 0;
}

/* Canaries leaked again if kmemleak did not see the first */
#define IMS_SMP_CANARY_TRIES	3

/*
 * kmemleak reports an object once it is 5 seconds old and unchanged since
 * the scan before: a scan now and one after the wait.  Returns the new
 * suspected leaks of both.
 */
static int ims_smp_scan_twice(struct kunit *test)
{
	int a, b;

	a = kmemleak_scan_now();
	KUNIT_ASSERT_GE(test, a, 0);
	msleep(5500);
	b = kmemleak_scan_now();
	KUNIT_ASSERT_GE(test, b, 0);
	return a + b;
}

/*
 * 10,000 allocation cycles over the shipped descriptors, one thread and
 * device per descriptor running at the same time, then kmemleak: one new
 * suspected leak, the canary leaked on purpose before the cycles to show
 * that the scans see leaks from here.  The two scans before retire what
 * boot left.  That the one reported object is the canary, the harness
 * checks in the console (kmemleak.verbose=1 prints each with its
 * backtrace: harness/kunit-x86.sh).
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

	/* The canary first: it is old enough to be reported after the cycles */
	KUNIT_ASSERT_TRUE(test, ims_smp_leak_canary());

	c = kunit_kcalloc(test, ims_test_nr_descs, sizeof(*c), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c);
	for (k = 0; k < ims_test_nr_descs; k++) {
		c[k].sd = ims_host_create(test, ims_test_descs[k], IMS_SMP_SLOTS,
					  ims_test_descs[k]->name);
		c[k].n = (IMS_SMP_CYCLES - done) / (ims_test_nr_descs - k);
		done += c[k].n;
		atomic_set(&c[k].count, 0);
	}
	for (k = 0; k < ims_test_nr_descs; k++)
		ims_smp_start(&c[k].report, ims_smp_cycle_thread, &c[k], "ims-cycles", k);
	for (k = 0; k < ims_test_nr_descs; k++) {
		ims_smp_finish(test, &c[k].report);
		KUNIT_EXPECT_EQ(test, c[k].fired, c[k].requested);
		KUNIT_EXPECT_EQ(test, atomic_read(&c[k].count), c[k].requested);
		back = ims_smp_slots_back(test, c[k].sd);
		kunit_info(test, "ims-stress: %-10s %u alloc/free cycles (%u requested and fired), %u/%u slots back\n",
			   ims_test_descs[k]->name, c[k].n, c[k].requested, back, c[k].sd->nr);
	}
	/*
	 * The devices stay until the test ends: KUnit then unregisters them
	 * and their drivers in reverse order.  Unregistering one here could
	 * unbind another from its driver and tear its domain down early.
	 */

	leaks = ims_smp_scan_twice(test);
	kunit_info(test, "ims-stress: kmemleak: %d new suspected leaks after %u cycles (1 expected: the canary)\n",
		   leaks, done);
	KUNIT_EXPECT_EQ(test, done, IMS_SMP_CYCLES);
	KUNIT_EXPECT_LE_MSG(test, leaks, 1, "leaks: see the backtraces in the console");

	/*
	 * None at all: the cycles leaked nothing, and kmemleak did not see
	 * the canary either.  It takes any word that points into an object
	 * as a reference, and a stale word in some live object can point
	 * into the memory the canary reuses.  The scans must still be shown
	 * to see a leak from here: fresh canaries, three at most.
	 */
	for (k = 1; !leaks && k <= IMS_SMP_CANARY_TRIES; k++) {
		KUNIT_ASSERT_TRUE(test, ims_smp_leak_canary());
		leaks = ims_smp_scan_twice(test);
		kunit_info(test, "ims-stress: kmemleak: canary %u of %u again: %d new suspected leaks\n",
			   k, IMS_SMP_CANARY_TRIES, leaks);
	}
	KUNIT_EXPECT_GT_MSG(test, leaks, 0,
			    "kmemleak missed the canary %u times: the scans prove nothing",
			    IMS_SMP_CANARY_TRIES + 1);
}

static struct kunit_case ims_smp_stress_cases[] = {
	KUNIT_CASE(ims_smp_no_leaks),
	KUNIT_CASE_PARAM(ims_smp_concurrency, ims_test_desc_params),
	KUNIT_CASE(ims_smp_remove_races_alloc),
	KUNIT_CASE(ims_smp_commit_outside_locks),
	{}
};

static struct kunit_suite ims_smp_stress_suite = {
	.name = "ims_desc_smp_stress",
	.test_cases = ims_smp_stress_cases,
};

kunit_test_suite(ims_smp_stress_suite);

MODULE_DESCRIPTION("KUnit IMS stress tests on an SMP machine");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS("EXPORTED_FOR_KUNIT_TESTING");
