// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel's IMS descriptor validator (ims_desc_check() of
 * drivers/irqchip/ims/ims-desc-validate.c, compiled unchanged) as a host
 * program, so that scripts/gen_ims_chip.py applies exactly the kernel's
 * rules instead of a copy of them.
 *
 * Input on stdin, one field of struct ims_desc per line, "name value":
 * numbers in C syntax (0x40), flags as IMS_DESC_* names separated by
 * spaces, slot_offsets as numbers separated by spaces.  Fields not given
 * are zero.
 *
 * Output: "ok" and exit 0 for a valid descriptor; otherwise one line
 * "FIELD<TAB>INDEX<TAB>FLAG<TAB>REASON" (INDEX -1 and FLAG "-" when they
 * do not apply) and exit 1.  Malformed input: a message and exit 2.
 */
#include <errno.h>
#include <stdlib.h>

#include "ims-desc-internal.h"

#define FLAG(f)	{ #f, f }
static const struct {
	const char	*name;
	u32		flag;
} flags[] = {
	FLAG(IMS_DESC_FLUSH), FLAG(IMS_DESC_BIG_ENDIAN), FLAG(IMS_DESC_ADDR64),
	FLAG(IMS_DESC_MASK_ENABLES), FLAG(IMS_DESC_MASK_ON_UPDATE), FLAG(IMS_DESC_COOKIE),
	FLAG(IMS_DESC_COOKIE_ENABLE), FLAG(IMS_DESC_SLEEPS), FLAG(IMS_DESC_DOORBELL),
	FLAG(IMS_DESC_DYNAMIC_SLOTS), FLAG(IMS_DESC_PARENT_MASK), FLAG(IMS_DESC_WRITE64),
	FLAG(IMS_DESC_ADDR32), FLAG(IMS_DESC_CONST), FLAG(IMS_DESC_CTRL_SHARED),
	FLAG(IMS_DESC_COMMAND), FLAG(IMS_DESC_UPPER_RESERVED),
};

/* The numeric fields of struct ims_desc, with where and how wide they are */
static const struct {
	const char	*name;
	size_t		offset;
	size_t		size;
} fields[] = {
	{ "kind", offsetof(struct ims_desc, kind),
	  sizeof(((struct ims_desc *)0)->kind) },
	{ "nr_slots", offsetof(struct ims_desc, nr_slots),
	  sizeof(((struct ims_desc *)0)->nr_slots) },
	{ "stride", offsetof(struct ims_desc, stride),
	  sizeof(((struct ims_desc *)0)->stride) },
	{ "queue_offset", offsetof(struct ims_desc, queue_offset),
	  sizeof(((struct ims_desc *)0)->queue_offset) },
	{ "entry_size", offsetof(struct ims_desc, entry_size),
	  sizeof(((struct ims_desc *)0)->entry_size) },
	{ "addr_lo", offsetof(struct ims_desc, addr_lo),
	  sizeof(((struct ims_desc *)0)->addr_lo) },
	{ "addr_hi", offsetof(struct ims_desc, addr_hi),
	  sizeof(((struct ims_desc *)0)->addr_hi) },
	{ "addr_hi_width", offsetof(struct ims_desc, addr_hi_width),
	  sizeof(((struct ims_desc *)0)->addr_hi_width) },
	{ "data", offsetof(struct ims_desc, data),
	  sizeof(((struct ims_desc *)0)->data) },
	{ "data_width", offsetof(struct ims_desc, data_width),
	  sizeof(((struct ims_desc *)0)->data_width) },
	{ "ctrl", offsetof(struct ims_desc, ctrl),
	  sizeof(((struct ims_desc *)0)->ctrl) },
	{ "mask_bit", offsetof(struct ims_desc, mask_bit),
	  sizeof(((struct ims_desc *)0)->mask_bit) },
	{ "cookie_shift", offsetof(struct ims_desc, cookie_shift),
	  sizeof(((struct ims_desc *)0)->cookie_shift) },
	{ "cookie_width", offsetof(struct ims_desc, cookie_width),
	  sizeof(((struct ims_desc *)0)->cookie_width) },
	{ "cookie_enable_bit", offsetof(struct ims_desc, cookie_enable_bit),
	  sizeof(((struct ims_desc *)0)->cookie_enable_bit) },
	{ "const_off", offsetof(struct ims_desc, const_off),
	  sizeof(((struct ims_desc *)0)->const_off) },
	{ "const_val", offsetof(struct ims_desc, const_val),
	  sizeof(((struct ims_desc *)0)->const_val) },
};

