// SPDX-License-Identifier: GPL-2.0-only
/// A device driver has its own MSI message write callback (an irq_chip's
/// irq_write_msi_msg(), or the platform MSI write callback) that stores
/// the message address and data into device storage: a candidate for a
/// struct ims_desc and the generic IMS chip.
///
/// The report shows the storage layout read off the code: the expression
/// each message word is written to.
///
/// Files that implement MSI domains are exempt: see cocci/README.md.
//
// Confidence: Moderate
// Options: --no-includes --include-headers

virtual context
virtual org
virtual report

@w depends on context || org || report exists@
identifier wfn, m, x;
type T;
expression E;
position p;
@@

wfn@p(T *x, struct msi_msg *m)
{
  ... when any
  \(writel\|writel_relaxed\|iowrite32\|__raw_writel\|writeq\|writeq_relaxed\|lo_hi_writeq\|iowrite32be\)(m->address_lo, E)
  ... when any
}

@lo depends on w exists@
identifier w.wfn, m, x;
type T;
expression E;
@@

wfn(T *x, struct msi_msg *m)
{
  ... when any
  \(writel\|writel_relaxed\|iowrite32\|__raw_writel\|iowrite32be\)(m->address_lo, E)
  ... when any
}

@hi depends on w exists@
identifier w.wfn, m, x;
type T;
expression E;
@@

wfn(T *x, struct msi_msg *m)
{
  ... when any
  \(writel\|writel_relaxed\|iowrite32\|__raw_writel\|iowrite32be\)(m->address_hi, E)
  ... when any
}

@da depends on w exists@
identifier w.wfn, m, x;
type T;
expression E;
@@

wfn(T *x, struct msi_msg *m)
{
  ... when any
  \(writel\|writel_relaxed\|iowrite32\|__raw_writel\|iowrite32be\)(m->data, E)
  ... when any
}

@c depends on w && context exists@
identifier w.wfn, m, x;
type T;
@@

* wfn(T *x, struct msi_msg *m)
  {
  ...
  }

@script:python depends on org@
p << w.p;
wfn << w.wfn;
e_lo << lo.E = "?";
e_hi << hi.E = "?";
e_da << da.E = "?";
@@
e = [x.replace(" -> ", "->") for x in (e_lo, e_hi, e_da)]
coccilib.org.print_todo(p[0], "%s() stores the MSI message into device storage (address_lo -> %s, address_hi -> %s, data -> %s)" % (wfn, e[0], e[1], e[2]))

@script:python depends on report@
p << w.p;
wfn << w.wfn;
e_lo << lo.E = "?";
e_hi << hi.E = "?";
e_da << da.E = "?";
@@
e = [x.replace(" -> ", "->") for x in (e_lo, e_hi, e_da)]
coccilib.report.print_report(p[0], "%s() stores the MSI message into device storage (address_lo -> %s, address_hi -> %s, data -> %s): describe it with a struct ims_desc" % (wfn, e[0], e[1], e[2]))
