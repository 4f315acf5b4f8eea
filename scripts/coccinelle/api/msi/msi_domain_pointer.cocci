// SPDX-License-Identifier: GPL-2.0-only
/// [D] A device driver handles the irq domain of its MSI interrupts: it
/// sets or reads its device's MSI domain (dev->msi.domain or the
/// accessors), looks its MSI parent up in firmware itself, keeps an
/// irq_domain pointer for its MSI or IMS domain (a member named
/// msi_domain, ims_domain, msi_irq_domain or ims_irq_domain), creates MSI domains or
/// allocates from them directly, or stacks an irq domain of its own on
/// its MSI vectors (irq_domain_push_irq(), the domain of a vector's
/// irq_data as a parent).
///
/// The usage site has no business with the irq domain of its interrupts
/// (tglx, LKML Nov 2022): bus code sets a device's MSI domain, and a
/// driver allocates an interrupt with an instance cookie and gets a
/// Linux interrupt number.  Use devm_ims_desc_create_domain() and
/// devm_ims_desc_alloc_irq() for IMS, pci_alloc_irq_vectors() and
/// pci_msix_alloc_irq_at() for MSI and MSI-X.
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

@c depends on context@
expression E;
identifier gc;
position p : script:python() { checked(p) };
@@

(
* dev_get_msi_domain@p(...)
|
* dev_set_msi_domain@p(...)
|
* of_msi_get_domain@p(...)
|
* msi_create_device_irq_domain@p(...)
|
* msi_remove_device_irq_domain@p(...)
|
* msi_create_irq_domain@p(...)
|
* platform_msi_create_irq_domain@p(...)
|
* pci_msi_create_irq_domain@p(...)
|
* msi_get_domain_info@p(...)
|
* msi_domain_alloc_irq_at@p(...)
|
* msi_domain_alloc_irqs@p(...)
|
* msi_domain_alloc_irqs_range@p(...)
|
* msi_domain_alloc_irqs_all_locked@p(...)
|
* msi_domain_free_irqs_range@p(...)
|
* msi_domain_free_irqs_all@p(...)
|
* irq_domain_push_irq@p(...)
|
* E->msi.domain@p
|
* E.msi.domain@p
|
* gc->parent_domain@p = irq_get_irq_data(...)->domain
)

@cf depends on context@
identifier s;
symbol msi_domain, ims_domain, msi_irq_domain, ims_irq_domain;
position p : script:python() { checked(p) };
@@

struct s {
  ...
(
* struct irq_domain *msi_domain@p;
|
* struct irq_domain *ims_domain@p;
|
* struct irq_domain *msi_irq_domain@p;
|
* struct irq_domain *ims_irq_domain@p;
)
  ...
};

// The calls, by name: only files that make one outside the MSI domain
// implementations are looked at further
@calls depends on org || report@
position p : script:python() { checked(p) };
@@

(
 dev_get_msi_domain@p(...)
|
 dev_set_msi_domain@p(...)
|
 of_msi_get_domain@p(...)
|
 msi_create_device_irq_domain@p(...)
|
 msi_remove_device_irq_domain@p(...)
|
 msi_create_irq_domain@p(...)
|
 platform_msi_create_irq_domain@p(...)
|
 pci_msi_create_irq_domain@p(...)
|
 msi_get_domain_info@p(...)
|
 msi_domain_alloc_irq_at@p(...)
|
 msi_domain_alloc_irqs@p(...)
|
 msi_domain_alloc_irqs_range@p(...)
|
 msi_domain_alloc_irqs_all_locked@p(...)
|
 msi_domain_free_irqs_range@p(...)
|
 msi_domain_free_irqs_all@p(...)
|
 irq_domain_push_irq@p(...)
)

@r depends on calls@
identifier fn = {dev_get_msi_domain, dev_set_msi_domain, of_msi_get_domain,
		 msi_create_device_irq_domain, msi_remove_device_irq_domain,
		 msi_create_irq_domain, platform_msi_create_irq_domain,
		 pci_msi_create_irq_domain, msi_get_domain_info,
		 msi_domain_alloc_irq_at, msi_domain_alloc_irqs,
		 msi_domain_alloc_irqs_range, msi_domain_alloc_irqs_all_locked,
		 msi_domain_free_irqs_range, msi_domain_free_irqs_all,
		 irq_domain_push_irq};
position p;
@@

 fn@p(...)

@d depends on org || report@
expression E;
identifier gc;
position p : script:python() { checked(p) };
@@

(
 E->msi.domain@p
|
 E.msi.domain@p
|
 gc->parent_domain@p = irq_get_irq_data(...)->domain
)

@f depends on org || report@
identifier s;
symbol msi_domain, ims_domain, msi_irq_domain, ims_irq_domain;
position p : script:python() { checked(p) };
@@

struct s {
  ...
(
  struct irq_domain *msi_domain@p;
|
  struct irq_domain *ims_domain@p;
|
  struct irq_domain *msi_irq_domain@p;
|
  struct irq_domain *ims_irq_domain@p;
)
  ...
};

@script:python depends on org@
p << r.p;
fn << r.fn;
@@
coccilib.org.print_todo(p[0], "[D] device driver calls MSI domain internal %s()" % fn)

@script:python depends on report@
p << r.p;
fn << r.fn;
@@
coccilib.report.print_report(p[0], "[D] device driver calls MSI domain internal %s(); use the driver-facing allocation API" % fn)

@script:python depends on org@
p << d.p;
@@
coccilib.org.print_todo(p[0], "[D] device driver handles the irq domain of its MSI interrupts")

@script:python depends on report@
p << d.p;
@@
coccilib.report.print_report(p[0], "[D] device driver handles the irq domain of its MSI interrupts; bus code sets a device's MSI domain")

@script:python depends on org@
p << f.p;
@@
coccilib.org.print_todo(p[0], "[D] device driver keeps an MSI/IMS irq_domain pointer")

@script:python depends on report@
p << f.p;
@@
coccilib.report.print_report(p[0], "[D] device driver keeps an MSI/IMS irq_domain pointer; usage sites never see the domain")
