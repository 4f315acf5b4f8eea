// SPDX-License-Identifier: GPL-2.0-only
/// A device driver programs MSI messages into its own storage: a
/// candidate for a struct ims_desc and the generic IMS chip.
///
/// [S] A function handed the message by an MSI domain (an irq_chip's
/// irq_write_msi_msg(), the platform MSI write callback, or a helper it
/// passes the message to) stores address and data words into device
/// registers.  The report shows where each word goes.
///
/// [C] It composes a 64-bit doorbell from address_hi << 32 | address_lo
/// and writes it with one 64-bit access (address-64 and address-write64
/// in a description).
///
/// [G] It passes the message on to another function, often in another
/// file, which stores it in queue or ring registers.
///
/// With -D draft, each [S] finding prints a draft description in the
/// format of scripts/gen_ims_chip.py, with the offsets read from the
/// code (macros of the file and the headers it includes from its own
/// directory).  What the code does not say is listed under "Not
/// inferred" in the draft's header and left out.
//
// Confidence: Moderate
// Options: --no-includes --include-headers

virtual context
virtual org
virtual report
virtual draft

@initialize:python@
@@
import os

# Code that implements MSI domains owns MSI descriptors, messages and
# domain pointers and is not checked: the irq and MSI core, PCI (MSI,
# host bridges, endpoint functions), platform MSI, fsl-mc, CDX and TI SCI
# INTA MSI bus code, the firmware code that finds a device's MSI parent,
# interrupt controllers, IOMMUs, VFIO and NTB (which pass messages on by
# design), architecture, hypervisor and KVM code, and the headers of the MSI
# API and the driver core that implement the accessors.  Paths are relative to
# the top of the tree, as make coccicheck runs spatch there.  Every rule
# of this directory exempts the same paths.
MSI_OWNERS = ("kernel/irq/", "drivers/pci/", "drivers/base/platform-msi.c",
	      "drivers/bus/fsl-mc/", "drivers/cdx/",
	      "drivers/soc/ti/ti_sci_inta_msi.c", "drivers/of/irq.c",
	      "drivers/acpi/arm64/iort.c", "drivers/irqchip/",
	      "drivers/iommu/", "drivers/vfio/", "drivers/ntb/", "arch/",
	      "drivers/xen/", "drivers/hv/", "include/linux/msi.h",
	      "include/linux/msi_api.h", "include/linux/device.h",
	      "include/linux/cdx/", "virt/kvm/")

def checked(p):
	"""Is the code at position p outside the MSI domain implementations?"""
	return not os.path.relpath(p[0].file).startswith(MSI_OWNERS)

import re

WORDS = ("address_lo", "address_hi", "data")
WRITE64 = re.compile(r"(lo_hi_|hi_lo_)?writeq(_relaxed)?$|iowrite64")

def call_args(text):
	"""Split the top-level arguments of a call's argument text."""
	args, depth, cur = [], 0, ""
	for ch in text:
		if ch in "([{":
			depth += 1
		elif ch in ")]}":
			depth -= 1
		if ch == "," and depth == 0:
			args.append(cur.strip())
			cur = ""
		else:
			cur += ch
	if cur.strip():
		args.append(cur.strip())
	return args

def function_body(path, line):
	"""The text of the function whose name is on line (1-based)."""
	with open(path) as f:
		text = f.read()
	lines = text.split("\n")
	start = sum(len(l) + 1 for l in lines[:line - 1])
	open_at = text.index("{", start)
	depth = 0
	for i in range(open_at, len(text)):
		if text[i] == "{":
			depth += 1
		elif text[i] == "}":
			depth -= 1
			if depth == 0:
				return text[open_at + 1:i]
	return text[open_at + 1:]

