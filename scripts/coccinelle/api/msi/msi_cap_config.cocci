// SPDX-License-Identifier: GPL-2.0-only
/// [A] A device driver reads or writes its own MSI or MSI-X capability in
/// config space: the message address or data, or (writes) the control,
/// mask and enable bits.
///
/// The PCI/MSI core owns the capability: it writes the message the MSI
/// domain composes, keeps the mask state it caches, and restores all of
/// it after reset and resume (pci_restore_state(),
/// pci_restore_msi_state()).  A driver that reads the address out of the
/// capability holds a copy that goes stale, and one that writes it or
/// toggles enable or mask bits changes state behind the core's back.
/// Reading the capability's size (Message Control) is fine and not
/// reported.
///
/// The offset is judged by name: a register name with MSI (MSI or MSI-X
/// capability fields, a driver's own names for them, msi_cap/msix_cap).
/// A driver that writes the capability at a bare number is not found.
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

import re

# Message address and data, by the PCI names and drivers' own names
MSI_MSG_REG = re.compile(r"MSIX?\w*_(ADDR|ADDRESS|DATA)|PCI_MSIX?_ENTRY_(LOWER|UPPER|DATA)")
# Anything of the capability, for writes
MSI_CAP_REG = re.compile(r"MSI|msix?_cap")

def msi_reg(offset, write):
	return bool(MSI_MSG_REG.search(offset) or (write and MSI_CAP_REG.search(offset)))

// Config space accesses, by name: only files that make one are looked at
@cfg@
@@

(
 pci_read_config_dword(...)
|
 pci_read_config_word(...)
|
 pci_write_config_dword(...)
|
 pci_write_config_word(...)
|
 pci_write_config_byte(...)
)

@c depends on cfg && context@
identifier rf = {pci_read_config_dword, pci_read_config_word};
expression D, E, V;
position p : script:python(E) { checked(p) and msi_reg(E, False) };
@@

* rf@p(D, E, V)

@cw depends on cfg && context@
identifier wf = {pci_write_config_dword, pci_write_config_word,
		 pci_write_config_byte};
expression D, E, V;
position p : script:python(E) { checked(p) and msi_reg(E, True) };
@@

* wf@p(D, E, V)

@rd depends on cfg && (org || report)@
identifier rf = {pci_read_config_dword, pci_read_config_word};
expression D, E, V;
position p : script:python(E) { checked(p) and msi_reg(E, False) };
@@

 rf@p(D, E, V)

@wr depends on cfg && (org || report)@
identifier wf = {pci_write_config_dword, pci_write_config_word,
		 pci_write_config_byte};
expression D, E, V;
position p : script:python(E) { checked(p) and msi_reg(E, True) };
@@

 wf@p(D, E, V)

@script:python depends on org@
p << rd.p;
E << rd.E;
@@
coccilib.org.print_todo(p[0], "[A] device driver reads the MSI message from its MSI capability (%s)" % E.replace(" -> ", "->"))

@script:python depends on report@
p << rd.p;
E << rd.E;
@@
coccilib.report.print_report(p[0], "[A] device driver reads the MSI message from its MSI capability (%s); the MSI domain owns it" % E.replace(" -> ", "->"))

@script:python depends on org@
p << wr.p;
E << wr.E;
@@
coccilib.org.print_todo(p[0], "[A] device driver writes its MSI capability (%s)" % E.replace(" -> ", "->"))

@script:python depends on report@
p << wr.p;
E << wr.E;
@@
coccilib.report.print_report(p[0], "[A] device driver writes its MSI capability (%s) behind the PCI/MSI core; use pci_restore_state() or the MSI API" % E.replace(" -> ", "->"))
