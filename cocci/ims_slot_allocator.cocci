// SPDX-License-Identifier: GPL-2.0-only
/// A device driver keeps its own allocator (IDA, IDR, bitmap search, an
/// "alloc ims index" helper) for IMS slots beside the MSI domain's
/// allocation.
///
/// The IMS storage slot is a resource of the interrupt domain, allocated
/// together with the interrupt: for array storage the MSI index the core
/// hands out is the slot, for queue storage the instance cookie locates
/// the entry.  A separate slot allocator in the driver duplicates that
/// state ("3 redundant levels of storage for exactly the same
/// information", tglx, LKML Aug 2020) and must be kept in sync by hand.
///
/// Flagged: an ID or bitmap allocation, or a call of a helper whose name
/// says it allocates an IMS slot or index (alloc_ims, alloc_slot,
/// ims_alloc, slot_get_free, ...), in a function that also allocates
/// MSI/IMS interrupts.
///
/// Files that implement MSI domains are exempt: see cocci/README.md.
//
// Confidence: Moderate
// Options: --no-includes --include-headers

virtual context
virtual org
virtual report

@alloc exists@
identifier fn;
identifier a = {ims_desc_alloc_irq, msi_domain_alloc_irq_at,
		msi_domain_alloc_irqs, msi_domain_alloc_irqs_range,
		platform_device_msi_init_and_alloc_irqs, pci_msix_alloc_irq_at,
		dev_msi_domain_alloc_irqs, platform_msi_domain_alloc_irqs};
@@

fn(...)
{
  ... when any
  a(...)
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
		ida_simple_get, idr_alloc, bitmap_find_free_region,
		find_first_zero_bit, find_next_zero_bit};
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

@script:python depends on org@
p << r.p;
fn << alloc.fn;
@@
coccilib.org.print_todo(p[0], "%s() allocates IMS slots beside the MSI domain" % fn)

@script:python depends on report@
p << r.p;
fn << alloc.fn;
@@
coccilib.report.print_report(p[0], "%s() keeps an IMS slot allocator beside the MSI domain's allocation; the MSI index is the slot" % fn)

@script:python depends on org@
p << rh.p;
fn << alloc.fn;
h << rh.h;
@@
import re
if not re.match(r"(ims_desc_|msi_|pci_|platform_|dev_msi_)", h):
    coccilib.org.print_todo(p[0], "%s() allocates IMS slots beside the MSI domain (%s)" % (fn, h))

@script:python depends on report@
p << rh.p;
fn << alloc.fn;
h << rh.h;
@@
import re
if not re.match(r"(ims_desc_|msi_|pci_|platform_|dev_msi_)", h):
    coccilib.report.print_report(p[0], "%s() keeps an IMS slot allocator beside the MSI domain's allocation (%s()); the MSI index is the slot" % (fn, h))
