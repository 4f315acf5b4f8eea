// SPDX-License-Identifier: GPL-2.0-only
/*
 * Lifecycle and introspection suite, on the software device model: the
 * storage lost in a reset and restored by ims_desc_restore(), the debugfs
 * view compared with what the model holds, the trace events seen through
 * the tracing API, and what irq_set_irq_wake() does for an IMS vector.
 */
#include <kunit/test.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/module.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/stdarg.h>
#include <linux/string.h>
#include <linux/unaligned.h>
#include <trace/events/ims_desc.h>

#include "ims-desc-internal.h"
#include "ims_test.h"

#define IMS_LIFE_VECTORS	4

/* The instance cookie of vector @n: a queue, or a PASID-like value */
static union msi_instance_cookie ims_life_cookie(struct ims_model *m, unsigned int n)
{
	const struct ims_desc *d = m->desc;
	union msi_instance_cookie c = ims_model_cookie(m, n);

	if (d->kind != IMS_STORAGE_QUEUE && d->flags & IMS_DESC_COOKIE)
		c.value = (0x5a0 + n) & GENMASK_ULL(d->cookie_width - 1, 0);
	return c;
}

/* A model of @d with @nr vectors allocated, requested and unmasked */
static struct ims_model *ims_life_setup(struct kunit *test, const struct ims_desc *d,
					struct ims_vectors *v, unsigned int nr)
{
	struct ims_model *m;
	unsigned int slots;

	/* The model has IMS_TEST_MAX_VECTORS queues and 4 MiB of storage */
	d = ims_test_fit(test, d, d->kind == IMS_STORAGE_QUEUE ? IMS_TEST_MAX_VECTORS :
			 IMS_DESC_MAX_SLOTS, IMS_MODEL_MAX_STORAGE,
			 "the device model holds at most 4 MiB of storage or 16 queues");
	slots = d->nr_slots;
	if (d->flags & IMS_DESC_DYNAMIC_SLOTS)
		slots = slots ? min(slots, IMS_LIFE_VECTORS) : IMS_LIFE_VECTORS;
	KUNIT_ASSERT_EQ(test, 0, ims_test_parent_configure(test, ims_test_low_addr(d), true));
	m = ims_model_create(test, d, slots);
	KUNIT_ASSERT_EQ(test, 0, devm_ims_desc_create_domain(m->dev, d, &m->storage));
	ims_vectors_alloc_cookies(test, m, v, min(nr, ims_model_slots(m)), ims_life_cookie);
	ims_desc_flush(m->dev);
	return m;
}

/*
 * The device loses its storage (the model zeroes it, as a reset does);
 * ims_desc_restore() writes every slot back exactly as it was: message,
 * cookie, constant word and mask state.  Every unmasked vector delivers
 * again, once; the masked one stays masked until it is enabled.
 */
