// SPDX-License-Identifier: GPL-2.0-only
/// A device driver reaches into MSI descriptors or the cached MSI message.
///
/// [B] The MSI message (address and data) belongs to the MSI domain that
/// composes it: it changes on affinity changes, with interrupt remapping
/// and in guests.  A driver that copies msi_desc->msg or calls
/// get_cached_msi_msg() holds a copy that goes stale.
///
/// [F] Descriptor internals: looking up the MSI descriptor of an
/// interrupt, its PCI attributes, walking or locking a device's
/// descriptors, filling MSI allocation info, asking whether a domain is
/// an MSI domain.  include/linux/msi.h: "Regular device drivers have no
/// business with any of these functions."
///
/// Describe the device's message storage with a struct ims_desc; get
/// interrupt numbers with msi_get_virq() or pci_irq_vector().
///
/// Matches are by API name or by the declared type struct msi_desc *,
/// never by a variable's name.
//
// Confidence: High
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

@c depends on context@
struct msi_desc *d;
position p : script:python() { checked(p) };
@@

(
* d@p->msg
|
* get_cached_msi_msg@p(...)
|
* __get_cached_msi_msg@p(...)
|
* irq_get_msi_desc@p(...)
|
* irq_data_get_msi_desc@p(...)
|
* d@p->pci
|
* msi_lock_descs@p(...)
|
* msi_first_desc@p(...)
|
* msi_next_desc@p(...)
|
* irq_domain_is_msi@p(...)
)

@ci depends on context@
iterator name msi_for_each_desc;
statement S;
position p : script:python() { checked(p) };
@@

* msi_for_each_desc@p(...) S

@ca depends on context@
typedef msi_alloc_info_t;
identifier v;
initializer I;
position p : script:python() { checked(p) };
@@

(
* msi_alloc_info_t v@p;
|
* msi_alloc_info_t v@p = I;
)

@b depends on org || report@
struct msi_desc *d;
position p : script:python() { checked(p) };
@@

(
 d@p->msg
|
 get_cached_msi_msg@p(...)
|
 __get_cached_msi_msg@p(...)
)

@f depends on org || report@
struct msi_desc *d;
position p : script:python() { checked(p) };
@@

(
 irq_get_msi_desc@p(...)
|
 irq_data_get_msi_desc@p(...)
|
 d@p->pci
|
 msi_lock_descs@p(...)
|
 msi_first_desc@p(...)
|
 msi_next_desc@p(...)
|
 irq_domain_is_msi@p(...)
)

@fi depends on org || report@
iterator name msi_for_each_desc;
statement S;
position p : script:python() { checked(p) };
@@

 msi_for_each_desc@p(...) S

@fa depends on org || report@
typedef msi_alloc_info_t;
identifier v;
initializer I;
position p : script:python() { checked(p) };
@@

(
 msi_alloc_info_t v@p;
|
 msi_alloc_info_t v@p = I;
)

@script:python depends on org@
p << b.p;
@@
coccilib.org.print_todo(p[0], "[B] device driver reads the cached MSI message")

@script:python depends on report@
p << b.p;
@@
coccilib.report.print_report(p[0], "[B] device driver reads the cached MSI message; the MSI domain owns it and changes it (describe the storage with struct ims_desc)")

@script:python depends on org@
p << f.p;
@@
coccilib.org.print_todo(p[0], "[F] device driver uses MSI descriptor internals")

@script:python depends on report@
p << f.p;
@@
coccilib.report.print_report(p[0], "[F] device driver uses MSI descriptor internals; use msi_get_virq() or pci_irq_vector()")

@script:python depends on org@
p << fi.p;
@@
coccilib.org.print_todo(p[0], "[F] device driver walks its MSI descriptors")

@script:python depends on report@
p << fi.p;
@@
coccilib.report.print_report(p[0], "[F] device driver walks its MSI descriptors; use msi_get_virq() or pci_irq_vector()")

@script:python depends on org@
p << fa.p;
@@
coccilib.org.print_todo(p[0], "[F] code outside the irq core fills MSI allocation info")

@script:python depends on report@
p << fa.p;
@@
coccilib.report.print_report(p[0], "[F] code outside the irq core fills MSI allocation info (msi_alloc_info_t); only MSI domains do")
