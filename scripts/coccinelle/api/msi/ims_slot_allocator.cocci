// SPDX-License-Identifier: GPL-2.0-only
/// [E] A device driver chooses MSI or IMS indices itself, beside the MSI
/// core: an IDA, IDR, xarray or bitmap allocation, or a helper named like
/// an IMS slot allocator, in a function that allocates MSI/IMS
/// interrupts; or an index taken from a driver structure and passed to
/// pci_msix_alloc_irq_at() or msi_domain_alloc_irq_at().
///
/// The MSI core already allocates indices (MSI_ANY_INDEX), and for IMS
/// the storage slot is a resource of the interrupt domain, allocated with
/// the interrupt: for array storage the index is the slot, for queue
/// storage the instance cookie locates the entry.  A second allocator in
/// the driver duplicates that state ("3 redundant levels of storage for
/// exactly the same information", tglx, LKML Aug 2020) and must be kept
/// in sync by hand.  Growing a vector set at its end with a loop counter
/// is the documented use of an explicit index and is not reported.
//
// Confidence: Moderate
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

// Functions that allocate MSI/IMS interrupts
@alloc exists@
identifier fn;
position p : script:python() { checked(p) };
@@

fn(...)
{
  ... when any
(
  devm_ims_desc_alloc_irq@p(...)
|
  msi_domain_alloc_irq_at@p(...)
|
  msi_domain_alloc_irqs@p(...)
|
  msi_domain_alloc_irqs_range@p(...)
|
  platform_device_msi_init_and_alloc_irqs@p(...)
|
  pci_msix_alloc_irq_at@p(...)
)
  ... when any
}

@c depends on alloc && context exists@
identifier alloc.fn;
identifier h =~ "(alloc|get_free)_(ims|IMS|slot)|(ims|IMS|slot)s?_(index_)?(alloc|get_free)";
@@

fn(...)
{
  ... when any
(
* ida_alloc(...)
|
* ida_alloc_range(...)
|
* ida_alloc_min(...)
|
* ida_alloc_max(...)
|
* ida_simple_get(...)
|
* idr_alloc(...)
|
* xa_alloc(...)
|
* xa_alloc_cyclic(...)
|
* bitmap_find_free_region(...)
|
* find_first_zero_bit(...)
|
* find_next_zero_bit(...)
|
* h(...)
)
  ... when any
}

@r depends on alloc && (org || report) exists@
identifier alloc.fn;
identifier g = {ida_alloc, ida_alloc_range, ida_alloc_min, ida_alloc_max,
		ida_simple_get, idr_alloc, xa_alloc, xa_alloc_cyclic,
		bitmap_find_free_region, find_first_zero_bit,
		find_next_zero_bit};
position p;
@@

fn(...)
{
  ... when any
  g@p(...)
  ... when any
}

@rh depends on alloc && (org || report) exists@
identifier alloc.fn;
identifier h =~ "(alloc|get_free)_(ims|IMS|slot)|(ims|IMS|slot)s?_(index_)?(alloc|get_free)";
position p;
@@

fn(...)
{
  ... when any
  h@p(...)
  ... when any
}

// An index from a driver structure: chosen by the driver's own allocator
@ci depends on alloc && context@
expression D, E, X, Y;
identifier fld;
position p : script:python() { checked(p) };
@@

(
* pci_msix_alloc_irq_at@p(D, E->fld, X)
|
* pci_msix_alloc_irq_at@p(D, E.fld, X)
|
* msi_domain_alloc_irq_at@p(D, Y, E->fld, X, ...)
|
* msi_domain_alloc_irq_at@p(D, Y, E.fld, X, ...)
)

@ri depends on alloc && (org || report)@
expression D, E, X, Y;
identifier fld;
position p : script:python() { checked(p) };
@@

(
 pci_msix_alloc_irq_at@p(D, E->fld, X)
|
 pci_msix_alloc_irq_at@p(D, E.fld, X)
|
 msi_domain_alloc_irq_at@p(D, Y, E->fld, X, ...)
|
 msi_domain_alloc_irq_at@p(D, Y, E.fld, X, ...)
)

@script:python depends on org@
p << r.p;
fn << alloc.fn;
@@
coccilib.org.print_todo(p[0], "[E] %s() allocates MSI/IMS indices beside the MSI core" % fn)

@script:python depends on report@
p << r.p;
fn << alloc.fn;
@@
coccilib.report.print_report(p[0], "[E] %s() keeps an index allocator beside the MSI core's; the MSI index is the slot" % fn)

@script:python depends on org@
p << rh.p;
fn << alloc.fn;
h << rh.h;
@@
import re
if not re.match(r"(ims_desc_|msi_|pci_|platform_|dev_msi_)", h):
    coccilib.org.print_todo(p[0], "[E] %s() allocates IMS slots beside the MSI domain (%s)" % (fn, h))

@script:python depends on report@
p << rh.p;
fn << alloc.fn;
h << rh.h;
@@
import re
if not re.match(r"(ims_desc_|msi_|pci_|platform_|dev_msi_)", h):
    coccilib.report.print_report(p[0], "[E] %s() keeps an IMS slot allocator beside the MSI domain's allocation (%s()); the MSI index is the slot" % (fn, h))

@script:python depends on org@
p << ri.p;
fld << ri.fld;
@@
coccilib.org.print_todo(p[0], "[E] MSI index chosen by the driver (%s)" % fld)

@script:python depends on report@
p << ri.p;
fld << ri.fld;
@@
coccilib.report.print_report(p[0], "[E] MSI index chosen by the driver (%s) and passed to the MSI core; allocate with MSI_ANY_INDEX" % fld)