static void ims_life_restore(struct kunit *test)
{
	const struct ims_desc *d = *(const struct ims_desc *const *)test->param_value;
	u8 *before[IMS_LIFE_VECTORS];
	struct ims_model_entry e;
	struct ims_vectors *v;
	struct ims_model *m;
	unsigned int i, sz;

	v = kunit_kzalloc(test, sizeof(*v), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, v);
	m = ims_life_setup(test, d, v, IMS_LIFE_VECTORS);
	d = m->desc;
	sz = d->entry_size;

	/* One vector masked, if there are two */
	if (v->nr > 1) {
		disable_irq(v->virq[1]);
		ims_desc_flush(m->dev);
	}
	for (i = 0; i < v->nr; i++) {
		before[i] = kunit_kmalloc(test, sz, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, before[i]);
		memcpy(before[i], ims_model_entry_bytes(m, v->loc[i]), sz);
	}

	ims_model_wipe(m);
	for (i = 0; i < v->nr; i++)
		KUNIT_EXPECT_FALSE_MSG(test, ims_model_fire(m, v->loc[i]),
				       "%s: slot %u delivers when wiped", d->name, v->loc[i]);

	KUNIT_EXPECT_EQ(test, ims_desc_restore(m->dev), 0);
	for (i = 0; i < v->nr; i++) {
		KUNIT_EXPECT_MEMEQ_MSG(test, ims_model_entry_bytes(m, v->loc[i]), before[i], sz,
				       "%s: slot %u not restored as it was", d->name, v->loc[i]);
		ims_model_decode(m, v->loc[i], &e);
		if (d->flags & IMS_DESC_COOKIE && d->kind != IMS_STORAGE_QUEUE)
			KUNIT_EXPECT_EQ(test, e.cookie, ims_life_cookie(m, i).value);
	}
	for (i = 0; i < v->nr; i++) {
		KUNIT_EXPECT_EQ_MSG(test, ims_model_fire(m, v->loc[i]), i != 1,
				    "%s: vector %u after restore", d->name, i);
		KUNIT_EXPECT_EQ(test, atomic_read(&v->count[i]), i != 1);
	}
	if (v->nr > 1) {
		enable_irq(v->virq[1]);
		ims_desc_flush(m->dev);
		KUNIT_EXPECT_TRUE(test, ims_model_fire(m, v->loc[1]));
		KUNIT_EXPECT_EQ(test, atomic_read(&v->count[1]), 1);
	}
}

/* A vector allocated but never requested gets its initial state back: masked */
static void ims_life_restore_unrequested(struct kunit *test)
{
	struct ims_model *m = ims_model_create(test, &ims_desc_idxd, 4);
	union msi_instance_cookie pasid = { .value = 0x1234 };
	struct ims_model_entry e;
	int virq;

	KUNIT_ASSERT_EQ(test, 0, devm_ims_desc_create_domain(m->dev, &ims_desc_idxd, &m->storage));
	virq = devm_ims_desc_alloc_irq(m->dev, &pasid, NULL);
	KUNIT_ASSERT_GT(test, virq, 0);
	ims_test_hold(test, m->dev, virq);
	ims_model_wipe(m);
	KUNIT_EXPECT_EQ(test, ims_desc_restore(m->dev), 0);
	ims_model_decode(m, ims_test_slot_of(virq), &e);
	KUNIT_EXPECT_TRUE(test, e.masked);
	KUNIT_EXPECT_EQ(test, e.cookie, 0x1234);
	KUNIT_EXPECT_FALSE(test, ims_model_fire(m, ims_test_slot_of(virq)));
}

/* No domain: a clear error, nothing written */
static void ims_life_restore_no_domain(struct kunit *test)
{
	struct ims_model *m = ims_model_create(test, &ims_desc_idxd, 4);

	KUNIT_EXPECT_EQ(test, ims_desc_restore(m->dev), -ENODEV);
	KUNIT_EXPECT_EQ(test, m->writes, 0);
}

