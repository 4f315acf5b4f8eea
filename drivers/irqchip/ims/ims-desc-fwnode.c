// SPDX-License-Identifier: GPL-2.0-only
/*
 * IMS descriptors from firmware: DT or ACPI _DSD properties, read through
 * the unified device property API so that one parser serves both.  The
 * properties are those of Documentation/devicetree/bindings/
 * interrupt-controller/interrupt-message-store.yaml: hardware facts, from
 * which the descriptor's flags follow.  IMS_DESC_SLEEPS has no property of
 * its own: entries committed by a device command (ims-command) are updated
 * from thread context, and other storage that sleeps is described by its
 * driver's descriptor, found through its compatible.
 *
 * The result is validated exactly like a static descriptor; every
 * missing, malformed, out-of-range or contradictory property is reported
 * with the property and the node, and nothing stays allocated on failure.
 */
#include <kunit/visibility.h>
#include <linux/device.h>
#include <linux/export.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/property.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "ims-desc-internal.h"

/* A descriptor parsed from firmware owns its name and offset table */
struct ims_fw_desc {
	struct ims_desc	desc;
	char		*name;
	u32		*offsets;
};

static const struct {
	const char	*prop;
	u32		flag;
} ims_fw_flags[] = {
	{ "ims-posted-writes",	IMS_DESC_FLUSH },
	{ "ims-big-endian",	IMS_DESC_BIG_ENDIAN },
	{ "ims-address-64",	IMS_DESC_ADDR64 },
	{ "ims-mask-enables",	IMS_DESC_MASK_ENABLES },
	{ "ims-non-atomic-update", IMS_DESC_MASK_ON_UPDATE },
	{ "ims-doorbell",	IMS_DESC_DOORBELL },
	{ "ims-dynamic-slots",	IMS_DESC_DYNAMIC_SLOTS },
	{ "ims-parent-mask",	IMS_DESC_PARENT_MASK },
	{ "ims-address-write64", IMS_DESC_WRITE64 },
	{ "ims-address-32",	IMS_DESC_ADDR32 },
	{ "ims-control-shared",	IMS_DESC_CTRL_SHARED },
	{ "ims-command",	IMS_DESC_COMMAND },
	{ "ims-upper-reserved",	IMS_DESC_UPPER_RESERVED },
};

/*
 * Names of an earlier version of the binding, which said what to do
 * rather than what the hardware is.  Firmware that still has one is
 * refused rather than driven without it.
 */
static const struct {
	const char	*prop;
	const char	*reason;
} ims_fw_removed[] = {
	{ "ims-sleeps", "removed: implied by ims-command, otherwise by a compatible" },
	{ "ims-mask-on-update", "removed: the hardware fact is ims-non-atomic-update" },
	{ "ims-flush", "removed: the hardware fact is ims-posted-writes" },
};

static int ims_fw_reject(struct ims_desc_error *err, const char *prop, const char *reason)
{
	err->field = prop;
	err->index = -1;
	err->reason = reason;
	err->flag = 0;
	return -EINVAL;
}

/* Read an optional u32 property no larger than @max; absent leaves *val alone */
static int ims_fw_u32(const struct fwnode_handle *fw, const char *prop, u32 max,
		      bool required, u32 *val, struct ims_desc_error *err)
{
	u32 v;

	if (!fwnode_property_present(fw, prop))
		return required ? ims_fw_reject(err, prop, "missing") : 0;
	if (fwnode_property_count_u32(fw, prop) != 1 ||
	    fwnode_property_read_u32(fw, prop, &v))
		return ims_fw_reject(err, prop, "must be a single u32 cell");
	if (v > max)
		return ims_fw_reject(err, prop, "out of range");
	*val = v;
	return 0;
}

/* Read an exact-length u32 array property */
static int ims_fw_u32s(const struct fwnode_handle *fw, const char *prop, int n,
		       u32 *vals, struct ims_desc_error *err)
{
	if (fwnode_property_count_u32(fw, prop) != n ||
	    fwnode_property_read_u32_array(fw, prop, vals, n))
		return ims_fw_reject(err, prop, n == 1 ? "must be a single u32 cell" :
					       "must be two u32 cells");
	return 0;
}

