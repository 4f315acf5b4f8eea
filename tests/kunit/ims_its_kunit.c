// SPDX-License-Identifier: GPL-2.0-only
/*
 * The PCI/IMS domain of QEMU's edu device below a GICv3 ITS: the sizing
 * of the event space that edu's MSI vector and its IMS slots share (one
 * DeviceID, sized by the ITS when it first sees it).
 *
 * The ITS's state is not visible from here; what it sized shows in what
 * it accepts.  A DeviceID whose ITS device was sized for one MSI vector
 * refuses an IMS domain of 8 slots; after the vector is freed the ITS
 * device goes, and the same domain is accepted.  An ITS device that was
 * not freed would refuse every larger domain that follows.
 *
 * Vectors are only allocated here, not fired: edu's DMA reaches the ITS
 * with requester ID 0, not edu's, on QEMU 7.2.
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/irqdomain.h>
#include <linux/minmax.h>
#include <linux/module.h>
#include <linux/msi.h>
#include <linux/pci.h>
#include <linux/sizes.h>
#include <linux/string.h>

#include "ims_test_edu.h"
#include "ims_test.h"

/* 16-byte slots in host memory; the domain's size is the storage's */
static const struct ims_desc ims_its_desc = {
	.name		= "its-array",
	.kind		= IMS_STORAGE_ARRAY,
	.flags		= IMS_DESC_FLUSH | IMS_DESC_DYNAMIC_SLOTS,
	.nr_slots	= IMS_DESC_MAX_SLOTS,
	.stride		= 16,
	.entry_size	= 16,
	.addr_lo	= 0,
	.addr_hi	= 4,
	.data		= 8,
	.ctrl		= 12,
	.mask_bit	= 0,
};

static void ims_its_msi_on(void *edu)
{
	ims_edu_own_msi(edu, true);
}

static void ims_its_teardown(void *edu)
{
	ims_edu_teardown(edu);
}

/*
 * edu below an ITS with its own MSI vector in the state @msi; the vector
 * is allocated again when the case ends.
 */
static struct ims_edu *ims_its_start(struct kunit *test, bool msi)
{
	struct ims_edu *edu = ims_edu_get();
	struct irq_domain *parent;

	if (!edu)
		kunit_skip(test, "no edu device (1234:11e8) was probed");
	/* The MSI parent ops of the ITS carry this prefix */
	parent = dev_get_msi_domain(ims_edu_dev(edu));
	if (!parent || !parent->msi_parent_ops || !parent->msi_parent_ops->prefix ||
	    strcmp(parent->msi_parent_ops->prefix, "ITS-"))
		kunit_skip(test, "edu's MSI parent is no GICv3 ITS");
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, ims_its_msi_on, edu));
	KUNIT_ASSERT_EQ(test, ims_edu_own_msi(edu, msi), 0);
	return edu;
}

/* Set up a PCI/IMS domain of @slots; 0 or the error of the setup */
static int ims_its_setup(struct kunit *test, struct ims_edu *edu, unsigned int slots)
{
	int ret = ims_edu_setup(edu, NULL, &ims_its_desc, slots);

	if (!ret)
		KUNIT_EXPECT_EQ(test, 0, kunit_add_action_or_reset(test, ims_its_teardown, edu));
	return ret;
}

static void ims_its_remove(struct kunit *test, struct ims_edu *edu)
{
	kunit_release_action(test, ims_its_teardown, edu);
}

/* Allocate @nr vectors; they are freed by ims_its_free() or when the case ends */
static void ims_its_alloc(struct kunit *test, struct ims_edu *edu, struct ims_test_irq **h,
			  unsigned int nr)
{
	struct device *dev = ims_edu_dev(edu);
	unsigned int i;
	int virq;

	for (i = 0; i < nr; i++) {
		virq = devm_ims_desc_alloc_irq(dev, NULL, NULL);
		KUNIT_ASSERT_GT_MSG(test, virq, 0, "vector %u of %u", i, nr);
		h[i] = ims_test_hold(test, dev, virq);
	}
}

