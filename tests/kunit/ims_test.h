/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Test infrastructure shared by the IMS KUnit suites: a test-only MSI
 * parent domain and a software model of an IMS device.
 */
#ifndef _IMS_TEST_H
#define _IMS_TEST_H

#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/ims_desc.h>
#include <linux/irqreturn.h>
#include <linux/sizes.h>
#include <linux/string.h>
#include <linux/types.h>

struct device;
struct irq_affinity_desc;
struct irq_domain;
struct kunit;

/*
 * Hardware interrupts of the test parent: enough for one device with the
 * MSI core's whole index space (the scale benchmark) and a few more.
 * UML has few irq descriptors, so only the SMP suites get near this.
 */
#define IMS_TEST_NR_HWIRQ	(IMS_DESC_MAX_SLOTS + 64)
/* Vectors a UML test may hold at once */
#define IMS_TEST_MAX_VECTORS	16
/* Storage a device model holds at most (ims_test_fit() scales to it) */
#define IMS_MODEL_MAX_STORAGE	SZ_4M

/* The descriptors the suites walk: drivers/irqchip/ims/descriptors/ */
extern const struct ims_desc *const ims_test_descs[];
extern const unsigned int ims_test_nr_descs;

/*
 * The test parent composes messages like an x86 style MSI controller:
 * address (0x10 | route & 7) << 32 | 0xfee0_0000 | route << 4, data =
 * hwirq.  The route changes on every affinity change, so both address
 * words change and a stale message no longer reaches the vector.  The high
 * address word fits the 8 address bits of ath11k style storage.
 */
#define IMS_TEST_ADDR_HI	0x10
#define IMS_TEST_ADDR_LO	0xfee00000

struct irq_domain *ims_test_parent(void);
int ims_test_parent_attach(struct device *dev, bool attach);
int ims_test_parent_deliver(u64 addr, u32 data);
void ims_test_parent_expected(unsigned int virq, u64 *addr, u32 *data);
unsigned int ims_test_parent_misrouted(void);
unsigned int ims_test_parent_suppressed(void);
int ims_test_parent_configure(struct kunit *test, bool low_addr, bool can_mask);

/**
 * struct ims_model_entry - A slot's storage as the model decodes it
 * @addr:	Message address
 * @data:	Message data
 * @masked:	The slot is masked
 * @cookie:	Content of the cookie field
 * @cookie_en:	The cookie field's enable bit is set
 * @konst:	Content of the constant word (IMS_DESC_CONST), or 0
 * @reserved_lost: IMS_DESC_UPPER_RESERVED: a reserved bit of the data or
 *		high address word no longer holds its value, which the model
 *		seeds with %IMS_MODEL_RESERVED
 */
struct ims_model_entry {
	u64	addr;
	u32	data;
	bool	masked;
	u32	cookie;
	bool	cookie_en;
	u32	konst;
	bool	reserved_lost;
};

/* What the reserved bits of a model's words hold (IMS_DESC_UPPER_RESERVED) */
#define IMS_MODEL_RESERVED	0xa5c3e187

struct ims_model;

/**
 * struct ims_model_queue - A queue of a model with queue storage
 * @ims:	What the driver hands over as the instance cookie
 * @model:	The model the queue belongs to
 */
struct ims_model_queue {
	struct ims_queue	ims;
	struct ims_model	*model;
};

/**
 * struct ims_model - A software model of an IMS device
 * @desc:	The descriptor, read as the device's specification
 * @dev:	The device the IMS domain is created for
 * @storage:	What the model hands to devm_ims_desc_create_domain()
 * @regs:	Backing store of the device MMIO (slot storage, doorbell)
 * @size:	Size of @regs in bytes
 * @db_off:	Offset of the doorbell register in @regs
 * @qmmio_off:	Queue storage: offset of the queues in @regs, which
 *		ims_model_mmio_queues() moves them to
 * @qsize:	Queue storage: bytes of one queue
 * @iomem:	@regs as mapped through logic_iomem (INDIRECT_IOMEM only)
 * @mmio:	The storage is in device MMIO (@iomem); otherwise it is
 *		host memory (@regs) and accesses are not counted
 * @queues:	Queues of queue storage, one per vector
 * @qmem:	Backing memory of @queues in host memory
 * @reads:	Device MMIO reads seen
 * @writes:	Device MMIO writes seen
 * @doorbells:	Doorbell writes, or commit commands (IMS_DESC_COMMAND), seen
 * @last_doorbell: Value of the last doorbell write, or the doorbell value
 *		of the queue last committed
 * @commit_fail: Commit commands still to fail, with -EIO
 * @taken:	The entry as the last successful commit command took it
 * @delivered:	Fires that reached a handler
 * @suppressed:	Fires that the slot's mask suppressed
 * @watch:	A slot whose every state the device sees is checked, or -1
 * @null_unmasked: Writes after which @watch was unmasked with the null
 *		message: a device would send to bus address 0
 */