def body_calls(body):
	"""(name, [args]) of every call statement of a function body."""
	calls = []
	for mt in re.finditer(r"\b(\w+)\s*\(", body):
		depth, i = 0, mt.end() - 1
		while i < len(body):
			if body[i] == "(":
				depth += 1
			elif body[i] == ")":
				depth -= 1
				if depth == 0:
					break
			i += 1
		if mt.group(1) not in ("if", "while", "for", "switch", "return", "sizeof"):
			calls.append((mt.group(1), call_args(body[mt.end():i])))
	return calls

def stores(body, m):
	"""Where each message word is written: {word: (writer, value, dest)}."""
	found = {}
	local64 = {}
	for mt in re.finditer(r"\b(\w+)\s*=\s*([^;]*%s->address_hi[^;]*);" % m, body):
		if "%s->address_lo" % m in mt.group(2):
			local64[mt.group(1)] = mt.group(2)
	for name, args in body_calls(body):
		if len(args) < 2:
			continue
		value, dest = args[-2], args[-1]
		for w in WORDS:
			if re.search(r"\b%s\s*->\s*%s\b" % (m, w), value):
				found[w] = (name, value, dest)
		if value in local64:
			found["address64"] = (name, value, dest)
	return found, local64

def where(p, m):
	"""Where each word goes, for the report."""
	found, _ = stores(function_body(p[0].file, int(p[0].line)), m)
	return ", ".join("%s -> %s" % (k, found[k][2].replace(" -> ", "->"))
			 for k in ("address64", "address_lo", "address_hi", "data")
			 if k in found)

def macros(path, seen=None):
	"""#define NAME value of a file and the headers it includes from its
	own directory."""
	seen = seen if seen is not None else set()
	if path in seen or not os.path.exists(path):
		return {}
	seen.add(path)
	defs = {}
	with open(path) as f:
		text = f.read()
	for inc in re.findall(r'#include\s+"([^"]+)"', text):
		defs.update(macros(os.path.join(os.path.dirname(path), inc), seen))
	for name, value in re.findall(r"^#define\s+(\w+)\s+(.+?)\s*(?:/[*/].*)?$", text, re.M):
		defs[name] = value
	return defs

def value_of(expr, defs, depth=0):
	"""The integer an expression of literals and macros stands for."""
	expr = expr.strip()
	if depth > 8:
		return None
	while expr.startswith("(") and expr.endswith(")"):
		expr = expr[1:-1].strip()
	m = re.match(r"GENMASK(_ULL)?\((.+),(.+)\)$", expr)
	if m:
		hi, lo = value_of(m.group(2), defs, depth + 1), value_of(m.group(3), defs, depth + 1)
		if hi is None or lo is None:
			return None
		return ((1 << (hi + 1)) - 1) & ~((1 << lo) - 1)
	m = re.match(r"BIT(_ULL)?\((.+)\)$", expr)
	if m:
		b = value_of(m.group(2), defs, depth + 1)
		return None if b is None else 1 << b
	m = re.match(r"(0x[0-9a-fA-F]+|\d+)[uUlL]*$", expr)
	if m:
		return int(m.group(1), 0)
	if expr in defs:
		return value_of(defs[expr], defs, depth + 1)
	return None

def split_dest(dest):
	"""BASE + OFFSET of a destination expression."""
	depth = 0
	for i in range(len(dest) - 1, -1, -1):
		ch = dest[i]
		if ch in ")]":
			depth += 1
		elif ch in "([":
			depth -= 1
		elif ch == "+" and depth == 0:
			return dest[:i].strip(), dest[i + 1:].strip()
	return dest.strip(), "0"

def hi_width(value, m, defs):
	mt = re.search(r"%s\s*->\s*address_hi\s*&\s*(\w+)" % m, value)
	if mt:
		mask = value_of(mt.group(1), defs)
		if mask is not None and mask & (mask + 1) == 0:
			return mask.bit_length()
	return None

