// SPDX-License-Identifier: GPL-2.0-only
/// A device driver reads or writes MSI descriptor internals or the cached
/// MSI message.
///
/// The MSI message (address and data) belongs to the MSI domain that
/// composes it: it changes on affinity changes, with interrupt remapping,
/// and in guests.  A driver that copies msi_desc->msg, calls
/// get_cached_msi_msg() or looks up the MSI descriptor of an interrupt to
/// reach it (ath11k and ath12k program their copy into the device) has
/// taken over the job of an MSI domain's irq_write_msi_msg() callback and
/// breaks when the message changes.  include/linux/msi.h: regular device
/// drivers have no business with msi_desc.  Describe the device's message
/// storage with a struct ims_desc instead.
///
/// Files that implement MSI domains are exempt: see cocci/README.md.
//
// Confidence: High
// Options: --no-includes --include-headers

virtual context
virtual org
virtual report

@c depends on context@
struct msi_desc *d;
identifier dd =~ "desc";
identifier fld = {data, address_lo, address_hi};
@@

(
* dd->msg.fld
|
* d->msg
|
* get_cached_msi_msg(...)
|
* __get_cached_msi_msg(...)
|
* irq_get_msi_desc(...)
|
* irq_data_get_msi_desc(...)
|
* d->pci
)

@r depends on org || report@
struct msi_desc *d;
identifier dd =~ "desc";
identifier fld = {data, address_lo, address_hi};
position p;
@@

(
 dd@p->msg.fld
|
 d@p->msg
|
 get_cached_msi_msg@p(...)
|
 __get_cached_msi_msg@p(...)
|
 irq_get_msi_desc@p(...)
|
 irq_data_get_msi_desc@p(...)
|
 d@p->pci
)

@script:python depends on org@
p << r.p;
@@
coccilib.org.print_todo(p[0], "device driver reaches into an MSI descriptor or its cached message")

@script:python depends on report@
p << r.p;
@@
coccilib.report.print_report(p[0], "device driver reaches into an MSI descriptor or its cached message; the MSI domain owns it (describe the storage with struct ims_desc)")
