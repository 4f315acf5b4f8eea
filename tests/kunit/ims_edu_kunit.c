// SPDX-License-Identifier: GPL-2.0-only
/*
 * End to end in QEMU: IMS storage for every descriptor of ims_test_descs[],
 * each interrupt delivered by a real device-originated message write that
 * QEMU's edu device makes by DMA.  The device's side decodes the storage
 * with ims_test_decode(), which shares no code with the chip.
 *
 * ims_edu_end_to_end: the PCI/IMS domain of edu itself, on x86_64 (q35
 * with "-device intel-iommu,intremap=on -device edu"), delivered through
 * interrupt remapping, which checks edu's requester ID.
 *
 * ims_edu_dt_end_to_end: the IMS domain of a DT platform device whose
 * msi-parent is a GICv3 ITS with DeviceID 0, on arm64 (virt,
 * gic-version=3): edu's DMA reaches the ITS with requester ID 0, which
 * the ITS takes as the DeviceID.
 *
 * Each case skips, saying why, where its machine is not there.
 */
#include <kunit/device.h>
#include <kunit/resource.h>
#include <kunit/test.h>
#include <linux/acpi.h>
#include <linux/of.h>
#include <linux/of_platform.h>
#include <linux/pci.h>
#include <linux/platform_device.h>
#include <linux/pm.h>
#include <linux/seq_file.h>
#include <linux/suspend.h>
#include <linux/property.h>
#include <linux/cpumask.h>
#include <linux/delay.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/minmax.h>
#include <linux/module.h>
#include <linux/slab.h>

#include "ims-desc-internal.h"
#include "ims_test_edu.h"
#include "ims_test.h"

/*
 * Vectors a case allocates: each delivery is two edu DMAs of 100 ms of
 * QEMU time, so 16 keep a descriptor's case near 7 seconds
 */
#define IMS_EDU_VECTORS		16
/* Queues the edu storage has, and slots of dynamic instances */
#define IMS_EDU_SLOTS		64U
#define IMS_EDU_PASID_BASE	0x4200
/* Each edu DMA takes 100 ms of QEMU virtual time */
#define IMS_EDU_WAIT_MS		5000

struct ims_edu_run {
	struct ims_edu		*edu;
	const struct ims_desc	*desc;
	struct ims_test_irq	*h[IMS_EDU_VECTORS];
	atomic_t		count[IMS_EDU_VECTORS];
	/* loc[i]: the slot (queue) whose message reaches vector i */
	unsigned int		loc[IMS_EDU_VECTORS];
	unsigned int		nr;
	unsigned int		fired;
	unsigned int		delivered;
	unsigned int		suppressed;
};

static unsigned int ims_edu_total(struct ims_edu_run *r)
{
	unsigned int i, sum = 0;

	for (i = 0; i < r->nr; i++)
		sum += atomic_read(&r->count[i]);
	return sum;
}

/* Wait until the handlers together ran @want times (or the time is up) */
static unsigned int ims_edu_wait_total(struct ims_edu_run *r, unsigned int want)
{
	unsigned int waited;

	for (waited = 0; waited < IMS_EDU_WAIT_MS && ims_edu_total(r) < want; waited += 20)
		msleep(20);
	/* Anything more would be a duplicate: give it a moment to show up */
	msleep(20);
	return ims_edu_total(r);
}

/*
 * The device raises slot @loc: it reads the entry and, unless the slot is
 * masked, has edu write the message.  Returns 1 if written, 0 if masked,
 * or edu's DMA error.
 */
static int ims_edu_fire_one(struct kunit *test, struct ims_edu_run *r, unsigned int loc)
{
	const u8 *entry = ims_edu_entry(r->edu, loc);
	struct ims_model_entry e;
	int ret = 0;

	/* Masked, or without a mask bit, the null message: nothing to send */
	ims_test_decode(r->desc, entry, &e);
	if (!ims_test_quiet(r->desc, entry))
		ret = ims_edu_send(r->edu, e.addr, e.data) ?: 1;
	KUNIT_EXPECT_GE_MSG(test, ret, 0, "edu DMA for slot %u did not complete", loc);
	if (ret > 0)
		r->fired++;
	else if (!ret)
		r->suppressed++;
	return ret;
}