static void ims_its_free(struct kunit *test, struct ims_test_irq **h, unsigned int nr)
{
	while (nr)
		ims_test_drop(test, h[--nr]);
}

#define IMS_ITS_VECTORS	64

/* A row of make demo's arm64 table */
static void ims_its_demo(struct kunit *test, const char *what)
{
	kunit_info(test, "ims-demo: ITS: %-62s %s\n", what,
		   test->status == KUNIT_SUCCESS ? "PASS" : "FAIL");
}

/*
 * MSI first: the ITS device of edu's DeviceID has the events of its one
 * MSI vector, too few for IMS, and the domain is refused at creation.
 * With the vector freed and its MSI domain removed the domain is
 * accepted, all its slots can be allocated, and the MSI vector allocated
 * after it fits beside them and is delivered.
 */
static void ims_its_msi_first(struct kunit *test)
{
	struct ims_test_irq *h[8];
	struct ims_edu *edu;
	unsigned int own;

	edu = ims_its_start(test, true);
	KUNIT_EXPECT_EQ(test, ims_its_setup(test, edu, 8), -ENODEV);
	KUNIT_EXPECT_EQ(test, devm_ims_desc_alloc_irq(ims_edu_dev(edu), NULL, NULL), -ENODEV);

	KUNIT_ASSERT_EQ(test, ims_edu_own_msi(edu, false), 0);
	KUNIT_ASSERT_EQ(test, ims_its_setup(test, edu, 8), 0);
	ims_its_alloc(test, edu, h, 8);

	KUNIT_ASSERT_EQ(test, ims_edu_own_msi(edu, true), 0);
	own = ims_edu_own_irqs(edu);
	KUNIT_EXPECT_GT(test, ims_edu_own_irqs(edu), own);
	ims_its_demo(test, "MSI first: IMS refused until the MSI domain is removed");
}

/*
 * The IMS domain first, without vectors, then the MSI vector: the MSI
 * allocation creates the ITS device, and must size it for the IMS
 * domain too, or the IMS vectors that follow get no events.
 */
static void ims_its_domain_first(struct kunit *test)
{
	struct ims_test_irq *h[16];
	struct ims_edu *edu;
	unsigned int own;

	edu = ims_its_start(test, false);
	KUNIT_ASSERT_EQ(test, ims_its_setup(test, edu, 16), 0);
	KUNIT_ASSERT_EQ(test, ims_edu_own_msi(edu, true), 0);
	ims_its_alloc(test, edu, h, 16);
	own = ims_edu_own_irqs(edu);
	KUNIT_EXPECT_GT(test, ims_edu_own_irqs(edu), own);
	ims_its_demo(test, "IMS domain first, then MSI: both fit");
}

/*
 * A domain of unknown size (the MSI core's whole index space) and one
 * beyond the ITS's cap of 4096 events for a device with IMS are refused;
 * one just below the cap is accepted, with its MSI vector beside it.
 */
static void ims_its_large(struct kunit *test)
{
	struct ims_test_irq *h[IMS_ITS_VECTORS];
	struct ims_edu *edu;
	int virq;

	edu = ims_its_start(test, false);
	KUNIT_EXPECT_EQ(test, ims_its_setup(test, edu, IMS_DESC_MAX_SLOTS), -ENODEV);
	/* edu's MSI capability has one vector: 4096 slots and it are too many */
	KUNIT_EXPECT_EQ(test, ims_its_setup(test, edu, SZ_4K), -ENODEV);

	KUNIT_ASSERT_EQ(test, ims_its_setup(test, edu, SZ_4K - 1), 0);
	ims_its_alloc(test, edu, h, IMS_ITS_VECTORS);
	virq = devm_ims_desc_alloc_irq_at(ims_edu_dev(edu), SZ_4K - 2, NULL, NULL);
	KUNIT_ASSERT_GT(test, virq, 0);
	ims_test_hold(test, ims_edu_dev(edu), virq);
	KUNIT_EXPECT_EQ(test, ims_edu_own_msi(edu, true), 0);
	ims_its_demo(test, "65,536 and 4,096 slots refused, 4,095 accepted");
}