struct ims_model {
	const struct ims_desc	*desc;
	struct device		*dev;
	struct ims_storage	storage;
	u8			*regs;
	size_t			size;
	size_t			db_off;
	size_t			qmmio_off;
	size_t			qsize;
	void __iomem		*iomem;
	bool			mmio;
	struct ims_model_queue	queues[IMS_TEST_MAX_VECTORS];
	u8			*qmem[IMS_TEST_MAX_VECTORS];
	unsigned int		reads;
	unsigned int		writes;
	unsigned int		doorbells;
	u32			last_doorbell;
	unsigned int		commit_fail;
	struct ims_model_entry	taken;
	unsigned int		delivered;
	unsigned int		suppressed;
	int			watch;
	unsigned int		null_unmasked;
};

size_t ims_test_slot_offset(const struct ims_desc *d, unsigned int slot);
size_t ims_test_storage_size(const struct ims_desc *d, unsigned int slots);
void ims_test_decode(const struct ims_desc *d, const u8 *p, struct ims_model_entry *e);
bool ims_test_quiet(const struct ims_desc *d, const u8 *p);
void ims_test_seed_reserved(const struct ims_desc *d, u8 *p);

struct ims_model *ims_model_create(struct kunit *test, const struct ims_desc *desc,
				   unsigned int nr_slots);
unsigned int ims_model_slots(const struct ims_model *m);

/**
 * ims_model_need_mmio - Skip the test unless the model's storage is in MMIO
 * @test:	The test
 * @why:	What needs it, for the skip reason
 *
 * Counting device accesses and storage in device MMIO need logic_iomem.
 * Call this before any expectation: a skip hides earlier failures.  Inline,
 * so that where it always skips the compiler sees it never returns.
 *
 * Context: Process context.
 */
static inline void ims_model_need_mmio(struct kunit *test, const char *why)
{
	if (!IS_ENABLED(CONFIG_INDIRECT_IOMEM))
		kunit_skip(test, "%s: the device model needs INDIRECT_IOMEM (UML)", why);
}

/**
 * ims_model_mmio_queues - Move a model's queues into its device MMIO
 * @test:	The test, skipped where the model has no MMIO
 * @m:		A model with queue storage whose queues are not in use
 *
 * Inline, as ims_model_need_mmio() is.
 *
 * Context: Process context.
 */
static inline void ims_model_mmio_queues(struct kunit *test, struct ims_model *m)
{
	unsigned int n;

	ims_model_need_mmio(test, "queues in device MMIO");

	for (n = 0; n < IMS_TEST_MAX_VECTORS; n++) {
		m->queues[n].ims.mem = NULL;
		m->queues[n].ims.iomem = m->iomem + m->qmmio_off + n * m->qsize;
		m->queues[n].ims.size = m->qsize;
	}
}

union msi_instance_cookie ims_model_cookie(struct ims_model *m, unsigned int n);
void ims_model_decode(struct ims_model *m, unsigned int slot,
		      struct ims_model_entry *e);
bool ims_model_fire(struct ims_model *m, unsigned int slot);
void ims_model_reset_counts(struct ims_model *m);
void ims_model_wipe(struct ims_model *m);
const u8 *ims_model_entry_bytes(struct ims_model *m, unsigned int slot);

/**
 * struct ims_test_irq - A vector the test owns (ims_test_hold())
 * @dev:	The device it was allocated for
 * @virq:	Its Linux interrupt number
 * @count:	The handler's counter once requested, or NULL
 */
struct ims_test_irq {
	struct device	*dev;
	int		virq;
	atomic_t	*count;
};

struct ims_test_irq *ims_test_hold(struct kunit *test, struct device *dev, int virq);
void ims_test_request(struct kunit *test, struct ims_test_irq *h, atomic_t *count);
void ims_test_drop(struct kunit *test, struct ims_test_irq *h);

void ims_test_expect_desc(struct kunit *test, const struct ims_desc *d, const struct ims_desc *e);
unsigned int ims_test_irq_capacity(struct kunit *test, unsigned int limit);
const struct ims_desc *ims_test_fit(struct kunit *test, const struct ims_desc *d,
				    unsigned int max_slots, size_t max_bytes, const char *why);