def describe(path, line, fn, m):
	"""A draft description of the storage fn() writes, and what it
	cannot infer."""
	body = function_body(path, line)
	defs = macros(path)
	found, local64 = stores(body, m)
	todo, out = [], {}
	name = re.sub(r"\W", "_", os.path.splitext(os.path.basename(path))[0])
	offs, base = {}, None
	for word, (writer, value, dest) in found.items():
		b, off = split_dest(dest)
		o = value_of(off, defs)
		if o is None:
			todo.append("the offset of %s (%s)" % (word, dest))
			continue
		if base not in (None, b):
			todo.append("one register block: %s and %s differ" % (base, b))
		base = b
		offs[word] = (o, writer, value)
	constants = []
	for writer, args in body_calls(body):
		if len(args) >= 2 and not re.search(r"\b%s\b" % m, args[-2]) and args[-2] not in local64:
			v, (b, off) = value_of(args[-2], defs), split_dest(args[-1])
			o = value_of(off, defs)
			if v is not None and o is not None and b == base:
				constants.append((o, v))
	indexed = re.search(r"msi_index|hwirq", body)
	if re.search(r"if\s*\(\s*!\s*[\w>.-]*msi_index\s*\)", body):
		indexed = None
		todo.append("the other vectors: %s() stores vector 0's message only, the device derives the rest (data + index?)" % fn)
	sizes = [(o, 8 if WRITE64.match(w) else 4) for o, w, v in offs.values()] + [(o, 4) for o, v in constants]
	if not sizes:
		return None, ["where the message words go"]
	lo = min(o for o, s in sizes)
	hi = max(o + s for o, s in sizes)
	if indexed:
		out["storage"] = "array"
		field = re.search(r"->\s*(\w+)$", base or "")
		stride = None
		if field:
			text = open(path).read()
			for var in re.findall(r"->\s*%s\s*=\s*(\w+)\s*;" % field.group(1), text):
				inc = re.search(r"\b%s\s*\+=\s*(\w+)\s*;" % var, text)
				if inc:
					stride = value_of(inc.group(1), defs)
		alloc = re.search(r"platform_device_msi_init_and_alloc_irqs\s*\([^,]+,\s*([^,]+),\s*%s\s*\)" % fn, open(path).read())
		count = value_of(alloc.group(1), defs) if alloc else None
		if count is not None:
			out["slots"] = count
		else:
			todo.append("slots: the most register blocks an instance has (the driver allocates %s)" % (alloc.group(1).strip() if alloc else "an unknown number"))
			out["dynamic-slots"] = True
		if stride is None:
			todo.append("stride: the distance between slots' register blocks")
		else:
			out["stride"] = stride
		start = 0
	else:
		out["storage"] = "table"
		out["slot-offsets"] = [lo]
		start = lo
	out["entry-size"] = hi - start
	if "address64" in found and "address64" in offs:
		o, writer, value = offs["address64"]
		out["address"] = o - start
		out["address-64"] = True
		if WRITE64.match(writer):
			out["address-write64"] = True
		mask = re.search(r"\b%s\s*&=\s*(\w+)" % re.escape(value), body)
		maskv = value_of(mask.group(1), defs) if mask else None
		if maskv is not None and maskv.bit_length() < 64:
			out["address-hi-width"] = maskv.bit_length() - 32
	elif "address_lo" in offs:
		if "address_hi" in offs:
			out["address"] = [offs["address_lo"][0] - start, offs["address_hi"][0] - start]
			w = hi_width(offs["address_hi"][2], m, defs)
			if w is not None:
				out["address-hi-width"] = w
		else:
			out["address"] = offs["address_lo"][0] - start
			out["address-32"] = True
	if "data" in offs:
		out["data"] = offs["data"][0] - start
	else:
		todo.append("data: the message data is not stored")
	for o, v in constants:
		out["constant"] = [o - start, v]
	out["parent-mask"] = True
	todo.append("a mask or enable bit: %s() writes none, so the draft says parent-mask (check the device has no per-slot mask)" % fn)
	return (name, out), todo