static void ims_edu_teardown_action(void *edu)
{
	ims_edu_teardown(edu);
}

/* The descriptor of a parameterised case */
static const struct ims_desc *ims_edu_param(struct kunit *test)
{
	return *(const struct ims_desc *const *)test->param_value;
}

/* The DT node of the arm64 machine whose IMS messages edu writes */
#define IMS_EDU_DT_COMPATIBLE	"test,ims-edu-dma"

/*
 * edu with IMS storage for the case's descriptor, for @target (NULL: edu's
 * own PCI function), torn down when the case ends however it ends.
 * Returns NULL when the descriptor must be and was refused.  Skips the
 * case when the machine lacks edu or a parent that serves IMS.
 */
static struct ims_edu_run *ims_edu_start(struct kunit *test, struct device *target,
					 const struct ims_desc *d)
{
	struct ims_edu_run *r;
	bool refuse;
	int ret;

	r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, r);
	r->edu = ims_edu_get();
	if (!r->edu)
		kunit_skip(test, "no edu device (1234:11e8) was probed");

	/* What the edu storage holds: 4 MiB of slots, or 64 queues */
	r->desc = ims_test_fit(test, d, d->kind == IMS_STORAGE_QUEUE ? IMS_EDU_SLOTS :
			       IMS_DESC_MAX_SLOTS, SZ_4M,
			       "the edu storage holds 4 MiB or 64 queues");
	ret = ims_edu_setup(r->edu, target, r->desc,
			    min_not_zero(r->desc->nr_slots, IMS_EDU_SLOTS));
	/*
	 * Storage without a mask bit needs a parent that masks.  Interrupt
	 * remapping does not, so the PCI/IMS domain must be refused,
	 * cleanly; the ITS does.
	 */
	refuse = d->flags & IMS_DESC_PARENT_MASK && !target;
	if (ret == -ENODEV && !refuse)
		kunit_skip(test, "no MSI parent that serves IMS for this device on this machine");
	if (!ret)
		KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, ims_edu_teardown_action,
								   r->edu));
	if (refuse) {
		KUNIT_EXPECT_EQ(test, ret, -ENODEV);
		KUNIT_EXPECT_EQ(test, devm_ims_desc_alloc_irq(ims_edu_dev(r->edu), NULL, NULL),
				-ENODEV);
		kunit_info(test, "ims-demo: %-30s refused: no mask bit, and the parent cannot mask: %s\n",
			   d->name, test->status == KUNIT_SUCCESS ? "PASS" : "FAIL");
		return NULL;
	}
	KUNIT_ASSERT_EQ_MSG(test, ret, 0, "%s: edu IMS setup", r->desc->name);
	return r;
}

/* Allocate and request up to IMS_EDU_VECTORS vectors, one per slot or queue */
static void ims_edu_alloc(struct kunit *test, struct ims_edu_run *r)
{
	const struct ims_desc *d = r->desc;
	struct device *dev = ims_edu_dev(r->edu);
	unsigned int i, nr, slots;
	union msi_instance_cookie cookie;
	u32 pasid;
	int virq;

	slots = d->flags & IMS_DESC_DYNAMIC_SLOTS ?
		min_not_zero(d->nr_slots, IMS_EDU_SLOTS) : d->nr_slots;
	nr = min_t(unsigned int, IMS_EDU_VECTORS, slots);
	for (i = 0; i < nr; i++) {
		pasid = IMS_EDU_PASID_BASE + i;
		if (d->flags & IMS_DESC_COOKIE && d->cookie_width < 32)
			pasid &= BIT(d->cookie_width) - 1;
		cookie = ims_edu_cookie(r->edu, i, pasid);
		virq = devm_ims_desc_alloc_irq(dev, &cookie, NULL);
		KUNIT_ASSERT_GT_MSG(test, virq, 0, "%s vector %u", d->name, i);
		r->h[i] = ims_test_hold(test, dev, virq);
		r->nr = i + 1;
		irq_set_status_flags(virq, IRQ_DISABLE_UNLAZY);
		ims_test_request(test, r->h[i], &r->count[i]);
	}
}