/*
 * Create, allocate, free and remove, growing: each domain needs more
 * events than the one before, so each is accepted only if the ITS device
 * of the one before was freed with its last vector.
 */
static void ims_its_cycles(struct kunit *test)
{
	static const unsigned int sizes[] = { 8, 64, 8, 512, 2048 };
	struct ims_test_irq *h[IMS_ITS_VECTORS];
	struct ims_edu *edu;
	unsigned int i, nr;

	edu = ims_its_start(test, false);
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		KUNIT_ASSERT_EQ_MSG(test, ims_its_setup(test, edu, sizes[i]), 0,
				    "domain %u of %u slots", i, sizes[i]);
		nr = min_t(unsigned int, sizes[i], IMS_ITS_VECTORS);
		ims_its_alloc(test, edu, h, nr);
		ims_its_free(test, h, nr);
		ims_its_remove(test, edu);
	}
	ims_its_demo(test, "5 create/alloc/free/remove cycles, growing: ITS device freed");
}

/* Put @e into edu's MSI capability and enable it there, or disable it (NULL) */
static void ims_its_msi_cap(struct pci_dev *pdev, const struct ims_model_entry *e)
{
	u8 cap = pdev->msi_cap;
	u16 flags;

	pci_read_config_word(pdev, cap + PCI_MSI_FLAGS, &flags);
	flags &= ~PCI_MSI_FLAGS_ENABLE;
	pci_write_config_word(pdev, cap + PCI_MSI_FLAGS, flags);
	if (!e)
		return;
	pci_write_config_dword(pdev, cap + PCI_MSI_ADDRESS_LO, lower_32_bits(e->addr));
	if (flags & PCI_MSI_FLAGS_64BIT) {
		pci_write_config_dword(pdev, cap + PCI_MSI_ADDRESS_HI, upper_32_bits(e->addr));
		pci_write_config_word(pdev, cap + PCI_MSI_DATA_64, e->data);
	} else {
		pci_write_config_word(pdev, cap + PCI_MSI_DATA_32, e->data);
	}
	pci_write_config_word(pdev, cap + PCI_MSI_FLAGS, flags | PCI_MSI_FLAGS_ENABLE);
}

static void ims_its_msi_cap_off(void *pdev)
{
	ims_its_msi_cap(pdev, NULL);
}

/* Send the message slot @slot holds, with edu's requester ID */
/*
 * Send a slot's message as the device would: only if the slot is unmasked
 * in storage, unless @force (a device that ignores its mask).  Return
 * whether it was sent.
 */
static bool ims_its_send(struct kunit *test, struct ims_edu *edu, unsigned int slot, bool force)
{
	struct ims_model_entry e;

	ims_test_decode(&ims_its_desc, ims_edu_entry(edu, slot), &e);
	if (e.masked && !force)
		return false;
	ims_its_msi_cap(to_pci_dev(ims_edu_dev(edu)), &e);
	ims_edu_raise(edu);
	return true;
}

/* Wait up to 5 s for the counters to sum to @total; return the sum */
static unsigned int ims_its_wait(atomic_t *count, unsigned int nr, unsigned int total)
{
	unsigned int i, sum = 0;
	int tries;

	for (tries = 0; tries < 250; tries++) {
		for (sum = 0, i = 0; i < nr; i++)
			sum += atomic_read(&count[i]);
		if (sum >= total)
			break;
		msleep(20);
	}
	return sum;
}

#define IMS_ITS_FIRED	4

/*
 * PCI/IMS end to end through the ITS with edu's DeviceID.  edu's DMA
 * reaches the ITS with requester ID 0 on QEMU 7.2, its MSI with its own:
 * so each slot's message, as the test's decoder reads it from the
 * storage, is put into edu's MSI capability and edu raises its interrupt.
 * The ITS must translate (edu's DeviceID, the slot's data) to the slot's
 * vector, each exactly once.  edu's MSI does not read the storage, so the
 * test sends a slot's message only while the slot is unmasked there, as
 * an IMS device would: an enabled vector's slot must be unmasked in
 * storage (msi-lib must not have replaced the IMS chip's unmask with the
 * ITS's), a vector masked by disable_irq() masked there.  It is masked at
 * the ITS too (the ITS asks its children to mask at the parent): its
 * message, sent anyway, is not delivered while masked; the ITS keeps it
 * pending and delivers it once on unmask.  A freed vector's message
 * reaches no vector.
 */