static int ims_fw_kind(const struct fwnode_handle *fw, struct ims_desc *d,
		       struct ims_desc_error *err)
{
	static const char * const kinds[] = {
		[IMS_STORAGE_ARRAY] = "array",
		[IMS_STORAGE_TABLE] = "table",
		[IMS_STORAGE_QUEUE] = "queue",
	};
	const char *s = NULL;
	int i;

	if (!fwnode_property_present(fw, "ims-storage"))
		return ims_fw_reject(err, "ims-storage", "missing");
	/* A property of another type may read as success with no string */
	if (fwnode_property_string_array_count(fw, "ims-storage") != 1 ||
	    fwnode_property_read_string(fw, "ims-storage", &s) || !s)
		return ims_fw_reject(err, "ims-storage", "must be a string");
	i = match_string(kinds, ARRAY_SIZE(kinds), s);
	if (i < 0)
		return ims_fw_reject(err, "ims-storage",
				     "must be \"array\", \"table\" or \"queue\"");
	d->kind = i;
	return 0;
}

static int ims_fw_layout(const struct fwnode_handle *fw, struct ims_fw_desc *fd,
			 struct ims_desc_error *err)
{
	struct ims_desc *d = &fd->desc;
	bool addr64 = d->flags & IMS_DESC_ADDR64;
	bool one = d->flags & (IMS_DESC_ADDR64 | IMS_DESC_ADDR32);
	bool pmask = d->flags & IMS_DESC_PARENT_MASK;
	u32 v[2], val = 0;
	int ret, n;

	ret = ims_fw_u32(fw, "ims-entry-size", IMS_DESC_MAX_ENTRY_SIZE, true,
			 &d->entry_size, err);
	ret = ret ?: ims_fw_u32(fw, "ims-slots", IMS_DESC_MAX_SLOTS, false,
				&d->nr_slots, err);
	ret = ret ?: ims_fw_u32(fw, "ims-stride", U32_MAX, false, &d->stride, err);
	ret = ret ?: ims_fw_u32(fw, "ims-queue-offset", U32_MAX, false,
				&d->queue_offset, err);
	if (ret)
		return ret;

	if (!fwnode_property_present(fw, "ims-address"))
		return ims_fw_reject(err, "ims-address", "missing");
	n = fwnode_property_count_u32(fw, "ims-address");
	if (one && n != 1)
		return ims_fw_reject(err, "ims-address",
				     addr64 ? "one offset with ims-address-64, not two" :
					      "one offset with ims-address-32, not two");
	ret = ims_fw_u32s(fw, "ims-address", one ? 1 : 2, v, err);
	if (ret)
		return ret;
	if (v[0] > U16_MAX || (!one && v[1] > U16_MAX))
		return ims_fw_reject(err, "ims-address", "out of range");
	d->addr_lo = v[0];
	d->addr_hi = one ? 0 : v[1];

	ret = ims_fw_u32(fw, "ims-address-hi-width", 32, false, &val, err);
	d->addr_hi_width = val;
	ret = ret ?: ims_fw_u32(fw, "ims-data", U16_MAX, true, &val, err);
	d->data = val;
	val = 0;
	ret = ret ?: ims_fw_u32(fw, "ims-data-width", 32, false, &val, err);
	d->data_width = val;
	/* Storage the parent masks has no control word: the validator refuses one */
	val = 0;
	ret = ret ?: ims_fw_u32(fw, "ims-control", U16_MAX, !pmask, &val, err);
	d->ctrl = val;
	val = 0;
	ret = ret ?: ims_fw_u32(fw, "ims-mask-bit", 31, !pmask, &val, err);
	d->mask_bit = val;
	if (ret)
		return ret;

	if (fwnode_property_present(fw, "ims-constant")) {
		ret = ims_fw_u32s(fw, "ims-constant", 2, v, err);
		if (ret)
			return ret;
		if (v[0] > U16_MAX)
			return ims_fw_reject(err, "ims-constant", "offset out of range");
		d->flags |= IMS_DESC_CONST;
		d->const_off = v[0];
		d->const_val = v[1];
	}