/* How a case makes the device lose its storage before the checks */
enum ims_edu_loss {
	IMS_EDU_KEEP,		/* it does not */
	IMS_EDU_RESET,		/* wiped, then ims_desc_restore() */
	IMS_EDU_SUSPEND,	/* wiped in a system suspend, restored on resume */
};

/* Print the debugfs views of @dev's domain, the first lines of each */
static void ims_edu_show(struct kunit *test, struct device *dev)
{
	int (*show[])(struct seq_file *m, void *unused) = {
		ims_debugfs_slots_show, ims_debugfs_storage_show,
	};
	unsigned int i;
	char *text, *cut;

	for (i = 0; i < ARRAY_SIZE(show); i++) {
		text = ims_test_show(test, dev, show[i]);
		/* About ten lines are enough to read */
		if (strlen(text) > 600) {
			text[600] = '\0';
			cut = strrchr(text, '\n');
			if (cut)
				cut[1] = '\0';
		}
		kunit_info(test, "debugfs ims/%s/%s after the restore:\n%s", dev_name(dev),
			   i ? "storage" : "slots", text);
	}
}

#ifdef CONFIG_PM_SLEEP
/*
 * The kernel's own system sleep path for devices, as pm_test=devices runs
 * it: every device's suspend callback, then every resume one.
 */
static void ims_edu_system_sleep(struct kunit *test)
{
	unsigned int flags = lock_system_sleep();

	KUNIT_EXPECT_EQ(test, dpm_suspend_start(PMSG_SUSPEND), 0);
	dpm_resume_end(PMSG_RESUME);
	unlock_system_sleep(flags);
}
#else
static void ims_edu_system_sleep(struct kunit *test)
{
	KUNIT_FAIL(test, "system sleep needs CONFIG_PM_SLEEP");
}
#endif

static void ims_edu_lose(struct kunit *test, struct ims_edu_run *r, enum ims_edu_loss how)
{
	unsigned int i, sz = r->desc->entry_size;

	if (how == IMS_EDU_RESET) {
		u8 *before = kunit_kmalloc_array(test, r->nr, sz, GFP_KERNEL);

		KUNIT_ASSERT_NOT_NULL(test, before);
		for (i = 0; i < r->nr; i++)
			memcpy(before + i * sz, ims_edu_entry(r->edu, i), sz);
		ims_edu_wipe(r->edu);
		for (i = 0; i < r->nr; i++)
			KUNIT_EXPECT_NULL_MSG(test, memchr_inv(ims_edu_entry(r->edu, i), 0, sz),
					      "slot %u survived the wipe", i);
		KUNIT_EXPECT_EQ(test, ims_desc_restore(ims_edu_dev(r->edu)), 0);
		for (i = 0; i < r->nr; i++)
			KUNIT_EXPECT_MEMEQ_MSG(test, ims_edu_entry(r->edu, i), before + i * sz, sz,
					       "slot %u not restored as it was", i);
		if (r->desc == &ims_desc_idxd)
			ims_edu_show(test, ims_edu_dev(r->edu));
		return;
	}
	/* edu's suspend callback wipes its storage (D3cold), its resume restores it */
	ims_edu_lose_on_suspend(r->edu, true);
	ims_edu_system_sleep(test);
	KUNIT_EXPECT_EQ_MSG(test, ims_edu_restored(r->edu), 0,
			    "edu's resume did not restore its storage");
	ims_edu_lose_on_suspend(r->edu, false);
}