/**
 * struct ims_vectors - Vectors a test allocated and requested
 * @test:	The test that owns them
 * @h:		Each vector, released when the test ends
 * @nr:		How many
 * @virq:	Their Linux interrupt numbers
 * @loc:	Where the model finds each: slot, or queue for queue storage
 * @count:	Handler invocations of each
 */
struct ims_vectors {
	struct kunit		*test;
	struct ims_test_irq	*h[IMS_TEST_MAX_VECTORS];
	unsigned int		nr;
	int			virq[IMS_TEST_MAX_VECTORS];
	unsigned int		loc[IMS_TEST_MAX_VECTORS];
	atomic_t		count[IMS_TEST_MAX_VECTORS];
};

void ims_vectors_alloc(struct kunit *test, struct ims_model *m,
		       struct ims_vectors *v, unsigned int nr);
void ims_vectors_alloc_cookies(struct kunit *test, struct ims_model *m,
			       struct ims_vectors *v, unsigned int nr,
			       union msi_instance_cookie (*cookie)(struct ims_model *m,
								   unsigned int n));
struct seq_file;
char *ims_test_show(struct kunit *test, struct device *dev,
		    int (*show)(struct seq_file *m, void *unused));
void ims_vectors_free(struct ims_model *m, struct ims_vectors *v);
unsigned int ims_vectors_total(struct ims_vectors *v);

/* Test interrupt handler: counts invocations in an atomic_t */
irqreturn_t ims_test_handler(int irq, void *counter);

/* The device a vector is allocated to, or NULL */
struct device *ims_test_owner_of(unsigned int virq);
/* MSI index of a vector of the device, for the model's slot lookups */
unsigned int ims_test_slot_of(unsigned int virq);
/* The affinity descriptor the MSI core stored for a vector */
const struct irq_affinity_desc *ims_test_affinity_of(unsigned int virq);
/* Change a vector's affinity as the core's irq_do_set_affinity() does */
int ims_test_set_affinity(unsigned int virq);

/* Storage of a host-memory device at most (ims_test_fit() scales to it) */
#define IMS_HOST_MAX_STORAGE	SZ_16M

/**
 * struct ims_host_dev - A device with IMS storage in host memory
 * @desc:	Its descriptor (scaled to IMS_HOST_MAX_STORAGE)
 * @dev:	The device
 * @mem:	Array or table storage, or the queue memory of queue storage
 * @queues:	Queue storage: one queue per slot, entry at its @mem
 * @doorbell:	The doorbell "register", in host memory
 * @nr:		Number of slots (queues)
 * @qsize:	Queue storage: bytes of memory per queue
 */
struct ims_host_dev {
	const struct ims_desc	*desc;
	struct device		*dev;
	u8			*mem;
	struct ims_queue	*queues;
	u32			*doorbell;
	unsigned int		nr;
	size_t			qsize;
};

struct ims_host_dev *ims_host_create(struct kunit *test, const struct ims_desc *d,
				     unsigned int nr, const char *name);
const u8 *ims_host_entry(const struct ims_host_dev *sd, unsigned int loc);
bool ims_host_masked(const struct ims_host_dev *sd, unsigned int loc);
int ims_host_fire(const struct ims_host_dev *sd, unsigned int loc);
int ims_host_alloc(const struct ims_host_dev *sd, unsigned int *loc);

/* The hand-written IDXD-style reference chip (ims_ref_chip.c) */
int ims_ref_create(struct device *dev, void *storage, unsigned int slots);
int ims_ref_alloc_irq(struct device *dev);
void ims_ref_free_irq(struct device *dev, unsigned int virq);

/* Hand-written chips of the other shipped layouts (ims_ref_layouts.c) */
int ims_ref_layout_alloc(struct ims_model *m);
void ims_ref_layout_free(struct ims_model *m);

/*
 * The storage cannot hold the test parent's addresses above 4 GiB: the
 * parent must hand out addresses below (ims_test_parent_configure()).
 */
static inline bool ims_test_low_addr(const struct ims_desc *d)
{
	return d->flags & IMS_DESC_ADDR32 || (d->addr_hi_width && d->addr_hi_width < 5);
}

/* KUnit parameters: every descriptor of ims_test_descs[], named after it */
static inline const void *ims_test_desc_params(struct kunit *test, const void *prev, char *desc)
{
	const struct ims_desc *const *p = prev;

	p = p ? p + 1 : ims_test_descs;
	if (p >= ims_test_descs + ims_test_nr_descs)
		return NULL;
	strscpy(desc, (*p)->name, KUNIT_PARAM_DESC_SIZE);
	return p;
}

#endif /* _IMS_TEST_H */