	if (fwnode_property_present(fw, "ims-cookie")) {
		ret = ims_fw_u32s(fw, "ims-cookie", 2, v, err);
		if (ret)
			return ret;
		if (v[0] > 31 || !v[1] || v[1] > 32 || v[0] + v[1] > 32)
			return ims_fw_reject(err, "ims-cookie",
					     "field must lie inside its 32-bit register");
		d->flags |= IMS_DESC_COOKIE;
		d->cookie_shift = v[0];
		d->cookie_width = v[1];
	}
	if (fwnode_property_present(fw, "ims-cookie-enable-bit")) {
		if (!(d->flags & IMS_DESC_COOKIE))
			return ims_fw_reject(err, "ims-cookie-enable-bit",
					     "given without ims-cookie");
		ret = ims_fw_u32(fw, "ims-cookie-enable-bit", 31, true, &val, err);
		if (ret)
			return ret;
		d->flags |= IMS_DESC_COOKIE_ENABLE;
		d->cookie_enable_bit = val;
	}

	if (fwnode_property_present(fw, "ims-slot-offsets")) {
		if (d->kind != IMS_STORAGE_TABLE)
			return ims_fw_reject(err, "ims-slot-offsets", "only for table storage");
		n = fwnode_property_count_u32(fw, "ims-slot-offsets");
		if (n <= 0 || n > IMS_DESC_MAX_SLOTS)
			return ims_fw_reject(err, "ims-slot-offsets",
					     "must be 1 to 65536 u32 cells");
		if (d->nr_slots && d->nr_slots != n)
			return ims_fw_reject(err, "ims-slots",
					     "differs from the number of ims-slot-offsets");
		fd->offsets = kcalloc(n, sizeof(*fd->offsets), GFP_KERNEL);
		if (!fd->offsets)
			return -ENOMEM;
		if (fwnode_property_read_u32_array(fw, "ims-slot-offsets", fd->offsets, n))
			return ims_fw_reject(err, "ims-slot-offsets",
					     "cannot be read as u32 cells");
		d->slot_offsets = fd->offsets;
		d->nr_slots = n;
	}
	return 0;
}

/* The firmware property a validator rejection of a C field corresponds to */
static const char *ims_fw_prop_of(const struct ims_desc_error *err)
{
	static const struct {
		const char *field, *prop;
	} map[] = {
		{ "kind", "ims-storage" },		{ "nr_slots", "ims-slots" },
		{ "stride", "ims-stride" },		{ "slot_offsets", "ims-slot-offsets" },
		{ "queue_offset", "ims-queue-offset" },	{ "entry_size", "ims-entry-size" },
		{ "addr_lo", "ims-address" },		{ "addr_hi", "ims-address" },
		{ "addr_hi_width", "ims-address-hi-width" }, { "data", "ims-data" },
		{ "data_width", "ims-data-width" },
		{ "ctrl", "ims-control" },		{ "mask_bit", "ims-mask-bit" },
		{ "cookie_shift", "ims-cookie" },	{ "cookie_width", "ims-cookie" },
		{ "cookie_enable_bit", "ims-cookie-enable-bit" },
		{ "const_off", "ims-constant" },	{ "const_val", "ims-constant" },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(map); i++)
		if (!strcmp(err->field, map[i].field))
			return map[i].prop;

	/* A flag in conflict with the rest: the property that set it */
	if (err->flag & IMS_DESC_COOKIE)
		return "ims-cookie";
	if (err->flag & IMS_DESC_COOKIE_ENABLE)
		return "ims-cookie-enable-bit";
	if (err->flag & IMS_DESC_CONST)
		return "ims-constant";
	if (err->flag & IMS_DESC_SLEEPS)
		return "ims-command";
	for (i = 0; i < ARRAY_SIZE(ims_fw_flags); i++)
		if (err->flag & ims_fw_flags[i].flag)
			return ims_fw_flags[i].prop;
	return "ims-storage";
}

static void ims_fw_free(struct ims_fw_desc *fd)
{
	if (!fd)
		return;
	kfree(fd->offsets);
	kfree(fd->name);
	kfree(fd);
}