static void ims_edu_prove_after(struct kunit *test, struct device *target,
				const struct ims_desc *d, enum ims_edu_loss how)
{
	struct ims_model_entry e;
	struct ims_edu_run *r;
	unsigned int i, n, loc, own;
	bool pmask;
	int hit, cpu;
	u32 pasid;

	r = ims_edu_start(test, target, d);
	if (!r)
		return;
	pmask = r->desc->flags & IMS_DESC_PARENT_MASK;
	ims_edu_alloc(test, r);
	if (how != IMS_EDU_KEEP)
		ims_edu_lose(test, r, how);

	/*
	 * Every unmasked vector is delivered exactly once, to its own
	 * handler: firing each slot once finds the vector it belongs to,
	 * and no two slots share one.
	 */
	for (i = 0; i < r->nr; i++)
		r->loc[i] = UINT_MAX;
	for (loc = 0; loc < r->nr; loc++) {
		unsigned int before = ims_edu_total(r);

		KUNIT_ASSERT_EQ_MSG(test, ims_edu_fire_one(test, r, loc), 1, "slot %u masked", loc);
		KUNIT_ASSERT_EQ_MSG(test, ims_edu_wait_total(r, before + 1), before + 1,
				    "slot %u: not delivered exactly once", loc);
		r->delivered++;
		hit = -1;
		for (i = 0; i < r->nr; i++)
			if (atomic_read(&r->count[i]) == 1 && r->loc[i] == UINT_MAX)
				hit = i;
		KUNIT_ASSERT_GE_MSG(test, hit, 0, "slot %u reached no new vector", loc);
		r->loc[hit] = loc;
	}
	for (i = 0; i < r->nr; i++)
		KUNIT_EXPECT_EQ(test, atomic_read(&r->count[i]), 1);
	if (r->desc->kind == IMS_STORAGE_QUEUE) {
		/* The cookie located the queue: vector i's entry is in queue i */
		for (i = 0; i < r->nr; i++)
			KUNIT_EXPECT_EQ(test, r->loc[i], i);
	}

	/* The PASID cookie lands in the control word, enabled where it has an enable bit */
	if (r->desc->flags & IMS_DESC_COOKIE) {
		for (i = 0; i < r->nr; i++) {
			ims_test_decode(r->desc, ims_edu_entry(r->edu, r->loc[i]), &e);
			pasid = IMS_EDU_PASID_BASE + i;
			if (r->desc->cookie_width < 32)
				pasid &= BIT(r->desc->cookie_width) - 1;
			KUNIT_EXPECT_EQ(test, e.cookie, pasid);
			if (r->desc->flags & IMS_DESC_COOKIE_ENABLE)
				KUNIT_EXPECT_TRUE(test, e.cookie_en);
		}
	}

	/*
	 * Masked vectors are not delivered, the others still are.  Storage
	 * without a mask bit still sends; the parent holds the interrupt
	 * pending and delivers it once unmasked.
	 */
	for (i = 1; i < r->nr; i += 2)
		disable_irq(r->h[i]->virq);
	for (i = 0; i < r->nr; i++) {
		unsigned int before = ims_edu_total(r);
		int ret = ims_edu_fire_one(test, r, r->loc[i]);

		if (i % 2) {
			KUNIT_EXPECT_EQ_MSG(test, ret, pmask ? 1 : 0, "masked vector %u", i);
			KUNIT_EXPECT_EQ_MSG(test, ims_edu_wait_total(r, before), before,
					    "masked vector %u delivered", i);
			continue;
		}
		KUNIT_EXPECT_EQ(test, ret, 1);
		KUNIT_EXPECT_EQ(test, ims_edu_wait_total(r, before + 1), before + 1);
		r->delivered++;
		KUNIT_EXPECT_EQ(test, atomic_read(&r->count[i]), 2);
	}
	for (i = 1; i < r->nr; i += 2) {
		unsigned int before = ims_edu_total(r);

		KUNIT_EXPECT_EQ(test, atomic_read(&r->count[i]), 1);
		enable_irq(r->h[i]->virq);
		if (pmask) {
			KUNIT_EXPECT_EQ_MSG(test, ims_edu_wait_total(r, before + 1), before + 1,
					    "vector %u: pending, not delivered on unmask", i);
			r->delivered++;
		}
	}

	/*
	 * After an affinity change delivery still works.  This and the
	 * freed slots' silence below do not depend on how the storage was
	 * last written, so they are not repeated after a reset or resume.
	 */
	cpu = cpumask_last(cpu_online_mask);
	for (i = 0; how == IMS_EDU_KEEP && i < min(r->nr, 8U); i++) {
		unsigned int before = ims_edu_total(r);
		int want = atomic_read(&r->count[i]) + 1;

		KUNIT_ASSERT_EQ(test, 0, irq_set_affinity(r->h[i]->virq, cpumask_of(cpu)));
		KUNIT_EXPECT_EQ(test, ims_edu_fire_one(test, r, r->loc[i]), 1);
		KUNIT_EXPECT_EQ(test, ims_edu_wait_total(r, before + 1), before + 1);
		r->delivered++;
		KUNIT_EXPECT_EQ(test, atomic_read(&r->count[i]), want);
	}

	/* Entries committed by a command: the queues' command ran */
	if (r->desc->flags & IMS_DESC_COMMAND)
		KUNIT_EXPECT_GT(test, ims_edu_commits(r->edu), 0);

	/* edu's own MSI, in the default domain, works beside its IMS */
	own = ims_edu_own_irqs(r->edu);
	KUNIT_EXPECT_GT(test, own, 0);

	/* After free the slots are masked: the device writes nothing */
	n = r->nr;
	while (r->nr)
		ims_test_drop(test, r->h[--r->nr]);
	for (i = 0; how == IMS_EDU_KEEP && i < n; i++)
		KUNIT_EXPECT_EQ_MSG(test, ims_edu_fire_one(test, r, r->loc[i]), 0,
				    "freed vector %u still fires", i);

	kunit_info(test, "%s: %-30s %8u %6u %10u %11u %7s\n",
		   how == IMS_EDU_KEEP ? "ims-demo" : how == IMS_EDU_RESET ? "reset" : "suspend",
		   r->desc->name, n, r->fired, r->delivered, r->suppressed,
		   test->status == KUNIT_SUCCESS ? "PASS" : "FAIL");
}

