// SPDX-License-Identifier: GPL-2.0-only
/// A device driver stores an irq_domain pointer for its MSI or IMS domain,
/// or calls irq_domain / MSI domain internals instead of the driver-facing
/// allocation API.
///
/// The usage site has no business with the irq domain of its interrupts
/// (tglx, LKML Nov 2022): it allocates an interrupt with an instance
/// cookie and gets a Linux interrupt number.  A driver that keeps the
/// domain pointer, creates per-device MSI domains itself or allocates
/// from one directly bypasses the encapsulation that lets the MSI core
/// change.  Use ims_desc_create_domain() / ims_desc_alloc_irq() for IMS,
/// pci_alloc_irq_vectors() / pci_msix_alloc_irq_at() for MSI and MSI-X.
///
/// Files that implement MSI domains are exempt: see cocci/README.md.
//
// Confidence: Moderate
// Options: --no-includes --include-headers

virtual context
virtual org
virtual report

@c depends on context@
@@

(
* dev_get_msi_domain(...)
|
* dev_set_msi_domain(...)
|
* msi_create_device_irq_domain(...)
|
* msi_remove_device_irq_domain(...)
|
* msi_create_irq_domain(...)
|
* platform_msi_create_irq_domain(...)
|
* pci_msi_create_irq_domain(...)
|
* msi_get_domain_info(...)
|
* msi_domain_alloc_irq_at(...)
|
* msi_domain_alloc_irqs(...)
|
* msi_domain_alloc_irqs_range(...)
|
* msi_domain_alloc_irqs_all_locked(...)
|
* msi_domain_free_irqs_range(...)
|
* msi_domain_free_irqs_all(...)
|
* msi_lock_descs(...)
)

@cf depends on context@
identifier s, fld =~ "(msi|ims|MSI|IMS)";
@@

struct s {
  ...
* struct irq_domain *fld;
  ...
};

@r depends on org || report@
identifier fn = {dev_get_msi_domain, dev_set_msi_domain,
		 msi_create_device_irq_domain, msi_remove_device_irq_domain,
		 msi_create_irq_domain, platform_msi_create_irq_domain,
		 pci_msi_create_irq_domain, msi_get_domain_info,
		 msi_domain_alloc_irq_at, msi_domain_alloc_irqs,
		 msi_domain_alloc_irqs_range, msi_domain_alloc_irqs_all_locked,
		 msi_domain_free_irqs_range, msi_domain_free_irqs_all,
		 msi_lock_descs};
position p;
@@

 fn@p(...)

@f depends on org || report@
identifier s, fld =~ "(msi|ims|MSI|IMS)";
position p;
@@

struct s {
  ...
  struct irq_domain *fld@p;
  ...
};

@script:python depends on org@
p << r.p;
fn << r.fn;
@@
coccilib.org.print_todo(p[0], "device driver calls MSI domain internal %s()" % fn)

@script:python depends on org@
p << f.p;
fld << f.fld;
@@
coccilib.org.print_todo(p[0], "device driver keeps an MSI/IMS irq_domain pointer (%s)" % fld)

@script:python depends on report@
p << r.p;
fn << r.fn;
@@
coccilib.report.print_report(p[0], "device driver calls MSI domain internal %s(); use the driver-facing allocation API" % fn)

@script:python depends on report@
p << f.p;
fld << f.fld;
@@
coccilib.report.print_report(p[0], "device driver keeps an MSI/IMS irq_domain pointer (%s); usage sites never see the domain" % fld)