static void ims_its_msi_delivers(struct kunit *test)
{
	struct ims_test_irq *h[IMS_ITS_FIRED];
	struct pci_dev *pdev;
	struct ims_edu *edu;
	unsigned int i, j;
	atomic_t *count;
	int virq;

	/* The handlers outlive this frame until the case's actions free them */
	count = kunit_kcalloc(test, IMS_ITS_FIRED, sizeof(*count), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, count);
	edu = ims_its_start(test, false);
	pdev = to_pci_dev(ims_edu_dev(edu));
	KUNIT_ASSERT_NE(test, pdev->msi_cap, 0);
	KUNIT_ASSERT_EQ(test, ims_its_setup(test, edu, 8), 0);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, ims_its_msi_cap_off, pdev));
	for (i = 0; i < IMS_ITS_FIRED; i++) {
		virq = devm_ims_desc_alloc_irq_at(&pdev->dev, i, NULL, NULL);
		KUNIT_ASSERT_GT(test, virq, 0);
		irq_set_status_flags(virq, IRQ_DISABLE_UNLAZY);
		h[i] = ims_test_hold(test, &pdev->dev, virq);
		ims_test_request(test, h[i], &count[i]);
	}

	for (i = 0; i < IMS_ITS_FIRED; i++) {
		KUNIT_ASSERT_TRUE_MSG(test, ims_its_send(test, edu, i, false),
				      "slot %u: masked in storage while its vector is enabled", i);
		KUNIT_ASSERT_EQ_MSG(test, ims_its_wait(count, IMS_ITS_FIRED, i + 1), i + 1,
				    "slot %u: not delivered exactly once", i);
		for (j = 0; j < IMS_ITS_FIRED; j++)
			KUNIT_EXPECT_EQ_MSG(test, atomic_read(&count[j]), j <= i,
					    "slot %u fired: vector %u", i, j);
	}

	disable_irq(h[0]->virq);
	KUNIT_EXPECT_FALSE_MSG(test, ims_its_send(test, edu, 0, false),
			       "slot 0: not masked in storage by disable_irq()");
	ims_its_send(test, edu, 0, true);
	KUNIT_EXPECT_EQ_MSG(test, ims_its_wait(count, IMS_ITS_FIRED, IMS_ITS_FIRED + 1),
			    IMS_ITS_FIRED, "masked vector delivered");
	enable_irq(h[0]->virq);
	KUNIT_EXPECT_EQ_MSG(test, ims_its_wait(count, IMS_ITS_FIRED, IMS_ITS_FIRED + 1),
			    IMS_ITS_FIRED + 1, "pending message not delivered on unmask");
	KUNIT_EXPECT_EQ(test, atomic_read(&count[0]), 2);

	/* The freed vector's message, sent anyway, reaches nothing */
	KUNIT_ASSERT_TRUE(test, ims_its_send(test, edu, 1, false));
	KUNIT_ASSERT_EQ(test, ims_its_wait(count, IMS_ITS_FIRED, IMS_ITS_FIRED + 2),
			IMS_ITS_FIRED + 2);
	ims_test_drop(test, h[1]);
	ims_its_send(test, edu, 1, true);
	KUNIT_EXPECT_EQ(test, ims_its_wait(count, IMS_ITS_FIRED, IMS_ITS_FIRED + 3),
			IMS_ITS_FIRED + 2);
	KUNIT_EXPECT_EQ(test, atomic_read(&count[1]), 2);
	ims_its_demo(test, "PCI/IMS with edu's DeviceID (its MSI capability): 4 of 4");
}

/*
 * QEMU's NEC xHCI with MSI-X off: an MSI capability of 16 vectors, and no
 * driver (the test kernel has no USB).  The MSI core's device data stays
 * on it after the case, which would only matter to a driver probed later.
 */