/* The line of @text that starts with "@slot " */
static const char *ims_life_line(const char *text, unsigned int slot)
{
	char key[16];
	const char *p;

	snprintf(key, sizeof(key), "%u ", slot);
	for (p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
		if (!strncmp(p, key, strlen(key)))
			return p;
	return NULL;
}

/*
 * The debugfs "slots" view shows what the chip keeps, without a device
 * access; "storage" reads the device and shows exactly its bytes.  Both
 * are compared with what the model decodes from its own storage.
 */
static void ims_life_debugfs(struct kunit *test)
{
	struct ims_model_entry e;
	unsigned int i, slot, irq, masked, data, reads, writes;
	unsigned long long cookie, addr;
	struct ims_vectors *v;
	int n;
	struct ims_model *m;
	const char *line;
	char *text;
	u32 w[4];

	/* Without MMIO the model cannot count device accesses */
	if (!IS_ENABLED(CONFIG_INDIRECT_IOMEM))
		kunit_skip(test, "needs the model's storage in MMIO (UML logic_iomem)");
	v = kunit_kzalloc(test, sizeof(*v), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, v);
	m = ims_life_setup(test, &ims_desc_idxd, v, 3);
	disable_irq(v->virq[2]);

	reads = m->reads;
	writes = m->writes;
	text = ims_test_show(test, m->dev, ims_debugfs_slots_show);
	KUNIT_EXPECT_EQ_MSG(test, m->reads, reads, "the slots view read the device");
	KUNIT_EXPECT_EQ(test, m->writes, writes);
	kunit_info(test, "slots:\n%s", text);
	KUNIT_EXPECT_NOT_NULL(test, strstr(text, "descriptor idxd"));
	for (i = 0; i < v->nr; i++) {
		slot = v->loc[i];
		line = ims_life_line(strchr(text, '\n') + 1, slot);
		KUNIT_ASSERT_NOT_NULL_MSG(test, line, "no line for slot %u", slot);
		n = sscanf(line, "%u %u %u %llx %llx %x", &slot, &irq, &masked, &cookie, &addr,
			   &data);
		KUNIT_ASSERT_EQ(test, n, 6);
		ims_model_decode(m, slot, &e);
		KUNIT_EXPECT_EQ(test, irq, v->virq[i]);
		KUNIT_EXPECT_EQ(test, masked, e.masked);
		KUNIT_EXPECT_EQ(test, masked, i == 2);
		KUNIT_EXPECT_EQ(test, cookie, e.cookie);
		KUNIT_EXPECT_EQ(test, addr, e.addr);
		KUNIT_EXPECT_EQ(test, data, e.data);
	}

	reads = m->reads;
	text = ims_test_show(test, m->dev, ims_debugfs_storage_show);
	KUNIT_EXPECT_GT_MSG(test, m->reads, reads, "the storage view did not read the device");
	kunit_info(test, "storage:\n%s", text);
	for (i = 0; i < v->nr; i++) {
		line = ims_life_line(text, v->loc[i]);
		KUNIT_ASSERT_NOT_NULL(test, line);
		n = sscanf(line, "%u %x %x %x %x", &slot, &w[0], &w[1], &w[2], &w[3]);
		KUNIT_ASSERT_EQ(test, n, 5);
		for (slot = 0; slot < 4; slot++)
			KUNIT_EXPECT_EQ(test, w[slot],
					get_unaligned_le32(ims_model_entry_bytes(m, v->loc[i]) +
							   4 * slot));
	}
}

/*
 * A queue's instance cookie is a kernel pointer: the slots view shows it
 * hashed (%p), never its value.
 */
static void ims_life_debugfs_queue(struct kunit *test)
{
	struct ims_vectors *v;
	struct ims_model *m;
	unsigned int i;
	char raw[24];
	char *text;

	v = kunit_kzalloc(test, sizeof(*v), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, v);
	m = ims_life_setup(test, &ims_desc_mlx5, v, 2);
	text = ims_test_show(test, m->dev, ims_debugfs_slots_show);
	kunit_info(test, "slots:\n%s", text);
	for (i = 0; i < v->nr; i++) {
		KUNIT_EXPECT_NOT_NULL_MSG(test, ims_life_line(strchr(text, '\n') + 1, v->loc[i]),
					  "no line for slot %u", v->loc[i]);
		snprintf(raw, sizeof(raw), "%lx",
			 (unsigned long)irq_get_msi_desc(v->virq[i])->data.icookie.ptr);
		KUNIT_EXPECT_NULL_MSG(test, strstr(text, raw),
				      "queue %u's pointer shown raw", v->loc[i]);
	}
}

/* What the probes saw, and the first events as text */
struct ims_life_seen {
	char		log[1024];
	size_t		len;
	unsigned int	alloc;
	unsigned int	free;
	unsigned int	masked;
	unsigned int	unmasked;
	unsigned int	msgs;
	unsigned int	restores;
	unsigned int	restored;
	unsigned int	slot;
	unsigned int	irq;
};

static __printf(2, 3) void ims_life_log(struct ims_life_seen *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	s->len += vscnprintf(s->log + s->len, sizeof(s->log) - s->len, fmt, ap);
	va_end(ap);
	s->len += scnprintf(s->log + s->len, sizeof(s->log) - s->len, "\n");
}

static void ims_life_on_alloc(void *data, struct device *dev, const struct msi_desc *desc,
			      bool queue)
{
	struct ims_life_seen *s = data;

	ims_life_log(s, "ims_desc_alloc: %s slot=%u irq=%u", dev_name(dev), desc->msi_index,
		     desc->irq);
	s->alloc++;
	s->slot = desc->msi_index;
	s->irq = desc->irq;
}

static void ims_life_on_free(void *data, struct device *dev, const struct msi_desc *desc,
			     bool queue)
{
	struct ims_life_seen *s = data;

	ims_life_log(s, "ims_desc_free: %s slot=%u irq=%u", dev_name(dev), desc->msi_index,
		     desc->irq);
	s->free++;
}

static void ims_life_on_mask(void *data, struct device *dev, const struct msi_desc *desc,
			     bool masked)
{
	struct ims_life_seen *s = data;

	ims_life_log(s, "ims_desc_mask: %s slot=%u irq=%u %s", dev_name(dev), desc->msi_index,
		     desc->irq, masked ? "masked" : "unmasked");
	if (masked)
		s->masked++;
	else
		s->unmasked++;
}

static void ims_life_on_msg(void *data, struct device *dev, const struct msi_desc *desc,
			    const struct msi_msg *msg)
{
	struct ims_life_seen *s = data;

	ims_life_log(s, "ims_desc_write_msg: %s slot=%u irq=%u address=%#llx data=%#x",
		     dev_name(dev), desc->msi_index, desc->irq,
		     (u64)msg->address_hi << 32 | msg->address_lo, msg->data);
	s->msgs++;
}

static void ims_life_on_restore(void *data, struct device *dev, unsigned int vectors, int ret)
{
	struct ims_life_seen *s = data;

	ims_life_log(s, "ims_desc_restore: %s vectors=%u ret=%d", dev_name(dev), vectors, ret);
	s->restores++;
	s->restored += vectors;
}

static void ims_life_untrace(void *data)
{
	unregister_trace_ims_desc_alloc(ims_life_on_alloc, data);
	unregister_trace_ims_desc_free(ims_life_on_free, data);
	unregister_trace_ims_desc_mask(ims_life_on_mask, data);
	unregister_trace_ims_desc_write_msg(ims_life_on_msg, data);
	unregister_trace_ims_desc_restore(ims_life_on_restore, data);
	tracepoint_synchronize_unregister();
}

/*
 * The trace events, through the tracing API: a probe on each sees the
 * allocation of the slot, its message, unmask on request, mask on
 * disable_irq(), the restore and the free, each as often as it happened.
 */
static void ims_life_trace(struct kunit *test)
{
	struct ims_model *m = ims_model_create(test, &ims_desc_idxd, 4);
	atomic_t count = ATOMIC_INIT(0);
	struct ims_life_seen *s;
	struct ims_test_irq *h;
	int virq;

	if (!IS_ENABLED(CONFIG_TRACEPOINTS))
		kunit_skip(test, "needs CONFIG_TRACEPOINTS");
	s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_ASSERT_EQ(test, 0, devm_ims_desc_create_domain(m->dev, &ims_desc_idxd, &m->storage));
	KUNIT_ASSERT_EQ(test, 0, register_trace_ims_desc_alloc(ims_life_on_alloc, s));
	KUNIT_ASSERT_EQ(test, 0, register_trace_ims_desc_free(ims_life_on_free, s));
	KUNIT_ASSERT_EQ(test, 0, register_trace_ims_desc_mask(ims_life_on_mask, s));
	KUNIT_ASSERT_EQ(test, 0, register_trace_ims_desc_write_msg(ims_life_on_msg, s));
	KUNIT_ASSERT_EQ(test, 0, register_trace_ims_desc_restore(ims_life_on_restore, s));
	KUNIT_ASSERT_EQ(test, 0, kunit_add_action_or_reset(test, ims_life_untrace, s));

	virq = devm_ims_desc_alloc_irq(m->dev, NULL, NULL);
	KUNIT_ASSERT_GT(test, virq, 0);
	KUNIT_EXPECT_EQ(test, s->alloc, 1);
	KUNIT_EXPECT_EQ(test, s->slot, ims_test_slot_of(virq));
	KUNIT_EXPECT_EQ(test, s->irq, virq);
	h = ims_test_hold(test, m->dev, virq);
	irq_set_status_flags(virq, IRQ_DISABLE_UNLAZY);
	ims_test_request(test, h, &count);
	KUNIT_EXPECT_GE(test, s->msgs, 1);
	KUNIT_EXPECT_EQ(test, s->unmasked, 1);

	disable_irq(virq);
	KUNIT_EXPECT_EQ(test, s->masked, 1);
	enable_irq(virq);
	KUNIT_EXPECT_EQ(test, s->unmasked, 2);

	KUNIT_EXPECT_EQ(test, ims_desc_restore(m->dev), 0);
	KUNIT_EXPECT_EQ(test, s->restores, 1);
	KUNIT_EXPECT_EQ(test, s->restored, 1);

	ims_test_drop(test, h);
	KUNIT_EXPECT_EQ(test, s->free, 1);
	/* Shut down on free_irq(): masked once more */
	KUNIT_EXPECT_EQ(test, s->masked, 2);
	kunit_info(test, "trace:\n%s", s->log);
}

/*
 * The storage has no wake logic: irq_set_irq_wake() on an IMS vector
 * succeeds (IRQCHIP_SKIP_SET_WAKE), records the wake state in the
 * interrupt, and writes nothing to the storage.  Whether the message
 * wakes the system is up to the MSI parent and the platform.
 */
static void ims_life_wake(struct kunit *test)
{
	struct ims_vectors *v;
	struct ims_model *m;
	unsigned int writes;

	v = kunit_kzalloc(test, sizeof(*v), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, v);
	m = ims_life_setup(test, &ims_desc_idxd, v, 1);
	writes = m->writes;
	KUNIT_EXPECT_EQ(test, enable_irq_wake(v->virq[0]), 0);
	KUNIT_EXPECT_TRUE(test, irqd_is_wakeup_set(irq_get_irq_data(v->virq[0])));
	KUNIT_EXPECT_EQ(test, m->writes, writes);
	KUNIT_EXPECT_TRUE(test, ims_model_fire(m, v->loc[0]));
	KUNIT_EXPECT_EQ(test, disable_irq_wake(v->virq[0]), 0);
	KUNIT_EXPECT_FALSE(test, irqd_is_wakeup_set(irq_get_irq_data(v->virq[0])));
	KUNIT_EXPECT_EQ(test, m->writes, writes);
}

static struct kunit_case ims_lifecycle_cases[] = {
	KUNIT_CASE_PARAM(ims_life_restore, ims_test_desc_params),
	KUNIT_CASE(ims_life_restore_unrequested),
	KUNIT_CASE(ims_life_restore_no_domain),
	KUNIT_CASE(ims_life_debugfs),
	KUNIT_CASE(ims_life_debugfs_queue),
	KUNIT_CASE(ims_life_trace),
	KUNIT_CASE(ims_life_wake),
	{}
};

static struct kunit_suite ims_lifecycle_suite = {
	.name = "ims_desc_lifecycle",
	.test_cases = ims_lifecycle_cases,
};

kunit_test_suite(ims_lifecycle_suite);

MODULE_DESCRIPTION("KUnit tests of IMS restore, debugfs, trace events and wake");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS("EXPORTED_FOR_KUNIT_TESTING");