static void ims_edu_prove(struct kunit *test, struct device *target, const struct ims_desc *d)
{
	ims_edu_prove_after(test, target, d, IMS_EDU_KEEP);
}

/* The PCI/IMS domain of edu itself */
static void ims_edu_end_to_end(struct kunit *test)
{
	if (IS_ENABLED(CONFIG_ARM64))
		kunit_skip(test, "edu's DMA reaches the ITS with requester ID 0, not edu's");
	ims_edu_prove(test, NULL, ims_edu_param(test));
}

/*
 * The device lost its storage (a reset: edu's storage wiped); the driver
 * calls ims_desc_restore(), and what the end-to-end case checks of the
 * storage holds again: every slot once on its own vector, its cookie,
 * masked ones held back and delivered on unmask.
 */
static void ims_edu_reset_restore(struct kunit *test)
{
	if (IS_ENABLED(CONFIG_ARM64))
		kunit_skip(test, "edu's DMA reaches the ITS with requester ID 0, not edu's");
	ims_edu_prove_after(test, NULL, ims_edu_param(test), IMS_EDU_RESET);
}

/*
 * The same through a system suspend and resume of all devices, the
 * kernel's own device PM path: edu loses its storage on suspend, its
 * driver's resume callback restores it.
 */
static void ims_edu_suspend_restore(struct kunit *test)
{
	if (IS_ENABLED(CONFIG_ARM64))
		kunit_skip(test, "edu's DMA reaches the ITS with requester ID 0, not edu's");
	if (!IS_ENABLED(CONFIG_PM_SLEEP))
		kunit_skip(test, "needs CONFIG_PM_SLEEP");
	ims_edu_prove_after(test, NULL, ims_edu_param(test), IMS_EDU_SUSPEND);
}

static void ims_edu_put_device(void *dev)
{
	put_device(dev);
}

/*
 * The DT platform device whose messages edu writes, held until the test
 * ends; the test is skipped where there is no such node.
 */
static struct device *ims_edu_dt_device(struct kunit *test)
{
	struct platform_device *pdev;
	struct device_node *np;