#define IMS_ITS_XHCI_VENDOR	0x1033
#define IMS_ITS_XHCI_DEVICE	0x0194
#define IMS_ITS_XHCI_MSI	16
#define IMS_ITS_XHCI_SLOTS	120

static void ims_its_put_pdev(void *pdev)
{
	pci_dev_put(pdev);
}

static void ims_its_disable(void *pdev)
{
	pci_disable_device(pdev);
}

static void ims_its_remove_domain(void *dev)
{
	devm_ims_desc_remove_domain(dev);
}

static void ims_its_msi_off(void *data)
{
	struct pci_dev *pdev = data;

	pci_free_irq_vectors(pdev);
	msi_remove_device_irq_domain(&pdev->dev, MSI_DEFAULT_DOMAIN);
}

/*
 * A device whose MSI capability has more vectors than it enables: 120 IMS
 * slots beside an MSI capability of 16, one vector enabled after the IMS
 * domain was created.  The event space of the DeviceID must hold all 120
 * slots and the MSI vector whichever side sizes it: the MSI prepare (when
 * it sizes per allocation, as 6.12 does) must count the capability's 16
 * vectors as the IMS prepare does, not the one enabled, or it sizes 128
 * events (1 + 120) and every IMS allocation, needing 256 (120 + 16),
 * fails.
 */
static void ims_its_capability_sizing(struct kunit *test)
{
	struct ims_storage st = { };
	struct pci_dev *pdev;
	unsigned int i;
	int virq;

	pdev = pci_get_device(IMS_ITS_XHCI_VENDOR, IMS_ITS_XHCI_DEVICE, NULL);
	if (!pdev)
		kunit_skip(test, "no NEC xHCI (1033:0194) in the machine");
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, ims_its_put_pdev, pdev));
	if (pdev->dev.driver)
		kunit_skip(test, "the xHCI is bound to %s", pdev->dev.driver->name);
	KUNIT_ASSERT_EQ(test, pci_msi_vec_count(pdev), IMS_ITS_XHCI_MSI);
	KUNIT_ASSERT_LT(test, pci_msix_vec_count(pdev), 0);
	KUNIT_ASSERT_EQ(test, 0, pci_enable_device(pdev));
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, ims_its_disable, pdev));

	st.nr_slots = IMS_ITS_XHCI_SLOTS;
	st.size = IMS_ITS_XHCI_SLOTS * ims_its_desc.stride;
	st.mem = kunit_kzalloc(test, st.size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, st.mem);
	KUNIT_ASSERT_EQ(test, 0, devm_ims_desc_create_domain(&pdev->dev, &ims_its_desc, &st));
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, ims_its_remove_domain,
							   &pdev->dev));
	/* Registered first: a failed allocation may leave the MSI domain behind */
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, ims_its_msi_off, pdev));
	KUNIT_ASSERT_EQ(test, pci_alloc_irq_vectors(pdev, 1, 1, PCI_IRQ_MSI), 1);

	for (i = 0; i < IMS_ITS_XHCI_SLOTS; i++) {
		virq = devm_ims_desc_alloc_irq(&pdev->dev, NULL, NULL);
		KUNIT_ASSERT_GT_MSG(test, virq, 0, "IMS vector %u of %u", i, IMS_ITS_XHCI_SLOTS);
	}
	ims_its_demo(test, "120 IMS slots beside MSI of 16 vectors, 1 enabled: all fit");
}

static struct kunit_case ims_its_cases[] = {
	KUNIT_CASE(ims_its_msi_delivers),
	KUNIT_CASE(ims_its_msi_first),
	KUNIT_CASE(ims_its_domain_first),
	KUNIT_CASE(ims_its_large),
	KUNIT_CASE(ims_its_cycles),
	KUNIT_CASE(ims_its_capability_sizing),
	{}
};

static struct kunit_suite ims_its_suite = {
	.name = "ims_desc_its",
	.test_cases = ims_its_cases,
};

kunit_test_suite(ims_its_suite);

MODULE_DESCRIPTION("KUnit tests of the GICv3 ITS event space of PCI/IMS domains");
MODULE_LICENSE("GPL");