/**
 * ims_desc_parse_fwnode - Build and validate a descriptor from properties
 * @fwnode:	The firmware node with the IMS properties
 * @err:	Filled in with the offending property and the reason on failure
 *
 * Context: Process context, may sleep.
 * Return: the descriptor, to be released with ims_desc_free_fwnode(), or
 * ERR_PTR(-EINVAL) (with @err filled in) or ERR_PTR(-ENOMEM).  Nothing
 * stays allocated on failure.
 */
struct ims_desc *ims_desc_parse_fwnode(const struct fwnode_handle *fwnode,
				       struct ims_desc_error *err)
{
	struct ims_fw_desc *fd;
	struct ims_desc *d;
	unsigned int i;
	int ret;

	fd = kzalloc_obj(*fd);
	if (!fd)
		return ERR_PTR(-ENOMEM);
	d = &fd->desc;

	fd->name = kasprintf(GFP_KERNEL, "%pfwP", fwnode);
	if (!fd->name) {
		ret = -ENOMEM;
		goto fail;
	}
	d->name = fd->name;

	for (i = 0; i < ARRAY_SIZE(ims_fw_removed); i++) {
		if (fwnode_property_present(fwnode, ims_fw_removed[i].prop)) {
			ret = ims_fw_reject(err, ims_fw_removed[i].prop,
					    ims_fw_removed[i].reason);
			goto fail;
		}
	}

	for (i = 0; i < ARRAY_SIZE(ims_fw_flags); i++)
		if (fwnode_property_read_bool(fwnode, ims_fw_flags[i].prop))
			d->flags |= ims_fw_flags[i].flag;
	/* A device command is issued, and waited for, in thread context */
	if (d->flags & IMS_DESC_COMMAND)
		d->flags |= IMS_DESC_SLEEPS;

	ret = ims_fw_kind(fwnode, d, err);
	ret = ret ?: ims_fw_layout(fwnode, fd, err);
	if (ret)
		goto fail;

	ret = ims_desc_check(d, err);
	if (ret) {
		err->field = ims_fw_prop_of(err);
		goto fail;
	}
	return d;

fail:
	ims_fw_free(fd);
	return ERR_PTR(ret);
}
EXPORT_SYMBOL_IF_KUNIT(ims_desc_parse_fwnode);

/**
 * ims_desc_free_fwnode - Release a descriptor from ims_desc_parse_fwnode()
 * @desc:	The descriptor; no domain may use it any more
 *
 * Context: Any context that may free memory.
 */
void ims_desc_free_fwnode(struct ims_desc *desc)
{
	if (desc)
		ims_fw_free(container_of(desc, struct ims_fw_desc, desc));
}
EXPORT_SYMBOL_IF_KUNIT(ims_desc_free_fwnode);

static void ims_fw_release(void *desc)
{
	ims_desc_free_fwnode(desc);
}

/**
 * devm_ims_desc_from_fwnode - A device's IMS descriptor from its firmware node
 * @dev:	The device; the descriptor lives as long as its binding
 * @fwnode:	The node with the IMS binding's properties (DT or ACPI _DSD)
 *
 * Every missing, malformed, out-of-range or contradictory property is
 * reported with the property and the node.
 *
 * Context: Process context, may sleep.
 * Return: the validated, device managed descriptor, or an ERR_PTR():
 * -EINVAL for a bad property, -ENOMEM.  Nothing stays allocated on failure.
 */
const struct ims_desc *devm_ims_desc_from_fwnode(struct device *dev,
						 struct fwnode_handle *fwnode)
{
	struct ims_desc_error err = { };
	struct ims_desc *d;
	int ret;

	d = ims_desc_parse_fwnode(fwnode, &err);
	if (IS_ERR(d)) {
		if (PTR_ERR(d) == -EINVAL)
			dev_err(dev, "%pfwP: invalid %s: %s\n", fwnode, err.field, err.reason);
		return d;
	}
	/* Released after the domain, which is torn down first (LIFO) */
	ret = devm_add_action_or_reset(dev, ims_fw_release, d);
	return ret ? ERR_PTR(ret) : d;
}
EXPORT_SYMBOL_GPL(devm_ims_desc_from_fwnode);

/*
 * A register window of the device: by name where the firmware names its
 * windows (DT reg-names), else by position, the storage first and then the
 * doorbell: ACPI's _CRS names none, nor do software nodes' resources
 * unless their creator named them.
 */