	np = of_find_compatible_node(NULL, NULL, IMS_EDU_DT_COMPATIBLE);
	if (!np)
		kunit_skip(test, "no DT node compatible with \"%s\"", IMS_EDU_DT_COMPATIBLE);
	pdev = of_find_device_by_node(np);
	of_node_put(np);
	KUNIT_ASSERT_NOT_NULL_MSG(test, pdev, "no platform device for the DT node");
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, ims_edu_put_device,
							   &pdev->dev));
	return &pdev->dev;
}

/* The IMS domain of the DT platform device whose messages edu writes */
static void ims_edu_dt_end_to_end(struct kunit *test)
{
	ims_edu_prove(test, ims_edu_dt_device(test), ims_edu_param(test));
}

/* A copy of @d named @name, for the demo's table: the same layout */
static const struct ims_desc *ims_edu_named(struct kunit *test, const struct ims_desc *d,
					    const char *name)
{
	struct ims_desc *named = kunit_kmalloc(test, sizeof(*named), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, named);
	*named = *d;
	named->name = name;
	return named;
}

/*
 * The compatible path: the DT device's driver found its descriptor in
 * its of_device_id match data; the node has no IMS properties at all.
 */
static void ims_edu_dt_compatible(struct kunit *test)
{
	const struct ims_desc *d;
	struct device *dev;

	dev = ims_edu_dma_get(&d);
	if (!dev)
		kunit_skip(test, "no device bound to the ims-edu-dma driver");
	KUNIT_EXPECT_FALSE(test, device_property_present(dev, "ims-storage"));
	KUNIT_EXPECT_PTR_EQ(test, d, &ims_desc_idxd);
	ims_edu_prove(test, dev, ims_edu_named(test, d, "idxd, by compatible"));
}

#if IS_ENABLED(CONFIG_ACPI)
static void ims_edu_free_desc(void *desc)
{
	ims_desc_free_fwnode(desc);
}

/*
 * The descriptor in the _DSD of @fw, released when the case ends; fails
 * the case if there is none or it is malformed.
 */
static const struct ims_desc *ims_edu_acpi_desc(struct kunit *test, struct fwnode_handle *fw)
{
	struct ims_desc_error err = { };
	struct ims_desc *d;

	d = ims_desc_parse_fwnode(fw, &err);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(d), "%pfwP: invalid %s: %s", fw, err.field,
			       err.reason);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, ims_edu_free_desc, d));
	return d;
}

/*
 * An x86 SoC vendor's path: the SSDT the harness loads (harness/acpi/)
 * gives edu's PCI function a _DSD with the IMS properties of the idxd
 * description.  It parses to the shipped idxd descriptor, the same one
 * the DT and software-node descriptions parse to, and proves itself end
 * to end through interrupt remapping exactly as the static one does.
 */
static void ims_edu_acpi_end_to_end(struct kunit *test)
{
	struct ims_edu *edu = ims_edu_get();
	struct fwnode_handle *fw;
	const struct ims_desc *d;

	if (!edu)
		kunit_skip(test, "no edu device (1234:11e8) was probed");
	fw = dev_fwnode(ims_edu_dev(edu));
	if (!is_acpi_node(fw) || !fwnode_property_present(fw, "ims-storage"))
		kunit_skip(test, "edu's PCI function has no ACPI _DSD with IMS properties");
	d = ims_edu_acpi_desc(test, fw);
	ims_test_expect_desc(test, d, &ims_desc_idxd);
	ims_edu_prove(test, NULL, ims_edu_named(test, d, "idxd, from ACPI _DSD"));
}

/* The ACPI device of the SSDT's object @path, and its physical device */
static struct device *ims_edu_acpi_device(struct kunit *test, const char *path,
					  struct fwnode_handle **fw)
{
	struct acpi_device *adev;
	acpi_handle handle;
	struct device *dev;

	if (ACPI_FAILURE(acpi_get_handle(NULL, (acpi_string)path, &handle)))
		kunit_skip(test, "no ACPI object %s (the harness's SSDT is not loaded)", path);
	adev = acpi_fetch_acpi_dev(handle);
	KUNIT_ASSERT_NOT_NULL_MSG(test, adev, "%s: no ACPI device", path);
	dev = acpi_get_first_physical_node(adev);
	KUNIT_ASSERT_NOT_NULL_MSG(test, dev, "%s: no platform device", path);
	*fw = acpi_fwnode_handle(adev);
	return dev;
}