def yaml_of(path, line, fn, m):
	res, todo = describe(path, line, fn, m)
	lines = ["# Draft from %s() (%s:%d), made by ims_chip_candidate.cocci."
		 % (fn, os.path.relpath(path), line),
		 "# Not inferred:"] + ["#  - %s" % t for t in todo]
	if res is None:
		return "\n".join(lines)
	name, out = res
	lines += ["name: %s" % name, "description: |",
		  "  TODO: the device.  The message storage %s() writes." % fn]
	for key, v in out.items():
		if isinstance(v, bool):
			v = "true" if v else "false"
		elif isinstance(v, list):
			v = "[%s]" % ", ".join("%#x" % x if x > 9 else str(x) for x in v)
		elif isinstance(v, int) and key not in ("slots", "address-hi-width"):
			v = "%#x" % v if v > 9 else str(v)
		lines.append("%s: %s" % (key, v))
	return "\n".join(lines)

// Functions handed an MSI message that store its words with some call
@w depends on context || org || report || draft exists@
identifier wfn, m, wr;
position p : script:python() { checked(p) };
@@

wfn@p(..., struct msi_msg *m, ...)
{
  ... when any
(
  wr(..., <+... m->address_lo ...+>, ...)
|
  wr(..., <+... m->address_hi ...+>, ...)
|
  wr(..., <+... m->data ...+>, ...)
)
  ... when any
}

// A 64-bit doorbell composed from both address words, written at once
@c64 depends on w exists@
identifier w.wfn, w.m, D;
expression E;
position q;
@@

wfn(..., struct msi_msg *m, ...)
{
  ... when any
  D = <+... m->address_hi ...+>;
  ... when any
(
  writeq@q(D, E)
|
  writeq_relaxed@q(D, E)
|
  lo_hi_writeq@q(D, E)
|
  lo_hi_writeq_relaxed@q(D, E)
|
  hi_lo_writeq@q(D, E)
|
  hi_lo_writeq_relaxed@q(D, E)
|
  iowrite64@q(D, E)
)
  ... when any
}

// The message passed on: stored by another function
@pass depends on (context || org || report) exists@
identifier wfn, m, f;
position p : script:python() { checked(p) };
position q;
@@

wfn@p(..., struct msi_msg *m, ...)
{
  ... when any
  f@q(..., m, ...)
  ... when any
}

@cx depends on w && context exists@
identifier w.wfn, w.m;
@@

* wfn(..., struct msi_msg *m, ...)
  {
  ...
  }

@script:python depends on org@
p << w.p;
wfn << w.wfn;
m << w.m;
@@
coccilib.org.print_todo(p[0], "[S] %s() stores the MSI message into device storage (%s)" % (wfn, where(p, m)))

@script:python depends on report@
p << w.p;
wfn << w.wfn;
m << w.m;
@@
coccilib.report.print_report(p[0], "[S] %s() stores the MSI message into device storage (%s): describe it with a struct ims_desc" % (wfn, where(p, m)))

@script:python depends on org@
q << c64.q;
wfn << w.wfn;
@@
coccilib.org.print_todo(q[0], "[C] %s() writes a composed 64-bit doorbell" % wfn)

@script:python depends on report@
q << c64.q;
wfn << w.wfn;
@@
coccilib.report.print_report(q[0], "[C] %s() composes a 64-bit doorbell from address_hi and address_lo and writes it at once: address-64 and address-write64 in a description" % wfn)

@script:python depends on org@
q << pass.q;
wfn << pass.wfn;
f << pass.f;
@@
coccilib.org.print_todo(q[0], "[G] %s() passes the MSI message on to %s()" % (wfn, f))

@script:python depends on report@
q << pass.q;
wfn << pass.wfn;
f << pass.f;
@@
coccilib.report.print_report(q[0], "[G] %s() passes the MSI message on to %s(), which stores it: describe that storage with a struct ims_desc" % (wfn, f))

@script:python depends on draft@
p << w.p;
wfn << w.wfn;
m << w.m;
@@
print(yaml_of(p[0].file, int(p[0].line), wfn, m))
