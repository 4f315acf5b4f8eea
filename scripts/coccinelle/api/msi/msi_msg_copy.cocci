// SPDX-License-Identifier: GPL-2.0-only
/// A device driver keeps a copy of an MSI message and programs it into
/// the device outside an MSI write callback.
///
/// [B] A struct msi_msg kept in a driver structure, or the address words
/// of a struct msi_msg (address_lo, address_hi) used in a function that
/// is not handed the message by the MSI domain (its write callback, which
/// has a struct msi_msg * parameter).  The copy goes stale when the message
/// changes (affinity, interrupt remapping, restore).
///
/// [G] A register whose name says it holds an MSI address or data word
/// (MSI_ADDR, MSI1_BASE, msi_data, ...) written outside an MSI write
/// callback, in a file that keeps the words in fields named msi_addr,
/// msi_data, msi_address, msi_addr_lo or msi_addr_hi: the message was
/// composed or fetched elsewhere (often in another file) and is
/// programmed into ring or queue registers here.  Config space writes
/// are msi_cap_config.cocci's.
///
/// Describe the storage with a struct ims_desc: the generic IMS chip
/// writes every message the MSI domain composes, when it composes it.
//
// Confidence: Low
// Options: --no-includes --include-headers

virtual context
virtual org
virtual report

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

# A register or field named for an MSI address or data word
MSI_REG = re.compile(r"(?i)msi\d*_?(addr|address|data|base)(?![a-z])")
# Functions handed the message by an MSI domain, per file
callbacks = {}

def in_callback(p):
	return p[0].current_element in callbacks.get(p[0].file, ())

def msi_reg(args):
	return bool(MSI_REG.search(str(args)))

// MSI write callbacks (and helpers handed the message): not reported here
@cb@
identifier fn, m;
position p;
@@

 fn@p(..., struct msi_msg *m, ...) { ... }

@script:python@
fn << cb.fn;
p << cb.p;
@@
callbacks.setdefault(p[0].file, set()).add(fn)

@c depends on context@
struct msi_msg *m;
struct msi_msg mm;
position p : script:python() { checked(p) and not in_callback(p) };
@@

(
* mm.address_lo@p
|
* m->address_lo@p
|
* mm.address_hi@p
|
* m->address_hi@p
)

@ck depends on context@
identifier s, f;
position p : script:python() { checked(p) };
@@

struct s {
  ...
* struct msi_msg f@p;
  ...
};

@kept depends on org || report@
identifier s, f;
position p : script:python() { checked(p) };
@@

struct s {
  ...
  struct msi_msg f@p;
  ...
};

@addr depends on org || report@
struct msi_msg *m;
struct msi_msg mm;
position p : script:python() { checked(p) and not in_callback(p) };
@@

(
 mm.address_lo@p
|
 m->address_lo@p
|
 mm.address_hi@p
|
 m->address_hi@p
)

// Files with fields named for a stored MSI address or data word
@regs@
expression E;
@@

(
 E->msi_addr
|
 E->msi_data
|
 E->msi_address
|
 E->msi_addr_lo
|
 E->msi_addr_hi
|
 E.msi_addr
|
 E.msi_data
|
 E.msi_address
|
 E.msi_addr_lo
|
 E.msi_addr_hi
)

@g depends on regs && (context || org || report)@
identifier wf =~ "write";
expression list es;
position p : script:python(es, wf) { checked(p) and not in_callback(p) and msi_reg(es) and not wf.startswith("pci_") };
@@

 wf@p(es)

@script:python depends on org@
p << kept.p;
f << kept.f;
@@
coccilib.org.print_todo(p[0], "[B] device driver keeps a copy of an MSI message (%s)" % f)

@script:python depends on report@
p << kept.p;
f << kept.f;
@@
coccilib.report.print_report(p[0], "[B] device driver keeps a copy of an MSI message (%s); it goes stale when the MSI domain changes the message" % f)

@script:python depends on org@
p << addr.p;
@@
coccilib.org.print_todo(p[0], "[B] device driver handles an MSI message's address outside an MSI write callback")

@script:python depends on report@
p << addr.p;
@@
coccilib.report.print_report(p[0], "[B] device driver handles an MSI message's address outside an MSI write callback; describe the storage with struct ims_desc")

@script:python depends on org@
p << g.p;
wf << g.wf;
@@
coccilib.org.print_todo(p[0], "[G] %s() programs an MSI address or data register outside an MSI write callback" % wf)

@script:python depends on report@
p << g.p;
wf << g.wf;
@@
coccilib.report.print_report(p[0], "[G] %s() programs an MSI address or data register outside an MSI write callback; describe the storage with struct ims_desc" % wf)