/*
 * A _DSD whose mask bit is out of range is rejected with an error that
 * names the property, and a well-formed one of a device that is no PCI
 * function has no MSI parent on x86: its domain is refused, cleanly.
 */
static void ims_edu_acpi_rejects(struct kunit *test)
{
	struct ims_desc_error err = { };
	struct ims_storage st = { };
	struct fwnode_handle *fw;
	const struct ims_desc *d;
	struct device *dev;
	struct ims_desc *bad;

	dev = ims_edu_acpi_device(test, "\\_SB.IMSB", &fw);
	bad = ims_desc_parse_fwnode(fw, &err);
	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(bad), -EINVAL);
	if (!IS_ERR(bad))
		ims_desc_free_fwnode(bad);
	KUNIT_EXPECT_STREQ(test, err.field, "ims-mask-bit");
	KUNIT_EXPECT_TRUE(test, IS_ERR(devm_ims_desc_from_fwnode(dev, fw)));

	dev = ims_edu_acpi_device(test, "\\_SB.IMSP", &fw);
	d = ims_edu_acpi_desc(test, fw);
	ims_test_expect_desc(test, d, &ims_desc_idxd);
	st.mem = kunit_kzalloc(test, SZ_64K, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, st.mem);
	st.size = SZ_64K;
	st.nr_slots = 4;
	KUNIT_EXPECT_NULL(test, dev_get_msi_domain(dev));
	KUNIT_EXPECT_EQ(test, devm_ims_desc_create_domain(dev, d, &st), -ENODEV);
	KUNIT_EXPECT_EQ(test, devm_ims_desc_alloc_irq(dev, NULL, NULL), -ENODEV);
}
#else
static void ims_edu_acpi_end_to_end(struct kunit *test)
{
	kunit_skip(test, "needs CONFIG_ACPI");
}

static void ims_edu_acpi_rejects(struct kunit *test)
{
	kunit_skip(test, "needs CONFIG_ACPI");
}
#endif

static int ims_edu_suite_init(struct kunit_suite *suite)
{
	pr_info("ims-demo: %-30s %8s %6s %10s %11s %7s\n", "descriptor",
		"vectors", "fired", "delivered", "suppressed", "result");
	return 0;
}

static void ims_edu_msi_back(void *pdev)
{
	((struct pci_dev *)pdev)->no_msi = 0;
}

/*
 * A device that may not use MSI (here: quirked PCI_DEV_FLAGS_NO_MSI) gets
 * no PCI/IMS domain either, whatever its parent could do.
 */
static void ims_edu_no_msi(struct kunit *test)
{
	struct ims_edu *edu = ims_edu_get();
	struct pci_dev *pdev;

	if (!edu)
		kunit_skip(test, "no edu device (1234:11e8) was probed");
	pdev = to_pci_dev(ims_edu_dev(edu));
	pdev->no_msi = 1;
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, ims_edu_msi_back, pdev));
	KUNIT_EXPECT_EQ(test, ims_edu_setup(edu, NULL, &ims_desc_idxd, 4), -ENODEV);
	KUNIT_EXPECT_EQ(test, devm_ims_desc_alloc_irq(&pdev->dev, NULL, NULL), -ENODEV);
}

/*
 * A device other than a PCI one below the x86 vector or remapping domain,
 * which serve PCI devices only: refused with a message, never a WARN
 * (the harness fails the run on any WARN in the console).
 */
