// SPDX-License-Identifier: GPL-2.0-only
/*
 * A device with IMS storage in host memory, for the suites that run where
 * the device model's logic_iomem is not available (the SMP suites on
 * QEMU).  The device's side decodes the storage with ims_test_decode(),
 * which shares no code with the chip.
 */
#include <kunit/device.h>
#include <kunit/resource.h>
#include <kunit/test.h>
#include <linux/export.h>
#include <linux/minmax.h>
#include <linux/slab.h>

#include "ims_test.h"

KUNIT_DEFINE_ACTION_WRAPPER(ims_host_kvfree, kvfree, const void *);

/*
 * The commit command of a queue (IMS_DESC_COMMAND).  The device reads the
 * entry from host memory whenever it fires, so the command has nothing to
 * carry; it may sleep, as a driver's firmware command would.
 */
static int ims_host_commit(struct ims_queue *q)
{
	might_sleep();
	return 0;
}

/**
 * ims_host_create - A device, its storage in host memory and its IMS domain
 * @test:	The test; all is released when it ends
 * @d:		The descriptor; scaled to at most IMS_HOST_MAX_STORAGE bytes of
 *		storage (ims_test_fit()) if it needs more
 * @nr:		Slots of the instance for dynamic slots (at most the cap)
 * @name:	Name of the device
 *
 * Context: Process context, may sleep.
 * Return: the device; the test fails if it cannot be created.
 */
struct ims_host_dev *ims_host_create(struct kunit *test, const struct ims_desc *d,
				     unsigned int nr, const char *name)
{
	struct ims_storage st = { };
	struct ims_host_dev *sd;
	unsigned int i;
	size_t size;

	sd = kunit_kzalloc(test, sizeof(*sd), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, sd);
	if (d->kind != IMS_STORAGE_QUEUE)
		d = ims_test_fit(test, d, IMS_DESC_MAX_SLOTS, IMS_HOST_MAX_STORAGE,
				 "the test gives storage at most 16 MiB of host memory");
	sd->desc = d;
	/* Never back to high addresses: other devices of the test may need low ones */
	if (ims_test_low_addr(d))
		KUNIT_ASSERT_EQ(test, 0, ims_test_parent_configure(test, true, true));
	sd->nr = d->nr_slots;
	if (d->flags & IMS_DESC_DYNAMIC_SLOTS)
		sd->nr = d->nr_slots ? min(nr, d->nr_slots) : nr;

	if (d->kind == IMS_STORAGE_QUEUE) {
		sd->qsize = ALIGN(d->queue_offset + d->entry_size, 16);
		size = sd->qsize * sd->nr;
	} else {
		size = ims_test_storage_size(d, sd->nr);
	}
	/* Allocated before the device: released after its domain masked all */
	sd->mem = kvzalloc(size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, sd->mem);
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, ims_host_kvfree, sd->mem));

	if (d->kind == IMS_STORAGE_QUEUE) {
		sd->queues = kunit_kcalloc(test, sd->nr, sizeof(*sd->queues), GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, sd->queues);
		for (i = 0; i < sd->nr; i++) {
			sd->queues[i].mem = sd->mem + i * sd->qsize;
			sd->queues[i].size = sd->qsize;
			sd->queues[i].doorbell = i;
			if (d->flags & IMS_DESC_COMMAND)
				sd->queues[i].commit = ims_host_commit;
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
	KUNIT_ASSERT_EQ(test, 0, devm_ims_desc_create_domain(sd->dev, d, &st));
	return sd;
}
EXPORT_SYMBOL_GPL(ims_host_create);

/**
 * ims_host_entry - The first byte of a slot's (or queue's) entry
 * @sd:		The device
 * @loc:	Slot, or queue for queue storage
 *
 * Context: Any context.
 * Return: the pointer.
 */
const u8 *ims_host_entry(const struct ims_host_dev *sd, unsigned int loc)
{
	const struct ims_desc *d = sd->desc;

	if (d->kind == IMS_STORAGE_QUEUE)
		return sd->mem + loc * sd->qsize + d->queue_offset;
	return sd->mem + ims_test_slot_offset(d, loc);
}
EXPORT_SYMBOL_GPL(ims_host_entry);

/**
 * ims_host_masked - The slot cannot send
 * @sd:		The device
 * @loc:	Slot, or queue for queue storage
 *
 * Context: Any context.
 * Return: true if it is masked, or without a mask bit, holds the null
 * message.
 */
bool ims_host_masked(const struct ims_host_dev *sd, unsigned int loc)
{
	return ims_test_quiet(sd->desc, ims_host_entry(sd, loc));
}
EXPORT_SYMBOL_GPL(ims_host_masked);

/**
 * ims_host_fire - The device raises slot @loc
 * @sd:		The device
 * @loc:	Slot, or queue for queue storage
 *
 * Context: Any context the test parent delivers in (process context).
 * Return: 1 if a handler ran, 0 if the slot is masked or the message astray.
 */
int ims_host_fire(const struct ims_host_dev *sd, unsigned int loc)
{
	struct ims_model_entry e;

	ims_test_decode(sd->desc, ims_host_entry(sd, loc), &e);
	if (e.masked)
		return 0;
	return ims_test_parent_deliver(e.addr, e.data);
}
EXPORT_SYMBOL_GPL(ims_host_fire);

/**
 * ims_host_alloc - Allocate a vector
 * @sd:		The device
 * @loc:	Queue storage: the queue to use; otherwise set to the slot
 *
 * Context: Process context, may sleep.
 * Return: the Linux interrupt number, or the allocation's error.
 */
int ims_host_alloc(const struct ims_host_dev *sd, unsigned int *loc)
{
	union msi_instance_cookie cookie = { };
	int virq;

	if (sd->desc->kind == IMS_STORAGE_QUEUE)
		cookie.ptr = &sd->queues[*loc];
	virq = devm_ims_desc_alloc_irq(sd->dev, &cookie, NULL);
	if (virq > 0 && sd->desc->kind != IMS_STORAGE_QUEUE)
		*loc = ims_test_slot_of(virq);
	return virq;
}
EXPORT_SYMBOL_GPL(ims_host_alloc);