static u32 *offsets;

static void __noreturn bad_input(const char *what, const char *line)
{
	fprintf(stderr, "ims_desc_check: %s: %s\n", what, line);
	exit(2);
}

static unsigned long long parse_value(const char *s, const char *line)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s || *end)
		bad_input("not a number", line);
	return v;
}

static u32 flag_of(const char *name, const char *line)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(flags); i++)
		if (!strcmp(name, flags[i].name))
			return flags[i].flag;
	bad_input("unknown flag", line);
}

static const char *flag_name(u32 flag)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(flags); i++)
		if (flag & flags[i].flag)
			return flags[i].name;
	return "-";
}

/* Store @v in field @i of @d, refusing what its width cannot hold */
static void store(struct ims_desc *d, unsigned int i, unsigned long long v, const char *line)
{
	void *p = (char *)d + fields[i].offset;
	u8 v8 = v;
	u16 v16 = v;
	u32 v32 = v;

	if (fields[i].size < sizeof(v) && v >> (8 * fields[i].size))
		bad_input("out of range for the field", line);
	switch (fields[i].size) {
	case 1:
		memcpy(p, &v8, 1);
		break;
	case 2:
		memcpy(p, &v16, 2);
		break;
	default:
		memcpy(p, &v32, 4);
		break;
	}
}

static void set_field(struct ims_desc *d, char *line)
{
	char *copy = strdup(line), *key = strtok(line, " \t\n"), *val;
	unsigned int i, n = 0;

	if (!key)
		return;
	if (!strcmp(key, "flags")) {
		while ((val = strtok(NULL, " \t\n|")))
			d->flags |= flag_of(val, copy);
		return;
	}
	if (!strcmp(key, "slot_offsets")) {
		offsets = calloc(65537, sizeof(*offsets));
		while ((val = strtok(NULL, " \t\n,"))) {
			if (n == 65537)
				bad_input("too many slot_offsets", copy);
			offsets[n++] = parse_value(val, copy);
		}
		d->slot_offsets = offsets;
		return;
	}
	val = strtok(NULL, " \t\n");
	if (!val)
		bad_input("no value", copy);
	if (!strcmp(key, "name")) {
		d->name = strdup(val);
		return;
	}
	for (i = 0; i < ARRAY_SIZE(fields); i++) {
		if (!strcmp(key, fields[i].name)) {
			store(d, i, parse_value(val, copy), copy);
			return;
		}
	}
	bad_input("unknown field", copy);
}

int main(void)
{
	struct ims_desc d = { 0 };
	struct ims_desc_error err;
	char line[1 << 20];
	u32 all = 0;
	unsigned int i;

	/* The flag table must name every flag the kernel knows */
	for (i = 0; i < ARRAY_SIZE(flags); i++)
		all |= flags[i].flag;
	if (all != IMS_DESC_ALL_FLAGS) {
		fprintf(stderr, "ims_desc_check: flag table out of date (%#x, kernel %#lx)\n",
			all, (unsigned long)IMS_DESC_ALL_FLAGS);
		return 2;
	}

	while (fgets(line, sizeof(line), stdin))
		set_field(&d, line);

	if (!ims_desc_check(&d, &err)) {
		puts("ok");
		return 0;
	}
	printf("%s\t%d\t%s\t%s\n", err.field, err.index, flag_name(err.flag), err.reason);
	return 1;
}