static void ims_edu_not_pci(struct kunit *test)
{
	struct ims_edu *edu = ims_edu_get();
	struct ims_storage st = { };
	struct device *dev;
	void *mem;

	if (!IS_ENABLED(CONFIG_X86))
		kunit_skip(test, "the x86 MSI parents are the case");
	if (!edu)
		kunit_skip(test, "no edu device (1234:11e8) was probed");
	mem = kunit_kzalloc(test, SZ_4K, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, mem);
	dev = kunit_device_register(test, "ims-not-pci");
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, dev);
	dev_set_msi_domain(dev, dev_get_msi_domain(&to_pci_dev(ims_edu_dev(edu))->dev));
	KUNIT_ASSERT_NOT_NULL(test, dev_get_msi_domain(dev));
	st.mem = mem;
	st.size = SZ_4K;
	st.nr_slots = 4;
	KUNIT_EXPECT_EQ(test, devm_ims_desc_create_domain(dev, &ims_desc_idxd, &st), -ENODEV);
	KUNIT_EXPECT_EQ(test, devm_ims_desc_alloc_irq(dev, NULL, NULL), -ENODEV);
}

/*
 * Allocate @n vectors one at a time on @dev's IMS domain into @h; how many
 * it got.
 */
static unsigned int ims_edu_fill(struct kunit *test, struct device *dev,
				 struct ims_test_irq **h, unsigned int n)
{
	unsigned int i;
	int virq;

	for (i = 0; i < n; i++) {
		virq = devm_ims_desc_alloc_irq(dev, NULL, NULL);
		if (virq <= 0)
			break;
		h[i] = ims_test_hold(test, dev, virq);
	}
	return i;
}

static void ims_edu_remove_action(void *dev)
{
	devm_ims_desc_remove_domain(dev);
}

/*
 * The parent's resources for a device follow its domains: a domain whose
 * vectors were allocated one by one and freed leaves nothing that limits
 * the next.  On the GICv3 ITS the DeviceID's event space is sized when
 * the first interrupt is allocated; a small domain filled one by one and
 * removed, then a domain four times as large on the same device, must
 * get all its vectors.
 */
static void ims_edu_dt_resized(struct kunit *test)
{
	struct ims_storage st = { };
	struct ims_test_irq **h;
	unsigned int n, got;
	struct device *dev;
	void *mem;

	dev = ims_edu_dt_device(test);

	mem = kunit_kzalloc(test, 256 * 16, GFP_KERNEL);
	h = kunit_kcalloc(test, 256, sizeof(*h), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, mem);
	KUNIT_ASSERT_NOT_NULL(test, h);
	st.mem = mem;
	st.size = 256 * 16;

	for (n = 64; n <= 256; n *= 4) {
		st.nr_slots = n;
		KUNIT_ASSERT_EQ(test, 0, devm_ims_desc_create_domain(dev, &ims_desc_idxd, &st));
		KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, ims_edu_remove_action,
								   dev));
		got = ims_edu_fill(test, dev, h, n);
		KUNIT_EXPECT_EQ_MSG(test, got, n, "a domain of %u slots", n);
		while (got)
			ims_test_drop(test, h[--got]);
		kunit_release_action(test, ims_edu_remove_action, dev);
	}
}

static struct kunit_case ims_edu_cases[] = {
	KUNIT_CASE_PARAM(ims_edu_end_to_end, ims_test_desc_params),
	KUNIT_CASE_PARAM(ims_edu_dt_end_to_end, ims_test_desc_params),
	KUNIT_CASE_PARAM(ims_edu_reset_restore, ims_test_desc_params),
	KUNIT_CASE_PARAM(ims_edu_suspend_restore, ims_test_desc_params),
	KUNIT_CASE(ims_edu_dt_resized),
	KUNIT_CASE(ims_edu_dt_compatible),
	KUNIT_CASE(ims_edu_acpi_end_to_end),
	KUNIT_CASE(ims_edu_acpi_rejects),
	KUNIT_CASE(ims_edu_no_msi),
	KUNIT_CASE(ims_edu_not_pci),
	{}
};

static struct kunit_suite ims_edu_suite = {
	.name = "ims_desc_smp_edu",
	.suite_init = ims_edu_suite_init,
	.test_cases = ims_edu_cases,
};

kunit_test_suite(ims_edu_suite);

MODULE_DESCRIPTION("KUnit end-to-end IMS tests on QEMU's edu device");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS("EXPORTED_FOR_KUNIT_TESTING");