static struct resource *ims_platform_window(struct platform_device *pdev, const char *name,
					    unsigned int index)
{
	struct resource *res = platform_get_resource_byname(pdev, IORESOURCE_MEM, name);

	if (res || is_of_node(dev_fwnode(&pdev->dev)))
		return res;
	return platform_get_resource(pdev, IORESOURCE_MEM, index);
}

/* Map what the node describes and create the domain on it */
static int ims_platform_domain(struct platform_device *pdev)
{
	struct resource *res, *doorbell = NULL;
	struct device *dev = &pdev->dev;
	struct ims_storage st = { };
	const struct ims_desc *d;

	d = devm_ims_desc_from_fwnode(dev, dev_fwnode(dev));
	if (IS_ERR(d))
		return PTR_ERR(d);

	/* The doorbell is one 32-bit write: its register must hold one */
	if (d->flags & IMS_DESC_DOORBELL) {
		doorbell = ims_platform_window(pdev, "ims-doorbell",
					       d->kind == IMS_STORAGE_QUEUE ? 0 : 1);
		if (!doorbell)
			return dev_err_probe(dev, -EINVAL,
					     "%pfwP: no \"ims-doorbell\" register (reg-names \"ims-doorbell\", or where the firmware names none, the memory resource after the storage's)\n",
					     dev_fwnode(dev));
		if (resource_size(doorbell) < sizeof(u32))
			return dev_err_probe(dev, -EINVAL,
					     "%pfwP: the \"ims-doorbell\" register %pR is smaller than the 32-bit doorbell write\n",
					     dev_fwnode(dev), doorbell);
	}
	if (d->kind != IMS_STORAGE_QUEUE) {
		res = ims_platform_window(pdev, "ims", 0);
		if (!res)
			return dev_err_probe(dev, -EINVAL,
					     "%pfwP: no \"ims\" storage window (reg-names \"ims\", or where the firmware names none, the first memory resource)\n",
					     dev_fwnode(dev));
		st.iobase = devm_ioremap_resource(dev, res);
		if (IS_ERR(st.iobase))
			return dev_err_probe(dev, PTR_ERR(st.iobase),
					     "%pfwP: cannot map the \"ims\" storage\n",
					     dev_fwnode(dev));
		/* The slots must fit the mapping: checked at domain creation */
		st.size = resource_size(res);
	}
	if (d->flags & IMS_DESC_DOORBELL) {
		st.doorbell = devm_ioremap_resource(dev, doorbell);
		if (IS_ERR(st.doorbell))
			return dev_err_probe(dev, PTR_ERR(st.doorbell),
					     "%pfwP: cannot map the \"ims-doorbell\" register\n",
					     dev_fwnode(dev));
	}
	return devm_ims_desc_create_domain(dev, d, &st);
}

/**
 * devm_ims_desc_create_platform_domain - IMS domain of a platform device from firmware
 * @pdev:	The platform device, whose node has the IMS binding's properties
 *
 * Builds the descriptor from the device's firmware node, maps the storage
 * ("ims" in reg-names, for array and table storage) and the doorbell
 * ("ims-doorbell", with ims-doorbell) and creates the IMS domain on the
 * device's MSI parent (msi-parent).  Firmware that does not name its
 * memory resources (ACPI) gives them in that order: the storage first,
 * then the doorbell (for queue storage, the doorbell alone).  Everything
 * is device managed.  On failure nothing is left mapped or allocated, so
 * a later retry works.
 *
 * Context: Process context, may sleep.
 * Return: 0, or a negative error code with the reason logged.
 */
int devm_ims_desc_create_platform_domain(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	void *group;
	int ret;

	/* A failure leaves nothing mapped, so that a retry can map again */
	group = devres_open_group(dev, NULL, GFP_KERNEL);
	if (!group)
		return -ENOMEM;
	ret = ims_platform_domain(pdev);
	if (ret)
		devres_release_group(dev, group);
	else
		devres_remove_group(dev, group);
	return ret;
}
EXPORT_SYMBOL_GPL(devm_ims_desc_create_platform_domain);
