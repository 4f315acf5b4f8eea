#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make demo: build the 7.3 kernel with the PCI/IMS series (TREE=6.12: the
# 6.12 backport), boot it in
# QEMU x86_64 with a VT-d IOMMU doing interrupt remapping and QEMU's edu
# device, and print, per shipped descriptor, what the end-to-end suite
# saw: vectors, fired, delivered, suppressed by mask, PASS/FAIL.  The same
# for arm64 in QEMU virt with a GICv3 ITS: a DT platform device whose
# messages edu writes, and edu's own PCI/IMS domain below the ITS.  Then boot the x86_64 kernel without interrupt
# remapping and show that IMS is refused.  Exits non-zero on any FAIL.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/progress.sh"

"$REPO/harness/deps.sh"
"$REPO/harness/tree.sh"

rc=0
with_progress "$BUILD/kunit-x86" "building and booting x86_64 (interrupt remapping)" \
	"$LOGS/demo-ir.out" "$REPO/harness/kunit-x86.sh" ir ims_desc_smp_edu || rc=1
log=$LOGS/kunit-x86-ir.raw
table=$(raw_lines "$log" ims-demo | awk '!seen[$0]++')
[ -n "$table" ] || { tail -n 40 "$log" >&2; die "the demo produced no table (log: ${log#"$REPO"/})"; }

with_progress "$BUILD/kunit-arm64" "building and booting arm64 (GICv3 ITS)" \
	"$LOGS/demo-arm64.out" "$REPO/harness/kunit-arm64.sh" || rc=1
arm=$(raw_lines "$LOGS/kunit-arm64.raw" ims-demo | awk '!seen[$0]++')

say "booting the x86_64 kernel without interrupt remapping"
"$REPO/harness/kunit-x86.sh" no_ir >"$LOGS/demo-no_ir.out" 2>&1 || rc=1
refused=$(raw_lines "$LOGS/kunit-x86-no_ir.raw" ims-demo | awk '!seen[$0]++')

# The kernel that booted, as its console says
booted()
{
	local v

	v=$(grep -a -m 1 -oE 'Linux version [^ ]+' "$1" 2>/dev/null) || v="Linux version (unknown)"
	echo "Linux ${v#Linux version }"
}

echo
echo "IMS end to end on QEMU x86_64 (q35, intel-iommu intremap=on, edu 1234:11e8), $(booted "$log")"
echo "$table"
echo
echo "IMS end to end on QEMU arm64 (virt, GICv3 ITS), $(booted "$LOGS/kunit-arm64.raw"): a DT platform"
echo "device (DeviceID 0) whose messages edu 1234:11e8 writes by DMA, per descriptor and by"
echo "compatible; edu's own PCI/IMS domain and the sizing of its DeviceID's event space (ITS rows)"
echo "${arm:-  (no result)}"
echo
echo "Without interrupt remapping, $(booted "$LOGS/kunit-x86-no_ir.raw"):"
echo "${refused:-  (no result)}"
if [ "$rc" -ne 0 ] || echo "$table$arm" | grep -q FAIL || [ -z "$refused" ] || [ -z "$arm" ]; then
	die "demo failed (logs: ${LOGS#"$REPO"/}/kunit-x86-*.log)"
fi
